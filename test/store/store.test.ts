import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Application, Member } from "../../src/domain/records.js";
import type { Store } from "../../src/store/store.js";
import { storeTargets } from "../helpers/store-targets.js";

const appInput: Omit<Application, "id"> = {
  name: "Acme Archiver",
  clientId: "86abcd1234efgh",
  clientSecretHash: "a".repeat(64),
  redirectUris: ["http://localhost:3000/callback"],
  permissions: ["r_compliance_sales_nav"],
  refreshTokens: false,
  clientCredentials: true,
  createdAt: 1_700_000_000_000,
};

const ada: Member = {
  id: "2qXA98-mVk",
  firstName: "Ada",
  lastName: "Lovelace",
  salesIdentityId: "334326",
  createdAt: 1_700_000_000_000,
};

describe.each(storeTargets)("store conformance on $name", (target) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const created = await target.create();
    store = created.store;
    dispose = created.dispose;
  });
  afterEach(async () => {
    await dispose();
  });

  describe("applications", () => {
    it("allocates a numeric id and finds the application by id and client id", async () => {
      const app = await store.applications.insert(appInput);
      expect(app.id).toMatch(/^\d+$/);
      expect(await store.applications.findById(app.id)).toEqual(app);
      expect(await store.applications.findByClientId(appInput.clientId)).toEqual(app);
      expect(await store.applications.findById("not-a-number")).toBeNull();
    });

    it("keeps caller-chosen ids and rejects a duplicate client id with CONFLICT", async () => {
      const app = await store.applications.insert({ ...appInput, id: "123456" });
      expect(app.id).toBe("123456");
      await expect(store.applications.insert({ ...appInput, id: "123457" })).rejects.toMatchObject({
        code: "CONFLICT",
        status: 409,
      });
      expect(await store.applications.list()).toHaveLength(1);
    });

    it("allocates distinct ids for successive applications", async () => {
      const a = await store.applications.insert(appInput);
      const b = await store.applications.insert({ ...appInput, clientId: "other" });
      expect(a.id).not.toBe(b.id);
      expect((await store.applications.list()).map((x) => x.id)).toEqual([a.id, b.id]);
    });

    it("deleting an application revokes its tokens and ends its open authorizations", async () => {
      const app = await store.applications.insert(appInput);
      await store.members.insert(ada);
      await store.tokens.insert(tokenFor(app.id, ada.id, "h1"));
      await store.authorizations.optIn(app.id, ada.id, "API_OPT_IN");
      expect(await store.applications.delete(app.id)).toBe(true);
      expect(await store.applications.findById(app.id)).toBeNull();
      expect((await store.tokens.findByHash("h1"))?.revokedAt).not.toBeNull();
      expect(await store.authorizations.findOpen(app.id, ada.id)).toBeNull();
      const [history] = await store.authorizations.listForMember(ada.id);
      expect(history?.optOutCause).toBe("APPLICATION_DELETED");
      expect(await store.applications.delete(app.id)).toBe(false);
    });
  });

  describe("members", () => {
    it("stores members with and without a Sales Navigator seat", async () => {
      await store.members.insert(ada);
      const bob = { ...ada, id: "bob-000001", salesIdentityId: null, firstName: "Bob" };
      await store.members.insert(bob);
      expect(await store.members.findById(ada.id)).toEqual(ada);
      expect(await store.members.findBySalesIdentity("334326")).toEqual(ada);
      expect((await store.members.list()).map((m) => m.id).sort()).toEqual([ada.id, bob.id].sort());
      expect(await store.members.findByIds([bob.id, "missing"])).toEqual([bob]);
    });

    it("rejects a duplicate member id or sales identity", async () => {
      await store.members.insert(ada);
      await expect(store.members.insert(ada)).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(store.members.insert({ ...ada, id: "other" })).rejects.toMatchObject({
        code: "CONFLICT",
      });
    });

    it("allocates increasing sales identity ids", async () => {
      const first = Number(await store.members.allocateSalesIdentityId());
      const second = Number(await store.members.allocateSalesIdentityId());
      expect(second).toBe(first + 1);
    });
  });

  describe("clock", () => {
    it("starts on system time and persists a frozen or offset state", async () => {
      expect(await store.settings.readClock()).toEqual({
        mode: "system",
        offsetMs: 0,
        frozenAtMs: null,
      });
      await store.settings.writeClock({
        mode: "frozen",
        offsetMs: 5,
        frozenAtMs: 1_700_000_000_000,
      });
      expect(await store.settings.readClock()).toEqual({
        mode: "frozen",
        offsetMs: 5,
        frozenAtMs: 1_700_000_000_000,
      });
    });

    it("stamps consent changes with the virtual clock read inside the transaction", async () => {
      const app = await store.applications.insert(appInput);
      await store.members.insert(ada);
      await store.settings.writeClock({
        mode: "frozen",
        offsetMs: 0,
        frozenAtMs: 1_800_000_000_000,
      });
      const { authorization } = await store.authorizations.optIn(app.id, ada.id, "API_OPT_IN");
      expect(authorization.regulatedAt).toBe(1_800_000_000_000);
    });
  });

  describe("settings", () => {
    it("setIfAbsent keeps the first value", async () => {
      expect(await store.settings.setIfAbsent("keep:k", "one")).toBe("one");
      expect(await store.settings.setIfAbsent("keep:k", "two")).toBe("one");
      await store.settings.set("keep:k", "three");
      expect(await store.settings.get("keep:k")).toBe("three");
    });
  });

  describe("authorizations", () => {
    let appId: string;
    beforeEach(async () => {
      appId = (await store.applications.insert(appInput)).id;
      await store.members.insert(ada);
      await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: 1_000_000 });
    });

    it("opt-in is idempotent and keeps the first regulatedAt", async () => {
      const first = await store.authorizations.optIn(appId, ada.id, "API_OPT_IN");
      await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: 2_000_000 });
      const again = await store.authorizations.optIn(appId, ada.id, "API_OPT_IN");
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.authorization.regulatedAt).toBe(1_000_000);
      expect(await store.authorizations.listForMember(ada.id)).toHaveLength(1);
    });

    it("opt-out closes the interval, keeps the history, and returns null when not opted in", async () => {
      await store.authorizations.optIn(appId, ada.id, "API_OPT_IN");
      await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: 3_000_000 });
      const closed = await store.authorizations.optOut(appId, ada.id, "API_OPT_OUT");
      expect(closed).toMatchObject({
        regulatedAt: 1_000_000,
        optedOutAt: 3_000_000,
        optOutCause: "API_OPT_OUT",
      });
      expect(await store.authorizations.optOut(appId, ada.id, "API_OPT_OUT")).toBeNull();
      await store.authorizations.optIn(appId, ada.id, "API_OPT_IN");
      const history = await store.authorizations.listForMember(ada.id);
      expect(history.map((h) => h.optedOutAt)).toEqual([null, 3_000_000]);
    });

    it("member removal revokes the member's tokens, drops the grant and ends the authorization", async () => {
      await store.tokens.insert(tokenFor(appId, ada.id, "t1"));
      await store.grants.upsert({
        applicationId: appId,
        memberId: ada.id,
        scopes: ["r_compliance_sales_nav"],
        grantedAt: 1,
      });
      await store.authorizations.optIn(appId, ada.id, "API_OPT_IN");
      const result = await store.authorizations.removeApplicationForMember(appId, ada.id);
      expect(result).toEqual({ revokedTokens: 1, endedAuthorization: true });
      expect(await store.grants.find(appId, ada.id)).toBeNull();
      expect((await store.tokens.findByHash("t1"))?.revokedAt).toBe(1_000_000);
      expect((await store.authorizations.listForMember(ada.id))[0]?.optOutCause).toBe(
        "MEMBER_REMOVED_APP",
      );
    });

    it("an opt-in after an opt-out in the same millisecond is never stamped before it", async () => {
      await store.authorizations.optIn(appId, ada.id, "API_OPT_IN");
      const closed = await store.authorizations.optOut(appId, ada.id, "API_OPT_OUT");
      const reopened = await store.authorizations.optIn(appId, ada.id, "API_OPT_IN");
      expect(reopened.authorization.regulatedAt).toBeGreaterThanOrEqual(closed!.optedOutAt!);
    });
  });

  describe("tokens and codes", () => {
    it("finds a bearer token with its application and member in one read", async () => {
      const app = await store.applications.insert(appInput);
      await store.members.insert(ada);
      await store.tokens.insert(tokenFor(app.id, ada.id, "h-member"));
      await store.tokens.insert({ ...tokenFor(app.id, ada.id, "h-app"), memberId: null });
      expect(await store.tokens.findBearer("h-member")).toEqual({
        token: await store.tokens.findByHash("h-member"),
        application: await store.applications.findById(app.id),
        member: ada,
      });
      expect(await store.tokens.findBearer("h-app")).toMatchObject({
        token: { memberId: null },
        application: {
          id: app.id,
          clientId: appInput.clientId,
          redirectUris: appInput.redirectUris,
        },
        member: null,
      });
      await store.applications.delete(app.id);
      expect(await store.tokens.findBearer("h-member")).toMatchObject({
        token: { revokedAt: expect.any(Number) },
        application: null,
      });
      expect(await store.tokens.findBearer("unknown")).toBeNull();
    });

    it("finds tokens by hash and revokes them once", async () => {
      await store.tokens.insert(tokenFor("1", ada.id, "hash-1"));
      expect((await store.tokens.findByHash("hash-1"))?.scopes).toEqual(["r_compliance_sales_nav"]);
      await store.tokens.revoke("hash-1", 10);
      await store.tokens.revoke("hash-1", 20);
      expect((await store.tokens.findByHash("hash-1"))?.revokedAt).toBe(10);
      expect(await store.tokens.findByHash("unknown")).toBeNull();
    });

    it("an authorization code is consumed exactly once, even by concurrent callers", async () => {
      await store.codes.insert({
        codeHash: "code-1",
        applicationId: "1",
        memberId: ada.id,
        redirectUri: "http://localhost/cb",
        scopes: ["r_compliance_sales_nav"],
        codeChallenge: null,
        codeChallengeMethod: null,
        createdAt: 1,
        expiresAt: 2,
        usedAt: null,
      });
      const results = await Promise.all([1, 2, 3, 4].map(() => store.codes.consume("code-1", 5)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await store.codes.consume("code-1", 6)).toBeNull();
    });
  });

  describe("reset", () => {
    it("empties the world but keeps settings marked keep:", async () => {
      await store.settings.set("keep:admin-key-hash", "x");
      await store.settings.writeClock({ mode: "offset", offsetMs: 5, frozenAtMs: null });
      const app = await store.applications.insert(appInput);
      await store.members.insert(ada);
      await store.authorizations.optIn(app.id, ada.id, "API_OPT_IN");
      await store.resetWorld();
      expect(await store.applications.list()).toEqual([]);
      expect(await store.members.list()).toEqual([]);
      expect(await store.authorizations.list()).toEqual([]);
      expect(await store.settings.get("keep:admin-key-hash")).toBe("x");
      expect((await store.settings.readClock()).mode).toBe("system");
    });
  });
});

function tokenFor(applicationId: string, memberId: string, tokenHash: string) {
  return {
    tokenHash,
    applicationId,
    memberId,
    authType: "3L" as const,
    scopes: ["r_compliance_sales_nav"],
    authorizedAt: 1,
    createdAt: 1,
    expiresAt: 10_000,
    revokedAt: null,
    refreshTokenHash: null,
    refreshExpiresAt: null,
  };
}
