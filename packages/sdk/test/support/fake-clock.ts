// A fake clock for the tests of time-based behaviour (retries, Retry-After, pacing, timeouts, job
// polling): vitest's fake timers for `setTimeout`, `clearTimeout`, `Date` and `performance`, so a
// 1 s Retry-After takes no real second and every wait is measured exactly.
//
//   const call = hostup.syncDomainStatus(DOMAIN_ID);
//   await clock.advance(999);   // nothing due yet: the retry has not gone out
//   const data = await clock.settle(call); // runs time on, timer by timer, until the call is done
//
// Everything else is real: promises, `setImmediate` (the clock yields with it so that work between
// two timers runs before time moves on) and I/O. So the clock is for code that waits only on timers
// and promises, such as the SDK answered by a fetch handler (./fetch-handler.ts); a real socket (the
// fault server) keeps real timers, as time would move on while bytes are still on their way.
//
// The timers are global: a test that uses the clock must not run concurrently with another test.
import { vi } from "vitest";

export interface FakeClock {
  /** Moves time on by `ms`, running the timers that fall due on the way (and the promises between them). */
  advance(ms: number): Promise<void>;
  /**
   * Moves time on, timer by timer, until `promise` settles, and settles as it does. Rejects (leaving the
   * promise be) when it is still pending after `limitMs` of fake time or 1 000 timers (a loop of timers
   * that never lets time move on), or when nothing is left that could settle it: no timer and no work
   * for a while.
   */
  settle<T>(promise: Promise<T>, limitMs?: number): Promise<T>;
}

const TO_FAKE = ["setTimeout", "clearTimeout", "Date", "performance"] as const;

/** How long (real time) `settle` lets a promise wait on something other than a timer before it gives up. */
const IDLE_LIMIT_MS = 5_000;
/** How many timers `settle` runs before it gives up. */
const TIMER_LIMIT = 1_000;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Installs the fake timers (at `now`, default the real time); `uninstall` puts the real ones back. */
export function installFakeClock(now?: number | Date): FakeClock & { uninstall(): void } {
  vi.useFakeTimers({ toFake: [...TO_FAKE], now: now ?? Date.now() });
  return {
    async advance(ms) {
      await vi.advanceTimersByTimeAsync(ms);
    },
    async settle(promise, limitMs = 3_600_000) {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      const deadline = Date.now() + limitMs;
      let idleSince: number | undefined;
      let timers = 0;
      while (!settled) {
        await turn();
        if (settled) break;
        if (vi.getTimerCount() === 0) {
          // Waiting on something other than time (a module still loading): give it turns, not time.
          idleSince ??= vi.getRealSystemTime();
          if (vi.getRealSystemTime() - idleSince > IDLE_LIMIT_MS) {
            throw new Error("fake clock: the promise is pending, and no timer is left that could settle it");
          }
          continue;
        }
        idleSince = undefined;
        if (Date.now() >= deadline) throw new Error(`fake clock: the promise is still pending after ${limitMs} ms of fake time`);
        if (timers++ >= TIMER_LIMIT) throw new Error(`fake clock: the promise is still pending after ${TIMER_LIMIT} timers`);
        await vi.advanceTimersToNextTimerAsync();
      }
      return promise;
    },
    uninstall() {
      vi.useRealTimers();
    },
  };
}
