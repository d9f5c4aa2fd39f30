import type { Client } from "openapi-fetch";
import type { paths } from "@hostup/types";
import { sleep, throwIfAborted } from "./eager/abort.js";
import { preloadCallParts, type CallContext, type RequestOptions } from "./eager/invoke.js";
import { loadOnce } from "./eager/load-once.js";
import { debugFromEnvironment, formatLogRecord } from "./eager/log.js";
import { operationTable, withMethods } from "./eager/methods.js";
import { createRateState } from "./eager/pacing.js";
import { rawStandIn } from "./eager/raw-stand-in.js";
import type { LogRecord, TransportConfig } from "./eager/transport.js";
import { userAgentFor } from "./eager/user-agent.js";
import { HostupAbortError, HostupApiError, HostupConfigError, HostupError, HostupValidationError } from "./errors.js";
import type { HostupMethods } from "./generated/methods.js";
import type { AsyncOperation } from "./lazy/workflows/batches.js";
import type { BulkSyncOptions, BulkSyncReport } from "./lazy/workflows/bulk.js";
import type { BulkDnsRequest, BulkDomainNamesOptions, BulkDomainNamesReport, BulkRedirectsRequest } from "./lazy/workflows/bulk-by-name.js";
import type { WorkflowCore } from "./lazy/workflows/core.js";
import type {
  DnsRecord,
  DnsRecordMatch,
  DnsRecordSpec,
  DnsWorkflowOptions,
  DnsZoneSummary,
  ListDnsZonesQuery,
} from "./lazy/workflows/dns.js";
import type { DnsZoneMatch } from "./lazy/workflows/dns-zones.js";
import type { DomainSummary, IterateOptions, ListDomainsQuery } from "./lazy/workflows/domains.js";
import type { JobReference, JobState, WaitForJobOptions } from "./lazy/workflows/jobs.js";
import { HostupDomainNotFoundError, HostupJobFailedError, HostupJobTimeoutError } from "./workflow-errors.js";

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
   * headers or bodies. `debug: true` (or `HOSTUP_DEBUG=1`) logs them with `console.warn`: to stderr,
   * out of the way of a program's output.
   */
  logger?: (record: LogRecord) => void;
  debug?: boolean;
  /**
   * Your product token(s), added to the `User-Agent` the SDK sends outside a browser, which names
   * the runtime (`hostup-sdk-typescript/1.2.0 (node 20.20.2) my-app/3.1`; `(Bun/1.3.5)`, `(Deno/2.5.6)`,
   * `(Cloudflare-Workers)`). Browsers send their own User-Agent;
   * there the SDK sends only this, when given (which costs a CORS preflight). A call's own
   * `headers: { "user-agent": … }` replaces the whole value.
   */
  userAgent?: string;
}

/** Workflows built on the methods: pagination, lookups, jobs, bulk at scale. */
export interface HostupWorkflows {
  /** Every domain (matching `query`), page by page as the loop asks: `for await (const d of hostup.iterateDomains())`. */
  iterateDomains(query?: Omit<ListDomainsQuery, "cursor">, options?: IterateOptions): AsyncGenerator<DomainSummary, void, undefined>;
  /** The domain called `name` (its `id` is the `dom_…` ID), or HostupDomainNotFoundError. */
  findDomainByName(name: string, options?: Omit<RequestOptions, "domainName">): Promise<DomainSummary>;
  /** Every DNS zone (matching `query`), page by page as the loop asks. */
  iterateDnsZones(query?: Omit<ListDnsZonesQuery, "cursor">, options?: IterateOptions): AsyncGenerator<DnsZoneSummary, void, undefined>;
  /** The DNS zone called `name` (its `id` is the `zone_…` ID), or a HostupError naming `name`. One request. */
  findDnsZoneByName(name: string, options?: DnsWorkflowOptions): Promise<DnsZoneSummary>;
  /**
   * The zone holding a full record name, and the name relative to it: the account's zone with the longest
   * matching suffix (`_acme-challenge.www.example.com` → zone `example.com`, `recordName` `_acme-challenge.www`).
   * One request per candidate suffix, longest first; a HostupError naming `name` when no zone holds it.
   */
  findDnsZoneFor(name: string, options?: DnsWorkflowOptions): Promise<DnsZoneMatch>;
  /**
   * Makes sure the zone holds this record, idempotently: lists its type and name first and creates it only
   * when the value is missing. Never leaves a duplicate, also when a create's answer is lost (it reads the
   * records again before trying once more). `created`: whether the record is new.
   */
  ensureDnsRecord(zoneId: string, record: DnsRecordSpec, options?: DnsWorkflowOptions): Promise<{ record: DnsRecord; created: boolean }>;
  /** Deletes every record of this type and name (and value, when given), and only those; records already gone are not counted. */
  removeDnsRecords(zoneId: string, match: DnsRecordMatch, options?: DnsWorkflowOptions): Promise<{ deleted: number }>;
  /** Polls a job (id, pollUrl or a bulk call's `operation`) until completed; throws when it fails or takes too long. */
  waitForJob(job: JobReference, options?: WaitForJobOptions): Promise<JobState>;
  /** Queues one bulk status sync and waits for its job. */
  bulkSyncDomainStatusAndWait(
    domainIds: ReadonlyArray<string>,
    options?: WaitForJobOptions,
  ): Promise<{ operation: AsyncOperation; job: JobState }>;
  /** Syncs any number of domains in batches, with bounded concurrency, reporting refused IDs one by one. */
  bulkSyncDomainStatusInBatches(domainIds: ReadonlyArray<string>, options?: BulkSyncOptions): Promise<BulkSyncReport>;
  /**
   * One bulk DNS operation (`bulkDnsRecords`: add or update `records`, or delete by `deleteType`) for any
   * number of domains: `request.domainNames` is split into batches sent with bounded concurrency, each with
   * the rest of `request`; with `wait`, each batch's job is waited for. Names the API refuses (e.g. not
   * yours) are reported one by one with their index in `request.domainNames`, and the rest of their batch
   * is sent again; `dom_…` IDs and other values that are not plain names are refused before sending. Throws
   * HostupValidationError, sending nothing, when the request lacks what its action needs.
   */
  bulkDnsRecordsInBatches(request: BulkDnsRequest, options?: BulkDomainNamesOptions): Promise<BulkDomainNamesReport>;
  /**
   * One bulk redirect operation (`bulkDomainRedirects`: create `redirect`, or delete `ruleIds` or the
   * matching rules) for any number of domains, in batches, as bulkDnsRecordsInBatches does for DNS records.
   */
  bulkDomainRedirectsInBatches(request: BulkRedirectsRequest, options?: BulkDomainNamesOptions): Promise<BulkDomainNamesReport>;
}

