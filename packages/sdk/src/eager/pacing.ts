// Client-side pacing from the API's rate-limit headers, shared by every call of one client.
//
// HostUp sends `X-RateLimit-Limit` (the window's size), `X-RateLimit-Remaining` (what is left of
// it) and `X-RateLimit-Reset` (when it resets), and on a 429 `Retry-After` in whole seconds. Left
// alone, concurrent calls keep sending into an exhausted window, each 429 costs an attempt, and the
// retries of many calls land together after the same whole second. So the client keeps count:
//
// - `left`: what the window still allows, as the last answer said (`Remaining`) minus this client's
//   attempts still in flight (the answer could not count them yet). An attempt takes one.
// - When nothing is left, attempts wait for the reset; at the reset the window allows `Limit` again
//   (the first attempts to wake take it, the others wait for the next answer to say more).
// - A 429's `Retry-After` holds every attempt of the client until then.
//
// Only attempts that could still retry a 429 are held (a call's last attempt goes at once:
// `maxRetries: 0` means "tell me at once"), and never longer than `maxRetryWaitMs` (a longer pause
// is the caller's to schedule: that 429 is thrown at once). Without rate-limit headers nothing is
// ever held.
import { headerInteger, resetTime, retryAfterMs } from "./rate-limit.js";
import { abortError, callAll, onAbort, sleep } from "./abort.js";

export interface RateState {
  /** Attempts the window still allows, as far as the client knows; `undefined`: no limit known. */
  left?: number;
  /** When the window resets (ms since the epoch); 0: unknown, or reset already accounted for. */
  reset: number;
  /** `X-RateLimit-Limit`: what a fresh window allows. */
  limit?: number;
  /** A 429's `Retry-After`: no held attempt starts before this (ms since the epoch). */
  until: number;
  /** This client's attempts in flight. */
  inFlight: number;
  /** Attempts waiting for the next answer to learn more. */
  waiting: Set<() => void>;
}

export function createRateState(): RateState {
  return { reset: 0, until: 0, inFlight: 0, waiting: new Set() };
}

/** Could an attempt have to wait? (If not, `start` it without `admit`: the common, synchronous case.) */
export function mayWait(rate: RateState): boolean {
  return (rate.left !== undefined && rate.left <= 0) || rate.until > Date.now();
}

/** Counts an attempt as started. */
export function start(rate: RateState): undefined {
  rate.inFlight++;
  if (rate.left !== undefined) rate.left--;
  return undefined;
}

/**
 * Waits until the window allows an attempt (never for a reset more than `maxWaitMs` away), then
 * counts the attempt as started. Resolves to how long it waited, or `undefined` when it did not.
 */
export async function admit(rate: RateState, maxWaitMs: number, signal: AbortSignal | undefined): Promise<number | undefined> {
  const started = Date.now();
  let held = false;
  for (;;) {
    const now = Date.now();
    let wait = rate.until - now;
    if (wait <= 0 && rate.left !== undefined && rate.left <= 0) {
      if (rate.reset > now) {
        wait = rate.reset - now;
      } else if (rate.reset !== 0) {
        // The window has reset since the last answer: it allows `limit` again.
        rate.left = rate.limit;
        rate.reset = 0;
        continue;
      } else if (rate.inFlight > 0) {
        held = true;
        await nextAnswer(rate, signal);
        continue;
      }
    }
    if (wait <= 0 || wait > maxWaitMs) break;
    held = true;
    await sleep(wait, signal);
  }
  start(rate);
  return held ? Date.now() - started : undefined;
}

/** Counts an attempt as ended and learns from its answer (none when it failed), then wakes waiters. */
export function settle(rate: RateState, response: Response | undefined, maxWaitMs: number): void {
  rate.inFlight--;
  if (response) {
    const { headers } = response;
    const now = Date.now();
    const remaining = headerInteger(headers, "x-ratelimit-remaining");
    if (remaining !== undefined) {
      rate.left = remaining - rate.inFlight;
      rate.reset = resetTime(headers) ?? 0;
      rate.limit = headerInteger(headers, "x-ratelimit-limit") ?? rate.limit;
    }
    if (response.status === 429) {
      const ms = retryAfterMs(headers, now);
      if (ms !== undefined && ms <= maxWaitMs) rate.until = Math.max(rate.until, now + ms);
    }
  }
  callAll(rate.waiting);
}

function nextAnswer(rate: RateState, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const stop = signal
      ? onAbort(signal, () => {
          rate.waiting.delete(wake);
          reject(abortError(signal));
        })
      : undefined;
    const wake = () => {
      stop?.();
      resolve();
    };
    rate.waiting.add(wake);
  });
}
