import { serve } from "./cli/serve.js";
import { loadConfig } from "./config.js";

/** Entry point: `regula [serve]`. The only place that reads process.env and argv. */
async function main(argv: string[]): Promise<void> {
  const [command = "serve"] = argv;
  const config = loadConfig(process.env);
  switch (command) {
    case "serve":
      await serve(config);
      return;
    default:
      process.stderr.write(`Unknown command "${command}". Commands: serve\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`regula: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
