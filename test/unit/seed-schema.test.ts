import fs from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { SEED_SCHEMA_PATH, seedJsonSchemaText } from "../../src/sandbox/seed-json-schema.js";

describe("docs/seed.schema.json", () => {
  it("is the file `npm run gen:seed-schema` writes from the schema the server validates with", () => {
    expect(fs.readFileSync(SEED_SCHEMA_PATH, "utf8")).toBe(seedJsonSchemaText());
  });

  it("loads in a standard JSON Schema validator and accepts the demo seed", () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SEED_SCHEMA_PATH, "utf8")));
    expect(validate(structuredClone(demoSeed)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ members: [{ id: "a", firstName: "x", nickname: "y" }] })).toBe(false);
  });
});