export type HostupClient = HostupMethods &
  HostupWorkflows & {
    /** The typed openapi-fetch client, with the same auth, timeouts and retries underneath. */
    readonly raw: HostupRawClient;
    /**
     * Starts loading, all at once, what a call may wait for before its request goes out (the
     * operation table, input checks, reading error answers), so that the first call does not wait
     * for it. Optional: each part loads on first need anyway. Useful in a browser app at start-up;
     * rejects if a part cannot be loaded.
     */
    preload(): Promise<void>;
  };

const OPTION_KEYS = new Set(["apiKey", "baseUrl", "fetch", "timeoutMs", "maxRetries", "maxRetryWaitMs", "logger", "debug", "userAgent"]);

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
  const log = options.logger ?? (debug ? (record: LogRecord) => console.warn(formatLogRecord(record)) : undefined);
  const fetchImpl = options.fetch;
  // The key lives only in this closure and in outgoing headers: the client object holds no copy
  // that `console.log(client)` or `JSON.stringify(client)` could reveal.
  const transport: TransportConfig = {
    // Read lazily so a fetch patched after the client was created (test tools, polyfills) is used.
    fetch: fetchImpl ?? ((input, init) => globalThis.fetch(input, init)),
    authorization: `Bearer ${apiKey}`,
    userAgent: userAgentFor(checkUserAgent(options.userAgent)),
    timeoutMs: checkCount("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, 1),
    maxRetries: checkCount("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES, 0),
    maxRetryWaitMs: checkCount("maxRetryWaitMs", options.maxRetryWaitMs, DEFAULT_MAX_RETRY_WAIT_MS, 0),
    log,
    rate: createRateState(),
  };
  const ctx: CallContext = { baseUrl, transport, secrets: { values: [apiKey] } };

  const client: Record<string, unknown> = {
    preload: () => Promise.all([operationTable(), preloadCallParts()]).then(() => undefined),
  };
  // The workflows are loaded on the first call of one (eager/methods.ts looks up there the names the
  // operation table does not have), so an app that never calls one does not load them, and bundlers
  // that split dynamic imports keep them out of its first bundle. They get the parts of the core they
  // use from here (lazy/workflows/core.ts).
  const api = withMethods(ctx, client, async (name) => {
    const workflow = (await loadWorkflows())[name as keyof typeof import("./lazy/workflows/index.js")] as Workflow | undefined;
    return typeof workflow === "function" ? (...args: unknown[]) => workflow(core, ...args) : undefined;
  });
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
  let raw: HostupRawClient | undefined;
  Object.defineProperty(client, "raw", {
    enumerable: false,
    // Built on first use, so code that only calls methods never pays for it.
    get: () => (raw ??= rawStandIn(ctx)),
  });
  Object.freeze(client);
  return api as unknown as HostupClient;
}

type Workflow = (core: WorkflowCore, ...args: unknown[]) => unknown;
const loadWorkflows = loadOnce(() => import("./lazy/workflows/index.js"));

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new HostupConfigError("createHostupClient: `apiKey` is required (a HostUp API key from the customer portal).");
  }
  // A header value cannot carry control characters or surrounding whitespace; rejecting them here
  // gives a clear error instead of a fetch TypeError that might echo the value.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this check refuses.
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

function checkUserAgent(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  // Product tokens: printable ASCII without control characters (a header value must not break lines).
  if (typeof value !== "string" || !/^[\x21-\x7e][\x20-\x7e]*$/.test(value) || value.endsWith(" ")) {
    throw new HostupConfigError(
      `createHostupClient: \`userAgent\` must be product tokens such as "my-app/1.2", got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function checkCount(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (name === "maxRetries" && !Number.isInteger(value))) {
    throw new HostupConfigError(`createHostupClient: \`${name}\` must be a number ≥ ${min}, got ${JSON.stringify(value)}.`);
  }
  return value;
}
