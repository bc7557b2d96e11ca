import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The `regula` executable: src/main.ts and its dependencies bundled into dist/bin (one
 * chunk per lazily loaded command), so a cold `regula serve` reads a few files instead of
 * about nine hundred modules. better-sqlite3 stays outside (a native addon, resolved from
 * node_modules as usual). The library entry (dist/index.js, from tsc) is not bundled.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = path.join(root, "dist", "bin");

// CommonJS dependencies inside ES module chunks need `require`, `__filename` and `__dirname`.
const banner = [
  'import { createRequire as __regulaRequire } from "node:module";',
  'import { fileURLToPath as __regulaPath } from "node:url";',
  "const require = __regulaRequire(import.meta.url);",
  "const __filename = __regulaPath(import.meta.url);",
  'const __dirname = __regulaPath(new URL(".", import.meta.url));',
].join(" ");

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  // The page reader runs in worker threads (src/store/kysely/page-readers.ts), which load
  // it by name from next to the chunk that starts them.
  entryPoints: {
    main: path.join(root, "src", "main.ts"),
    "page-reader-worker": path.join(root, "src", "store", "kysely", "page-reader-worker.ts"),
  },
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: ["better-sqlite3", "pg-native"],
  banner: { js: banner },
  logLevel: "warning",
});
process.stdout.write(`regula executable bundled into ${path.relative(root, outdir)}\n`);
