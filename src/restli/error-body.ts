import type { AppError, ErrorCode } from "../errors.js";

/** The response header that marks a Rest.li error body; its value is `true`. */
export const RESTLI_ERROR_HEADER = "X-RestLi-Error-Response";

// LinkedIn's bodies for these carry no `code`: validation errors explain themselves in
// errorDetails, and the throttle body is `{status, serviceErrorCode, message}` only.
const CODELESS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["PARAM_INVALID", "THROTTLED"]);

/**
 * Renders an AppError as LinkedIn's JSON error body: `{status, serviceErrorCode?, code?, message}`,
 * or the validation form with `errorDetails.inputErrors`
 * (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling).
 */
export function restliErrorBody(error: AppError): Record<string, unknown> {
  if (error.inputErrors !== undefined && error.inputErrors.length > 0) {
    return {
      status: error.status,
      message: error.message,
      errorDetails: {
        inputErrors: error.inputErrors.map((input) => ({
          description: input.description,
          input: { inputPath: { fieldPath: input.fieldPath } },
          code: input.code ?? "PARAM_INVALID",
        })),
      },
    };
  }
  const body: Record<string, unknown> = { status: error.status };
  if (error.serviceErrorCode !== undefined) body.serviceErrorCode = error.serviceErrorCode;
  if (!CODELESS.has(error.code)) body.code = error.code;
  body.message = error.message;
  return body;
}
