// Bulk status sync: by `dom_…` ID, in batches (batches.ts) or one batch and its job.
import { REQUEST_SCHEMAS } from "../../generated/schemas.js";
import { inBatches, type AsyncOperation, type BulkBatch, type BulkBatchOptions, type BulkRefusal, type BulkReport } from "./batches.js";
import type { WorkflowCore } from "./core.js";
import { waitForJob, type JobState, type WaitForJobOptions } from "./jobs.js";

/** A batch of bulkSyncDomainStatusInBatches. */
export interface BatchResult extends BulkBatch {
  /** The IDs this batch finally queued (refused ones removed). */
  domainIds: string[];
}

/** A domain ID refused by the SDK (not a `dom_` ID) or by the API (e.g. not yours). */
export interface RefusedDomain extends BulkRefusal {
  domainId: string;
}

export interface BulkSyncOptions extends BulkBatchOptions<BatchResult> {}

/** What bulkSyncDomainStatusInBatches did with every ID (queued, refused or failed). */
export interface BulkSyncReport extends BulkReport<BatchResult, RefusedDomain> {}

export async function bulkSyncDomainStatusInBatches(
  core: WorkflowCore,
  domainIds: ReadonlyArray<string>,
  options: BulkSyncOptions = {},
): Promise<BulkSyncReport> {
  const pattern = REQUEST_SCHEMAS.bulkSyncDomainStatus?.body?.properties?.domainIds?.items?.pattern;
  return inBatches(
    core,
    {
      workflow: "bulkSyncDomainStatusInBatches",
      operationId: "bulkSyncDomainStatus",
      list: "domainIds",
      item: "domainId",
      refuse: (id) =>
        typeof id !== "string" || (pattern && !pattern.test(id))
          ? { code: "invalid_domain_id", detail: "Not a public domain ID (`dom_…`); find IDs with GET /api/v2/domains." }
          : undefined,
      submit: (domainIds, options) => core.api.bulkSyncDomainStatus({ domainIds }, options),
    },
    domainIds,
    options,
  );
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
