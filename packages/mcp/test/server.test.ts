// The server's surface: the tools of the table with their annotations, what --read-only and
// --tools offer, the size of `tools/list` (sent into every conversation), and the API-facing tools
// against the Prism mock: domains, redirects, DynDNS (its token never shown) and jobs with progress.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMockServer, type MockServer } from "@hostup/mock";
import { createHostupClient } from "@hostup/sdk";
import { createHostupMcpServer, offeredTools, TOOL_NAMES } from "../src/index.js";
import { withoutSecrets } from "../src/server.js";
import { API_KEY, connect, textOf } from "./support.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ errors: true });
});
afterAll(async () => {
  await mock?.close();
});

const KINDS: Record<string, "read" | "write" | "destructive"> = {
  list_domains: "read",
  get_domain: "read",
  sync_domain_status: "read",
  list_dns_zones: "read",
  list_dns_records: "read",
  ensure_dns_record: "write",
  update_dns_record: "write",
  remove_dns_record: "destructive",
  export_zone: "read",
  plan_zone: "read",
  apply_zone: "destructive",
  list_redirects: "read",
  create_redirect: "write",
  update_redirect: "write",
  delete_redirect: "destructive",
  list_dyndns_configs: "read",
  create_dyndns_config: "write",
  set_dyndns_enabled: "write",
  wait_for_job: "read",
};
const IDEMPOTENT = ["ensure_dns_record", "remove_dns_record"];
/** The write tools that only add: destructiveHint false (the specification's default is true). */
const ADDITIVE = ["ensure_dns_record", "create_redirect", "create_dyndns_config"];

describe("tools/list", () => {
  test("the table's tools, each with a description, schemas and the specification's annotations", async () => {
    const mcp = await connect(mock.url);
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(KINDS).sort());
    for (const tool of tools) {
      const kind = KINDS[tool.name]!;
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(tool.annotations, tool.name).toMatchObject({
        readOnlyHint: kind === "read",
        destructiveHint: kind !== "read" && !ADDITIVE.includes(tool.name),
        openWorldHint: false,
      });
      if (IDEMPOTENT.includes(tool.name)) expect(tool.annotations?.idempotentHint, tool.name).toBe(true);
    }
    await mcp.close();
  });

  test("the whole answer stays under 16,384 bytes", async () => {
    const mcp = await connect(mock.url);
    const bytes = new TextEncoder().encode(JSON.stringify(await mcp.client.listTools())).length;
    console.log(`tools/list: ${bytes} bytes for ${TOOL_NAMES.length} tools`);
    expect(bytes).toBeLessThan(16_384);
    await mcp.close();
  });

  test("readOnly offers only the tools that change nothing; tools offers those named; an unknown name is refused", async () => {
    const mcp = await connect(mock.url, { readOnly: true });
    const names = (await mcp.client.listTools()).tools.map((t) => t.name);
    expect(names.sort()).toEqual(
      Object.keys(KINDS)
        .filter((n) => KINDS[n] === "read")
        .sort(),
    );
    const write = await mcp.client.callTool({ name: "ensure_dns_record", arguments: {} }).catch((e: Error) => e);
    expect(String(write)).toMatch(/Unknown tool: ensure_dns_record/);
    await mcp.close();
    expect(offeredTools({ tools: ["list_domains", "apply_zone"], readOnly: true }).map((t) => t.name)).toEqual(["list_domains"]);
    expect(() => createHostupMcpServer({ hostup: createHostupClient({ apiKey: API_KEY }), tools: ["list_domain"] })).toThrow(
      /unknown tool\(s\): list_domain/,
    );
  });
});

