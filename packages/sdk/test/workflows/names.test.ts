// The workflows as the client lists them (client.ts): one property per export of the workflows
// module, loaded on the first call of one; names starting with `iterate` answer with an async
// iterator at once. These tests hold the conventions that relies on, over the workflows module's
// exports and the operation table.
import { describe, expect, expectTypeOf, test } from "vitest";
import { OPERATIONS } from "../../src/generated/operations.js";
import * as workflows from "../../src/lazy/workflows/index.js";
import { createHostupClient, type HostupWorkflows } from "../../src/index.js";

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

describe("the client's workflows", () => {
  const requests: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    requests.push(String(input));
    return Response.json({ data: [], hasMore: false, nextCursor: null });
  };
  const hostup = createHostupClient({ apiKey: "hk_test_names_0001", baseUrl: "http://127.0.0.1:9", fetch });

  test("every export of the workflows module is a property of the client, and no other name is", () => {
    const listed = Object.keys(hostup).filter((name) => !Object.hasOwn(OPERATIONS, name) && name !== "preload");
    expect(listed.sort()).toEqual([...names].sort());
  });

  test("an iterating workflow returns its iterator at once, and it runs once read", async () => {
    const iterator = hostup.iterateDomains();
    expect(typeof iterator[Symbol.asyncIterator]).toBe("function");
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(requests.at(-1)).toMatch(/\/api\/v2\/domains$/);
  });

  test("a workflow has no .withResponse (it answers with no single HTTP response)", () => {
    expect((hostup.findDomainByName as unknown as { withResponse?: unknown }).withResponse).toBeUndefined();
  });

  test("the same function on every read, for methods and workflows", () => {
    expect(hostup.waitForJob).toBe(hostup.waitForJob);
    expect(hostup.iterateDnsZones).toBe(hostup.iterateDnsZones);
  });
});
