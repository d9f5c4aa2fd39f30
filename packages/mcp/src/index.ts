// @hostup/mcp: HostUp domains and DNS as MCP tools for AI agents (createHostupMcpServer), served over
// stdio or Streamable HTTP (serveMcpStdio, serveMcpHttp). `hostup mcp` is the CLI's shell around it.
export { createHostupMcpServer, offeredTools, TOOL_NAMES, type HostupMcpServerOptions } from "./server.js";
export { isLoopback, serveMcpHttp, type McpHttpOptions, type McpHttpServer } from "./http.js";
export { serveMcpStdio } from "./stdio.js";
export { planHash } from "./tools/zones.js";
export { MCP_PRODUCT, MCP_VERSION } from "./version.js";
export type { Tool, ToolKind } from "./tool.js";
