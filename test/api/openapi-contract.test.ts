import { beforeAll, describe, expect, it } from "vitest";
import { contractCalls, expectStatuses } from "../helpers/contract-calls.js";
import { useHarness } from "../helpers/harness.js";
import { type ConformanceChecker, conformanceChecker } from "../helpers/openapi-conformance.js";
import { storeTargets } from "../helpers/store-targets.js";

const CALLBACK = "http://localhost:3000/callback";

/**
 * An archiver's whole run — OAuth, opt-in, status, messages, event pages, projections,
 * errors, introspection, revocation, opt-out — plus the pages and the control plane, with
 * every answer checked against /openapi.json (test/helpers/openapi-conformance.ts).
 */
describe.each(storeTargets)("every answer of an archiver's run on $name", (target) => {
  let api: ConformanceChecker;
  const h = useHarness(target, { frozen: true });
  beforeAll(async () => {
    api = await conformanceChecker(h.app);
  });

  const calls = () => contractCalls(h, api);

  it("matches its documented status, headers and schema, request and answer", async () => {
    const { admin, rest, oauth, page } = calls();
    const app = (
      await admin("POST", "/sandbox/applications", {
        name: "Contract Archiver",
        redirectUris: [CALLBACK],
        clientCredentials: true,
      })
    ).json();
    const ada = (await admin("POST", "/sandbox/members", { firstName: "Ada" })).json();
    const bob = (await admin("POST", "/sandbox/members", { firstName: "Bob" })).json();
    const code = (
      await admin("POST", `/sandbox/members/${ada.id}/authorization-codes`, {
        application: app.id,
        redirectUri: CALLBACK,
      })
    ).json().code as string;
    const credentials = { client_id: app.clientId, client_secret: app.clientSecret };
    const exchanged = await oauth("accessToken", {
      grant_type: "authorization_code",
      code,
      redirect_uri: CALLBACK,
      ...credentials,
    });
    const adaToken: string = exchanged.json().access_token;
    const bobToken: string = (
      await admin("POST", `/sandbox/members/${bob.id}/tokens`, { application: app.id })
    ).json().access_token;
    const appToken: string = (
      await oauth("accessToken", { grant_type: "client_credentials", ...credentials })
    ).json().access_token;
    const events = "/rest/complianceEvents?q=memberAndApplication";
    const statusPath = "/rest/memberComplianceAuthorizations";

    await expectStatuses([
      [() => page("GET", "/openapi.json"), 200, "the document"],
      [() => page("GET", "/docs"), 200, "the document for people"],
      [() => page("GET", "/healthz"), 200, "liveness"],
      [() => page("GET", "/metrics"), 200, "Prometheus metrics"],
      [() => page("GET", "/readyz"), 200, "readiness"],
      [() => page("GET", "/"), 200, "landing"],
      [() => page("GET", "/callback?code=c1&state=s"), 200, "callback with a code"],
      [() => page("GET", "/callback"), 400, "callback without a code"],
      [() => page("GET", "/console"), 301, "console"],
      [() => page("GET", "/sandbox/members"), 401, "no admin key"],
      [() => admin("GET", "/sandbox/applications"), 200, "applications"],
      [() => admin("GET", `/sandbox/applications/${app.id}`), 200, "one application"],
      [() => admin("GET", "/sandbox/applications/999999"), 404, "no application"],
      [() => admin("POST", "/sandbox/members", { firstName: "" }), 400, "bad member"],
      [
        () => oauth("accessToken", { grant_type: "client_credentials", client_id: app.clientId }),
        400,
        "no secret",
      ],
      [
        () =>
          oauth("accessToken", {
            ...credentials,
            grant_type: "client_credentials",
            client_secret: "wrong-secret-0123456789",
          }),
        401,
        "wrong secret",
      ],
      [() => rest("POST", statusPath, adaToken, {}), 201, "ada opts in"],
      [() => rest("POST", statusPath, bobToken, {}), 201, "bob opts in"],
      [() => rest("POST", statusPath, appToken, {}), 403, "an application token cannot opt in"],
      [
        () => rest("POST", "/v2/memberComplianceAuthorizations", adaToken, {}),
        201,
        "again, on /v2",
      ],
      [() => rest("GET", statusPath, adaToken), 200, "status, bare"],
      [() => rest("GET", `${statusPath}?q=member`, adaToken), 200, "status, q=member"],
      [() => rest("GET", `${statusPath}?q=memberAndApplication`, adaToken), 200, "status finder"],
      [() => rest("GET", "/v2/memberComplianceAuthorizations", adaToken), 200, "status on /v2"],
    ]);
    expect(exchanged.statusCode).toBe(200);

    // Messages through the control plane, captured for both regulated members.
    const first = await admin("POST", "/sandbox/messages", {
      from: ada.urn,
      to: [bob.urn],
      text: "Hello",
      attachments: [{ name: "deck.pdf", mediaType: "application/pdf", byteSize: 4 }],
    });
    const thread: string = first.json().thread;
    const replies = [1, 2, 3, 4].map((n) => ({
      from: n % 2 ? bob.urn : ada.urn,
      thread,
      text: `Reply ${n}`,
    }));
    expect((await admin("POST", "/sandbox/messages:batch", { messages: replies })).statusCode).toBe(
      201,
    );

    // Page the events as an archiver does: start/count until a short page.
    let seen = 0;
    for (let start = 0; ; start += 2) {
      const res = await rest("GET", `${events}&startTime=0&start=${start}&count=2`, adaToken);
      expect(res.statusCode).toBe(200);
      seen += res.json().elements.length;
      if (res.json().elements.length < 2) break;
    }
    expect(seen).toBe(5);
    const projected = await rest("GET", `${events}&fields=id,processedAt,activity:(id)`, bobToken);
    expect(Object.keys(projected.json().elements[0]).sort()).toEqual([
      "activity",
      "id",
      "processedAt",
    ]);

    const key = (applicationId: string, memberId: string) =>
      `(developerApplication:urn%3Ali%3AdeveloperApplication%3A${applicationId},member:urn%3Ali%3Aperson%3A${memberId})`;
    const keyV1 = `developerApplication=urn:li:developerApplication:${app.id}&member=urn:li:person:${bob.id}`;
    const bare = (headers: Record<string, string>) => () =>
      api.inject({ method: "GET", url: events, headers });
    const fault = {
      match: { path: "/rest/complianceEvents" },
      respond: { status: 503 },
      probability: 0.5,
      seed: 7,
    };
    await expectStatuses([
      [async () => first, 201, "a message"],
      [
        () => rest("GET", `/v2/complianceEvents?q=memberAndApplication`, bobToken),
        200,
        "events on /v2",
      ],
      [bare({}), 401, "no token"],
      [bare({ authorization: `Bearer ${adaToken}` }), 400, "no LinkedIn-Version"],
      [
        bare({ authorization: `Bearer ${adaToken}`, "linkedin-version": "202001" }),
        426,
        "inactive version",
      ],
      [() => rest("GET", "/rest/complianceEvents?q=thread", adaToken), 404, "unknown finder"],
      [() => rest("GET", "/rest/complianceEvents", adaToken), 404, "no finder"],
      [() => rest("GET", events, appToken), 403, "an application token reads no events"],
      [() => rest("GET", `${events}&count=500`, adaToken), 400, "count out of range"],
      [() => admin("GET", `/sandbox/threads?member=${ada.id}`), 200, "threads"],
      [() => admin("GET", `/sandbox/threads/${thread}`), 200, "one thread"],
      [() => admin("GET", `/sandbox/members/${ada.id}`), 200, "one member"],
      [
        () => admin("GET", `/sandbox/events?application=${app.id}&member=${ada.id}`),
        200,
        "event stream",
      ],
      [
        () =>
          admin("GET", `/sandbox/events?application=${app.id}&member=${ada.id}&start=0&limit=2`),
        200,
        "stream page",
      ],
      [() => admin("GET", `/sandbox/coverage?application=${app.id}&events=true`), 200, "coverage"],
      [() => admin("GET", "/sandbox/coverage/requests?limit=10"), 200, "observed requests"],
      [() => admin("GET", "/sandbox/requests?limit=5"), 200, "journal"],
      [() => admin("GET", "/sandbox/clock"), 200, "clock"],
      [() => admin("POST", "/sandbox/clock", { advanceMs: 1000 }), 200, "advance the clock"],
      [() => admin("POST", "/sandbox/clock", { setTo: 0 }), 409, "the clock cannot go back"],
      [() => admin("POST", "/sandbox/faults", fault), 201, "a fault"],
      [() => admin("GET", "/sandbox/faults"), 200, "faults"],
      [() => admin("DELETE", "/sandbox/faults/1"), 204, "fault removed"],
      [() => admin("DELETE", "/sandbox/faults/1"), 404, "no such fault"],
      [() => oauth("introspectToken", { ...credentials, token: adaToken }), 200, "introspection"],
      [() => oauth("introspectToken", { ...credentials, token: "nope" }), 200, "unknown token"],
      [
        () =>
          oauth("introspectToken", { client_id: "unknown-client", client_secret: "x", token: "t" }),
        400,
        "unknown client",
      ],
      [() => oauth("revoke", { ...credentials, token: bobToken }), 200, "revocation"],
      [() => oauth("introspectToken", { ...credentials, token: bobToken }), 200, "revoked token"],
      [() => rest("GET", statusPath, bobToken), 401, "a revoked token"],
      [
        () => rest("DELETE", `${statusPath}/${key(app.id, ada.id)}`, adaToken),
        204,
        "opt out, Rest.li 2.0 key",
      ],
      [() => rest("DELETE", `${statusPath}/${key(app.id, ada.id)}`, adaToken), 404, "not opted in"],
      [
        () => rest("DELETE", `/v2/memberComplianceAuthorizations/${keyV1}`, appToken),
        204,
        "opt out, Rest.li 1.0 key",
      ],
      [() => rest("DELETE", `${statusPath}/(nonsense)`, appToken), 400, "a malformed key"],
      [
        () => rest("DELETE", `${statusPath}/${key("1", ada.id)}`, appToken),
        403,
        "another application's key",
      ],
    ]);

    // The member's pages, signed out, then the administration of the world.
    const authorize = `/oauth/v2/authorization?response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=r_compliance_sales_nav&state=s`;
    const world = `/sandbox/members/${ada.id}/permitted-applications/${app.id}`;
    await expectStatuses([
      [() => page("GET", authorize), 200, "the sign-in page"],
      [
        () =>
          page(
            "GET",
            "/oauth/v2/authorization?response_type=code&client_id=nobody&redirect_uri=x&scope=a",
          ),
        401,
        "unknown client",
      ],
      [() => page("POST", "/oauth/v2/login", "member_id=x"), 403, "sign-in without CSRF"],
      [() => page("GET", "/psettings/permitted-services"), 200, "privacy settings"],
      [() => page("POST", "/psettings/permitted-services/remove", "app_id=1"), 401, "signed out"],
      [
        () => admin("POST", "/sandbox/authorizations", { application: app.id, member: ada.id }),
        201,
        "admin opt-in",
      ],
      [() => admin("DELETE", `/sandbox/authorizations/${app.id}/${ada.id}`), 204, "admin opt-out"],
      [() => admin("DELETE", `/sandbox/authorizations/${app.id}/${ada.id}`), 404, "not regulated"],
      [() => admin("DELETE", world), 204, "the member removes the app"],
      [() => admin("POST", `/sandbox/applications/${app.id}/secret`), 201, "secret rotated"],
      [() => admin("POST", "/sandbox/snapshots", { name: "before" }), 201, "snapshot"],
      [() => admin("POST", "/sandbox/snapshots", { name: "before" }), 409, "snapshot name taken"],
      [() => admin("GET", "/sandbox/snapshots"), 200, "snapshots"],
      [() => admin("POST", "/sandbox/snapshots/before/restore"), 200, "restored"],
      [() => admin("DELETE", "/sandbox/snapshots/before"), 204, "snapshot deleted"],
      [() => admin("POST", "/sandbox/snapshots/before/restore"), 404, "no such snapshot"],
    ]);
    const exported = await admin("GET", "/sandbox/export");
    await expectStatuses([
      [() => admin("POST", "/sandbox/import", exported.json()), 200, "import the export"],
      [() => admin("DELETE", `/sandbox/applications/${app.id}`), 204, "application deleted"],
      [() => admin("POST", "/sandbox/reset"), 200, "reset with no body"],
    ]);

    expect(api.nonconformities).toEqual([]);
    // The run reaches every operation but the consent form's post, which needs a session.
    const reached = new Set(
      [...api.checked].map((entry) => entry.split(" ").slice(0, 2).join(" ")),
    );
    const documented = Object.entries(api.doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((operation) => !reached.has(operation))).toEqual([
      "POST /oauth/v2/authorization",
      "GET /console/{path}",
    ]);
  });
});
