// How the CLI tells the time and waits: `dyndns update --watch`'s interval and backoff, `acme present
// --wait`'s rounds and deadline. The real clock, unless `main`'s Io brings another (a test's, which
// records the waits instead of sitting through them).
import { setTimeout as delay } from "node:timers/promises";

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects (an AbortError) as soon as `signal` fires, and the wait is cleared. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};
