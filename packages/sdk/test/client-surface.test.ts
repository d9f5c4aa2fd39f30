// The client's surface: a real property for every method and workflow, `preload()`, and the
// User-Agent it sends. Requests are observed through an injected fetch.
import { describe, expect, test, vi } from "vitest";
import { start } from "node:repl";
import { PassThrough } from "node:stream";
import { inspect } from "node:util";
import { OPERATIONS } from "../src/generated/operations.js";
import * as workflows from "../src/lazy/workflows/index.js";
import { createHostupClient, HostupConfigError } from "../src/index.js";
import { SDK_PRODUCT } from "../src/eager/user-agent.js";
import packageJson from "../package.json" with { type: "json" };

const { version } = packageJson;

const KEY = "hk_live_secret_0123456789";
const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const SYNCED = { id: ID, name: "example.com", previousStatus: "active", newStatus: "active", syncedAt: "2026-04-27T12:00:00.000Z" };

function recordingClient(options: { userAgent?: string } = {}) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return Response.json(SYNCED);
  };
  return { hostup: createHostupClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", fetch, ...options }), requests };
}

describe("methods", () => {
  test("every operation is a method with .withResponse, the same function on every read", async () => {
    const { hostup, requests } = recordingClient();
    expect(typeof hostup.syncDomainStatus).toBe("function");
    expect(typeof hostup.syncDomainStatus.withResponse).toBe("function");
    expect(hostup.syncDomainStatus).toBe(hostup.syncDomainStatus);
    const { data, response } = await hostup.syncDomainStatus.withResponse(ID);
    expect(data).toEqual(SYNCED);
    expect(response.status).toBe(200);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`POST /api/v2/domains/${ID}/actions/status-sync`]);
  });

  test("every operation and workflow is a real property: `in`, Object.keys, typeof, function names", () => {
    const { hostup } = recordingClient();
    const names = [...Object.keys(OPERATIONS), ...Object.keys(workflows)];
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) {
      expect(name in hostup, name).toBe(true);
      expect(Object.getOwnPropertyDescriptor(hostup, name)?.enumerable, name).toBe(true);
      const value = (hostup as unknown as Record<string, { name: string }>)[name]!;
      expect(typeof value, name).toBe("function");
      expect(value.name, name).toBe(name);
    }
    expect(new Set(Object.keys(hostup))).toEqual(new Set([...names, "preload"]));
    expect(Object.isFrozen(hostup)).toBe(true);
    // Each method is frozen too: no one can swap a method's withResponse for everyone holding the client.
    expect(Object.isFrozen(hostup.listDomains)).toBe(true);
  });

  test("a name that is no method is undefined, not a function: feature detection works", () => {
    const { hostup, requests } = recordingClient();
    const loose = hostup as unknown as Record<string, unknown>;
    expect(loose.syncDomainStatsu).toBeUndefined();
    expect(loose.syncdomainstatus).toBeUndefined();
    expect("syncDomainStatsu" in hostup).toBe(false);
    expect(typeof loose.anything).toBe("undefined");
    expect(requests).toHaveLength(0);
  });

  test("console.log shows the methods by name, and the REPL completes them", async () => {
    const { hostup } = recordingClient();
    const shown = inspect(hostup);
    expect(shown).toContain("listDomains: [Function: listDomains]");
    expect(shown).toContain("ensureDnsRecord: [Function: ensureDnsRecord]");
    const repl = start({ input: new PassThrough(), output: new PassThrough(), terminal: false });
    try {
      repl.context.hostup = hostup;
      const [completions] = await new Promise<[string[], string]>((resolve, reject) =>
        repl.completer("hostup.listDn", (error?: Error | null, result?: [string[], string]) => (error ? reject(error) : resolve(result!))),
      );
      expect(completions).toEqual(expect.arrayContaining(["hostup.listDnsZones", "hostup.listDnsZoneRecords"]));
    } finally {
      repl.close();
    }
  });

  test("the client is not a thenable, so it can be awaited and returned from async functions", async () => {
    const { hostup } = recordingClient();
    expect((hostup as unknown as { then?: unknown }).then).toBeUndefined();
    const returned = await (async () => hostup)();
    expect(returned).toBe(hostup);
  });

  test("JSON, inspect and the prototype's own names are untouched", () => {
    const { hostup } = recordingClient();
    expect(JSON.stringify(hostup)).not.toContain(KEY);
    expect(inspect(hostup, { depth: 4, showHidden: true })).not.toContain(KEY);
    expect(hostup.toString()).toBe("[object Object]");
    expect(Object.hasOwn(hostup, "preload")).toBe(true);
  });

  test("preload() loads what the first call waits for and resolves to undefined", async () => {
    const { hostup, requests } = recordingClient();
    await expect(hostup.preload()).resolves.toBeUndefined();
    expect(requests).toHaveLength(0);
    await hostup.syncDomainStatus(ID);
    expect(requests).toHaveLength(1);
  });
});

