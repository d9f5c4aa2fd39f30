// Headless Debian Chromium through playwright-core (Playwright's own browser download does not work
// on our machines), for the tests that open pages: tests/browser (the SDK in a page) and tests/docs
// (the rendered API reference). Their vitest global setup (./vitest-global-setup) installs it if missing.
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
  // Below the page-level blocking (blockNonLocalRequests): no host name but 127.0.0.1 resolves,
  // so nothing can leave the machine even where a page's requests are not intercepted.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run \`bash scripts/ensure-chromium\` (installs Debian's chromium package).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A request that stays on this machine: 127.0.0.1, data:/blob: URLs, and file: URLs under `fileRoot` when given. */
export function isLocal(rawUrl: string, fileRoot?: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol === "data:" || url.protocol === "blob:") return true;
  if (url.protocol === "file:") return fileRoot !== undefined && decodeURIComponent(url.pathname).startsWith(fileRoot);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname === "127.0.0.1";
}

/**
 * Lets local requests through (see isLocal) and aborts every other one, recording it: the returned
 * list must stay empty for the page to count as working offline.
 */
export async function blockNonLocalRequests(page: Page, options: { fileRoot?: string } = {}): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (isLocal(url, options.fileRoot)) return route.continue();
      blocked.push(`${route.request().method()} ${url}`);
      return route.abort("blockedbyclient");
    },
  );
  return blocked;
}

export interface PageError {
  text: string;
  /** The resource or script the message is about ("" for an uncaught exception). */
  url: string;
}

/** Console errors and uncaught exceptions of the page. */
export function collectPageErrors(page: Page): PageError[] {
  const errors: PageError[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push({ text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => errors.push({ text: `uncaught: ${error.message}`, url: "" }));
  return errors;
}
