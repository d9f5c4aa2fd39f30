// Bulk status sync at scale: split many domain IDs into batches, submit them with bounded
// concurrency, and turn HostUp's all-or-nothing batch rejections into per-ID answers. A rejected
// batch names the offending items with JSON Pointers (`/domainIds/3`); those IDs are reported as
// refused and the rest of the batch is submitted again, so one bad ID does not sink the others.
import type { components } from "@hostup/types";
import type { RequestOptions } from "../../eager/invoke.js";
import type { HostupApiError, HostupError } from "../../errors.js";
import { REQUEST_SCHEMAS } from "../../generated/schemas.js";
import type { WorkflowCore } from "./core.js";
import { waitForJob, type JobState, type WaitForJobOptions } from "./jobs.js";

export type AsyncOperation = components["schemas"]["AsyncOperation"];

export interface BulkSyncOptions extends Pick<RequestOptions, "signal" | "timeoutMs" | "maxRetries"> {
  /** IDs per request (default 100; HostUp documents no maximum). */
  batchSize?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Also wait for each batch's job (`true`, or the options for waitForJob). */
  wait?: boolean | Omit<WaitForJobOptions, "signal">;
  /** Called as each batch settles. */
  onBatch?: (batch: BatchResult) => void;
}

export interface BatchResult {
  /** Position of the batch, from 0. */
  index: number;
  /** The IDs this batch finally queued (refused ones removed). */
  domainIds: string[];
  /** The queued job, when the batch was accepted. */
  operation?: AsyncOperation;
  /** The job's final state, when waiting was asked for and it completed. */
  job?: JobState;
  /** Why the batch (or its job) failed as a whole. */
  error?: HostupError;
}

export interface RefusedDomain {
  domainId: string;
  /** Position of the ID in the list you passed (its first occurrence). */
  index: number;
  /** JSON Pointer of the refused item in the request that carried it, e.g. `/domainIds/3`. */
  pointer: string;
  /** `client` when the SDK refused it before sending (not a `dom_` ID); else the HTTP status. */
  by: "client" | number;
  code: string | undefined;
  detail: string | undefined;
}

export interface BulkSyncReport {
  batches: BatchResult[];
  /** IDs in accepted batches (whose jobs completed, when waiting was asked for). */
  queued: string[];
  /** IDs refused, with the API's (or the SDK's) reason. */
  refused: RefusedDomain[];
  /** IDs of batches that failed as a whole, or whose job failed or timed out. */
  failed: string[];
}

const ITEM_POINTER = /^\/domainIds\/(\d+)$/;
/** Resubmissions of a batch after refusals (each round removes at least one refused ID). */
const MAX_ROUNDS = 5;

