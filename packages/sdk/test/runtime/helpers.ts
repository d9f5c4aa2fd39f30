// Shared set-up for the runtime and workflow tests: a fresh fetch handler per test (a loopback
// fault server for the tests that need a real socket, a fake clock for the tests of waiting), a
// client for either, an unhandled-rejection collector per file, and sample payloads.
import { afterAll, afterEach, beforeAll, test as base, expect, vi } from "vitest";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { resolveDefaultSpec } from "@hostup/mock";
import { createHostupClient, type HostupClient, type HostupClientOptions } from "../../src/index.js";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";
import { type FakeClock, installFakeClock } from "../support/fake-clock.js";
import { createFetchHandler, type FetchHandler } from "../support/fetch-handler.js";

/** The real setTimeout, taken before any test fakes it (../support/fake-clock.ts). */
const realSetTimeout = globalThis.setTimeout;

/** Distinctive, so a leak anywhere is unmistakable. */
export const API_KEY = "hk_live_Zq7xSECRETkey4f1c9a2b77d0";
/** A DynDNS token as the API returns it on creation. */
export const TOKEN = "ddnstok_9f8e7d6c5b4a39281706f5e4d3c2b1a0SECRET";
export const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
export const RULE_ID = "redir_01hxa3b4c5d6e7f8g9h0j1k2m3";

export const SYNC_PATH = `/api/v2/domains/${DOMAIN_ID}/actions/status-sync`;
export const DYNDNS_PATH = `/api/v2/domains/${DOMAIN_ID}/dyndns`;
export const DOMAIN_PATH = `/api/v2/domains/${DOMAIN_ID}`;

/** The spec's `DomainStatusSynced` example: the documented 200 answer of syncDomainStatus (for DOMAIN_ID). */
export const SYNC_RESULT = documentedExample("DomainStatusSynced");

export const DYNDNS_BODY = { hostname: "home.example.com", recordType: "A" } as const;

export const DYNDNS_CONFIG = {
  id: "ddns_01hxa3b4c5d6e7f8g9h0j1k2m3",
  hostname: "home.example.com",
  recordType: "A",
  token: TOKEN,
  lastIp: null,
  lastUpdatedAt: null,
  updateCount: 0,
  enabled: true,
  createdAt: "2026-04-27T12:00:00.000Z",
  updatedAt: null,
};

/** A proxy's error page: short title, long body that must not end up in a message. */
export function htmlPage(title: string): string {
  return [
    "<!DOCTYPE html>",
    `<html><head><title>${title}</title></head>`,
    `<body><center><h1>${title}</h1></center>`,
    `<p>${"The upstream server did not answer in time. ".repeat(20)}</p>`,
    "<hr><center>nginx/1.25.3</center></body></html>",
  ].join("\n");
}

/** A HostUp Problem Details document. */
export function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return {
    type: `https://developer.hostup.se/errors/${code}`,
    title: `Title of ${code}`,
    status,
    detail: `Detail of ${code}.`,
    code,
    requestId: `req_${code}_${status}`,
    ...extra,
  };
}

/**
 * `test` with three fixtures, each fresh for every test that asks for it: `api`, a fetch handler
 * (../support/fetch-handler.ts) for everything but the socket; `server`, a loopback fault server for
 * what only a real connection shows (resets and stalls mid-body, closed connections); and `clock`, a
 * fake clock (../support/fake-clock.ts) for the tests of waiting: retries, pacing, timeouts, polling.
 * Nothing else is shared between tests, so tests on real time may run concurrently
 * (`describe.concurrent`); the clock's timers are global, so tests that use it must not.
 */
export const test = base.extend<{ api: FetchHandler; server: FaultServer; clock: FakeClock }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this destructuring; it has none.
  api: async ({}, use) => {
    const api = createFetchHandler();
    await use(api);
    api.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  server: async ({}, use) => {
    const server = await startFaultServer();
    await use(server);
    await server.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  clock: async ({}, use) => {
    await loadLazyParts();
    const clock = installFakeClock();
    try {
      await use(clock);
    } finally {
      clock.uninstall();
    }
  },
});

let lazyParts: Promise<void> | undefined;

