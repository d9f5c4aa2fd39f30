// Shared set-up for the workflow tests: a client with retries off, and sample domains, jobs and
// bulk answers. The `api` fixture (a fetch handler per test) comes from ../runtime/helpers.ts.
import type { HostupClient, HostupClientOptions } from "../../src/index.js";
import { clientFor } from "../runtime/helpers.js";
import type { FetchHandler } from "../support/fetch-handler.js";

/** A client for a fetch handler; retries off unless a test asks for them. */
export function clientAt(api: FetchHandler, options: Omit<HostupClientOptions, "apiKey" | "baseUrl"> = {}): HostupClient {
  return clientFor(api, { maxRetries: 0, ...options });
}

/** A `GET /api/v2/domains` entry. */
export function domain(n: number, name = `site${n}.example.com`) {
  return { id: `dom_${String(n).padStart(4, "0")}abc`, name, serviceStatus: "active", lifecycle: { type: "standard" } };
}

/** A page of `GET /api/v2/domains`. */
export function page(items: ReadonlyArray<unknown>, nextCursor: string | null, hasMore = nextCursor !== null) {
  return { data: items, hasMore, nextCursor };
}

/** `count` distinct valid domain IDs: dom_0000x, dom_0001x, … */
export function domainIds(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `dom_${String(from + i).padStart(5, "0")}x`);
}

/** A v2 `operation`-shaped job body. */
export function operationBody(jobId: string, status: string, result: unknown = null) {
  return { operation: { status, jobId, pollUrl: `/api/jobs/${jobId}`, result } };
}

/** The legacy `{ success, data }` job envelope. */
export function legacyBody(
  jobId: string,
  state: string,
  flags: { isCompleted?: boolean; isFailed?: boolean; isRunning?: boolean; isWaiting?: boolean } = {},
  percentage?: number,
  result: unknown = null,
) {
  return {
    success: true,
    timestamp: "2026-04-27T12:00:00.000Z",
    requestId: "req_legacy",
    data: {
      id: jobId,
      state,
      status: state,
      isCompleted: false,
      isFailed: false,
      isRunning: state === "active",
      isWaiting: state === "waiting",
      ...flags,
      progress: percentage ?? 0,
      ...(percentage === undefined ? {} : { progressDetails: { percentage } }),
      result,
    },
  };
}

/** The 202 body of `POST /api/v2/domains/bulk/status-sync`. */
export function accepted(jobId: string, count: number) {
  return { operation: { status: "queued", jobId, pollUrl: `/api/jobs/${jobId}`, result: null }, domainsQueued: count };
}

export const BULK_PATH = "/api/v2/domains/bulk/status-sync";
export const LIST_PATH = "/api/v2/domains";