export async function bulkSyncDomainStatusInBatches(
  core: WorkflowCore,
  domainIds: ReadonlyArray<string>,
  options: BulkSyncOptions = {},
): Promise<BulkSyncReport> {
  const { batchSize = 100, concurrency = 2, wait, onBatch, ...requestOptions } = options;
  if (!Array.isArray(domainIds)) {
    throw new core.HostupValidationError(
      "bulkSyncDomainStatusInBatches: pass an array of domain IDs.",
      "bulkSyncDomainStatus",
      "/domainIds",
    );
  }
  for (const [name, value] of Object.entries({ batchSize, concurrency })) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new core.HostupValidationError(
        `bulkSyncDomainStatusInBatches: \`${name}\` must be a whole number ≥ 1.`,
        "bulkSyncDomainStatus",
        `options.${name}`,
      );
    }
  }

  // IDs that are not `dom_…` IDs would reject their whole batch: refuse them here, send the rest once each.
  const pattern = REQUEST_SCHEMAS.bulkSyncDomainStatus?.body?.properties?.domainIds?.items?.pattern;
  const refused: RefusedDomain[] = [];
  const unique: string[] = [];
  const firstIndex = new Map<string, number>();
  domainIds.forEach((id, index) => {
    if (typeof id !== "string" || (pattern && !pattern.test(id))) {
      refused.push({
        domainId: String(id),
        index,
        pointer: `/domainIds/${index}`,
        by: "client",
        code: "invalid_domain_id",
        detail: "Not a public domain ID (`dom_…`); find IDs with GET /api/v2/domains.",
      });
    } else if (!firstIndex.has(id)) {
      firstIndex.set(id, index);
      unique.push(id);
    }
  });

  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += batchSize) chunks.push(unique.slice(i, i + batchSize));
  const batches: BatchResult[] = new Array(chunks.length);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const index = next++;
      const batch = await runBatch(index, chunks[index]!);
      batches[index] = batch;
      onBatch?.(batch);
    }
  };

  const runBatch = async (index: number, ids: string[]): Promise<BatchResult> => {
    let pending = ids;
    for (let round = 0; pending.length > 0; round++) {
      try {
        const accepted = await core.api.bulkSyncDomainStatus({ domainIds: pending }, requestOptions);
        const batch: BatchResult = { index, domainIds: pending, operation: accepted.operation };
        if (wait && !accepted.operation) {
          batch.error = new core.HostupError("bulkSyncDomainStatus accepted the batch but answered without an `operation` to wait for.");
        } else if (wait && accepted.operation) {
          const waitOptions = wait === true ? {} : wait;
          try {
            batch.job = await waitForJob(core, accepted.operation, {
              timeoutMs: requestOptions.timeoutMs,
              maxRetries: requestOptions.maxRetries,
              ...waitOptions,
              signal: requestOptions.signal,
            });
          } catch (error) {
            if (!(error instanceof core.HostupError) || error instanceof core.HostupAbortError) throw error;
            batch.error = error;
          }
        }
        return batch;
      } catch (error) {
        const items = round < MAX_ROUNDS && error instanceof core.HostupApiError ? refusedItems(error, pending, firstIndex) : [];
        if (items.length === 0) {
          if (!(error instanceof core.HostupError) || error instanceof core.HostupAbortError || error instanceof core.HostupValidationError)
            throw error;
          return { index, domainIds: pending, error };
        }
        refused.push(...items);
        const out = new Set(items.map((item) => item.domainId));
        pending = pending.filter((id) => !out.has(id));
      }
    }
    return { index, domainIds: [] };
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return {
    batches,
    queued: batches.filter((b) => !b.error).flatMap((b) => b.domainIds),
    refused,
    failed: batches.filter((b) => b.error).flatMap((b) => b.domainIds),
  };
}

/** The IDs a rejected batch names in its Problem Details `errors[].pointer`s. */
function refusedItems(error: HostupApiError, submitted: string[], firstIndex: Map<string, number>): RefusedDomain[] {
  const items: RefusedDomain[] = [];
  for (const fieldError of error.errors) {
    const position = ITEM_POINTER.exec(fieldError.pointer)?.[1];
    const domainId = position === undefined ? undefined : submitted[Number(position)];
    if (domainId === undefined) continue;
    if (items.some((item) => item.domainId === domainId)) continue;
    items.push({
      domainId,
      index: firstIndex.get(domainId)!,
      pointer: fieldError.pointer,
      by: error.status,
      code: fieldError.code,
      detail: fieldError.detail,
    });
  }
  return items;
}

/** Queue one bulk status sync and wait for its job. */
export async function bulkSyncDomainStatusAndWait(
  core: WorkflowCore,
  domainIds: ReadonlyArray<string>,
  options: WaitForJobOptions = {},
): Promise<{ operation: AsyncOperation; job: JobState }> {
  const { signal, timeoutMs, maxRetries } = options;
  const accepted = await core.api.bulkSyncDomainStatus({ domainIds: [...domainIds] }, { signal, timeoutMs, maxRetries });
  if (!accepted.operation) {
    throw new core.HostupError("bulkSyncDomainStatus answered without an `operation` to wait for.");
  }
  return { operation: accepted.operation, job: await waitForJob(core, accepted.operation, options) };
}
