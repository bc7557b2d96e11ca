/**
 * An anchor for the read phase, in its own process: `node --import tsx bench/anchor-server.ts
 * fastify|http PAGES.json PORT`. Answers `GET /rest/complianceEvents` with the exact bytes
 * and headers of a real Regula page (by `count`), doing nothing else: what the framework
 * (bare Fastify 5) or Node itself (node:http) can serve of the same bytes is the ceiling
 * Regula's page is compared with. GET /healthz answers 200 for the bench's readiness check.
 */
import fs from "node:fs";
import http from "node:http";
import Fastify from "fastify";

export interface CannedPage {
  headers: Record<string, string>;
  bodyBase64: string;
}

const [kind, pagesFile, portText] = process.argv.slice(2);
const raw = JSON.parse(fs.readFileSync(pagesFile!, "utf8")) as Record<string, CannedPage>;
const pages = new Map(
  Object.entries(raw).map(([count, page]) => [
    count,
    { headers: page.headers, body: Buffer.from(page.bodyBase64, "base64") },
  ]),
);
const fallback = pages.values().next().value!;
const port = Number(portText);

if (kind === "fastify") {
  const app = Fastify({ logger: false });
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/rest/complianceEvents", (request, reply) => {
    const count = (request.query as Record<string, string | undefined>).count ?? "10";
    const page = pages.get(count) ?? fallback;
    reply.headers(page.headers).send(page.body);
  });
  await app.listen({ port, host: "127.0.0.1" });
} else {
  const server = http.createServer((request, response) => {
    const count = /[?&]count=(\d+)/.exec(request.url ?? "")?.[1] ?? "10";
    const page = pages.get(count) ?? fallback;
    response.writeHead(200, { ...page.headers, "content-length": page.body.length });
    response.end(page.body);
  });
  server.keepAliveTimeout = 5000;
  server.listen(port, "127.0.0.1");
}
