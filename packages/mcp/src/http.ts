// The server over Streamable HTTP at /mcp, stateless (a fresh server per request, as the SDK requires
// for stateless transports). Before any request reaches the SDK: an `Origin` that is not the server's
// own or an allowed one gets 403 (the MCP specification's defence against DNS rebinding; the SDK's
// helpers check `Host` only), a `Host` that is not loopback on a loopback server gets 403, and beyond
// loopback every request needs the bearer token.
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

export interface McpHttpOptions {
  /** A new MCP server for each request. */
  createServer: () => Server;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port (see `url`). */
  port?: number;
  /** Origins allowed besides the server's own (`http://localhost:<port>`, `http://127.0.0.1:<port>`). */
  allowedOrigins?: ReadonlyArray<string>;
  /** Required when `host` is not loopback: requests must send `Authorization: Bearer <token>`. */
  token?: string;
}

export interface McpHttpServer {
  /** `http://<host>:<port>/mcp` */
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["localhost", "::1", "[::1]"]);
/** Whether a host (a name or an address, IPv6 with or without brackets) is this machine's loopback. */
export const isLoopback = (host: string) => LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);

export async function serveMcpHttp(options: McpHttpOptions): Promise<McpHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const loopback = isLoopback(host);
  if (!loopback && !options.token) {
    throw new Error(`listening on ${host} (beyond loopback) needs a bearer token: set HOSTUP_MCP_TOKEN or the config file's mcpToken.`);
  }
  const expected = options.token ? Buffer.from(options.token) : undefined;
  let origins = new Set<string>();
  const deny = (res: ServerResponse, status: number, message: string) => {
    res
      .writeHead(status, { "content-type": "application/json" })
      .end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
  };

  const http = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) deny(res, 500, "Internal error");
      else res.end();
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== "/mcp") return deny(res, 404, "Not found: the MCP endpoint is /mcp");
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return deny(res, 403, `Forbidden: origin ${origin} is not allowed`);
    const hostName = (req.headers.host ?? "").replace(/:\d+$/, "");
    if (loopback && !isLoopback(hostName)) return deny(res, 403, "Forbidden: this server answers loopback hosts only");
    // A page of an allowed origin may read the answers (CORS); its preflight, which carries no token, is answered here.
    if (origin !== undefined) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("vary", "Origin");
      res.setHeader("access-control-expose-headers", "mcp-session-id, mcp-protocol-version");
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-methods": "POST",
          "access-control-allow-headers": "content-type, accept, authorization, mcp-protocol-version",
          "access-control-max-age": "600",
        });
        return void res.end();
      }
    }
    if (expected) {
      // The scheme is case-insensitive (RFC 9110); the token is compared in constant time.
      const given = Buffer.from(/^bearer +(.*)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.setHeader("www-authenticate", "Bearer");
        return deny(res, 401, "Unauthorized: a bearer token is required");
      }
    }
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return deny(res, 405, "Method not allowed: this server is stateless, POST only");
    }
    const server = options.createServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  origins = new Set([
    `http://${shown}:${port}`,
    ...(loopback ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`] : []),
    ...(options.allowedOrigins ?? []),
  ]);
  return {
    url: `http://${shown}:${port}/mcp`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
