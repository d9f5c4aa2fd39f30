// Bulk operations at scale, for every bulk route of HostUp (status sync by ID, DNS records and
// redirects by name): split the caller's domains into batches, submit them with bounded
// concurrency, and turn HostUp's all-or-nothing batch rejections into per-domain answers. A rejected
// batch names the offending items with JSON Pointers (`/domainIds/3`, `/domainNames/3`); those are
// reported as refused, mapped back to the caller's index, and the rest of the batch is submitted
// again, so one bad domain does not sink the others. Each route's workflow says only what differs:
// the list's field, what its items must look like, and how one batch is sent.
import type { components } from "@hostup/types";
import type { RequestOptions } from "../../eager/invoke.js";
import type { HostupApiError, HostupError } from "../../errors.js";
import type { WorkflowCore } from "./core.js";
import { waitForJob, type JobState, type WaitForJobOptions } from "./jobs.js";

export type AsyncOperation = components["schemas"]["AsyncOperation"];

/** Options of the bulk workflows that work in batches; `Batch` is what `onBatch` receives. */
export interface BulkBatchOptions<Batch> extends Pick<RequestOptions, "signal" | "timeoutMs" | "maxRetries"> {
  /** Domains per request (default 100; HostUp documents no maximum). */
  batchSize?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Also wait for each batch's job (`true`, or the options for waitForJob). */
  wait?: boolean | Omit<WaitForJobOptions, "signal">;
  /** Called as each batch settles. */
  onBatch?: (batch: Batch) => void;
}

/** What every batch of a bulk workflow reports, beside the domains it carried. */
export interface BulkBatch {
  /** Position of the batch, from 0. */
  index: number;
  /** The queued job, when the batch was accepted. */
  operation?: AsyncOperation;
  /** The job's final state, when waiting was asked for and it completed. */
  job?: JobState;
  /** Why the batch (or its job) failed as a whole. */
  error?: HostupError;
}

/** Why a domain was left out, and where it was: beside the domain itself (`domainId` or `domainName`). */
export interface BulkRefusal {
  /** Position of the domain in the list you passed (its first occurrence). */
  index: number;
  /** JSON Pointer of the refused item in the request that carried it, e.g. `/domainIds/3`. */
  pointer: string;
  /** `client` when the SDK refused it before sending; else the HTTP status of the refusal. */
  by: "client" | number;
  code: string | undefined;
  detail: string | undefined;
}

/** What a bulk workflow did with every domain it was given: each distinct one is in exactly one of queued, refused, failed. */
export interface BulkReport<Batch extends BulkBatch, Refused extends BulkRefusal> {
  batches: Batch[];
  /** Domains in accepted batches (whose jobs completed, when waiting was asked for), as sent. */
  queued: string[];
  /** Domains refused, with the API's (or the SDK's) reason. */
  refused: Refused[];
  /** Domains of batches that failed as a whole, or whose job failed or timed out. */
  failed: string[];
}

/** What one bulk route needs besides the engine: `List` is the body's field, `Item` the report's key for one domain. */
export interface BulkRoute<List extends string, Item extends string> {
  /** The workflow's name, for messages. */
  workflow: string;
  operationId: string;
  list: List;
  item: Item;
  /** Why a value cannot be sent (it is refused before anything is), or `undefined` when it can. */
  refuse(value: unknown): { code: string; detail: string } | undefined;
  /** What two values that name the same domain have in common (default: the value itself). */
  key?(value: string): string;
  /** Queues one batch. */
  submit(values: string[], options: RequestOptions): Promise<{ operation?: AsyncOperation }>;
}

type BatchOf<List extends string> = BulkBatch & Record<List, string[]>;
type RefusedOf<Item extends string> = BulkRefusal & Record<Item, string>;

/** Resubmissions of a batch after refusals (each round removes at least one refused domain). */
const MAX_ROUNDS = 5;

