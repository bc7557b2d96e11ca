import { describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/** Authentication happens before the store is touched: one store is enough. */
const sqlite = storeTargets.find((t) => t.name === "sqlite")!;

describe("the control plane tells a missing admin key from a wrong one", () => {
  const h = useHarness(sqlite, { seed: null });

  it("no key: 401 saying the key is needed", async () => {
    const res = await h.app.inject({ method: "GET", url: "/sandbox/clock" });
    expect(res.statusCode).toBe(401);
    expect(res.headers["x-restli-error-response"]).toBe("true");
    expect(res.json()).toMatchObject({ status: 401, code: "ADMIN_KEY_REQUIRED" });
    expect(res.json().message).toContain("needs Authorization: Bearer <admin key>");
  });

  it("a wrong key: 401 saying the key is wrong", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: "/sandbox/clock",
      headers: { authorization: "Bearer rgl_admin_not-this-servers-key" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, code: "ADMIN_KEY_REQUIRED" });
    expect(res.json().message).toContain("The admin key is wrong");
  });
});
