import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("configuration", () => {
  it("defaults to loopback, port 8080, ./data and version 202310", () => {
    expect(loadConfig({})).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      dataDir: "./data",
      apiVersions: "202310",
      eventRetentionDays: 28,
      bodyLimitBytes: 1_048_576,
      sqliteMmapMb: 2048,
    });
  });

  it("reads each variable and converts numbers", () => {
    const config = loadConfig({
      PORT: "9000",
      HOST: "0.0.0.0",
      DATABASE_URL: "postgres://x@h/db",
      REGULA_API_VERSIONS: "202310,202401",
      REGULA_SQLITE_MMAP_MB: "0",
    });
    expect(config).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      databaseUrl: "postgres://x@h/db",
      apiVersions: "202310,202401",
      sqliteMmapMb: 0,
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ REGULA_ADMIN_KEY: "short" })).toThrow(/REGULA_ADMIN_KEY/);
  });
});
