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
  // below the page-level blocking: no host name but 127.0.0.1 resolves, so nothing can leave
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run \`bash scripts/ensure-chromium\` (installs Debian's chromium package).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/**
 * Lets through file: URLs under `fileRoot`, data:/blob: URLs and requests to 127.0.0.1, and aborts
 * every other request, recording it.
 */
export async function blockNonLocalRequests(page: Page, fileRoot: string): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(
    () => true,
    (route) => {
      const raw = route.request().url();
      const url = new URL(raw);
      const local =
        (url.protocol === "file:" && decodeURIComponent(url.pathname).startsWith(fileRoot)) ||
        url.protocol === "data:" ||
        url.protocol === "blob:" ||
        ((url.protocol === "http:" || url.protocol === "https:") && url.hostname === "127.0.0.1");
      if (local) return route.continue();
      blocked.push(raw);
      return route.abort("blockedbyclient");
    },
  );
  return blocked;
}

export interface PageError {
  text: string;
  /** The resource or script the message is about. */
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
