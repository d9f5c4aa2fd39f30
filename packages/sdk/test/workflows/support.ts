// Shared set-up for the workflow tests: a client with retries off, and sample domains, jobs and
// bulk answers. The `api` fixture (a fetch handler per test) comes from ../runtime/helpers.ts.
import type { HostupClient, HostupClientOptions } from "../../src/index.js";
import { clientFor } from "../runtime/helpers.js";
import type { Answer, FetchHandler } from "../support/fetch-handler.js";

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

/** The 202 body of the bulk routes (`POST /api/v2/domains/bulk/…`). */
export function accepted(jobId: string, count: number) {
  return { operation: { status: "queued", jobId, pollUrl: `/api/jobs/${jobId}`, result: null }, domainsQueued: count };
}

export const BULK_PATH = "/api/v2/domains/bulk/status-sync";
export const LIST_PATH = "/api/v2/domains";

export interface BulkServerOptions {
  /** The bulk route, e.g. BULK_PATH. */
  path: string;
  /** The body's list of domains: `domainIds` or `domainNames`. */
  list: string;
  /** The answer to the bulk POST carrying `sent` (n = how many bulk POSTs came before); default a 202 with job `dbj_b<n>`. */
  decide?: (sent: string[], n: number) => Answer | undefined;
  delayMs?: number;
  /** The body of `GET /api/jobs/{jobId}` at its `poll`-th read. */
  job?: (jobId: string, poll: number) => unknown;
}

/** Answers a bulk route's POST and the job polls of the jobs it queues; anything else is a handler error. */
export function serveBulkRoute(api: FetchHandler, options: BulkServerOptions): void {
  let posts = 0;
  const polls = new Map<string, number>();
  api.handle((request) => {
    if (request.method === "POST" && request.path === options.path) {
      const n = posts++;
      const sent = (request.json as Record<string, string[]>)[options.list]!;
      const answer = options.decide?.(sent, n) ?? { status: 202, json: accepted(`dbj_b${n}`, sent.length) };
      return { delayMs: options.delayMs, ...answer };
    }
    const job = /^\/api\/jobs\/([^/]+)$/.exec(request.path)?.[1];
    if (request.method === "GET" && job && options.job) {
      const poll = polls.get(job) ?? 0;
      polls.set(job, poll + 1);
      return { json: options.job(job, poll) };
    }
    throw new Error(`unexpected ${request.method} ${request.path}`);
  });
}
