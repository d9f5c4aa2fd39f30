// Headless Debian Chromium through playwright-core (Playwright's own browser download does not work
// on our machines). `scripts/ensure-chromium` (run by the vitest global setup) installs it if missing.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Flags from the shared toolchain notes: no sandbox (we run as root in CI), no GPU, and none of
 * Chromium's own background traffic (first-run, component updates, sync, QUIC), which this
 * machine's closed network would refuse. Playwright gives every launch a fresh user-data-dir.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run \`bash scripts/ensure-chromium\` (installs Debian's chromium package).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 30_000 });
}

export function isLoopback(url: string): boolean {
  try {
    return new URL(url).hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

/**
 * Lets requests to 127.0.0.1 (and inline data: URLs) through and aborts every other one,
 * recording it: the returned list must stay empty for the page to count as working offline.
 */
export async function blockNonLocalRequests(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (isLoopback(url) || url.startsWith("data:")) return route.continue();
      blocked.push(`${route.request().method()} ${url}`);
      return route.abort("blockedbyclient");
    },
  );
  return blocked;
}

/** Console errors and uncaught exceptions of the page, as text. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()} (${message.location().url || "no url"})`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}
