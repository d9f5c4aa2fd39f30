import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "@hostup/types";
import {
  HostupAbortError,
  HostupApiError,
  HostupConfigError,
  HostupError,
  HostupValidationError,
} from "./errors.js";
import { sleep, throwIfAborted } from "./core/abort.js";
import { invoke, type CallContext, type RequestOptions } from "./core/invoke.js";
import { debugFromEnvironment, formatLogRecord } from "./core/log.js";
import type { Method } from "./core/method.js";
import type { OperationSpec } from "./core/operation.js";
import { lazy } from "./core/lazy.js";
import { createRateState } from "./core/pacing.js";
import { send, type LogRecord, type TransportConfig } from "./core/transport.js";
import { OPERATIONS, SECRET_FIELDS, type HostupMethods } from "./generated/operations.js";
import type { BulkSyncOptions, BulkSyncReport, AsyncOperation } from "./workflows/bulk.js";
import type { DomainSummary, IterateOptions, ListDomainsQuery } from "./workflows/domains.js";
import type { WorkflowCore } from "./workflows/core.js";
import { HostupDomainNotFoundError, HostupJobFailedError, HostupJobTimeoutError } from "./workflows/errors.js";
import type { JobReference, JobState, WaitForJobOptions } from "./workflows/jobs.js";

export const DEFAULT_BASE_URL = "https://cloud.hostup.se";
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

/** The typed openapi-fetch client for the HostUp API: `client.POST("/api/v2/…", { … })`. */
export type HostupRawClient = Client<paths>;

export interface HostupClientOptions {
  /** HostUp API key (created in the customer portal), sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** API origin. Defaults to `https://cloud.hostup.se`; point it at the mock in tests. */
  baseUrl?: string;
  /** A `fetch` implementation; defaults to the global one (Node ≥ 20, browsers). */
  fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout in ms, covering the response body too. Default 60 000. */
  timeoutMs?: number;
  /** Retries after the first attempt (429 always; 5xx, timeouts, connection errors for retry-safe operations). Default 2. */
  maxRetries?: number;
  /** Longest wait the client accepts before a retry (e.g. a `Retry-After`); longer asks fail at once. Default 60 000. */
  maxRetryWaitMs?: number;
  /**
   * Receives one record per attempt: operation, method, path, status, attempt, timing. Never
   * headers or bodies. `debug: true` (or `HOSTUP_DEBUG=1`) logs them with `console.debug`.
   */
  logger?: (record: LogRecord) => void;
  debug?: boolean;
}

/** Workflows built on the methods: pagination, lookups, jobs, bulk at scale. */
export interface HostupWorkflows {
  /** Every domain (matching `query`), page by page as the loop asks: `for await (const d of hostup.iterateDomains())`. */
  iterateDomains(query?: Omit<ListDomainsQuery, "cursor">, options?: IterateOptions): AsyncGenerator<DomainSummary, void, undefined>;
  /** The domain called `name` (its `id` is the `dom_…` ID), or HostupDomainNotFoundError. */
  findDomainByName(name: string, options?: Omit<RequestOptions, "domainName">): Promise<DomainSummary>;
  /** Polls a job (id, pollUrl or a bulk call's `operation`) until completed; throws when it fails or takes too long. */
  waitForJob(job: JobReference, options?: WaitForJobOptions): Promise<JobState>;
  /** Queues one bulk status sync and waits for its job. */
  bulkSyncDomainStatusAndWait(domainIds: ReadonlyArray<string>, options?: WaitForJobOptions): Promise<{ operation: AsyncOperation; job: JobState }>;
  /** Syncs any number of domains in batches, with bounded concurrency, reporting refused IDs one by one. */
  bulkSyncDomainStatusInBatches(domainIds: ReadonlyArray<string>, options?: BulkSyncOptions): Promise<BulkSyncReport>;
}

export type HostupClient = HostupMethods &
  HostupWorkflows & {
    /** The typed openapi-fetch client, with the same auth, timeouts and retries underneath. */
    readonly raw: HostupRawClient;
  };

const OPTION_KEYS = new Set(["apiKey", "baseUrl", "fetch", "timeoutMs", "maxRetries", "maxRetryWaitMs", "logger", "debug"]);

