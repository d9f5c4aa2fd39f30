// Replaced with package.json's version by the build (tsup.config.ts); "0.0.0-dev" when run from source.
declare const __HOSTUP_MCP_VERSION__: string | undefined;
export const MCP_VERSION = typeof __HOSTUP_MCP_VERSION__ === "string" ? __HOSTUP_MCP_VERSION__ : "0.0.0-dev";
/** What the server adds to the client's User-Agent, so HostUp can tell an agent's requests apart. */
export const MCP_PRODUCT = `hostup-mcp/${MCP_VERSION}`;
