import { beforeEach, describe, expect, it } from "vitest";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { sendMessage } from "../helpers/compliance-client.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("named snapshots on $name", (target) => {
  const h = useHarness(target, { seed: demoSeed, perTest: true });
  beforeEach(async () => {
    await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin, payload: {} });
    await h.services.clock.freeze(true);
  });

  const call = (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    h.app.inject({ method, url, headers: h.admin, ...(payload ? { payload } : {}) });
  const exportWorld = async () => (await call("GET", "/sandbox/export")).body;
  const adaToGrace = {
    from: "urn:li:person:ada-lovelace",
    to: ["urn:li:person:grace-hopper"],
    text: "same words",
  };

  it("restore brings back exactly the world, clock and id counters of the snapshot", async () => {
    const taken = await call("POST", "/sandbox/snapshots", { name: "base" });
    expect(taken.statusCode).toBe(201);
    expect(taken.json()).toMatchObject({ name: "base", messages: 3, events: 2 });
    const before = await exportWorld();
    const clockBefore = (await call("GET", "/sandbox/clock")).body;

    const first = await sendMessage(h.app, adaToGrace);
    await call("POST", "/sandbox/clock", { advanceMs: 86_400_000 });
    await call("POST", "/sandbox/applications", { name: "Later", redirectUris: [] });
    await call("POST", "/sandbox/reset", { seed: { members: [{ firstName: "Only" }] } });
    expect(await exportWorld()).not.toBe(before);

    const restored = await call("POST", "/sandbox/snapshots/base/restore");
    expect(restored.statusCode).toBe(200);
    expect(await exportWorld()).toBe(before);
    expect((await call("GET", "/sandbox/clock")).body).toBe(clockBefore);
    // The counters came back too: the next message's events get the same ids as before.
    const again = await sendMessage(h.app, adaToGrace);
    const eventIds = async (messageId: string) => {
      const doc = JSON.parse(await exportWorld()) as {
        history: { events: Array<{ id: number; messageId: string }> };
      };
      return doc.history.events.filter((e) => e.messageId === messageId).map((e) => e.id);
    };
    expect(first.capturedFor.length).toBeGreaterThan(0);
    expect(await eventIds(again.id)).toHaveLength(first.capturedFor.length);
    const restoredAgain = await call("POST", "/sandbox/snapshots/base/restore");
    expect(restoredAgain.statusCode).toBe(200);
    const third = await sendMessage(h.app, adaToGrace);
    expect(await eventIds(third.id)).toEqual(
      await (async () => {
        await call("POST", "/sandbox/snapshots/base/restore");
        const fourth = await sendMessage(h.app, adaToGrace);
        return eventIds(fourth.id);
      })(),
    );
  });

  it("lists, refuses a duplicate name, deletes, and answers 404 for unknown names", async () => {
    expect((await call("POST", "/sandbox/snapshots", { name: "a" })).statusCode).toBe(201);
    expect((await call("POST", "/sandbox/snapshots", { name: "a" })).statusCode).toBe(409);
    expect((await call("POST", "/sandbox/snapshots", { name: "b c" })).statusCode).toBe(400);
    expect((await call("POST", "/sandbox/snapshots", { name: "b" })).statusCode).toBe(201);
    const listed = (await call("GET", "/sandbox/snapshots")).json() as {
      elements: Array<{ name: string }>;
    };
    expect(listed.elements.map((s) => s.name)).toEqual(["a", "b"]);
    expect((await call("DELETE", "/sandbox/snapshots/a")).statusCode).toBe(204);
    expect((await call("DELETE", "/sandbox/snapshots/a")).statusCode).toBe(404);
    expect((await call("POST", "/sandbox/snapshots/a/restore")).statusCode).toBe(404);
    const after = (await call("GET", "/sandbox/snapshots")).json() as {
      elements: Array<{ name: string }>;
    };
    expect(after.elements.map((s) => s.name)).toEqual(["b"]);
  });

  it("a failed snapshot name conflict or unknown restore changes nothing", async () => {
    await call("POST", "/sandbox/snapshots", { name: "x" });
    const before = await exportWorld();
    await call("POST", "/sandbox/snapshots", { name: "x" });
    await call("POST", "/sandbox/snapshots/nope/restore");
    expect(await exportWorld()).toBe(before);
  });
});
