import { expect, inject } from "vitest";
import type {} from "@hostup/mock/vitest-global-setup";
import { createHostupClient, type HostupClient, type HostupClientOptions } from "../../src/index.js";

export const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
export const RULE_ID = "redir_01hxa3b4c5d6e7f8g9h0j1k2m3";
export const TEST_API_KEY = "hk_test_0123456789";

export function mockUrl(): string {
  return inject("HOSTUP_MOCK_URL");
}

/**
 * A client pointed at the Prism mock started by the global setup. Retries are off: the mock
 * answers a forced 429/500 every time, and retry behaviour is tested against the fault server.
 */
export function mockClient(options: Omit<HostupClientOptions, "apiKey" | "baseUrl"> = {}): HostupClient {
  return createHostupClient({ apiKey: TEST_API_KEY, baseUrl: mockUrl(), maxRetries: 0, ...options });
}

/** Ask Prism for one documented response: `Prefer: code=409`. */
export function prefer(status: number): { headers: Record<string, string> } {
  return { headers: { Prefer: `code=${status}` } };
}

/** The `code` each documented error status's example carries (409's example documents none). */
export const EXAMPLE_CODES: Record<number, string | undefined> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: undefined,
  429: "rate_limit_exceeded",
  500: "internal_error",
};

/** The error statuses every one of the five documentation pages lists. */
export const DOCUMENTED_ERROR_STATUSES = [400, 401, 403, 404, 429, 500] as const;

interface Result {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Asserts an RFC 7807 Problem Details answer with the given status. */
export function expectProblem(result: Result, status: number): void {
  expect(result.data).toBeUndefined();
  expect(result.response.status).toBe(status);
  expect(result.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = result.error as Record<string, unknown>;
  expect(problem).toMatchObject({ status, requestId: expect.stringMatching(/^req_/) });
  const code = EXAMPLE_CODES[status];
  if (code) expect(problem).toMatchObject({ code, type: `https://developer.hostup.se/errors/${code}` });
}

/** Prism's record of why it rejected a request (`sl-violations` header). */
export function violations(response: Response): Array<{ location: string[]; code: string | number; message: string }> {
  return JSON.parse(response.headers.get("sl-violations") ?? "[]");
}
