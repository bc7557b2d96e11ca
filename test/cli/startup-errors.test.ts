import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runRegula } from "../helpers/regula-process.js";
import { createTempDir } from "../helpers/store-targets.js";

describe("regula serve: configuration errors say what to change", () => {
  const temp = createTempDir("regula-startup-");
  afterEach(() => temp.remove());

  it("an unreachable DATABASE_URL names the variable, host and port, never the password", async () => {
    const result = await runRegula(["serve"], {
      DATABASE_URL: "postgres://regula:hunter2-secret@127.0.0.1:1/regula",
      REGULA_DATA_DIR: temp.dir,
      PORT: "0",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).toContain("127.0.0.1:1");
    expect(result.stderr).toContain("ECONNREFUSED");
    expect(result.stderr).not.toContain("hunter2-secret");
  });

  it("a bad REGULA_API_VERSIONS names the variable and the value given", async () => {
    const result = await runRegula(["serve"], {
      REGULA_API_VERSIONS: "2023-10",
      REGULA_DATA_DIR: temp.dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REGULA_API_VERSIONS (got "2023-10")');
  });

  it("a port in use names the port and suggests PORT", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runRegula(["serve"], {
        REGULA_DATA_DIR: temp.dir,
        PORT: String(port),
        LOG_LEVEL: "warn",
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain("set PORT");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
