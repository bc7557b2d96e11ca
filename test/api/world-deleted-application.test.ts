import { describe, expect, it } from "vitest";
import { regulate, sendBatch } from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)(
  "a deleted application's history in a world export on $name",
  (target) => {
    const h = useHarness(target);

    it("imports again: ended authorizations and revoked tokens may outlive their application", async () => {
      const { application } = await createTestApplication(h.services);
      const ada = await createTestMember(h.services);
      const bob = await createTestMember(h.services);
      await regulate(h, application.id, ada.id);
      const sent = await sendBatch(h.app, [
        { from: `urn:li:person:${ada.id}`, to: [`urn:li:person:${bob.id}`], text: "before" },
      ]);
      expect(sent.statusCode).toBe(201);
      const deleted = await h.app.inject({
        method: "DELETE",
        url: `/sandbox/applications/${application.id}`,
        headers: h.admin,
      });
      expect(deleted.statusCode).toBe(204);

      const exported = await h.app.inject({
        method: "GET",
        url: "/sandbox/export",
        headers: h.admin,
      });
      const imported = await h.app.inject({
        method: "POST",
        url: "/sandbox/import",
        headers: { ...h.admin, "content-type": "application/json" },
        payload: exported.body,
      });
      expect(imported.statusCode, imported.body).toBe(200);
      const again = await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin });
      expect(again.body).toBe(exported.body);
      const member = await h.app.inject({
        method: "GET",
        url: `/sandbox/members/${ada.id}`,
        headers: h.admin,
      });
      expect(member.json().authorizations).toEqual([
        expect.objectContaining({ application: application.id, active: false }),
      ]);
    });
  },
);
