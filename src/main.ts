#!/usr/bin/env node
import { runCli } from "./cli/run-cli.js";

/** Entry point of `regula …` (the package's bin). The only place that reads process.env and argv. */
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, process.env)
  .then((code) => {
    // `serve` keeps running after it resolves: its listening socket holds the process open.
    if (code !== 0) process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`regula: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
