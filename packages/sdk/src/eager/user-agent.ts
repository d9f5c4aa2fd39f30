// Identifies the SDK to HostUp. Its front proxy has refused requests whose User-Agent was a generic
// library default, or missing (../shared/reference/public-clients.md), so outside a browser the SDK
// names itself and the runtime. In a browser, or a browser's worker, it sends nothing extra: the
// browser sets its own User-Agent, and a header of ours would add a CORS preflight to every call.

// Replaced with package.json's version when the package is built (tsup.config.ts) or tested (vitest.config.ts).
declare const __HOSTUP_SDK_VERSION__: string;

export const SDK_PRODUCT = `hostup-sdk-typescript/${__HOSTUP_SDK_VERSION__}`;

/**
 * `hostup-sdk-typescript/1.2.0 (node 20.20.2)`, followed by the caller's own product tokens (`extra`,
 * e.g. `hostup-cli/1.2.0`); in a browser only `extra`, if given.
 *
 * The runtime is what `navigator.userAgent` says (`Bun/1.3.5`, `Deno/2.5.6`, `Cloudflare-Workers` in
 * workerd), except in Node, whose own says only the major version (`Node.js/22`, from Node 21) and
 * which Bun and Deno imitate in `process.versions.node`. A browser's, in a page or a worker, starts
 * with `Mozilla/`; no server runtime's does. Where neither is known, the SDK's product token alone.
 */
export function userAgentFor(extra: string | undefined): string | undefined {
  const g = globalThis as { navigator?: { userAgent?: string }; process?: { versions?: { node?: string } } };
  const agent = g.navigator?.userAgent;
  const node = g.process?.versions?.node;
  if (/^Mozilla\//.test(agent as string)) return extra;
  const own = `${SDK_PRODUCT}${agent && !agent.startsWith("Node") ? ` (${agent})` : node ? ` (node ${node})` : ""}`;
  return extra ? `${own} ${extra}` : own;
}
