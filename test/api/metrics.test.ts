import { beforeEach, describe, expect, it } from "vitest";
import { purgeExpiredEvents } from "../../src/domain/events/find-events.js";
import { Metrics } from "../../src/http/plugins/metrics-registry.js";
import { DEMO_ADA_TOKEN, demoSeed } from "../../src/sandbox/demo-seed.js";
import { getEvents, sendMessage } from "../helpers/compliance-client.js";
import { type Harness, startHarness, useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/** The value of one sample line (`name{labels} value`) of a Prometheus text scrape. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return null;
}

async function scrape(h: Harness): Promise<string> {
  const res = await h.app.inject({ method: "GET", url: "/metrics" });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toContain("text/plain");
  return res.body;
}

describe.each(storeTargets)("/metrics, /healthz and request logging on $name", (target) => {
  const h = useHarness(target, { seed: demoSeed, perTest: true });
  beforeEach(async () => {
    await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin });
  });

  it("counts requests by route pattern, method and status, with a latency histogram", async () => {
    await h.app.inject({ method: "GET", url: "/sandbox/members/ada-lovelace", headers: h.admin });
    await h.app.inject({ method: "GET", url: "/sandbox/members/grace-hopper", headers: h.admin });
    await h.app.inject({ method: "GET", url: "/sandbox/members/nobody", headers: h.admin });
    await h.app.inject({ method: "GET", url: "/no/such/path" });
    const text = await scrape(h);
    const route = { route: "/sandbox/members/:id", method: "GET" };
    expect(sample(text, "regula_http_requests_total", { ...route, status: "200" })).toBe(2);
    expect(sample(text, "regula_http_requests_total", { ...route, status: "404" })).toBe(1);
    expect(sample(text, "regula_http_requests_total", { route: "unmatched", status: "404" })).toBe(
      1,
    );
    expect(
      sample(text, "regula_http_request_duration_seconds_count", { ...route, status: "200" }),
    ).toBe(2);
    expect(
      sample(text, "regula_http_request_duration_seconds_bucket", {
        ...route,
        status: "200",
        le: "+Inf",
      }),
    ).toBe(2);
  });

  it("counts events captured and events served by the Events API, and times store calls", async () => {
    const before = await scrape(h);
    const capturedBefore = sample(before, "regula_events_captured_total") ?? 0;
    await sendMessage(h.app, {
      from: "urn:li:person:grace-hopper",
      to: ["urn:li:person:ada-lovelace"],
      text: "counted",
    });
    await sendMessage(h.app, {
      from: "urn:li:person:ada-lovelace",
      to: ["urn:li:person:alan-turing"],
      text: "counted too",
    });
    const page = await getEvents(h.app, DEMO_ADA_TOKEN, { startTime: 0, count: 50 });
    expect(page.statusCode).toBe(200);
    const served = (page.json() as { elements: unknown[] }).elements.length;
    expect(served).toBeGreaterThan(2);

    const text = await scrape(h);
    // Only Ada is opted in: one event per message, for her.
    expect(sample(text, "regula_events_captured_total")).toBe(capturedBefore + 2);
    expect(sample(text, "regula_events_served_total")).toBe(served);
    expect(
      sample(text, "regula_store_query_duration_seconds_count", {
        operation: "messaging.findEvents",
        outcome: "ok",
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("exports Node's process metrics only when asked (regula serve)", async () => {
    expect(await scrape(h)).not.toContain("regula_process_cpu_user_seconds_total");
    const text = await new Metrics({ processMetrics: true }).registry.metrics();
    expect(text).toContain("regula_process_cpu_user_seconds_total");
    expect(text).toContain("regula_nodejs_eventloop_lag_seconds");
  });

  it("counts purge runs and purged rows", async () => {
    const metrics = new Metrics();
    const store = metrics.instrumentStore(h.services.store);
    await h.services.clock.advance(29 * 86_400_000);
    const purged = await purgeExpiredEvents({
      store,
      clock: h.services.clock,
      retentionDays: 28,
    });
    expect(purged).toBeGreaterThan(0);
    const text = await metrics.registry.metrics();
    expect(sample(text, "regula_purge_runs_total")).toBe(1);
    expect(sample(text, "regula_purged_events_total")).toBe(purged);
  });

  it("each app has its own registry: another app's requests never show", async () => {
    const other = await startHarness(target, { seed: null });
    try {
      await other.app.inject({ method: "GET", url: "/sandbox/clock", headers: other.admin });
      await other.app.inject({ method: "GET", url: "/sandbox/clock", headers: other.admin });
      const text = await scrape(h);
      expect(sample(text, "regula_http_requests_total", { route: "/sandbox/clock" })).toBeNull();
      const otherText = await scrape(other);
      expect(sample(otherText, "regula_http_requests_total", { route: "/sandbox/clock" })).toBe(2);
    } finally {
      await other.close();
    }
  });

  it("/healthz says the process is up; /readyz that the store answers", async () => {
    const health = await h.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
    const ready = await h.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.json()).toEqual({ status: "ready", store: target.name });
  });

  it("writes one log line per request, with its status and time, and no credentials", async () => {
    h.logs.length = 0;
    await h.app.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication&oauth2_access_token=secret-in-query",
      headers: { authorization: `Bearer ${DEMO_ADA_TOKEN}`, "linkedin-version": "202310" },
    });
    const lines = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const forRequest = lines.filter((l) => l.req !== undefined || l.res !== undefined);
    expect(forRequest).toHaveLength(1);
    const line = forRequest[0]!;
    expect(line.msg).toBe("request completed");
    expect((line.res as { statusCode: number }).statusCode).toBeGreaterThanOrEqual(200);
    expect(typeof line.responseTime).toBe("number");
    expect((line.req as { url: string }).url).toContain("oauth2_access_token=REDACTED");
    const all = h.logs.join("\n");
    expect(all).not.toContain("secret-in-query");
    expect(all).not.toContain(DEMO_ADA_TOKEN);
  });
});
