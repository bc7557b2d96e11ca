import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import FindMyWay, { type HTTPMethod } from "find-my-way";
import { AppError, type InputError, invalidParams, isAppError } from "../../errors.js";
import { sendError } from "../send-error.js";

const methods: HTTPMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Every failure leaves as a JSON error body: our AppErrors, Fastify's own errors (unknown
 * route, wrong method, media type, body size, malformed JSON, schema validation) and
 * anything unexpected (500, logged, never echoed).
 */
export function registerErrorHandling(app: FastifyInstance): NotFoundHandler {
  const routeIndex = FindMyWay();
  app.addHook("onRoute", (route) => {
    const routeMethods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of routeMethods) {
      if (
        methods.includes(method as HTTPMethod) &&
        !routeIndex.hasRoute(method as HTTPMethod, route.url)
      ) {
        routeIndex.on(method as HTTPMethod, route.url, () => {});
      }
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, "request failed");
    return sendError(reply, appError);
  });

  const notFound: NotFoundHandler = (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const allowed = methods.filter(
      (m) => m !== request.method && routeIndex.find(m, path) !== null,
    );
    if (allowed.length > 0) {
      reply.header("Allow", allowed.join(", "));
      return sendError(
        reply,
        new AppError(
          "METHOD_NOT_ALLOWED",
          `Method ${request.method} is not allowed on this resource`,
        ),
      );
    }
    if (path.startsWith("/rest/") || path.startsWith("/v2/")) {
      return sendError(reply, new AppError("RESOURCE_NOT_FOUND", "No virtual resource found"));
    }
    return sendError(reply, new AppError("NOT_FOUND", "Not found"));
  };
  app.setNotFoundHandler(notFound);
  return notFound;
}

/** Answers 405 (with Allow) when the path exists under another method, else a JSON 404. */
export type NotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/** Maps any thrown value to the AppError the client sees. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: ValidationIssue[] };
  if (fastifyError.validation) return invalidParams(fastifyError.validation.map(toInputError));
  switch (fastifyError.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", "Unsupported Content-Type", { cause: error });
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("PAYLOAD_TOO_LARGE", "Request body is too large", { cause: error });
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("MALFORMED_JSON", "Request body is not valid JSON", { cause: error });
    case "FST_ERR_BAD_URL":
      return new AppError("INVALID_KEY", "The request path is not valid percent-encoding", {
        cause: error,
      });
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("INVALID_BODY", "Content-Length does not match the body", {
        cause: error,
      });
  }
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    if (status === 413)
      return new AppError("PAYLOAD_TOO_LARGE", "Request body is too large", { cause: error });
    if (status === 415)
      return new AppError("UNSUPPORTED_MEDIA_TYPE", "Unsupported Content-Type", { cause: error });
    return new AppError("INVALID_BODY", "The request could not be read", { cause: error });
  }
  return new AppError("INTERNAL_ERROR", "Internal server error", { cause: error });
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function toInputError(issue: ValidationIssue): InputError {
  const missing = issue.params?.missingProperty;
  const extra = issue.params?.additionalProperty;
  const base = (issue.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
  const fieldPath = [
    base,
    typeof missing === "string" ? missing : typeof extra === "string" ? extra : "",
  ]
    .filter(Boolean)
    .join(".");
  return {
    fieldPath: fieldPath || "body",
    description:
      typeof extra === "string" ? `unknown field ${extra}` : (issue.message ?? "invalid value"),
    code: typeof missing === "string" ? "REQUIRED_FIELD_MISSING" : "PARAM_INVALID",
  };
}
