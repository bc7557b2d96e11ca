import { parseArgs } from "node:util";
import { runProducePhase } from "./produce-phase.js";

/**
 * `npx tsx bench/produce.ts [--events N] [--threads T]`: `archive produce` timed alone for
 * one member with N events (`npm run bench` runs the same phase at the end). One JSON line.
 */
const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    threads: { type: "string", default: "100" },
  },
});
const figures = await runProducePhase(Number(values.events), Number(values.threads));
console.log(JSON.stringify({ phase: "produce", ...figures }));
