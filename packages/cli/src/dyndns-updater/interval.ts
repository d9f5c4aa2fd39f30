// How often `--watch` checks the address, and how long it waits after a failure.
import { UsageError } from "../config.js";

// The parser and the formatter are shared with the other commands that take durations.
export { formatDuration, parseDuration } from "../duration.js";

export const DEFAULT_INTERVAL_MS = 5 * 60_000;
/**
 * The shortest interval when any service the updater talks to is remote (the update API or the
 * --ip-from URL): shorter polls hammer the echo service, and the backoff starts from the interval.
 * HostUp documents no limit; 30 s is below what ddclient and inadyn use by default.
 */
export const MIN_REMOTE_INTERVAL_MS = 30_000;
/** The longest wait after failures (unless the interval itself is longer). */
export const BACKOFF_CAP_MS = 3_600_000;

/**
 * The interval, refused when it is under the minimum and a remote service would feel it. Everything
 * on loopback (the mock, a local test server, a router's own status page) has no one to protect.
 */
export function checkInterval(ms: number, text: string, urls: ReadonlyArray<string | undefined>): number {
  const remote = urls.some((url) => url !== undefined && !isLoopbackUrl(url));
  if (remote && ms < MIN_REMOTE_INTERVAL_MS) {
    throw new UsageError(
      `--interval ${text} is too short: at least 30s when talking to a remote service (checking more often does not ` +
        "make updates faster to spread, and DynDNS services treat update storms as abuse).",
    );
  }
  return ms;
}

export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The wait after the `failures`-th failure in a row: the interval doubled each time, up to an hour. */
export function backoffDelay(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, BACKOFF_CAP_MS));
}
