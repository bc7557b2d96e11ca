import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendBatch } from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { type Harness, startHarness, TEST_ADMIN_KEY } from "../helpers/harness.js";
import { type ConformanceChecker, conformanceChecker } from "../helpers/openapi-conformance.js";
import { createTempDir, storeTargets } from "../helpers/store-targets.js";

const run = promisify(execFile);

/**
 * A validating proxy between an archiver and Regula, as a vendor would put Prism in front of
 * it: every request and response of an archiver's whole life — code exchange, opt-in, status,
 * the reference archiver's run (introspection, event pages), an error, opt-out — crosses a
 * real HTTP hop and is checked against `/openapi.json`. Nothing may be flagged.
 */
describe.each(storeTargets)("an archiver's run through a validating proxy ($name)", (target) => {
  let h: Harness & { baseUrl: string };
  let checker: ConformanceChecker;
  let proxy: http.Server;
  let proxyUrl: string;
  const forwarded: string[] = [];

  beforeAll(async () => {
    h = await startHarness(target, { listen: true, seed: {} });
    checker = await conformanceChecker(h.app);
    proxy = http.createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const payload = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => name !== "host"),
      ) as Record<string, string>;
      const answer = await fetch(`${h.baseUrl}${request.url}`, {
        method: request.method ?? "GET",
        headers,
        ...(payload === "" ? {} : { body: payload }),
      });
      const body = await answer.text();
      const answerHeaders = Object.fromEntries(answer.headers);
      checker.record(
        { method: request.method as "GET", url: request.url ?? "/", headers, payload },
        { statusCode: answer.status, headers: answerHeaders, body } as LightMyRequestResponse,
      );
      forwarded.push(`${request.method} ${request.url} → ${answer.status}`);
      delete answerHeaders["content-encoding"];
      delete answerHeaders["content-length"];
      delete answerHeaders["transfer-encoding"];
      response.writeHead(answer.status, answerHeaders).end(body);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await h?.close();
  });

  const viaProxy = (pathname: string, init: RequestInit = {}) =>
    fetch(`${proxyUrl}${pathname}`, init);
  const rest = (token: string) => ({
    Authorization: `Bearer ${token}`,
    "LinkedIn-Version": "202310",
    "X-RestLi-Protocol-Version": "2.0.0",
  });

  it("flags no request and no response", async () => {
    const { application, clientSecret } = await createTestApplication(h.services, {
      name: "Proxied Archiver",
    });
    const ada = await createTestMember(h.services);
    const bob = await createTestMember(h.services);
    const control = {
      Authorization: `Bearer ${TEST_ADMIN_KEY}`,
      "Content-Type": "application/json",
    };

    // The member consents (the control plane stands in for the browser) and the archiver
    // exchanges the code for a token.
    const codeAnswer = await viaProxy(`/sandbox/members/${ada.id}/authorization-codes`, {
      method: "POST",
      headers: control,
      body: JSON.stringify({
        application: application.id,
        redirectUri: application.redirectUris[0],
      }),
    });
    expect(codeAnswer.status).toBe(201);
    const { code } = (await codeAnswer.json()) as { code: string };
    const tokenAnswer = await viaProxy("/oauth/v2/accessToken", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: application.redirectUris[0] as string,
        client_id: application.clientId,
        client_secret: clientSecret,
      }),
    });
    expect(tokenAnswer.status).toBe(200);
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };

    const optIn = await viaProxy("/rest/memberComplianceAuthorizations", {
      method: "POST",
      headers: { ...rest(token), "Content-Type": "application/json" },
      body: "{}",
    });
    expect(optIn.status).toBe(201);
    const key = optIn.headers.get("location")?.split("/").pop() ?? "";
    expect(
      (await viaProxy("/rest/memberComplianceAuthorizations", { headers: rest(token) })).status,
    ).toBe(200);

    const messages = Array.from({ length: 60 }, (_, i) => ({
      from: `urn:li:person:${i % 2 ? bob.id : ada.id}`,
      to: [`urn:li:person:${i % 2 ? ada.id : bob.id}`],
      text: `proxied ${i}`,
    }));
    expect((await sendBatch(h.app, messages)).statusCode).toBe(201);

    // The reference archiver's pass, pointed at the proxy through the certification contract.
    const temp = createTempDir("regula-proxy-");
    try {
      const tokensFile = path.join(temp.dir, "tokens.json");
      fs.writeFileSync(tokensFile, JSON.stringify({ [`urn:li:person:${ada.id}`]: token }));
      const output = path.join(temp.dir, "output.jsonl");
      await run(process.execPath, ["--import", "tsx", "src/main.ts", "archive", "run"], {
        env: {
          ...process.env,
          REGULA_BASE_URL: proxyUrl,
          REGULA_CLIENT_ID: application.clientId,
          REGULA_CLIENT_SECRET: clientSecret,
          REGULA_MEMBER_TOKENS: tokensFile,
          REGULA_ARCHIVE_OUTPUT: output,
          REGULA_STATE_DIR: temp.dir,
        },
      });
      const archived = fs.readFileSync(output, "utf8").trim().split("\n");
      expect(archived).toHaveLength(60);
    } finally {
      temp.remove();
    }

    // An error the archiver may meet, then the opt-out.
    const badCount = await viaProxy("/rest/complianceEvents?q=memberAndApplication&count=-1", {
      headers: rest(token),
    });
    expect(badCount.status).toBe(400);
    const optOut = await viaProxy(`/rest/memberComplianceAuthorizations/${key}`, {
      method: "DELETE",
      headers: rest(token),
    });
    expect(optOut.status).toBe(204);

    expect(forwarded.some((call) => call.startsWith("POST /oauth/v2/introspectToken"))).toBe(true);
    expect(
      forwarded.filter((call) => call.startsWith("GET /rest/complianceEvents")).length,
    ).toBeGreaterThan(1);
    expect(checker.unrouted).toEqual([]);
    expect(checker.nonconformities).toEqual([]);
  }, 120_000);
});
