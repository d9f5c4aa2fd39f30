// `@hostup/sdk/operations`: one standalone function per operation, on a core (createHostupCore) or
// on the full client. Each sends exactly what the method of the same name sends, with the client's
// key and options; a first argument that is no client is refused before anything is sent.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../src/generated/operations.js";
import { createHostupClient, createHostupCore, HostupConfigError, HostupNotFoundError } from "../src/index.js";
import * as operations from "../src/operations.js";

const KEY = "hk_live_secret_functions_0001";
const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const SYNCED = { id: ID, name: "example.com", previousStatus: "active", newStatus: "active", syncedAt: "2026-04-27T12:00:00.000Z" };
const exported: Record<string, unknown> = { ...operations };

function recording(answer: () => Response = () => Response.json(SYNCED)) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return answer();
  };
  const options = { apiKey: KEY, baseUrl: "http://127.0.0.1:9", fetch };
  return { core: createHostupCore(options), client: createHostupClient(options), requests };
}
const sent = (r: Request) => ({ line: `${r.method} ${new URL(r.url).pathname}`, auth: r.headers.get("authorization") });

describe("the operations entry", () => {
  test("exports one function with .withResponse per operation, and nothing else; each named, and frozen (an app's modules share it)", () => {
    expect(Object.keys(exported).sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const [name, fn] of Object.entries(exported)) {
      expect(typeof fn, name).toBe("function");
      expect(typeof (fn as { withResponse?: unknown }).withResponse, name).toBe("function");
      expect((fn as { name: string }).name).toBe(name);
      expect(Object.isFrozen(fn), name).toBe(true);
    }
  });

  test("a function on a core sends what the client's method sends", async () => {
    const { core, client, requests } = recording();
    expect(await operations.syncDomainStatus(core, ID)).toEqual(SYNCED);
    expect(await client.syncDomainStatus(ID)).toEqual(SYNCED);
    expect(await operations.syncDomainStatus(client, ID)).toEqual(SYNCED);
    const [viaCore, viaMethod, viaClient] = requests.map(sent);
    expect(viaCore).toEqual({ line: `POST /api/v2/domains/${ID}/actions/status-sync`, auth: `Bearer ${KEY}` });
    expect(viaMethod).toEqual(viaCore);
    expect(viaClient).toEqual(viaCore);
    const { data, response } = await operations.syncDomainStatus.withResponse(core, ID);
    expect(data).toEqual(SYNCED);
    expect(response.status).toBe(200);
  });

  test("input checks and error answers are the methods' own: the same error classes", async () => {
    const { core, requests } = recording(() =>
      Response.json(
        { type: "about:blank", title: "Not Found", status: 404 },
        { status: 404, headers: { "content-type": "application/problem+json" } },
      ),
    );
    await expect(operations.syncDomainStatus(core, "example.com")).rejects.toMatchObject({ name: "HostupValidationError", field: "id" });
    expect(requests).toHaveLength(0);
    await expect(operations.getDomain(core, ID)).rejects.toBeInstanceOf(HostupNotFoundError);
  });

  test.each([
    ["nothing", undefined],
    ["null", null],
    ["an ID", ID],
    ["an object that is no client", { preload: async () => {} }],
  ])("a first argument that is %s rejects with HostupConfigError, and nothing is sent", async (_, hostup) => {
    const { requests } = recording();
    const call = (operations.syncDomainStatus as unknown as (...args: unknown[]) => Promise<unknown>)(hostup, ID);
    await expect(call).rejects.toThrow(HostupConfigError);
    await expect(call).rejects.toThrow(/syncDomainStatus\(hostup, …\): the first argument must be a client from createHostupCore\(\)/);
    expect(requests).toHaveLength(0);
  });
});

describe("the core", () => {
  test("shows preload and nothing else; the key is in nothing it shows", async () => {
    const { core } = recording();
    expect(Object.keys(core)).toEqual(["preload"]);
    expect(Object.isFrozen(core)).toBe(true);
    expect(JSON.stringify(core)).not.toContain(KEY);
    expect(inspect(core, { showHidden: true, depth: 8 })).not.toContain(KEY);
    await expect(core.preload()).resolves.toBeUndefined();
  });

  test("checks its options as createHostupClient does, naming itself", () => {
    expect(() => createHostupCore({ apiKey: "" })).toThrow(/^createHostupCore: `apiKey` is required/);
    expect(() => createHostupCore({ apiKey: KEY, timeoutMs: 0 })).toThrow(HostupConfigError);
    expect(() => createHostupCore({ apiKey: KEY, retries: 1 } as never)).toThrow(/createHostupCore: unknown option `retries`/);
  });
});
