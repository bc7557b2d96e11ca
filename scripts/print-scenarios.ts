/** Prints the scenario section of docs/certify.md from the scenarios' own descriptions. */
import { scenarios } from "../src/certify/scenarios/index.js";

for (const scenario of scenarios) {
  process.stdout.write(`### \`${scenario.name}\`\n\n${scenario.description}\n\n`);
}
