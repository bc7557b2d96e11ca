import path from "node:path";
import { type Child, freePort, spawnChild, waitForHttp } from "./child-process.js";

const entry = path.join(import.meta.dirname, "anchor-server.ts");

export interface AnchorServer {
  name: string;
  baseUrl: string;
  child: Child;
}

/** Starts bench/anchor-server.ts (`fastify` or `http`) in a child process serving `pagesFile`. */
export async function startAnchor(
  kind: "fastify" | "http",
  pagesFile: string,
): Promise<AnchorServer> {
  const port = await freePort();
  const child = spawnChild(process.execPath, [
    "--import",
    "tsx",
    entry,
    kind,
    pagesFile,
    String(port),
  ]);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/healthz`, child);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { name: kind === "fastify" ? "bare-fastify" : "bare-node-http", baseUrl, child };
}
