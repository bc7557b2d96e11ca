import { describe, expect, it } from "vitest";
import { type BannerInput, renderBanner } from "../../src/cli/banner.js";
import { loadConfig } from "../../src/config.js";

const KEY = "rk_generated_admin_key_0123456789abcdef";
const SECRET = "cs_demo_secret_0123456789abcdef";

function banner(terminal: boolean, overrides: Partial<BannerInput> = {}): string {
  return renderBanner({
    address: "http://127.0.0.1:8080",
    config: loadConfig({ REGULA_DATA_DIR: "/tmp/regula-data" }),
    adminKey: {
      keyHash: "hash",
      origin: "generated",
      filePath: "/tmp/regula-data/admin-key",
      generatedKey: KEY,
    },
    seeded: {
      applications: [{ id: "100001", clientId: "regulademo0001", clientSecret: SECRET }],
      members: 4,
      authorizations: 1,
      messages: 3,
      events: 0,
    },
    dialect: "sqlite",
    terminal,
    ...overrides,
  });
}

describe("the start-up banner", () => {
  it("shows a new admin key and client secret once, on a terminal", () => {
    const text = banner(true);
    expect(text).toContain(KEY);
    expect(text).toContain(SECRET);
  });

  it("never writes a secret to a captured stdout, and says where to get one instead", () => {
    const text = banner(false);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
    expect(text).toContain("Admin key: in /tmp/regula-data/admin-key");
    expect(text).toContain("POST /sandbox/applications/100001/secret");
  });

  it("shows no secret on a restart, when nothing was generated or seeded", () => {
    const text = banner(true, {
      adminKey: {
        keyHash: "hash",
        origin: "file",
        filePath: "/tmp/regula-data/admin-key",
        generatedKey: null,
      },
      seeded: null,
    });
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
    expect(text).toContain("Admin key: in /tmp/regula-data/admin-key");
  });
});
