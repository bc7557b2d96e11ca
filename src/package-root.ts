import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The directory of Regula's package.json, found upwards from this module, so paths into the
 * package (the built console) hold from src/ (tsx), dist/ (tsc) and dist/bin/ (the bundle).
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "regula")
          return dir;
      } catch {
        // An unreadable package.json on the way up is not ours.
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`no Regula package.json above ${from}`);
  }
}

/** Where the built web console is (web/dist in the package). */
export function consoleDistDir(): string {
  return path.join(packageRoot(), "web", "dist");
}
