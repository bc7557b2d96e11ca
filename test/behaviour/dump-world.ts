/**
 * Dumps the answers of a fixed seeded world (events pages, threads, errors) as text, ids
 * that are random per run replaced by placeholders in order of first appearance, so two
 * builds can be compared byte for byte: `tsx test/behaviour/dump-world.ts > out.txt`.
 */
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { insertTestToken } from "../helpers/factories.js";
import { startHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

const out: string[] = [];
for (const target of storeTargets) {
  const h = await startHarness(target, { seed: null });
  await h.services.store.resetWorld();
  await h.services.clock.load();
  const admin = { authorization: h.admin.authorization };
  const call = async (
    method: "GET" | "POST" | "DELETE",
    url: string,
    headers = admin,
    payload?: unknown,
  ) => {
    const res = await h.app.inject({
      method,
      url,
      headers,
      ...(payload ? { payload: payload as object } : {}),
    });
    out.push(
      `${target.name} ${method} ${url} -> ${res.statusCode} ${res.headers["content-type"]}\n${res.body}`,
    );
    return res;
  };
  await call("POST", "/sandbox/reset", admin, { seed: demoSeed });
  // The reset starts the clock again from the system time; pin it so every time is fixed.
  await h.services.clock.freeze(true);
  await h.services.clock.setTo(1_900_000_000_000, true);
  const groupRes = await call("POST", "/sandbox/messages", admin, {
    from: "urn:li:person:grace-hopper",
    to: ["urn:li:person:ada-lovelace", "urn:li:person:alan-turing"],
    subject: "Group",
    text: "Hello both",
  });
  await h.services.clock.advance(5000);
  const batch = Array.from({ length: 4 }, (_, i) => ({
    from: `urn:li:person:${i % 2 ? "ada-lovelace" : "alan-turing"}`,
    to: [`urn:li:person:${i % 2 ? "alan-turing" : "ada-lovelace"}`],
    text: `batch ${i}`,
  }));
  await call("POST", "/sandbox/messages:batch", admin, { messages: batch });
  await call("POST", "/sandbox/messages", admin, {
    from: "urn:li:person:nobody",
    to: ["urn:li:person:ada-lovelace"],
    text: "x",
  });
  const token = await insertTestToken(h.services, {
    applicationId: "100001",
    memberId: "ada-lovelace",
  });
  const rest = { authorization: `Bearer ${token}`, "linkedin-version": "202310" };
  for (const q of [
    "",
    "&start=0&count=3",
    "&start=3&count=3",
    "&startTime=1900000004000",
    "&count=abc",
  ]) {
    await call("GET", `/rest/complianceEvents?q=memberAndApplication${q}`, rest);
  }
  await call("GET", "/rest/complianceEvents?q=memberAndApplication", {
    ...rest,
    authorization: "Bearer nope",
  });
  await call("GET", "/rest/complianceEvents?q=memberAndApplication", {
    authorization: rest.authorization,
  });
  await call("GET", "/rest/memberComplianceAuthorizations?q=memberAndApplication", rest);
  const group = JSON.parse(groupRes.body) as { thread: string };
  await call("GET", `/sandbox/threads/${group.thread.split(":").pop()}`);
  await call("GET", "/sandbox/events?application=100001&member=ada-lovelace");
  await call(
    "POST",
    "/oauth/v2/accessToken",
    { "content-type": "application/x-www-form-urlencoded" } as never,
    "grant_type=nope",
  );
  await call(
    "POST",
    "/oauth/v2/introspectToken",
    { "content-type": "application/x-www-form-urlencoded" } as never,
    `token=${token}`,
  );
  await h.close();
}
// Random ids (message ids, thread ids, activity ids, tokens) → placeholders in first-seen order.
let text = out.join("\n\n");
const seen = new Map<string, string>();
text = text.replace(
  /\b(?:2-[A-Za-z0-9_-]{24}|[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|rgl_[a-z]+_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
  (m) => {
    if (!seen.has(m)) seen.set(m, `<id${seen.size}>`);
    return seen.get(m)!;
  },
);
// The seed's own messages are stamped before the clock is pinned: their times vary per run.
text = text.replace(/\b1[78]\d{11}\b/g, "<system-time>");
process.stdout.write(`${text}\n`);
