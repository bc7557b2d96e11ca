import { describe, expect, it } from "vitest";
import { VERSION } from "../helpers/contract-calls.js";
import { startHarness } from "../helpers/harness.js";
import { conformanceChecker } from "../helpers/openapi-conformance.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("the quota's answers on $name", (target) => {
  it("documents the quota's 429 with its Retry-After", async () => {
    const limited = await startHarness(target, { env: { REGULA_QUOTA_MEMBER_PER_DAY: "1" } });
    try {
      const checker = await conformanceChecker(limited.app);
      const post = (url: string, payload: object) =>
        limited.app.inject({ method: "POST", url, headers: limited.admin, payload });
      const app = (await post("/sandbox/applications", { name: "Quota", redirectUris: [] })).json();
      const member = (await post("/sandbox/members", { firstName: "Quinn" })).json();
      const token = (
        await post(`/sandbox/members/${member.id}/tokens`, { application: app.id })
      ).json();
      const call = () =>
        checker.inject({
          method: "GET",
          url: "/rest/complianceEvents?q=memberAndApplication",
          headers: { ...VERSION, authorization: `Bearer ${token.access_token}` },
        });
      expect((await call()).statusCode).toBe(200);
      const throttled = await call();
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers["retry-after"]).toMatch(/^\d+$/);
      expect(checker.nonconformities).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