describe("User-Agent", () => {
  // The runtime this suite runs in: Node, or Bun or Deno (scripts/compat runs the suite there too).
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  const runtime = agent?.startsWith("Bun/") || agent?.startsWith("Deno/") ? agent : `node ${process.versions.node}`;
  const nodeAgent = `hostup-sdk-typescript/${version} (${runtime})`;

  test("outside a browser the SDK names itself and the runtime (in Node its version)", async () => {
    const { hostup, requests } = recordingClient();
    await hostup.syncDomainStatus(ID);
    expect(SDK_PRODUCT).toBe(`hostup-sdk-typescript/${version}`);
    expect(requests[0]!.headers.get("user-agent")).toBe(nodeAgent);
  });

  test("`userAgent` adds the caller's product tokens after the SDK's", async () => {
    const { hostup, requests } = recordingClient({ userAgent: "hostup-cli/1.4.0" });
    await hostup.syncDomainStatus(ID);
    expect(requests[0]!.headers.get("user-agent")).toBe(`${nodeAgent} hostup-cli/1.4.0`);
  });

  test("a call's own User-Agent header replaces the value, whatever its case", async () => {
    const { hostup, requests } = recordingClient({ userAgent: "my-app/2" });
    await hostup.syncDomainStatus(ID, { headers: { "User-Agent": "probe/0.1" } });
    expect(requests[0]!.headers.get("user-agent")).toBe("probe/0.1");
  });

  test.each([
    ["a newline", "app/1\nX-Evil: 1"],
    ["an empty string", ""],
    ["a trailing space", "app/1 "],
    ["a number", 1],
  ])("a userAgent with %s is refused before anything is sent", (_, userAgent) => {
    expect(() => recordingClient({ userAgent: userAgent as string })).toThrow(HostupConfigError);
  });

  test("in a browser nothing extra is sent (no CORS preflight), unless the app asks", async () => {
    const global = globalThis as { document?: unknown };
    global.document = {};
    // A browser says so in navigator.userAgent (test/runtime/other-runtimes.test.ts has more runtimes).
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0" });
    try {
      const plain = recordingClient();
      await plain.hostup.syncDomainStatus(ID);
      expect(plain.requests[0]!.headers.get("user-agent")).toBeNull();
      const asked = recordingClient({ userAgent: "my-app/2" });
      await asked.hostup.syncDomainStatus(ID);
      expect(asked.requests[0]!.headers.get("user-agent")).toBe("my-app/2");
    } finally {
      delete global.document;
      vi.unstubAllGlobals();
    }
  });
});

describe("an operation that does not take the API key (the public DynDNS update)", () => {
  function textClient(answer: string) {
    const requests: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return new Response(answer, { headers: { "content-type": "text/plain; charset=utf-8" } });
    };
    return { hostup: createHostupClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", fetch }), requests };
  }
  const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  test("sends no Authorization, not even one the caller put in its headers, and asks for text", async () => {
    const { hostup, requests } = textClient("good 203.0.113.7");
    await hostup.updateDynDns({ hostname: "home.example.com", token: TOKEN }, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.get("authorization")).toBeNull();
    expect(requests[0]!.headers.get("accept")).toBe("text/plain, application/problem+json");
    expect(new URL(requests[0]!.url).searchParams.get("token")).toBe(TOKEN);
  });

  test("resolves to the DynDNS2 answer as it came", async () => {
    const { hostup } = textClient("nochg 203.0.113.7");
    await expect(hostup.updateDynDns({ hostname: "home.example.com", token: TOKEN })).resolves.toBe("nochg 203.0.113.7");
  });

  test("every other operation still sends the key", async () => {
    const { hostup, requests } = recordingClient();
    await hostup.syncDomainStatus(ID);
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });
});
