import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_KEY_FILE, resolveAdminKey } from "../../src/sandbox/admin-key.js";
import { hashSecret } from "../../src/secrets.js";
import { createTempDir } from "../helpers/store-targets.js";

describe("admin key", () => {
  const temp = createTempDir();
  afterEach(() => {
    fs.rmSync(path.join(temp.dir, ADMIN_KEY_FILE), { force: true });
  });

  it("generates a key once, writes it with mode 0600 and reuses it on the next start", () => {
    const first = resolveAdminKey({ configuredKey: undefined, dataDir: temp.dir });
    expect(first.origin).toBe("generated");
    expect(first.generatedKey!.length).toBeGreaterThanOrEqual(40);
    const stat = fs.statSync(path.join(temp.dir, ADMIN_KEY_FILE));
    expect(stat.mode & 0o777).toBe(0o600);
    const second = resolveAdminKey({ configuredKey: undefined, dataDir: temp.dir });
    expect(second.origin).toBe("file");
    expect(second.generatedKey).toBeNull();
    expect(second.keyHash).toBe(first.keyHash);
    expect(first.keyHash).toBe(hashSecret(first.generatedKey!));
  });

  it("prefers REGULA_ADMIN_KEY and writes no file", () => {
    const source = resolveAdminKey({
      configuredKey: "configured-key-0123456789",
      dataDir: temp.dir,
    });
    expect(source).toMatchObject({
      origin: "environment",
      keyHash: hashSecret("configured-key-0123456789"),
    });
    expect(fs.existsSync(path.join(temp.dir, ADMIN_KEY_FILE))).toBe(false);
  });

  it("tightens a key file that was left readable by others", () => {
    const file = path.join(temp.dir, ADMIN_KEY_FILE);
    fs.writeFileSync(file, "a-key-someone-wrote-by-hand\n", { mode: 0o644 });
    const source = resolveAdminKey({ configuredKey: undefined, dataDir: temp.dir });
    expect(source.keyHash).toBe(hashSecret("a-key-someone-wrote-by-hand"));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
