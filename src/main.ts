#!/usr/bin/env node
import { runArchiveCli } from "./cli/archive.js";
import { runCertifyCli } from "./cli/certify.js";
import { serve } from "./cli/serve.js";
import { loadConfig } from "./config.js";

/** Entry point: `regula [serve | archive …]`. The only place that reads process.env and argv. */
async function main(argv: string[]): Promise<void> {
  const [command = "serve"] = argv;
  switch (command) {
    case "serve":
      await serve(loadConfig(process.env));
      return;
    case "archive":
      // A client of the API: it needs none of the server's configuration.
      process.exitCode = await runArchiveCli(argv.slice(1), undefined, process.env);
      return;
    case "certify":
      process.exitCode = await runCertifyCli(argv.slice(1), undefined, process.env);
      return;
    default:
      process.stderr.write(`Unknown command "${command}". Commands: serve, archive, certify\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`regula: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