describe("against the Prism mock", () => {
  test("list_domains and get_domain by name or ID", async () => {
    const mcp = await connect(mock.url);
    const listed = await mcp.call("list_domains", {});
    expect(listed.isError).toBeFalsy();
    const [first] = (listed.structuredContent as { domains: Array<{ id: string; name: string }> }).domains;
    expect(first?.id).toMatch(/^dom_/);
    const byId = await mcp.call("get_domain", { domain: first!.id });
    expect(byId.structuredContent).toMatchObject({ domain: { id: first!.id } });
    await mcp.close();
  });

  test("create_dyndns_config and list_dyndns_configs never show a token", async () => {
    const mcp = await connect(mock.url);
    const created = await mcp.call("create_dyndns_config", {
      domain: "dom_01hxa3b4c5d6e7f8g9h0j1k2m3",
      hostname: "home.example.com",
      recordType: "A",
    });
    expect(created.isError).toBeFalsy();
    expect(textOf(created)).toContain("hostup dyndns list --show-tokens");
    const listed = await mcp.call("list_dyndns_configs", { domain: "dom_01hxa3b4c5d6e7f8g9h0j1k2m3" });
    for (const result of [created, listed]) expect(JSON.stringify(result)).not.toMatch(/ddnstok_|"token":"[^T]/);
    await mcp.close();
  });

  test("redirects: list, create, update and delete", async () => {
    const mcp = await connect(mock.url);
    const domain = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
    expect((await mcp.call("list_redirects", { domain })).isError).toBeFalsy();
    const created = await mcp.call("create_redirect", {
      domain,
      sourceUrl: "https://example.com/old",
      targetUrl: "https://example.com/new",
    });
    expect(created.isError, textOf(created)).toBeFalsy();
    const rule = "redir_01hxa3b4c5d6e7f8g9h0j1k2m3";
    expect((await mcp.call("update_redirect", { domain, rule, enabled: false })).isError).toBeFalsy();
    expect((await mcp.call("delete_redirect", { domain, rule })).structuredContent).toMatchObject({ deleted: rule });
    await mcp.close();
  });

  test("wait_for_job reports progress when the call carries a progress token, and says how the job ended", async () => {
    const mcp = await connect(mock.url);
    const events: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = await mcp.client.callTool({ name: "wait_for_job", arguments: { job: "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3" } }, undefined, {
      onprogress: (event) => void events.push(event),
    });
    expect(result.isError, textOf(result as never)).toBeFalsy();
    const status = (result.structuredContent as { status: string }).status;
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ total: 100, message: expect.stringContaining(status) });
    await mcp.close();
  });

  test("credentials in what the API answers never reach the model: get_domain shows chosen fields, and any token-like key is hidden", async () => {
    const domain = {
      id: "dom_01hxa3b4c5d6e7f8g9h0j1k2m3",
      name: "example.com",
      serviceStatus: "active",
      authCode: "EPP-SECRET-1",
      dyndns: [{ token: "ddnstok_LEAK" }],
    };
    const mcp = await connect(mock.url, {}, { fetch: async () => Response.json(domain) });
    const result = await mcp.call("get_domain", { domain: domain.id });
    expect(result.structuredContent).toMatchObject({ domain: { id: domain.id, name: "example.com", serviceStatus: "active" } });
    expect(JSON.stringify(result)).not.toMatch(/EPP-SECRET|ddnstok_LEAK/);
    await mcp.close();
    expect(withoutSecrets({ a: [{ apiToken: "x", note: `key ${API_KEY}` }], n: 1 }, (t) => t.split(API_KEY).join("[redacted]"))).toEqual({
      a: [{ apiToken: "[not shown]", note: "key [redacted]" }],
      n: 1,
    });
  });

  test("an API error is a result with the Problem's status, code and request ID, no stack", async () => {
    const mcp = await connect(
      mock.url,
      {},
      { fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), prefer: "code=404" } }) },
    );
    const result = await mcp.call("get_domain", { domain: "dom_01hxa3b4c5d6e7f8g9h0j1k2m3" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^The API refused it: HTTP 404/);
    expect(textOf(result)).not.toMatch(/\n\s+at /);
    await mcp.close();
  });
});
