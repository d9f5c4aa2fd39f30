// createHostupClient: the client with every method, one per operation of the API, and the workflows
// built on them, as real properties (`"listDomains" in hostup`, completion in editors and the REPL,
// `console.log(hostup)`). It is the core of core.ts plus the operation table, so its first load grows
// with the API; apps that count their bytes call the standalone functions of `@hostup/sdk/operations`
// on createHostupCore instead (BENCHMARKS.md §2). The workflows load on the first call of one.
import type { Client } from "openapi-fetch";
import type { paths } from "@hostup/types";
import { sleep, throwIfAborted } from "./eager/abort.js";
import type { RequestOptions } from "./eager/invoke.js";
import { loadOnce } from "./eager/load-once.js";
import type { HostupCore } from "./eager/operation-function.js";
import { rawStandIn } from "./eager/raw-stand-in.js";
import { coreOf, createContext, type HostupClientOptions } from "./core.js";
import { HostupAbortError, HostupApiError, HostupError, HostupValidationError } from "./errors.js";
import type { HostupMethods } from "./generated/methods.js";
import { OPERATIONS } from "./generated/operations.js";
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

/** The typed openapi-fetch client for the HostUp API: `client.POST("/api/v2/…", { … })`. */
export type HostupRawClient = Client<paths>;

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
   * One request (the zone list); a HostupError naming `name` when no zone holds it.
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
  HostupWorkflows &
  HostupCore & {
    /** The typed openapi-fetch client, with the same auth, timeouts and retries underneath. */
    readonly raw: HostupRawClient;
  };

/** Every workflow's name, in the order `console.log(hostup)` shows them (test/workflows/names.test.ts checks the list is whole). */
const WORKFLOWS = [
  "iterateDomains",
  "findDomainByName",
  "iterateDnsZones",
  "findDnsZoneByName",
  "findDnsZoneFor",
  "ensureDnsRecord",
  "removeDnsRecords",
  "waitForJob",
  "bulkSyncDomainStatusAndWait",
  "bulkSyncDomainStatusInBatches",
  "bulkDnsRecordsInBatches",
  "bulkDomainRedirectsInBatches",
] as const satisfies ReadonlyArray<keyof HostupWorkflows>;

export function createHostupClient(options: HostupClientOptions): HostupClient {
  const ctx = createContext("createHostupClient", options);
  const { core, call } = coreOf(ctx);
  const client = core as unknown as Record<string, unknown>;
  // Named like the operation, so that stack traces and `console.log(hostup)` say which one it is.
  const named = <F>(name: string, fn: F): F => Object.defineProperty(fn, "name", { value: name });
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    const method = named(name, (...args: unknown[]) => call(operation, args, false));
    client[name] = Object.freeze(Object.assign(method, { withResponse: (...args: unknown[]) => call(operation, args, true) }));
  }
  const workflowCore: WorkflowCore = {
    api: client as unknown as HostupMethods,
    baseUrl: ctx.baseUrl,
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
  // The workflows are loaded on the first call of one: an app that never calls one does not load
  // them, and bundlers that split dynamic imports keep them out of its first bundle. They get the
  // parts of the core they use from here (lazy/workflows/core.ts).
  for (const name of WORKFLOWS) {
    const run = (args: unknown[]) => loadWorkflows().then((workflows) => (workflows[name] as Workflow)(workflowCore, ...args));
    // An iterating workflow answers with its iterator at once, as a `for await` asks for it.
    client[name] = named(
      name,
      name.startsWith("iterate")
        ? async function* (...args: unknown[]) {
            yield* (await run(args)) as AsyncIterable<unknown>;
          }
        : (...args: unknown[]) => run(args),
    );
  }
  let raw: HostupRawClient | undefined;
  Object.defineProperty(client, "raw", {
    // Not enumerable: a spread or JSON.stringify of the client does not build it.
    // Built on first use, so code that only calls methods never pays for it.
    get: () => (raw ??= rawStandIn(ctx, OPERATIONS)),
  });
  return Object.freeze(client) as unknown as HostupClient;
}

type Workflow = (core: WorkflowCore, ...args: unknown[]) => unknown;
// Pure: an app that never creates a full client (one that imports functions) keeps no trace of the workflows.
const loadWorkflows = /* @__PURE__ */ loadOnce(() => import("./lazy/workflows/index.js"));
