import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarios } from "../../src/certify/scenarios/index.js";

/** docs/certify.md documents every scenario with the scenario's own description. */
describe("docs/certify.md", () => {
  const docs = fs.readFileSync("docs/certify.md", "utf8");

  it.each(scenarios.map((s) => [s.name, s] as const))(
    "describes %s as the code does",
    (name, s) => {
      expect(docs).toContain(`### \`${name}\`\n\n${s.description}\n`);
    },
  );

  it("lists no scenario the code does not have", () => {
    const documented = [...docs.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(scenarios.map((s) => s.name).sort());
  });
});
