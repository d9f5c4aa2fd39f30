// Loads a module on first use and keeps it: the one helper behind every dynamic import of the SDK
// (which parts load on first need, and why, is src/README.md).
import { HostupError } from "../errors.js";

export interface LoadOnce<T> {
  (): Promise<T>;
  /** The module, once loaded: lets hot paths skip an `await`. */
  loaded?: T;
}

/**
 * `load` at most once at a time, keeping the module once it has loaded. A failed load (a page whose
 * chunks were replaced by a redeploy, a dropped connection) rejects with a HostupError whose `cause`
 * is the loader's error, and is tried again on the next use.
 */
export function loadOnce<T>(load: () => Promise<T>): LoadOnce<T> {
  let loading: Promise<T> | undefined;
  const get: LoadOnce<T> = () =>
    (loading ??= load().then(
      (module) => (get.loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw new HostupError(
          `The SDK could not load a part it needs (${(error as Error)?.message ?? error}); the next call tries again.`,
          {
            cause: error,
          },
        );
      },
    ));
  return get;
}
