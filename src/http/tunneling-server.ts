import http from "node:http";
import { AppError, isAppError } from "../errors.js";
import { RESTLI_ERROR_HEADER, restliErrorBody } from "../restli/error-body.js";
import { resolveTunnel } from "../restli/tunneling.js";
import { answerFailedExpectations } from "./client-errors.js";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * An HTTP server that unwraps Rest.li query tunneling before Fastify routes the request:
 * a `POST` with `X-HTTP-Method-Override: GET|DELETE` and a form body carrying the query is
 * served as that method on that URL (LinkedIn's clients do this past 4000 characters).
 * Routing picks the handler from the method, so this must happen before routing, which is
 * why it lives in the server factory rather than in a hook.
 */
export interface ServerLimits {
  bodyLimitBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/**
 * Fastify applies no timeouts to a server it did not create, so they are set here: slow or
 * idle clients cannot hold sockets open (a slow-header client gets a 408 and a closed socket).
 */
export function createTunnelingServer(limits: ServerLimits): (handler: Handler) => http.Server {
  const options: http.ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts on this interval (30 s by default, too coarse for them).
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(limits.headersTimeoutMs / 2)),
  };
  return (handler) => {
    const server = createServer(options, limits.bodyLimitBytes, handler);
    answerFailedExpectations(server);
    return server;
  };
}

function createServer(
  options: http.ServerOptions,
  bodyLimitBytes: number,
  handler: Handler,
): http.Server {
  return http.createServer(options, (req, res) => {
    if (req.method !== "POST" || req.headers["x-http-method-override"] === undefined) {
      handler(req, res);
      return;
    }
    readBody(req, bodyLimitBytes)
      .then((body) => {
        const tunnel = resolveTunnel({
          method: req.method ?? "POST",
          headers: req.headers,
          url: req.url ?? "/",
          body,
        });
        if (tunnel) {
          req.method = tunnel.method;
          req.url = tunnel.url;
          delete req.headers["content-type"];
          delete req.headers["content-length"];
          delete req.headers["transfer-encoding"];
          delete req.headers["x-http-method-override"];
        }
        handler(req, res);
      })
      .catch((error: unknown) => {
        const appError = isAppError(error)
          ? error
          : new AppError("INVALID_BODY", "The tunneled request could not be read", {
              cause: error,
            });
        res.writeHead(appError.status, {
          "content-type": "application/json; charset=utf-8",
          [RESTLI_ERROR_HEADER]: "true",
        });
        res.end(JSON.stringify(restliErrorBody(appError)));
      });
  });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining so the 413 can still be written, but stop buffering.
      if (size > limit) reject(new AppError("PAYLOAD_TOO_LARGE", "Request body is too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
