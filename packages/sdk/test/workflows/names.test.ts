// How the client tells workflows from methods (src/eager/methods.ts): by name, with no list of
// workflow names up front. A name the operation table lacks is looked up in the workflows module;
// names starting with `iterate` answer with an async iterator at once and skip the table. These
// tests hold the conventions that relies on, over the workflows module's exports and the table.
import { describe, expect, expectTypeOf, test } from "vitest";
import { OPERATIONS } from "../../src/generated/operations.js";
import * as workflows from "../../src/lazy/workflows/index.js";
import { createHostupClient, HostupConfigError, type HostupWorkflows } from "../../src/index.js";

// A copy, so that reading an export by a computed name does not defeat tree shaking (Biome's noDynamicNamespaceImportAccess).
const exported: Record<string, unknown> = { ...workflows };
const names = Object.keys(exported);
const ITERATING = /^iterate[A-Z]/;
const AsyncFunction = (async () => {}).constructor;

describe("workflow names", () => {
  test("the workflows module exports only workflows, one per name of HostupWorkflows", () => {
    expectTypeOf<keyof typeof workflows>().toEqualTypeOf<keyof HostupWorkflows>();
    expect(names.length).toBeGreaterThanOrEqual(9);
    for (const name of names) expect(typeof exported[name], name).toBe("function");
  });

  test("no operation is called like a workflow, and none starts with `iterate`", () => {
    const operations = Object.keys(OPERATIONS);
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((id) => names.includes(id) || ITERATING.test(id))).toEqual([]);
  });

  test("workflows named iterate… return an async iterator synchronously; every other one is an async function", () => {
    const untouchable = new Proxy({}, { get: () => expect.unreachable("an iterator must not start before it is read") });
    for (const name of names) {
      const workflow = exported[name] as (...args: unknown[]) => unknown;
      if (ITERATING.test(name)) {
        const iterator = workflow(untouchable) as AsyncIterator<unknown>;
        expect(typeof (iterator as unknown as AsyncIterable<unknown>)[Symbol.asyncIterator], name).toBe("function");
        expect(typeof iterator.next, name).toBe("function");
      } else {
        expect(workflow, name).toBeInstanceOf(AsyncFunction);
      }
    }
  });
});

describe("the client resolves workflows by name", () => {
  const requests: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    requests.push(String(input));
    return Response.json({ data: [], hasMore: false, nextCursor: null });
  };
  const hostup = createHostupClient({ apiKey: "hk_test_names_0001", baseUrl: "http://127.0.0.1:9", fetch });
  const loose = hostup as unknown as Record<string, ((...args: unknown[]) => unknown) & { withResponse: (...args: unknown[]) => unknown }>;

  test("an iterating workflow returns its iterator at once, and it runs once read", async () => {
    const iterator = hostup.iterateDomains();
    expect(typeof iterator[Symbol.asyncIterator]).toBe("function");
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(requests.at(-1)).toMatch(/\/api\/v2\/domains$/);
  });

  test("a name that is neither an operation nor a workflow rejects with HostupConfigError, iterate… ones as they are read", async () => {
    await expect(loose.findDomainByNam!("example.com")).rejects.toThrow(HostupConfigError);
    await expect(loose.findDomainByNam!("example.com")).rejects.toThrow(/no operation, and the SDK no workflow, called `findDomainByNam`/);
    const iterator = loose.iterateDomainz!() as AsyncIterator<unknown>;
    await expect(iterator.next()).rejects.toThrow(HostupConfigError);
  });

  test("a workflow has no .withResponse (it answers with no single HTTP response)", async () => {
    const before = requests.length;
    await expect(loose.findDomainByName!.withResponse("example.com")).rejects.toThrow(HostupConfigError);
    expect(requests).toHaveLength(before);
  });

  test("the same function on every read, for methods and workflows", () => {
    expect(hostup.waitForJob).toBe(hostup.waitForJob);
    expect(hostup.iterateDnsZones).toBe(hostup.iterateDnsZones);
  });
});
