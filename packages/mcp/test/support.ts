// An MCP client connected in memory to a server on a HostUp client, and the helpers the tests share.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createHostupClient, type HostupClientOptions } from "@hostup/sdk";
import { createHostupMcpServer, type HostupMcpServerOptions } from "../src/index.js";

export const API_KEY = "hk_live_mcp_SECRET_0123456789abcdef";

export interface Connected {
  client: Client;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** A client on a server whose HostUp client talks to `baseUrl`; the tools are listed first (the client then checks results against their output schemas). */
export async function connect(
  baseUrl: string,
  options: Omit<HostupMcpServerOptions, "hostup"> = {},
  clientOptions: Partial<HostupClientOptions> = {},
): Promise<Connected> {
  const hostup = createHostupClient({ apiKey: API_KEY, baseUrl, maxRetries: 0, ...clientOptions });
  const server = createHostupMcpServer({ hostup, secrets: [API_KEY], ...options });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1.0.0" });
  await server.connect(serverSide);
  await client.connect(clientSide);
  await client.listTools();
  return {
    client,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

export const textOf = (result: CallToolResult) => result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
