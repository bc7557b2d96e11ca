import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { CannedPage } from "./anchor-server.js";
import { type Child, freePort, spawnChild, waitForHttp } from "./child-process.js";

/** A peer mock server started for `--peers`, or the reason it was skipped. */
export interface PeerServer {
  name: "prism" | "wiremock";
  baseUrl: string;
  child: Child;
}

function onPath(command: string): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Prism (`npm install -g @stoplight/prism-cli`) mocking Regula's own OpenAPI document, and
 * WireMock (the standalone jar in WIREMOCK_JAR or .bench-cache/wiremock-standalone.jar, with
 * `java` on PATH) serving the same canned page as the anchors. Each is skipped, with a line
 * on stderr, when it is not installed.
 */
export async function startPeers(options: {
  regulaUrl: string;
  pagesFile: string;
  workDir: string;
  cacheDir: string;
}): Promise<PeerServer[]> {
  const peers: PeerServer[] = [];
  const prism = onPath("prism");
  if (!prism) process.stderr.write("bench: --peers: prism is not on PATH, skipped\n");
  else {
    const spec = path.join(options.workDir, "openapi.json");
    fs.writeFileSync(spec, await (await fetch(`${options.regulaUrl}/openapi.json`)).text());
    const port = await freePort();
    const child = spawnChild(prism, ["mock", "-h", "127.0.0.1", "-p", String(port), spec]);
    peers.push(
      await ready(
        "prism",
        `http://127.0.0.1:${port}`,
        child,
        "/rest/complianceEvents?q=memberAndApplication",
      ),
    );
  }
  const jar = process.env.WIREMOCK_JAR ?? path.join(options.cacheDir, "wiremock-standalone.jar");
  if (!fs.existsSync(jar) || !onPath("java")) {
    process.stderr.write(`bench: --peers: no WireMock jar at ${jar} (or no java), skipped\n`);
  } else {
    const root = path.join(options.workDir, "wiremock");
    writeWireMockMappings(root, options.pagesFile);
    const port = await freePort();
    const child = spawnChild("java", [
      "-jar",
      jar,
      "--port",
      String(port),
      "--bind-address",
      "127.0.0.1",
      "--root-dir",
      root,
      "--disable-banner",
      "--no-request-journal",
    ]);
    peers.push(await ready("wiremock", `http://127.0.0.1:${port}`, child, "/__admin/health"));
  }
  return peers;
}

async function ready(
  name: PeerServer["name"],
  baseUrl: string,
  child: Child,
  probe: string,
): Promise<PeerServer> {
  try {
    await waitForHttp(`${baseUrl}${probe}`, child, 120_000, true);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { name, baseUrl, child };
}

/** One stub per page size: the canned page's bytes and headers, matched on `count`. */
function writeWireMockMappings(root: string, pagesFile: string): void {
  const pages = JSON.parse(fs.readFileSync(pagesFile, "utf8")) as Record<string, CannedPage>;
  fs.mkdirSync(path.join(root, "mappings"), { recursive: true });
  for (const [count, page] of Object.entries(pages)) {
    const mapping = {
      request: {
        method: "GET",
        urlPath: "/rest/complianceEvents",
        queryParameters: { count: { equalTo: count } },
      },
      response: { status: 200, headers: page.headers, base64Body: page.bodyBase64 },
    };
    fs.writeFileSync(path.join(root, "mappings", `page-${count}.json`), JSON.stringify(mapping));
  }
}
