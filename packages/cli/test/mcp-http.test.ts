// `hostup mcp --http`: the built binary as a child process serving Streamable HTTP, driven by the MCP
// SDK's own Client and StreamableHTTPClientTransport against the zone server. The URL comes from its
// stderr (port 0: any free port); a foreign Origin gets 403; beyond loopback it needs a bearer token,
// which it takes from the environment or the config file, never from a flag; SIGTERM stops it with exit 0.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, test } from "vitest";
import { TOOL_NAMES } from "@hostup/mcp";
import { API_KEY, hostupBinary } from "./run.js";
import { type HttpServer, newClient, startHttp } from "./support/mcp-server.js";
import { zoneSession } from "./support/zone-session.js";

const session = zoneSession("hostup-mcp-http-", (api) => api.addZone("example.com"));

const started: HttpServer[] = [];
const serve = async (args: string[], env: Record<string, string | undefined> = {}) => {
  const server = await startHttp(args, { HOSTUP_BASE_URL: session.api.url, ...env });
  started.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop("SIGKILL")));
});

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};
/** An initialize POST as a browser page or a script would send it, with these extra headers. */
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(INITIALIZE),
  });

describe("hostup mcp --http", () => {
  test("serves at the URL it prints on stderr (port 0: a free port): lists the tools, calls one; SIGTERM stops it with exit 0", async () => {
    const server = await serve(["--listen", "127.0.0.1:0"]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(server.url).not.toMatch(/:0\//);
    const client = newClient();
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([...TOOL_NAMES]);
      const listed = await client.callTool({ name: "list_dns_records", arguments: { zone: "example.com" } });
      expect(listed.isError, JSON.stringify(listed.content)).toBeFalsy();
      expect(listed.structuredContent).toMatchObject({ zone: { name: "example.com" } });
      expect(JSON.stringify(listed)).not.toContain(API_KEY);
    } finally {
      await client.close();
    }
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.stderr()).toContain(`hostup mcp: serving ${TOOL_NAMES.length} tools at ${server.url} (no token)`);
    expect(server.stderr()).toContain("hostup mcp: stopped (SIGTERM)");
    expect(server.stdout()).toBe("");
  });

  test("a foreign Origin gets 403; its own and an --allow-origin one are served", async () => {
    const server = await serve([
      "--listen",
      "127.0.0.1:0",
      "--allow-origin",
      "https://app.example.com",
      "--allow-origin",
      "http://localhost:5173/",
    ]);
    const own = new URL(server.url).origin;
    const foreign = await post(server.url, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("origin https://evil.example is not allowed");
    for (const origin of [own, "https://app.example.com", "http://localhost:5173"]) {
      const answer = await post(server.url, { origin });
      expect(answer.status, origin).toBe(200);
      await answer.arrayBuffer();
    }
    expect(await server.stop("SIGINT")).toBe(0);
  });

  test("--listen 0.0.0.0:0 without a token exits 2 with the message, before listening or sending anything", async () => {
    const run = await hostupBinary(["mcp", "--http", "--listen", "0.0.0.0:0"], { HOSTUP_BASE_URL: session.api.url });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      'Error: Listening on 0.0.0.0:0 (beyond loopback) needs a bearer token: set HOSTUP_MCP_TOKEN, or put {"mcpToken": "…"} in /nonexistent/hostup-config.json (chmod 600).',
    );
    expect(session.api.requests).toEqual([]);
  });

  test("beyond loopback with the config file's mcpToken: a request without it gets 401, with it the tools", async () => {
    const token = "0123456789abcdef0123456789abcdef";
    const config = join(session.dir, "config.json");
    writeFileSync(config, JSON.stringify({ mcpToken: token }), { mode: 0o600 });
    const server = await serve(["--listen", "0.0.0.0:0"], { HOSTUP_CONFIG: config });
    expect(server.stderr()).toContain("(bearer token required)");
    expect(server.stderr()).not.toContain(token);
    const url = server.url.replace("//0.0.0.0:", "//127.0.0.1:");
    expect((await post(url)).status).toBe(401);
    expect((await post(url, { authorization: "Bearer not-the-token-at-all-1234" })).status).toBe(401);
    const client = newClient();
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
    );
    try {
      expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    } finally {
      await client.close();
    }
    expect(await server.stop()).toBe(0);
  });
});

// The conformance suite's generic server scenarios (0.1.13: later versions need Node 22's fs.globSync).
describe("the official MCP conformance suite against hostup mcp --http", () => {
  const bin = join(createRequire(import.meta.url).resolve("@modelcontextprotocol/conformance/package.json"), "../dist/index.js");
  test("server-initialize, ping, tools-list and dns-rebinding-protection pass", async () => {
    const server = await serve(["--http", "--listen", "127.0.0.1:0"]);
    // As a browser on the same machine would name it: the scenario sends its own Origin from this URL.
    const url = server.url.replace("127.0.0.1", "localhost");
    // The scenarios are independent: run side by side.
    const scenarios = ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"];
    const runs = await Promise.all(
      scenarios.map((scenario) =>
        promisify(execFile)(process.execPath, [bin, "server", "--url", url, "--scenario", scenario], { timeout: 60_000 }),
      ),
    );
    for (const [i, { stdout }] of runs.entries()) expect(stdout, scenarios[i]).toMatch(/Passed: (\d+)\/\1/);
  });
});
