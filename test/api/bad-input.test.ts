import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/**
 * Invariant 7: any malformed header, key, query, body or token gets a 4xx JSON error and
 * leaves the store unchanged; the server never answers 5xx or HTML to input.
 */
describe.each(storeTargets)("bad input is harmless on $name", (target) => {
  let token: string;
  let appToken: string;

  const h = useHarness(target, { env: { LOG_LEVEL: "warn" } });
  beforeAll(async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    token = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: member.id,
    });
    appToken = await insertTestToken(h.services, { applicationId: application.id, memberId: null });
    await h.services.store.authorizations.optIn(application.id, member.id, "API_OPT_IN");
  });

  const junk = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      "(",
      ")",
      "%",
      "%2",
      "%ZZ",
      "(a:b,",
      "a=b&",
      "urn:li:",
      "'",
      ",",
      "::",
      "%28%29",
      "\u0000",
      "🙂",
      "../..",
    ),
  );
  const path = fc.oneof(
    fc.constant("/rest/complianceEvents"),
    fc.constant("/rest/memberComplianceAuthorizations"),
    fc
      .tuple(fc.array(junk, { maxLength: 4 }))
      .map(([parts]) => `/rest/memberComplianceAuthorizations/${parts.map(encodeURI).join("")}`),
  );
  const query = fc.dictionary(
    fc.constantFrom("q", "start", "count", "startTime", "endTime", "fields", "x"),
    fc.oneof(
      junk,
      fc.constantFrom(
        "memberAndApplication",
        "member",
        "-1",
        "0",
        "51",
        "1e3",
        "99999999999999999999",
      ),
    ),
    { maxKeys: 5 },
  );
  const headers = fc.record(
    {
      // Valid values weigh more, so that many calls get past the gate into the routes.
      authorization: fc.oneof(
        // Placeholders: the tokens exist only once beforeAll has run.
        { arbitrary: fc.constantFrom("@member-token", "@application-token"), weight: 6 },
        { arbitrary: junk.map((j) => `Bearer ${j}`), weight: 1 },
        { arbitrary: junk, weight: 1 },
      ),
      "linkedin-version": fc.oneof(
        { arbitrary: fc.constantFrom("202310", "20231001", "202310.01"), weight: 6 },
        { arbitrary: fc.constantFrom("202001", "2023", "999999"), weight: 1 },
        { arbitrary: junk, weight: 1 },
      ),
      "x-restli-protocol-version": fc.oneof(
        { arbitrary: fc.constantFrom("2.0.0", "1.0.0"), weight: 4 },
        { arbitrary: junk, weight: 1 },
      ),
      "x-restli-method": fc.oneof(
        { arbitrary: fc.constantFrom("finder", "CREATE", "delete"), weight: 4 },
        { arbitrary: junk, weight: 1 },
      ),
      "content-type": fc.constantFrom(
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=utf-8",
      ),
    },
    { requiredKeys: ["authorization", "linkedin-version"] },
  );
  const body = fc.oneof(
    fc.constant(undefined),
    fc.constant("{}"),
    fc.constant('{"a":1}'),
    fc.constant("[]"),
    fc.constant("{"),
    junk,
  );
  const request = fc.record({
    method: fc.constantFrom("GET", "POST", "DELETE", "PUT", "PATCH"),
    path,
    query,
    headers,
    body,
  });

  const resolveTokens = (raw: Record<string, string | undefined>): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      if (value === "@member-token") headers[name] = `Bearer ${token}`;
      else if (value === "@application-token") headers[name] = `Bearer ${appToken}`;
      else headers[name] = value;
    }
    return headers;
  };

  it("answers every generated request with JSON, never 5xx, and changes nothing unless it succeeded", async () => {
    let reachedRoute = 0;
    const snapshot = async () => JSON.stringify(await h.services.store.authorizations.list());
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = await snapshot();
        const qs = new URLSearchParams(r.query).toString();
        const res = await h.app.inject({
          method: r.method as "GET",
          url: `${r.path}${qs ? `?${qs}` : ""}`,
          headers: resolveTokens(r.headers),
          ...(r.body === undefined || r.method === "GET" ? {} : { payload: r.body }),
        });
        expect(res.statusCode, `${r.method} ${r.path}`).toBeLessThan(500);
        if (res.statusCode !== 401 && res.statusCode !== 400 && res.statusCode !== 426)
          reachedRoute += 1;
        if (res.statusCode >= 400) {
          expect(res.headers["content-type"]).toMatch(/^application\/json/);
          const parsed = res.json();
          expect(parsed.status).toBe(res.statusCode);
          expect(typeof parsed.message).toBe("string");
          expect(await snapshot()).toBe(before);
        }
        if (res.statusCode === 204 && r.method === "DELETE") {
          // A generated opt-out that succeeded: opt back in so later runs start alike.
          const [open] = (await h.services.store.authorizations.list())
            .filter((a) => a.optedOutAt !== null)
            .slice(-1);
          if (open)
            await h.services.store.authorizations.optIn(
              open.applicationId,
              open.memberId,
              "API_OPT_IN",
            );
        }
      }),
      { numRuns: 300 },
    );
    // Some generated calls must get past authentication and version, or this proves little.
    expect(reachedRoute).toBeGreaterThan(10);
  });
});
