import { SeedDocument } from "./seed-document.js";

/** Where the generated JSON Schema of the seed document is committed. */
export const SEED_SCHEMA_PATH = "docs/seed.schema.json";

/**
 * The seed document's JSON Schema (draft 2020-12 compatible), generated from the TypeBox
 * schema the server validates with, so the file in docs/ cannot drift from the server.
 */
export function seedJsonSchemaText(): string {
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://github.com/regula/regula/docs/seed.schema.json",
    description:
      "A Regula world: applications, members, authorizations, credentials, history, clock. See docs/seed.md.",
    ...(JSON.parse(JSON.stringify(SeedDocument)) as Record<string, unknown>),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
