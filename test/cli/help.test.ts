import { describe, expect, it } from "vitest";
import { runRegula } from "../helpers/regula-process.js";

const commands = [
  "serve",
  "archive",
  "certify",
  "token",
  "message",
  "clock",
  "reset",
  "export",
  "faults",
] as const;

describe("regula --help", () => {
  it("lists every command with an example, and exits 0", async () => {
    const { code, stdout } = await runRegula(["--help"]);
    expect(code).toBe(0);
    for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command}\\s`, "m"));
    expect(stdout).toContain("Examples:");
  });

  it("every command's --help shows its usage and exits 0 without touching a server", async () => {
    const results = await Promise.all(commands.map((c) => runRegula([c, "--help"])));
    results.forEach((result, i) => {
      const command = commands[i];
      expect(result.code, `${command} --help`).toBe(0);
      expect(result.stdout, `${command} --help`).toContain(`regula ${command}`);
      expect(result.stdout, `${command} --help`).toContain("Usage:");
      expect(result.stderr, `${command} --help`).toBe("");
    });
    // The control-plane commands carry examples and the connection options.
    for (const result of results.slice(3)) {
      expect(result.stdout).toContain("Examples:");
      expect(result.stdout).toContain("--admin-key");
    }
  });

  it("an unknown command or flag is a usage error (exit 2) naming it", async () => {
    const unknown = await runRegula(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badFlag = await runRegula(["clock", "--nope"]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("--nope");
  });
});
