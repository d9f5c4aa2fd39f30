import { HostupAbortError } from "../errors.js";

/** The error for a fired AbortSignal; `cause` is the signal's reason. */
export function abortError(signal: AbortSignal): HostupAbortError {
  return new HostupAbortError("The request was aborted by its AbortSignal.", { cause: signal.reason });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` when `signal` fires; returns the function that cancels that. However many calls
 * share one signal (a bulk run with high concurrency, every request and pause of it), the signal gets
 * a single listener, so Node never warns about a possible listener leak (it does past 10).
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = subscribers.get(signal);
  if (!callbacks) {
    const fresh = new Set<() => void>();
    signal.addEventListener("abort", () => callAll(fresh), { once: true });
    subscribers.set(signal, (callbacks = fresh));
  }
  const registered = callbacks;
  registered.add(callback);
  return () => void registered.delete(callback);
}

/** Empties `callbacks`, then calls each of them (one added meanwhile waits for the next time). */
export function callAll(callbacks: Set<() => void>): void {
  const due = [...callbacks];
  callbacks.clear();
  for (const call of due) call();
}

/** Waits `ms`, or rejects with HostupAbortError as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const cancel = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(abortError(signal));
        })
      : undefined;
    const timer = setTimeout(() => {
      cancel?.();
      resolve();
    }, ms);
  });
}
