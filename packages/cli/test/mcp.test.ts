// `hostup mcp` over stdio, driven by the MCP SDK's own Client spawning the built binary against the zone
// server: the tools, an ensure that leaves one record however often it is called, --read-only and
// --tools, the User-Agent of its requests, and a stdout that carries protocol messages only. Then the
// options it refuses (exit 2) before it serves or sends anything.
import { spawn } from "node:child_process";
import { chownSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, test } from "vitest";
import { MCP_PRODUCT, offeredTools, TOOL_NAMES } from "@hostup/mcp";
import packageJson from "../package.json" with { type: "json" };
import { listenAddress, originOf } from "../src/commands/mcp.js";
import { toMock, withLocalApi } from "./local-api.js";
import { API_KEY, hostup } from "./run.js";
import { BIN, serverEnv, stdioClient } from "./support/mcp-server.js";
import { zoneSession } from "./support/zone-session.js";

const session = zoneSession("hostup-mcp-", (api) => api.addZone("example.com"));

const RECORD = { zone: "example.com", type: "TXT", name: "_agent", value: "v=hello agent" };
const READ_TOOLS = offeredTools({ readOnly: true }).map((tool) => tool.name);

describe("hostup mcp over stdio", () => {
  test("lists every tool; ensure_dns_record twice leaves one record; requests carry hostup-cli/ and hostup-mcp/", async () => {
    const agents: string[] = [];
    const relay = toMock(session.api.url);
    await withLocalApi(
      (req, body, res) => {
        agents.push(String(req.headers["user-agent"]));
        return relay(req, body, res);
      },
      async (proxy) => {
        const server = await stdioClient([], { HOSTUP_BASE_URL: proxy.url });
        try {
          const { tools } = await server.client.listTools();
          expect(tools.map((tool) => tool.name)).toEqual([...TOOL_NAMES]);
          const ensure = tools.find((tool) => tool.name === "ensure_dns_record")!;
          expect(ensure.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });

          const first = await server.client.callTool({ name: "ensure_dns_record", arguments: RECORD });
          const second = await server.client.callTool({ name: "ensure_dns_record", arguments: RECORD });
          expect(first.isError, JSON.stringify(first.content)).toBeFalsy();
          expect(first.structuredContent).toMatchObject({ created: true, record: { type: "TXT", name: "_agent", value: "v=hello agent" } });
          expect(second.isError, JSON.stringify(second.content)).toBeFalsy();
          expect(second.structuredContent).toMatchObject({ created: false });
          expect(session.api.records("example.com", { type: "TXT", name: "_agent" }).map((r) => r.value)).toEqual(['"v=hello agent"']);
          expect(session.writes()).toEqual(["POST createDnsRecord"]);
          expect(JSON.stringify([first, second])).not.toContain(API_KEY);
          expect(server.errors).toEqual([]);
        } finally {
          await server.close();
        }
        expect(server.stderr()).toContain(`hostup mcp: serving ${TOOL_NAMES.length} tools on stdio`);
        expect(agents.length).toBeGreaterThanOrEqual(3);
        for (const agent of agents) expect(agent).toMatch(new RegExp(` hostup-cli/${packageJson.version} ${MCP_PRODUCT}$`));
      },
    );
  });

  test("--read-only offers only the tools that change nothing; --tools only those named", async () => {
    const [readOnly, one] = await Promise.all([
      stdioClient(["--read-only"], { HOSTUP_BASE_URL: session.api.url }),
      stdioClient(["--tools", "list_dns_records"], { HOSTUP_BASE_URL: session.api.url }),
    ]);
    try {
      const { tools } = await readOnly.client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(READ_TOOLS);
      expect(READ_TOOLS).toEqual(expect.arrayContaining(["list_dns_records", "export_zone", "plan_zone"]));
      for (const name of ["ensure_dns_record", "remove_dns_record", "apply_zone", "delete_redirect"])
        expect(READ_TOOLS).not.toContain(name);
      for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      await expect(readOnly.client.callTool({ name: "ensure_dns_record", arguments: RECORD })).rejects.toThrow(/Unknown tool/);
      expect(readOnly.stderr()).toContain(`serving ${READ_TOOLS.length} tools, read-only on stdio`);

      expect((await one.client.listTools()).tools.map((tool) => tool.name)).toEqual(["list_dns_records"]);
      const listed = await one.client.callTool({ name: "list_dns_records", arguments: { zone: "example.com" } });
      expect(listed.isError, JSON.stringify(listed.content)).toBeFalsy();
    } finally {
      await Promise.all([readOnly.close(), one.close()]);
    }
    expect(session.writes()).toEqual([]);
  });

  test("stdout carries JSON-RPC messages only (diagnostics on stderr); the server exits 0 when stdin closes", async () => {
    const child = spawn(process.execPath, [BIN, "mcp"], {
      env: serverEnv({ HOSTUP_BASE_URL: session.api.url }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const lines: string[] = [];
    const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    const answered = new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on("line", (line) => {
        lines.push(line);
        if (/"id":3\b/.test(line)) resolve();
      });
    });
    send({
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    });
    send({ method: "notifications/initialized" });
    send({ id: 2, method: "tools/list" });
    send({ id: 3, method: "tools/call", params: { name: "list_dns_records", arguments: { zone: "example.com" } } });
    await answered;
    child.stdin.end();
    expect(await exited).toBe(0);

    expect(lines.length).toBe(3);
    for (const line of lines) expect(JSON.parse(line), line).toMatchObject({ jsonrpc: "2.0", id: expect.any(Number) });
    expect(lines.join("\n")).not.toContain(API_KEY);
    expect(stderr).toMatch(/^hostup mcp: serving \d+ tools on stdio/);
  });
});

