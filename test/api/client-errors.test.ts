import net from "node:net";
import { describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/** Writes raw bytes to the server and collects everything it sends until it closes. */
function exchange(
  baseUrl: string,
  chunks: Buffer[],
): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on("data", (data) => received.push(data));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(received).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split < 0 ? text : text.slice(0, split);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        headers: head.toLowerCase(),
        body: split < 0 ? "" : text.slice(split + 4),
      });
    });
    for (const chunk of chunks) socket.write(chunk);
  });
}

const request = (line: string, headers: string[] = []) =>
  Buffer.from(
    [line, "Host: 127.0.0.1", ...headers, "Connection: close", "", ""].join("\r\n"),
    "latin1",
  );

function expectCatalogueError(
  res: { status: number; headers: string; body: string },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers).toContain("x-restli-error-response: true");
  expect(res.headers).toContain("content-type: application/json");
  expect(JSON.parse(res.body)).toMatchObject({ status, code, message: expect.any(String) });
}

describe("errors before routing follow the catalogue", () => {
  const h = useHarness(storeTargets[0]!, {
    listen: true,
    env: { REGULA_HEADERS_TIMEOUT_MS: "400", REGULA_KEEP_ALIVE_TIMEOUT_MS: "300" },
  });

  it("answers 400 JSON for a raw byte >= 0x80 in the request line", async () => {
    const line = Buffer.concat([
      Buffer.from("GET /rest/caf"),
      Buffer.from([0xc3, 0xa9]),
      Buffer.from(" HTTP/1.1"),
    ]);
    const res = await exchange(h.baseUrl, [Buffer.concat([line, request("").subarray(0)])]);
    expectCatalogueError(res, 400, "MALFORMED_REQUEST");
  });

  it("answers 400 JSON for a control byte in the request line", async () => {
    const res = await exchange(h.baseUrl, [request("GET /rest/\x01x HTTP/1.1")]);
    expectCatalogueError(res, 400, "MALFORMED_REQUEST");
  });

  it("answers 417 JSON for an Expect header other than 100-continue", async () => {
    const res = await exchange(h.baseUrl, [
      request("GET /rest/complianceEvents HTTP/1.1", ["Expect: junk"]),
    ]);
    expectCatalogueError(res, 417, "EXPECTATION_FAILED");
  });

  it("answers 431 JSON for oversized headers", async () => {
    const res = await exchange(h.baseUrl, [
      request("GET /rest/complianceEvents HTTP/1.1", [`X-Padding: ${"a".repeat(20_000)}`]),
    ]);
    expectCatalogueError(res, 431, "HEADERS_TOO_LARGE");
  });

  it.each([16_434, 40_000])("answers 414 JSON for a URL of %i bytes", async (length) => {
    const path = `/rest/complianceEvents?q=${"a".repeat(length - 25)}`;
    expect(path.length).toBe(length);
    const res = await exchange(h.baseUrl, [request(`GET ${path} HTTP/1.1`)]);
    expectCatalogueError(res, 414, "URI_TOO_LONG");
  });

  it("closes a slow-header connection with 408 JSON once the headers timeout passes", async () => {
    // Headers started but never finished: the server must not wait for ever.
    const res = await exchange(h.baseUrl, [
      Buffer.from("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"),
    ]);
    expectCatalogueError(res, 408, "REQUEST_TIMEOUT");
  });

  it("closes a client that trickles header lines: slow headers do not extend the headers timeout", async () => {
    const { hostname, port } = new URL(h.baseUrl);
    const socket = net.connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on("data", (data) => received.push(data));
    // A write racing the server's close may fail with EPIPE; the close is what is checked.
    socket.on("error", () => {});
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // One more header line every 50 ms, for up to 200 lines (10 s): a slowloris client.
    let linesSent = 0;
    let open = true;
    void closed.then(() => {
      open = false;
    });
    while (open && linesSent < 200) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (open && !socket.destroyed) socket.write(`X-Slow-${linesSent}: x\r\n`);
      linesSent += 1;
    }
    await closed;
    // The server ended it long before the client would have finished its headers.
    expect(linesSent).toBeLessThan(200);
    const text = Buffer.concat(received).toString("latin1");
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text.toLowerCase()).toContain("x-restli-error-response: true");
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toMatchObject({
      status: 408,
      code: "REQUEST_TIMEOUT",
    });
  });

  it("closes an idle keep-alive connection after the keep-alive timeout", async () => {
    const res = await exchange(h.baseUrl, [
      Buffer.from("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"),
    ]);
    // The one request was answered; then the server, not the client, ended the connection.
    expect(res.status).toBe(200);
    expect(res.headers).toContain("connection: keep-alive");
  });
});
