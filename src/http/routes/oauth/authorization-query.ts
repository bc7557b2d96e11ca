import {
  type AuthorizationParams,
  authorizationParamsOf,
} from "../../../oauth/authorization-request.js";
import { AUTHORIZATION_PATH } from "./paths.js";

/** The authorization URL for these parameters: where sign-in returns to, and the consent form's target. */
export function authorizationUrl(params: AuthorizationParams): string {
  const query = authorizationParamsOf(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return `${AUTHORIZATION_PATH}?${query}`;
}

/** The request's parameters as the consent form's hidden fields. */
export function authorizationHiddenFields(params: AuthorizationParams): Record<string, string> {
  return Object.fromEntries(authorizationParamsOf(params));
}