describe("hostup mcp refuses, with exit 2 and nothing sent", () => {
  const refused = async (args: string[], env: Record<string, string | undefined> = {}) => {
    const run = await hostup(["mcp", ...args], { HOSTUP_BASE_URL: session.api.url, ...env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    expect(session.api.requests).toEqual([]);
    return run.stderr;
  };

  test("an unknown --tools name, naming it and listing the tools", async () => {
    const stderr = await refused(["--tools", "list_dns_records,add_record,ensure_dns_record"]);
    expect(stderr).toMatch(/^Error: --tools: unknown tool\(s\): add_record \(the tools are list_domains, /);
    for (const name of TOOL_NAMES) expect(stderr).toContain(name);
    expect(await refused(["--tools", " , "])).toContain("--tools needs at least one tool name");
  });

  test("--read-only with --tools that all change things", async () => {
    expect(await refused(["--read-only", "--tools", "ensure_dns_record"])).toContain(
      `--read-only leaves none of --tools ensure_dns_record: they all change things. The read-only tools are ${READ_TOOLS.join(", ")}.`,
    );
  });

  test("HTTP options without --http, a malformed --listen or --allow-origin, a --token flag", async () => {
    expect(await refused(["--listen", "127.0.0.1:0"])).toContain("--listen only applies with --http");
    expect(await refused(["--allow-origin", "https://app.example.com"])).toContain("--allow-origin only applies with --http");
    expect(await refused(["--http", "--listen", "127.0.0.1:99999"])).toContain("the port must be a whole number from 0 to 65535");
    expect(await refused(["--http", "--listen", "::1:3917"])).toContain("write an IPv6 address in brackets, e.g. [::1]:3917");
    expect(await refused(["--http", "--allow-origin", "https://app.example.com/path"])).toContain(
      "not an origin (that would be https://app.example.com)",
    );
    expect(await refused(["--http", "--allow-origin", "*"])).toContain("every page could then call the tools");
    expect(await refused(["--http", "--allow-origin", "null"])).toContain("every page could then call the tools");
    const token = await refused(["--http", "--token", "s3cret-s3cret-s3cret"]);
    expect(token).toContain("--token is not accepted");
    expect(token).not.toContain("s3cret");
  });

  test("no API key", async () => {
    expect(await refused([], { HOSTUP_API_KEY: undefined })).toContain("No API key: set HOSTUP_API_KEY");
  });

  test("a token that is too short or cannot go in a header, never quoting it", async () => {
    const short = await refused(["--http"], { HOSTUP_MCP_TOKEN: "tiny-token" });
    expect(short).toContain("HOSTUP_MCP_TOKEN is too short (10 characters; at least 16)");
    expect(short).not.toContain("tiny-token");
    const spaced = await refused(["--http"], { HOSTUP_MCP_TOKEN: "long enough token here" });
    expect(spaced).toContain("HOSTUP_MCP_TOKEN cannot be sent in an HTTP header: character 5 of 22 is U+0020 (space)");
    expect(spaced).not.toContain("enough");
  });

  test("a config file whose mcpToken is not a string", async () => {
    const file = join(session.dir, "config.json");
    writeFileSync(file, JSON.stringify({ mcpToken: 1234 }), { mode: 0o600 });
    expect(await refused(["--http"], { HOSTUP_CONFIG: file })).toContain(`${file}: "mcpToken" must be a string.`);
  });

  test("an mcpToken in a config file that is another user's, even with mode 600", async () => {
    const file = join(session.dir, "config.json");
    writeFileSync(file, JSON.stringify({ mcpToken: "0123456789abcdef0123456789abcdef" }), { mode: 0o600 });
    // As root (as the tests run here), the file is given to uid 12345; anyone else tells the run it is another user.
    const me = process.getuid!();
    if (me === 0) chownSync(file, 12345, 12345);
    const run = await hostup(
      ["mcp", "--http", "--listen", "0.0.0.0:0"],
      { HOSTUP_CONFIG: file, HOSTUP_BASE_URL: session.api.url },
      me === 0 ? {} : { uid: me + 1 },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Refusing to read ${file}: it belongs to another user (uid ${statSync(file).uid})`);
    expect(run.stderr).not.toContain("0123456789abcdef");
  });
});

describe("the --listen and --allow-origin parsers", () => {
  test("--listen: host:port, [IPv6]:port, a host or a port alone (the rest from 127.0.0.1:3917)", () => {
    expect(listenAddress(undefined)).toEqual({ host: "127.0.0.1", port: 3917, shown: "127.0.0.1:3917" });
    expect(listenAddress("127.0.0.1:0")).toEqual({ host: "127.0.0.1", port: 0, shown: "127.0.0.1:0" });
    expect(listenAddress("8080")).toEqual({ host: "127.0.0.1", port: 8080, shown: "127.0.0.1:8080" });
    expect(listenAddress(":8080")).toEqual({ host: "127.0.0.1", port: 8080, shown: "127.0.0.1:8080" });
    expect(listenAddress("0.0.0.0")).toEqual({ host: "0.0.0.0", port: 3917, shown: "0.0.0.0:3917" });
    expect(listenAddress("[::1]:0")).toEqual({ host: "::1", port: 0, shown: "[::1]:0" });
    expect(listenAddress("[::]")).toEqual({ host: "::", port: 3917, shown: "[::]:3917" });
    for (const bad of ["localhost:http", "localhost:-1", "localhost:65536", "::"])
      expect(() => listenAddress(bad), bad).toThrow(/^--listen /);
  });

  test("--allow-origin: an origin as a browser sends it (normalized), an app scheme's; not a URL with a path, *, null", () => {
    expect(originOf("https://app.example.com")).toBe("https://app.example.com");
    expect(originOf("https://App.Example.com:443/")).toBe("https://app.example.com");
    expect(originOf("http://localhost:5173")).toBe("http://localhost:5173");
    expect(originOf("vscode-webview://1a2b3c")).toBe("vscode-webview://1a2b3c");
    expect(() => originOf("https://app.example.com/mcp")).toThrow("not an origin (that would be https://app.example.com)");
    expect(() => originOf("https://user@app.example.com")).toThrow("not an origin");
    expect(() => originOf("app.example.com")).toThrow("not an origin");
    for (const any of ["*", "null"]) expect(() => originOf(any)).toThrow("every page could then call the tools");
  });
});

describe("the README's hostup mcp section", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## hostup mcp"), readme.indexOf("Part of the HostUp SDK"));

  test("uses only options that `hostup mcp --help` lists, names only tools that exist, and its JSON parses", async () => {
    const commands = section.split("\n").filter((line) => /\bhostup mcp\b/.test(line));
    const used = new Set(commands.flatMap((line) => line.replace(/#.*/, "").match(/(?<=\s)--[a-z][a-z-]*/g) ?? []));
    expect(used).toEqual(new Set(["--read-only", "--http", "--listen", "--allow-origin"]));
    const help = (await hostup(["mcp", "--help"])).stdout;
    for (const option of [...used, "--tools"]) expect(help).toMatch(new RegExp(`${option}\\b`));

    const tools = new Set(section.match(/\b(?:list|get|sync|ensure|update|remove|export|plan|apply|create|delete|set|wait)_[a-z_]+\b/g));
    expect(tools.size).toBeGreaterThanOrEqual(8);
    for (const tool of tools) expect(TOOL_NAMES, tool).toContain(tool);

    const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!));
    expect(blocks).toHaveLength(3);
    expect(blocks.map((block) => Object.keys(block).filter((key) => key !== "inputs"))).toEqual([
      ["mcpServers"],
      ["mcpServers"],
      ["servers"],
    ]);
    expect(blocks[2].servers.hostup).toMatchObject({ type: "stdio", command: "hostup", args: ["mcp"] });
  });
});
