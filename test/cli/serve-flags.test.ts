import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnRegulaServe } from "../helpers/regula-process.js";
import { createTempDir } from "../helpers/store-targets.js";

describe("regula serve flags", () => {
  const temp = createTempDir("regula-serve-flags-");
  afterEach(() => temp.remove());

  it("--port and --data-dir override PORT and REGULA_DATA_DIR", async () => {
    const dataDir = path.join(temp.dir, "from-flag");
    const {
      child,
      baseUrl: url,
      output,
      exited,
    } = await spawnRegulaServe(["--port", "0", "--data-dir", dataDir], {
      PORT: "1",
      REGULA_DATA_DIR: path.join(temp.dir, "from-env"),
      LOG_LEVEL: "warn",
    });
    expect(url).not.toBe("http://127.0.0.1:1");
    expect(output()).toContain(`store: sqlite in ${dataDir}`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, "admin-key"))).toBe(true);
    expect(fs.existsSync(path.join(temp.dir, "from-env"))).toBe(false);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
