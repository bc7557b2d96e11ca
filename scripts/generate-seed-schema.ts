/** Writes docs/seed.schema.json from the TypeBox seed schema (`npm run gen:seed-schema`). */
import fs from "node:fs";
import { SEED_SCHEMA_PATH, seedJsonSchemaText } from "../src/sandbox/seed-json-schema.js";

fs.writeFileSync(SEED_SCHEMA_PATH, seedJsonSchemaText());
process.stdout.write(`wrote ${SEED_SCHEMA_PATH}\n`);
