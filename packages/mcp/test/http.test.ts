// Streamable HTTP at /mcp: the SDK's client lists and calls tools; an Origin that is not the server's
// own (or allowed) is refused with 403 before the SDK sees the request, as is a Host that is not
// loopback; beyond loopback a bearer token is required. (The official conformance suite runs against
// `hostup mcp --http`: packages/cli/test/mcp-http.test.ts.)
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { createHostupClient } from "@hostup/sdk";
import { createHostupMcpServer, isLoopback, type McpHttpServer, serveMcpHttp } from "../src/index.js";
import { API_KEY } from "./support.js";

let api: ZoneServer;
let http: McpHttpServer;
const createServer = () => createHostupMcpServer({ hostup: createHostupClient({ apiKey: API_KEY, baseUrl: api.url }), secrets: [API_KEY] });
beforeAll(async () => {
  api = await startZoneServer();
  api.addZone("example.com");
  http = await serveMcpHttp({ createServer, allowedOrigins: ["https://app.example"] });
});
afterAll(async () => {
  await http?.close();
  await api?.close();
});

async function connected(url: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

const post = (url: string, headers: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
  });

describe("serveMcpHttp", () => {
  test("on 127.0.0.1 by default; a client lists the tools and calls one, with progress over the answer's stream", async () => {
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connected(http.url);
    expect((await client.listTools()).tools.length).toBeGreaterThan(15);
    const result = await client.callTool({
      name: "ensure_dns_record",
      arguments: { zone: "example.com", type: "TXT", name: "_t", value: "v" },
    });
    expect(result.structuredContent).toMatchObject({ created: true });
    await client.close();
  });

  test("an Origin that is neither the server's own nor allowed gets 403 and reaches no tool; its own and allowed ones pass", async () => {
    const port = new URL(http.url).port;
    for (const origin of ["http://evil.example", `http://evil.example:${port}`, "null"]) {
      const answer = await post(http.url, { origin });
      expect(answer.status, origin).toBe(403);
      expect(await answer.json()).toMatchObject({ error: { message: expect.stringContaining("origin") } });
    }
    await expect(connected(http.url, { Origin: "http://evil.example" })).rejects.toMatchObject({ code: 403 });
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, "https://app.example"]) {
      expect((await post(http.url, { origin })).status, origin).toBe(200);
    }
  });

  test("a page of an allowed origin gets CORS: its preflight 204, its answers readable; a foreign origin's preflight 403", async () => {
    const preflight = await fetch(http.url, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("mcp-protocol-version");
    expect((await post(http.url, { origin: "https://app.example" })).headers.get("access-control-allow-origin")).toBe(
      "https://app.example",
    );
    expect((await fetch(http.url, { method: "OPTIONS", headers: { origin: "https://evil.example" } })).status).toBe(403);
  });

  test("a Host that is not loopback is refused (DNS rebinding), other paths are 404, GET is 405", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(http.url, { method: "POST", headers: { host: "evil.example", "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(403);
    expect((await fetch(http.url.replace("/mcp", "/other"), { method: "POST" })).status).toBe(404);
    expect((await fetch(http.url)).status).toBe(405);
  });

  test("beyond loopback a token is required to start, and then on every request", async () => {
    await expect(serveMcpHttp({ createServer, host: "0.0.0.0" })).rejects.toThrow(/needs a bearer token/);
    const guarded = await serveMcpHttp({ createServer, host: "127.0.0.1", token: "s3cret-token-value" });
    try {
      expect((await post(guarded.url, {})).status).toBe(401);
      expect((await post(guarded.url, { authorization: "Bearer wrong-token-value!" })).status).toBe(401);
      const denied = await post(guarded.url, {});
      expect(denied.headers.get("www-authenticate")).toBe("Bearer");
      expect((await post(guarded.url, { authorization: "Bearer s3cret-token-value" })).status).toBe(200);
      expect((await post(guarded.url, { authorization: "bearer s3cret-token-value" })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

test("loopback is 127.0.0.0/8, localhost and ::1; 0.0.0.0, :: and a LAN address are beyond it", () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1"]) expect(isLoopback(host), host).toBe(true);
  for (const host of ["0.0.0.0", "::", "192.168.1.20", "example.com", "127.0.0.1.example.com"]) expect(isLoopback(host), host).toBe(false);
});
