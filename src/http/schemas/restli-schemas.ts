import { type TSchema, Type } from "@sinclair/typebox";
import { DEFAULT_VERSION_MONTH } from "../../restli/default-version.js";

/**
 * The Rest.li protocol as the OpenAPI document shows it (spec §2): request headers, the
 * error body every failure answers, and the response headers. TypeBox only, no Node imports.
 */

/** LinkedIn's error body; `errorDetails` for parameter errors, `code` where one applies. */
export const ErrorBody = Type.Object(
  {
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    serviceErrorCode: Type.Optional(Type.Integer()),
    code: Type.Optional(Type.String({ description: "A code of docs/errors.md" })),
    message: Type.String(),
    errorDetails: Type.Optional(
      Type.Object({
        inputErrors: Type.Array(
          Type.Object({
            description: Type.String(),
            input: Type.Object({ inputPath: Type.Object({ fieldPath: Type.String() }) }),
            code: Type.String(),
          }),
        ),
      }),
    ),
  },
  { additionalProperties: false },
);

/** A response header every such answer carries (the document marks it `required`). */
export function alwaysSent<T extends TSchema>(schema: T): T {
  return { ...schema, "x-required": true };
}

const ErrorHeader = alwaysSent(Type.Literal("true", { description: "Marks a Rest.li error body" }));

/** An error response of the JSON APIs: LinkedIn's body and its marker header. */
export function errorResponse(description: string, headers: Record<string, TSchema> = {}) {
  return Type.Object(ErrorBody.properties, {
    additionalProperties: false,
    description,
    headers: { "X-RestLi-Error-Response": ErrorHeader, ...headers },
  });
}

/** Any status a sandbox fault may inject on `/rest` and `/oauth` (sandbox.md, Faults). */
export const FaultResponse = Type.Unknown({
  description: "A fault injected through /sandbox/faults: any 4xx or 5xx status",
});

// Not on the few answers given before the protocol hook runs (an unparsable URL, a fault).
export const ProtocolVersionHeader = Type.String({
  description: "Rest.li protocol version, echoed (`2.0.0` when asked for, else `1.0.0`)",
});

/** The headers every `/rest` answer carries, errors included. */
export const restResponseHeaders = { "X-RestLi-Protocol-Version": ProtocolVersionHeader };

/** An error response of a `/rest` operation: LinkedIn's body, the marker and protocol headers. */
export function restErrorResponse(description: string, headers: Record<string, TSchema> = {}) {
  return errorResponse(description, { ...restResponseHeaders, ...headers });
}

/** The request headers of a `/rest` call; `/v2` predates `LinkedIn-Version`. */
export function restRequestHeaders(versioned: boolean) {
  const common = {
    "X-RestLi-Protocol-Version": Type.Optional(
      Type.String({ description: "`2.0.0` (LinkedIn's clients) or `1.0.0`", default: "1.0.0" }),
    ),
    "X-RestLi-Method": Type.Optional(
      Type.String({
        description: "The Rest.li method (`finder`, `get_all`, `create`, `delete`), any case",
      }),
    ),
  };
  return versioned
    ? Type.Object({
        "LinkedIn-Version": Type.String({
          description: `The API version month: \`YYYYMM\`, \`YYYYMM.RR\` or \`YYYYMMDD\` (active by default: ${DEFAULT_VERSION_MONTH}). Missing: 400; not active: 426`,
          pattern: "^[0-9]{6}(\\.[0-9]{2}|[0-9]{2})?$",
        }),
        ...common,
      })
    : Type.Object(common);
}

/** The error responses every `/rest` operation shares, in LinkedIn's order of checks. */
export function restErrorResponses(versioned: boolean) {
  return {
    400: restErrorResponse(
      versioned
        ? "Bad parameter, key or body; or a missing or malformed LinkedIn-Version"
        : "Bad parameter, key or body",
    ),
    401: restErrorResponse("Missing, empty, unknown, expired or revoked access token"),
    403: restErrorResponse("The token lacks r_compliance_sales_nav, or is of the wrong kind"),
    413: restErrorResponse("The body is over the size limit"),
    415: restErrorResponse("The body's Content-Type is neither JSON nor a form"),
    ...(versioned ? { 426: restErrorResponse("LinkedIn-Version is not an active version") } : {}),
    429: restErrorResponse("A daily quota is used up", {
      "Retry-After": Type.String({ description: "Seconds until the quota resets" }),
    }),
    default: FaultResponse,
  };
}
