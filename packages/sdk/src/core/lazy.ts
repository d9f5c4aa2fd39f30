// The parts of the SDK an app may never need (input checks, reading error answers, the workflows,
// the raw client) are dynamic imports, loaded on first use. Bundlers that split code (Vite, Rollup,
// webpack, esbuild --splitting) keep them out of the app's first bundle chunk.
//
// Those modules import nothing of the core at run time (they get what they need as arguments), so
// they share no code with it: were they to import a core module, the bundler would move it into a
// chunk of its own, and the first page load would fetch two files instead of one.

export interface Lazy<T> {
  (): Promise<T>;
  /** The module, once loaded: lets hot paths skip an `await`. */
  loaded?: T;
}

/**
 * `load` at most once at a time, keeping the module once it has loaded. A failed load (a page whose
 * chunks were replaced by a redeploy, a dropped connection) is tried again on the next use.
 */
export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let loading: Promise<T> | undefined;
  const get: Lazy<T> = () =>
    (loading ??= load().then(
      (module) => (get.loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return get;
}
