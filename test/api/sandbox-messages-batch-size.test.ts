import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_BODY_LIMIT_BYTES } from "../../src/sandbox/routes/messages.js";
import { personUrn } from "../../src/urn.js";
import { regulate, resetFrozenWorld } from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { type Harness, startHarness, TEST_ADMIN_KEY } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

// sandbox.md promises up to 1000 messages per batch; at the default server-wide body limit
// (1 MiB) a full batch of long messages used to be refused with 413 before validation.
describe.each(storeTargets)("a full messages:batch at the default limits on $name", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target);
  });
  afterAll(async () => h.close());

  const postBatch = (payload: string) =>
    h.app.inject({
      method: "POST",
      url: "/sandbox/messages:batch",
      headers: {
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
        "content-type": "application/json",
      },
      payload,
    });

  it("accepts 1000 messages of 2 KB of text each and captures them all", async () => {
    await resetFrozenWorld(h.services);
    const app = (await createTestApplication(h.services)).application;
    const ada = await createTestMember(h.services);
    const bob = await createTestMember(h.services);
    await regulate(h, app.id, ada.id);
    const text = `${'é"\n'.repeat(682)}xx`;
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(2048);
    const body = JSON.stringify({
      messages: Array.from({ length: 1000 }, () => ({
        from: personUrn(ada.id),
        to: [personUrn(bob.id)],
        text,
      })),
    });
    expect(body.length).toBeGreaterThan(h.services.config.bodyLimitBytes);
    const res = await postBatch(body);
    expect(res.statusCode).toBe(201);
    expect(res.json().results).toHaveLength(1000);
    expect(await h.services.store.messaging.countMessages()).toBe(1000);
  });

  it("refuses a body over the batch limit with a 413 and stores nothing", async () => {
    await resetFrozenWorld(h.services);
    const res = await postBatch(`{"messages":[],"pad":"${"x".repeat(BATCH_BODY_LIMIT_BYTES)}"}`);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413 });
    expect(await h.services.store.messaging.countMessages()).toBe(0);
  });
});
