// Identifies the SDK to HostUp. Its front proxy has refused requests whose User-Agent was a generic
// library default (../shared/reference/public-clients.md), so in Node the SDK names itself. In a
// browser it sends nothing extra: the browser sets its own User-Agent, and a header of ours would
// add a CORS preflight to every call.

// Replaced with package.json's version when the package is built (tsup.config.ts) or tested (vitest.config.ts).
declare const __HOSTUP_SDK_VERSION__: string;

export const SDK_PRODUCT = `hostup-sdk-typescript/${__HOSTUP_SDK_VERSION__}`;

/**
 * `hostup-sdk-typescript/1.2.0 (node 20.20.2)`, followed by the caller's own product tokens
 * (`extra`, e.g. `hostup-cli/1.2.0`); in a browser only `extra`, if given.
 */
export function userAgentFor(extra: string | undefined): string | undefined {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  const inBrowser = typeof (globalThis as { document?: unknown }).document !== "undefined";
  const own = node && !inBrowser ? `${SDK_PRODUCT} (node ${node})` : undefined;
  return own && extra ? `${own} ${extra}` : (own ?? extra);
}