/** Checks the options, refuses what cannot be sent, then queues the rest in batches (see the top of this file). */
export async function inBatches<List extends string, Item extends string>(
  core: WorkflowCore,
  route: BulkRoute<List, Item>,
  values: ReadonlyArray<unknown>,
  options: BulkBatchOptions<BatchOf<List>>,
): Promise<BulkReport<BatchOf<List>, RefusedOf<Item>>> {
  const { batchSize = 100, concurrency = 2, wait, onBatch, ...requestOptions } = options;
  const invalid = (message: string, field: string) =>
    new core.HostupValidationError(`${route.workflow}: ${message}`, route.operationId, field);
  if (!Array.isArray(values)) {
    throw invalid(`pass an array of ${route.list === "domainIds" ? "domain IDs" : "domain names"}.`, `/${route.list}`);
  }
  for (const [name, value] of Object.entries({ batchSize, concurrency })) {
    if (!(Number.isInteger(value) && value >= 1)) throw invalid(`\`${name}\` must be a whole number ≥ 1.`, `options.${name}`);
  }
  core.throwIfAborted(requestOptions.signal);

  // A value that would reject its whole batch is refused here; the rest are sent once each.
  const refused: RefusedOf<Item>[] = [];
  const unique: string[] = [];
  const firstIndex = new Map<string, number>();
  const keyOf = (value: string) => route.key?.(value) ?? value;
  values.forEach((value, index) => {
    const reason = route.refuse(value);
    if (reason) {
      refused.push({ [route.item]: String(value), index, pointer: `/${route.list}/${index}`, by: "client", ...reason } as RefusedOf<Item>);
    } else if (!firstIndex.has(keyOf(value as string))) {
      firstIndex.set(keyOf(value as string), index);
      unique.push(value as string);
    }
  });

  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += batchSize) chunks.push(unique.slice(i, i + batchSize));
  const batches: BatchOf<List>[] = new Array(chunks.length);
  const batch = (index: number, sent: string[], rest: Omit<BulkBatch, "index"> = {}) =>
    ({ index, [route.list]: sent, ...rest }) as BatchOf<List>;
  const pointer = new RegExp(`^/${route.list}/(\\d+)$`);

  /** The domains a rejected batch names in its Problem Details `errors[].pointer`s. */
  const refusedItems = (error: HostupApiError, submitted: string[]): RefusedOf<Item>[] => {
    const items: RefusedOf<Item>[] = [];
    const seen = new Set<string>();
    for (const fieldError of error.errors) {
      const position = pointer.exec(fieldError.pointer)?.[1];
      const value = position === undefined ? undefined : submitted[Number(position)];
      if (value === undefined || seen.has(value)) continue;
      seen.add(value);
      items.push({
        [route.item]: value,
        index: firstIndex.get(keyOf(value))!,
        pointer: fieldError.pointer,
        by: error.status,
        code: fieldError.code,
        detail: fieldError.detail,
      } as RefusedOf<Item>);
    }
    return items;
  };

  const queue = async (index: number, sent: string[]): Promise<BatchOf<List>> => {
    const accepted = await route.submit(sent, requestOptions);
    if (!wait) return batch(index, sent, { operation: accepted.operation });
    if (!accepted.operation) {
      return batch(index, sent, {
        error: new core.HostupError(`${route.operationId} accepted the batch but answered without an \`operation\` to wait for.`),
      });
    }
    try {
      const job = await waitForJob(core, accepted.operation, {
        timeoutMs: requestOptions.timeoutMs,
        maxRetries: requestOptions.maxRetries,
        ...(wait === true ? {} : wait),
        signal: requestOptions.signal,
      });
      return batch(index, sent, { operation: accepted.operation, job });
    } catch (error) {
      if (!(error instanceof core.HostupError) || error instanceof core.HostupAbortError) throw error;
      return batch(index, sent, { operation: accepted.operation, error });
    }
  };

  const runBatch = async (index: number, values: string[]): Promise<BatchOf<List>> => {
    let pending = values;
    for (let round = 0; pending.length > 0; round++) {
      try {
        return await queue(index, pending);
      } catch (error) {
        const items = round < MAX_ROUNDS && error instanceof core.HostupApiError ? refusedItems(error, pending) : [];
        if (items.length === 0) {
          // Bad input, an abort or a defect ends the whole call; an answer of the API only this batch.
          if (!(error instanceof core.HostupError) || error instanceof core.HostupAbortError || error instanceof core.HostupValidationError)
            throw error;
          return batch(index, pending, { error });
        }
        refused.push(...items);
        const out = new Set(items.map((item) => item[route.item] as string));
        pending = pending.filter((value) => !out.has(value));
      }
    }
    return batch(index, []);
  };

  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (next < chunks.length && !stopped) {
      const index = next++;
      try {
        batches[index] = await runBatch(index, chunks[index]!);
      } catch (error) {
        stopped = true; // the call rejects: the other lanes start no further batch
        throw error;
      }
      onBatch?.(batches[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return {
    batches,
    queued: batches.filter((b) => !b.error).flatMap((b) => b[route.list]),
    refused,
    failed: batches.filter((b) => b.error).flatMap((b) => b[route.list]),
  };
}
