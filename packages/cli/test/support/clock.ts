// A clock for the in-process runs of the commands that wait (`dyndns update --watch`, `acme present
// --wait`), given to them through `main`'s Io: it records every wait instead of sitting through it,
// and moves its time on by as much, so the deadlines and elapsed times the commands work out come
// out as if the waits had happened. The requests and DNS queries around the waits are real and take
// real time, so its time is the real time plus the waits it skipped.
import type { Clock } from "../../src/clock.js";

export interface TestClock extends Clock {
  /** Every wait asked for, in milliseconds, in order. */
  readonly sleeps: number[];
  /** Called at each wait with how many there have been (this one included), before the wait returns: a test's cue. */
  onSleep?: (count: number) => void;
}

export function testClock(): TestClock {
  const sleeps: number[] = [];
  let skipped = 0;
  const clock: TestClock = {
    sleeps,
    now: () => Date.now() + skipped,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      skipped += ms;
      clock.onSleep?.(sleeps.length);
      // A turn of the event loop, as a timer gives; then the signal, as a wait cut short by it would see it.
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    },
  };
  return clock;
}
