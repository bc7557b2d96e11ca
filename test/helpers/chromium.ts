import fs from "node:fs";
import { type BrowserContext, chromium } from "playwright-core";
import { createTempDir } from "./store-targets.js";

/** Debian's Chromium (or REGULA_CHROMIUM); playwright-core never downloads a browser here. */
export const CHROMIUM = process.env.REGULA_CHROMIUM ?? "/usr/bin/chromium";
const inCi = Boolean(process.env.CI);

/**
 * Whether browser suites should be skipped: only outside CI, with a printed reason. In CI a
 * missing browser must fail the suite (`requireChromium`), or the test would prove nothing.
 */
export function skipWithoutChromium(suite: string): boolean {
  const missing = !fs.existsSync(CHROMIUM);
  if (missing && !inCi) {
    console.warn(
      `Skipping ${suite}: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set REGULA_CHROMIUM).`,
    );
  }
  return missing && !inCi;
}

export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is required in CI but ${CHROMIUM} does not exist: apt-get install -y chromium`,
    );
  }
}

/**
 * Launches headless Chromium in a fresh profile. The flags keep it off the network: on this
 * closed machine background services would only fail their connections.
 */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  requireChromium();
  const profile = createTempDir("regula-chromium-");
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      profile.remove();
    },
  };
}
