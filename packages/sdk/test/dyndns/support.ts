// Shared set-up for the updateDynDns tests: a call against a test's fetch handler with the runtime
// tests' distinctive token (../runtime/helpers.ts), and DynDNS2 answers as a server sends them.
import { expect } from "vitest";
import { updateDynDns, type DynDnsUpdateInput, type DynDnsUpdateOptions, type DynDnsUpdateResult } from "../../src/index.js";
import type { Answer, FetchHandler } from "../support/fetch-handler.js";
import { TOKEN } from "../runtime/helpers.js";

export const HOSTNAME = "home.example.com";
export const IP = "203.0.113.7";
export const UPDATE_PATH = "/api/dyndns/update";

/** updateDynDns against `api`, with the test hostname and token unless `input` replaces them, and a short timeout. */
export function update(
  api: FetchHandler,
  input: Partial<DynDnsUpdateInput> = {},
  options: DynDnsUpdateOptions = {},
): Promise<DynDnsUpdateResult> {
  return updateDynDns({ hostname: HOSTNAME, token: TOKEN, ...input }, { baseUrl: api.url, fetch: api.fetch, timeoutMs: 2_000, ...options });
}

/** A DynDNS2 answer: status 200, text/plain. */
export function dyndns(body: string, extra: Answer = {}): Answer {
  return { status: 200, ...extra, headers: { "content-type": "text/plain; charset=utf-8", ...extra.headers }, text: body };
}

/** The one request was sent, and it was the update. */
export function expectOneUpdate(api: FetchHandler): void {
  expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${UPDATE_PATH}`]);
  expect(api.unscripted).toBe(0);
}
