// `hostup dyndns update --watch`: a long-running updater in the manner of ddclient and inadyn. It
// checks the address every interval and sends an update only when it changed (DynDNS2 services
// treat repeated unchanged updates as abuse). The first check always sends one: without an API key
// the updater cannot read the record, and one update at start costs a `nochg` at worst.
//
// Failures that may pass (`911`, `dnserr`, network errors, 429 and 5xx answers, a failed address
// lookup) are retried after backoffDelay(); refusals that retrying cannot fix end the loop by
// throwing. Aborting `signal` (SIGTERM, SIGINT) cancels the pending wait or request and returns.
import {
  HostupConnectionError,
  HostupDynDnsError,
  HostupRateLimitError,
  HostupServerError,
  HostupResponseTooLargeError,
  HostupUnexpectedResponseError,
  type DynDnsUpdateResult,
} from "@hostup/sdk";
import { type Clock, realClock } from "../clock.js";
import { AddressLookupError, type AddressSource } from "./address.js";
import { backoffDelay } from "./interval.js";
import type { UpdaterLog } from "./log.js";

export interface WatchSettings {
  intervalMs: number;
  lookup: AddressSource;
  update: (ip: string, signal: AbortSignal) => Promise<DynDnsUpdateResult>;
  log: UpdaterLog;
  signal: AbortSignal;
  /** How it waits between checks (default: the real clock's); `signal` must cut the wait short. */
  sleep?: Clock["sleep"];
}

/** Runs until `signal` aborts (resolves) or a refusal that retrying cannot fix (rejects with it). */
export async function watchAddress({ intervalMs, lookup, update, log, signal, sleep = realClock.sleep }: WatchSettings): Promise<void> {
  let applied: string | undefined;
  let failures = 0;
  while (!signal.aborted) {
    let delay = intervalMs;
    try {
      const ip = await lookup(signal);
      if (ip === applied) {
        log.unchanged(ip);
      } else {
        const result = await update(ip, signal);
        log.updated(result, applied);
        applied = ip;
      }
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      if (!isPassing(error)) {
        log.givingUp(error);
        throw error;
      }
      failures++;
      delay = backoffDelay(intervalMs, failures);
      log.retrying(error, delay);
    }
    try {
      await sleep(delay, signal);
    } catch {
      return; // aborted: the timer is cleared
    }
  }
}

/** Worth another try later: a server-side or network problem, not a refusal of this request. */
export function isPassing(error: unknown): boolean {
  if (error instanceof HostupDynDnsError) return error.code === "911" || error.code === "dnserr";
  return (
    error instanceof AddressLookupError ||
    error instanceof HostupConnectionError ||
    error instanceof HostupRateLimitError ||
    error instanceof HostupServerError ||
    // A 2xx that is no DynDNS2 answer, or one too large to be one: a captive portal or a proxy's page, most likely.
    error instanceof HostupUnexpectedResponseError ||
    error instanceof HostupResponseTooLargeError
  );
}
