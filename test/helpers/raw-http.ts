import net from "node:net";

/**
 * HTTP/1.1 over a plain TCP socket: the request goes out byte for byte as written, so
 * wire-compatibility tests control header names, case, order and encoding exactly, with no
 * client library normalising anything on the way.
 */
export interface RawResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", " (Set-Cookie with "\n"). */
  headers: Record<string, string>;
  body: string;
  json<T = unknown>(): T;
}

export interface RawRequest {
  method: string;
  /** Path and query exactly as they go on the request line. */
  target: string;
  /** In the order they are sent; `Host` is sent first unless given here. */
  headers: Array<[string, string]>;
  body?: string;
}

/** Serialises a request to the bytes a client would write (CRLF line ends, Content-Length for bodies). */
export function formatRequest(hostHeader: string, request: RawRequest): string {
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  if (!request.headers.some(([name]) => name.toLowerCase() === "host"))
    lines.push(`Host: ${hostHeader}`);
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const body = request.body ?? "";
  if (
    request.body !== undefined &&
    !request.headers.some(([name]) => name.toLowerCase() === "content-length")
  ) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}

/** Sends one request on a fresh connection and reads one response. */
export async function sendRaw(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const bytes = formatRequest(url.host, request);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response to ${request.method} ${request.target} within 10 s`));
    }, 10_000);
    socket.on("connect", () => socket.write(bytes));
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const response = tryParseResponse(buffer, request.method);
      if (response) {
        clearTimeout(timer);
        socket.destroy();
        resolve(response);
      }
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("end", () => {
      clearTimeout(timer);
      const response = tryParseResponse(buffer, request.method, true);
      if (response) resolve(response);
      else
        reject(
          new Error(`connection closed before a complete response: ${buffer.toString("latin1")}`),
        );
    });
  });
}

/** A complete response from the start of `buffer`, or null while more bytes are needed. */
function tryParseResponse(buffer: Buffer, method: string, closed = false): RawResponse | null {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const [statusLine = "", ...headerLines] = buffer
    .subarray(0, headEnd)
    .toString("latin1")
    .split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const separator = name === "set-cookie" ? "\n" : ", ";
    headers[name] = headers[name] === undefined ? value : `${headers[name]}${separator}${value}`;
  }
  const rest = buffer.subarray(headEnd + 4);
  let body: Buffer | null;
  if (method === "HEAD" || status === 204 || status === 304) body = Buffer.alloc(0);
  else if (headers["transfer-encoding"]?.includes("chunked")) body = decodeChunked(rest);
  else if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    body = rest.length >= length ? rest.subarray(0, length) : null;
  } else body = closed ? rest : null;
  if (body === null) return null;
  const text = body.toString("utf8");
  return { status, headers, body: text, json: <T>() => JSON.parse(text) as T };
}

function decodeChunked(data: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", offset);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString("latin1"), 16);
    if (Number.isNaN(size)) throw new Error("malformed chunked body");
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return null;
    parts.push(data.subarray(start, start + size));
    offset = start + size + 2;
  }
}
