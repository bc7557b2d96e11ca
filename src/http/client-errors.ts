import type http from "node:http";
import type { Duplex } from "node:stream";
import { AppError } from "../errors.js";
import { RESTLI_ERROR_HEADER, restliErrorBody } from "../restli/error-body.js";

/**
 * A request line longer than this, cut off by the header limit, is an over-long URL (414)
 * rather than too many headers (431). Node counts the request line against its 16 KB header
 * limit, so any URL that trips it is well past this.
 */
const LONG_REQUEST_LINE_BYTES = 8 * 1024;

/** The catalogue error for what Node's HTTP parser refused before any route could see it. */
export function clientErrorFor(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): AppError {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return requestLineTooLong(error.rawPacket)
        ? new AppError("URI_TOO_LONG", "The request URL is too long")
        : new AppError("HEADERS_TOO_LARGE", "The request headers are too large");
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new AppError("REQUEST_TIMEOUT", "The request was not received in time");
    default:
      return new AppError("MALFORMED_REQUEST", "The request is not valid HTTP/1.1");
  }
}

function requestLineTooLong(rawPacket: Buffer | undefined): boolean {
  if (!rawPacket) return false;
  const lineEnd = rawPacket.indexOf("\r\n");
  return lineEnd < 0
    ? rawPacket.length >= LONG_REQUEST_LINE_BYTES
    : lineEnd >= LONG_REQUEST_LINE_BYTES;
}

/** The whole HTTP/1.1 response for an error, as raw bytes for a socket that has no request. */
export function rawErrorResponse(error: AppError): string {
  const body = JSON.stringify(restliErrorBody(error));
  return [
    `HTTP/1.1 ${error.status} ${statusText(error.status)}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    `${RESTLI_ERROR_HEADER}: true`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

function statusText(status: number): string {
  return (
    {
      400: "Bad Request",
      408: "Request Timeout",
      414: "URI Too Long",
      431: "Request Header Fields Too Large",
    }[status] ?? "Error"
  );
}

/**
 * Fastify's `clientErrorHandler`: errors of the HTTP parser (and header/request timeouts) get
 * the catalogue's JSON body instead of Node's or Fastify's own, then the socket is closed.
 */
export function handleClientError(error: Error, socket: Duplex): void {
  // A connection reset by the peer has no one left to answer.
  if ((error as NodeJS.ErrnoException).code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawErrorResponse(clientErrorFor(error as NodeJS.ErrnoException)));
}

/**
 * `Expect` other than `100-continue`: Node answers an empty 417 unless someone listens; this
 * answers the catalogue's JSON instead (RFC 9110 §10.1.1).
 */
export function answerFailedExpectations(server: http.Server): void {
  server.on("checkExpectation", (_request: http.IncomingMessage, response: http.ServerResponse) => {
    const error = new AppError("EXPECTATION_FAILED", "Only Expect: 100-continue is supported");
    const body = JSON.stringify(restliErrorBody(error));
    response.writeHead(417, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      [RESTLI_ERROR_HEADER]: "true",
      connection: "close",
    });
    response.end(body);
  });
}