export function createHostupClient(options: HostupClientOptions): HostupClient {
  if (typeof options !== "object" || options === null) {
    throw new HostupConfigError("createHostupClient: pass an options object with at least `apiKey`.");
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new HostupConfigError(`createHostupClient: unknown option \`${key}\` (expected ${[...OPTION_KEYS].join(", ")}).`);
    }
  }
  const apiKey = checkApiKey(options.apiKey);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const debug = options.debug ?? debugFromEnvironment();
  const log = options.logger ?? (debug ? (record: LogRecord) => console.debug(formatLogRecord(record)) : undefined);
  const fetchImpl = options.fetch;
  // The key lives only in this closure and in outgoing headers: the client object holds no copy
  // that `console.log(client)` or `JSON.stringify(client)` could reveal.
  const transport: TransportConfig = {
    // Read lazily so a fetch patched after the client was created (test tools, polyfills) is used.
    fetch: fetchImpl ?? ((input, init) => globalThis.fetch(input, init)),
    authorization: `Bearer ${apiKey}`,
    timeoutMs: checkCount("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, 1),
    maxRetries: checkCount("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES, 0),
    maxRetryWaitMs: checkCount("maxRetryWaitMs", options.maxRetryWaitMs, DEFAULT_MAX_RETRY_WAIT_MS, 0),
    log,
    rate: createRateState(),
  };
  const ctx: CallContext = {
    baseUrl,
    transport,
    secrets: { values: [apiKey], fields: SECRET_FIELDS },
    domainNames: new Map(),
  };

  const methods = {} as Record<string, unknown>;
  for (const op of OPERATIONS) methods[op.id] = bindMethod(ctx, op);
  const api = methods as unknown as HostupMethods;
  // The workflows are loaded on first use (all of them return promises or async iterators), so an
  // app that never calls one does not load them, and bundlers that split dynamic imports keep them
  // out of its first bundle. They get the parts of the core they use from here (workflows/core.ts).
  const core: WorkflowCore = {
    api,
    baseUrl,
    sleep,
    throwIfAborted,
    HostupError,
    HostupAbortError,
    HostupApiError,
    HostupValidationError,
    HostupDomainNotFoundError,
    HostupJobFailedError,
    HostupJobTimeoutError,
  };
  const workflows: HostupWorkflows = {
    async *iterateDomains(query, iterateOptions) {
      yield* (await loadWorkflows()).iterateDomains(core, query, iterateOptions);
    },
    findDomainByName: async (name, requestOptions) => (await loadWorkflows()).findDomainByName(core, name, requestOptions),
    waitForJob: async (job, waitOptions) => (await loadWorkflows()).waitForJob(core, job, waitOptions),
    bulkSyncDomainStatusAndWait: async (ids, waitOptions) => (await loadWorkflows()).bulkSyncDomainStatusAndWait(core, ids, waitOptions),
    bulkSyncDomainStatusInBatches: async (ids, bulkOptions) => (await loadWorkflows()).bulkSyncDomainStatusInBatches(core, ids, bulkOptions),
  };
  const client: Record<string, unknown> = { ...methods, ...workflows };
  let raw: HostupRawClient | undefined;
  Object.defineProperty(client, "raw", {
    enumerable: false,
    // Built on first use, so code that only calls methods never pays for it.
    get: () => (raw ??= lazyRawClient(ctx)),
  });
  return Object.freeze(client) as unknown as HostupClient;
}

const loadWorkflows = lazy(() => import("./workflows/index.js"));

function bindMethod(ctx: CallContext, op: OperationSpec): Method<unknown[], unknown> {
  const method = (...args: unknown[]) => invoke(ctx, op, args, false);
  method.withResponse = (...args: unknown[]) => invoke(ctx, op, args, true);
  return method as Method<unknown[], unknown>;
}

/**
 * `hostup.raw`: the openapi-fetch client over the SDK's transport (core/raw.ts), imported with
 * openapi-fetch on the first request. Until then this stand-in keeps the middleware registered with
 * `use`/`eject` and hands it over in order, so the client behaves as if it had existed all along.
 */
function lazyRawClient(ctx: CallContext): HostupRawClient {
  const pending: Middleware[] = [];
  const load = lazy(() =>
    import("./core/raw.js").then(({ createRawClient }) => {
      const client = createRawClient(ctx, { send, operations: OPERATIONS });
      if (pending.length) client.use(...pending.splice(0));
      return client;
    }),
  );
  const standIn: Pick<HostupRawClient, "use" | "eject"> = {
    use(...middleware) {
      if (load.loaded) return load.loaded.use(...middleware);
      for (const m of middleware) {
        if (!m) continue;
        // The check openapi-fetch's `use` makes, at the same moment.
        if (typeof m !== "object" || !("onRequest" in m || "onResponse" in m || "onError" in m)) {
          throw new Error("Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`");
        }
        pending.push(m);
      }
    },
    eject(...middleware) {
      if (load.loaded) return load.loaded.eject(...middleware);
      for (const m of middleware) {
        const i = pending.indexOf(m);
        if (i !== -1) pending.splice(i, 1);
      }
    },
  };
  for (const name of ["request", "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const) {
    type Call = (...args: unknown[]) => unknown;
    (standIn as Record<string, Call>)[name] = (...args) =>
      load.loaded ? (load.loaded[name] as Call)(...args) : load().then((client) => (client[name] as Call)(...args));
  }
  return standIn as HostupRawClient;
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new HostupConfigError("createHostupClient: `apiKey` is required (a HostUp API key from the customer portal).");
  }
  // A header value cannot carry control characters or surrounding whitespace; rejecting them here
  // gives a clear error instead of a fetch TypeError that might echo the value.
  if (/[\s\u0000-\u001f\u007f]/.test(apiKey)) {
    throw new HostupConfigError(
      "createHostupClient: `apiKey` contains whitespace or control characters; check how it was read (a trailing newline?).",
    );
  }
  return apiKey;
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new HostupConfigError(`createHostupClient: \`baseUrl\` is not a valid URL: ${JSON.stringify(String(baseUrl))}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new HostupConfigError(`createHostupClient: \`baseUrl\` must be an http(s) URL, got ${url.protocol}.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new HostupConfigError("createHostupClient: `baseUrl` must not contain credentials, a query or a fragment.");
  }
  // Paths in the spec start with /api/…, so the base is the origin plus any proxy prefix.
  return url.href.replace(/\/+$/, "");
}

function checkCount(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (name === "maxRetries" && !Number.isInteger(value))) {
    throw new HostupConfigError(`createHostupClient: \`${name}\` must be a number ≥ ${min}, got ${JSON.stringify(value)}.`);
  }
  return value;
}
