import { type TObject, Type } from "@sinclair/typebox";
import type { Finder } from "../../restli/finders.js";
import { AuthorizationCollection, ComplianceEventPage } from "../schemas/compliance-schemas.js";
import { findMemberEvents, MemberEventsParameters } from "./compliance-events.js";
import { findAuthorizationStatus } from "./member-compliance-authorizations.js";
import type { RestHandler } from "./rest-handler.js";

/**
 * Every `/rest` finder (`GET /{resource}?q={name}`): adding one, say `q=thread`, is one entry
 * here; its route, its 404 for unknown names and its documentation follow from the table.
 */
export const restFinders: readonly Finder<RestHandler>[] = [
  {
    resource: "complianceEvents",
    name: "memberAndApplication",
    summary:
      "The token member's compliance events for the token's application, past 28 days, ascending by processedAt then id",
    parameters: MemberEventsParameters,
    handler: findMemberEvents,
  },
  {
    resource: "memberComplianceAuthorizations",
    name: "memberAndApplication",
    summary: "The token member's authorization for the token's application",
    parameters: Type.Object({}),
    handler: findAuthorizationStatus,
  },
  {
    resource: "memberComplianceAuthorizations",
    name: "member",
    summary: "The same answer as memberAndApplication (LinkedIn's docs show both)",
    parameters: Type.Object({}),
    handler: findAuthorizationStatus,
  },
];

/** A `/rest` collection's reads: its finders come from the table above. */
export interface RestCollection {
  resource: string;
  summary: string;
  description: string;
  /** The 200 body of every finder (and of the bare GET). */
  page: TObject;
  /** The bare `GET /{resource}` (Rest.li GET_ALL), when the resource has one. */
  getAll?: RestHandler;
}

export const restCollections: readonly RestCollection[] = [
  {
    resource: "complianceEvents",
    summary: "Compliance events (Compliance Events API)",
    description:
      "Needs a member token with r_compliance_sales_nav (an application token gets 403). Poll with `startTime` = the largest processedAt seen (inclusive) and deduplicate by `id`; page with `start`/`count` until a page is shorter than `count` (spec §7).",
    page: ComplianceEventPage,
  },
  {
    resource: "memberComplianceAuthorizations",
    summary: "Compliance status (Compliance Management API)",
    description:
      "Bare, or with `q=memberAndApplication` or `q=member`: all three answer the token member's open authorization for the token's application; `elements` is empty when not opted in (spec §4). Needs a member token with r_compliance_sales_nav.",
    page: AuthorizationCollection,
    getAll: findAuthorizationStatus,
  },
];
