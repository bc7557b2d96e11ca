import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Builds the web console (web/src → web/dist) with Vite, and tells whether the build on disk
 * matches the sources. `npm run build:web` always builds; `npm start` (prestart) and the
 * browser test build only when web/dist is missing or stale.
 */

export const webDir = fileURLToPath(new URL(".", import.meta.url));
export const consoleDistDir = path.join(webDir, "dist");
const STAMP_FILE = "build-stamp.json";

/** A hash of everything the build reads from web/: the page, the sources and this script. */
export function consoleSourceHash(): string {
  const hash = createHash("sha256");
  const files = [
    path.join(webDir, "index.html"),
    fileURLToPath(import.meta.url),
    ...listFiles(path.join(webDir, "src")),
  ];
  for (const file of files) {
    hash.update(path.relative(webDir, file));
    hash.update("\0");
    hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    })
    .sort();
}

/** True when web/dist holds a build of the current sources. */
export function isConsoleBuildFresh(): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(consoleDistDir, STAMP_FILE), "utf8")) as {
      sourceHash?: string;
    };
    return (
      stamp.sourceHash === consoleSourceHash() &&
      fs.existsSync(path.join(consoleDistDir, "index.html"))
    );
  } catch {
    return false;
  }
}

/**
 * Builds into a private directory, then swaps it in, so a running server never serves a
 * half-written build and two concurrent builds (same sources, same output) cannot mix.
 */
export async function buildConsole(): Promise<void> {
  const { build } = await import("vite");
  const { default: react } = await import("@vitejs/plugin-react");
  const sourceHash = consoleSourceHash();
  const outDir = path.join(webDir, `.dist-${process.pid}-${Date.now()}`);
  try {
    await build({
      configFile: false,
      root: webDir,
      base: "/console/",
      logLevel: "warn",
      plugins: [react()],
      build: {
        outDir,
        emptyOutDir: true,
        // No data: URIs and no inline code: everything is a same-origin file (CSP 'self').
        assetsInlineLimit: 0,
        modulePreload: { polyfill: false },
        sourcemap: false,
      },
    });
    fs.writeFileSync(path.join(outDir, STAMP_FILE), `${JSON.stringify({ sourceHash })}\n`);
    fs.rmSync(consoleDistDir, { recursive: true, force: true });
    try {
      fs.renameSync(outDir, consoleDistDir);
    } catch (error) {
      // Another build of the same sources was swapped in first; theirs is as good as ours.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Builds unless web/dist is already a build of the current sources; says which happened. */
export async function ensureConsoleBuilt(): Promise<"fresh" | "built"> {
  if (isConsoleBuildFresh()) return "fresh";
  await buildConsole();
  return "built";
}

async function main(args: string[]): Promise<void> {
  if (!args.includes("--if-stale")) {
    await buildConsole();
    process.stdout.write(`Web console built into ${consoleDistDir}\n`);
    return;
  }
  try {
    const outcome = await ensureConsoleBuilt();
    if (outcome === "built") process.stdout.write(`Web console built into ${consoleDistDir}\n`);
  } catch (error) {
    // `npm start` must still serve the APIs when the console cannot be built (for example
    // an install without dev dependencies); /console then answers 503 saying what to do.
    process.stderr.write(
      `Warning: the web console could not be built (${error instanceof Error ? error.message : String(error)}); /console will answer 503 until \`npm run build:web\` succeeds.\n`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