/**
 * Loads, once and on real time, the parts the SDK loads on first need (src/README.md), so that no call
 * under a fake clock waits on a module while time moves on.
 */
function loadLazyParts(): Promise<void> {
  lazyParts ??= (async () => {
    const hostup = createHostupClient({ apiKey: API_KEY, fetch: () => Promise.reject(new Error("not sent")) });
    await hostup.preload();
    await hostup.waitForJob("").catch(() => {}); // refused before sending, once the workflows have loaded
    await import("../../src/lazy/raw.js");
  })();
  return lazyParts;
}

/**
 * Collects unhandled rejections for the calling file and fails the test after which one
 * surfaced (with concurrent tests: one of those running), and the file. The listener is removed
 * after the file.
 */
export function failOnUnhandledRejections(): void {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  beforeAll(() => void process.on("unhandledRejection", listener));
  const check = async () => {
    // Rejections are reported after the microtask queue drains; give them a moment to surface. On a fake
    // clock (which is still installed here) nothing else happens in real time: one turn shows them all.
    await new Promise((resolve) => (vi.isFakeTimers() ? setImmediate(resolve) : realSetTimeout(resolve, 20)));
    expect(seen, "unhandled rejections").toEqual([]);
  };
  afterEach(check);
  afterAll(async () => {
    await check();
    process.off("unhandledRejection", listener);
  });
}

/** A client for a fetch handler (its `fetch`) or a fault server (its port), with test-friendly defaults (short timeout). */
export function clientFor(target: FetchHandler | FaultServer, options: Omit<HostupClientOptions, "apiKey" | "baseUrl"> = {}): HostupClient {
  const fetch = "fetch" in target ? { fetch: target.fetch } : {};
  return createHostupClient({ apiKey: API_KEY, baseUrl: target.url, timeoutMs: 2_000, ...fetch, ...options });
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    const value = await promise;
    throw new ExpectedRejection(value);
  } catch (error) {
    if (error instanceof ExpectedRejection) throw error;
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
}

class ExpectedRejection extends Error {
  constructor(value: unknown) {
    super(`expected a rejection, but the promise resolved with ${inspect(value, { depth: 2 })}`);
  }
}

/** Elapsed milliseconds of an async call, with its settled outcome. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; error: Error | undefined; value: T | undefined }> {
  const started = performance.now();
  try {
    const value = await run();
    return { ms: performance.now() - started, error: undefined, value };
  } catch (error) {
    return { ms: performance.now() - started, error: error as Error, value: undefined };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every way an error might be shown to a person or a log pipeline. */
export function renderingsOf(error: unknown): Record<string, string> {
  const e = error as Error & { problem?: unknown; headers?: Headers; cause?: unknown };
  const headers: Array<[string, string]> = [];
  if (e.headers instanceof Headers) {
    e.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
  }
  return {
    message: e.message,
    stack: e.stack ?? "",
    string: String(e),
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: 10, showHidden: true }),
    problem: `${JSON.stringify(e.problem)} ${inspect(e.problem, { depth: 10, showHidden: true })}`,
    headers: `${JSON.stringify(headers)} ${inspect(e.headers, { depth: 10, showHidden: true })}`,
  };
}

/** The secrets, plus middle fragments of them, so a truncated leak is caught too. */
export const SECRETS: ReadonlyArray<string> = [API_KEY, TOKEN, API_KEY.slice(8, 22), TOKEN.slice(10, 30)];

/** Asserts that none of the error's renderings contains any of the secrets. */
export function expectNoSecrets(error: unknown, secrets: ReadonlyArray<string> = SECRETS): void {
  for (const [where, text] of Object.entries(renderingsOf(error))) {
    for (const secret of secrets) {
      expect(text.includes(secret), `${where} contains ${secret}:\n${text}`).toBe(false);
    }
  }
}

/** A named example of the bundled spec (`components.examples`), as the documentation shows it. */
function documentedExample(name: string): Record<string, unknown> {
  const spec = JSON.parse(readFileSync(resolveDefaultSpec(), "utf8"));
  const example = spec.components?.examples?.[name]?.value;
  if (!example) throw new Error(`the bundled spec has no example ${name}`);
  return example;
}
