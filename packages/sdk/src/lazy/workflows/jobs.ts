// Waiting for asynchronous jobs (bulk operations answer 202 with `operation.pollUrl`). The job
// endpoint is documented only in a legacy shape, so a job body is read in either form: the legacy
// `{ data: { state, status, isCompleted, isFailed, progress… } }` envelope or a v2 `{ operation }`.
import type { components } from "@hostup/types";
import type { RequestOptions } from "../../eager/invoke.js";
import type { WorkflowCore } from "./core.js";

export type JobPhase = "pending" | "queued" | "in_progress" | "completed" | "failed" | "unknown";

/** A job's state, the same whichever shape the API answered with. */
export interface JobState {
  jobId: string;
  status: JobPhase;
  /** 0–100 when the API reports progress. */
  progress: number | undefined;
  /** The job's result once it has one. */
  result: unknown;
  /** The body as the API sent it. */
  raw: components["schemas"]["JobStatus"];
}

export interface WaitForJobOptions extends Pick<RequestOptions, "signal" | "timeoutMs" | "maxRetries"> {
  /** First pause between polls (default 1 000 ms); it grows ×1.5 per poll up to `maxIntervalMs`. */
  intervalMs?: number;
  /** Longest pause between polls (default 10 000 ms). */
  maxIntervalMs?: number;
  /** Give up after this long (default 300 000 ms) with HostupJobTimeoutError. */
  maxWaitMs?: number;
  /** Called with every state read, terminal ones included. */
  onProgress?: (state: JobState) => void;
}

/** A job to wait for: its id, its `pollUrl`, or the `operation` object a bulk call returned. */
export type JobReference = string | { jobId?: string; pollUrl?: string };

const POLL_PATH = /^(?:https?:\/\/[^/]+)?\/api\/jobs\/([^/?#]+)\/?$/;

/** The job id of a reference; a `pollUrl` must point at `/api/jobs/…` on the client's own host. */
export function jobIdOf(core: WorkflowCore, reference: JobReference): string {
  const ref = typeof reference === "string" ? reference : (reference?.pollUrl ?? reference?.jobId);
  if (typeof ref !== "string" || ref === "") {
    throw new core.HostupValidationError("waitForJob: pass a job id, a pollUrl or the `operation` of a bulk call.", "getJob", "jobId");
  }
  if (!ref.includes("/")) return ref; // the id itself: getJob validates it
  const match = POLL_PATH.exec(ref);
  // The API key goes wherever the poll goes: never follow a pollUrl to another host.
  if (!match || (/^https?:/.test(ref) && originOf(ref) !== originOf(core.baseUrl))) {
    throw new core.HostupValidationError(
      `waitForJob: ${JSON.stringify(ref.slice(0, 100))} is not a job poll URL of this API (expected /api/jobs/{jobId}).`,
      "getJob",
      "jobId",
    );
  }
  return decodeURIComponent(match[1]!);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Reads a job body of either documented shape. */
export function jobStateOf(jobId: string, raw: components["schemas"]["JobStatus"]): JobState {
  const body = raw as Record<string, unknown>;
  const operation = record(body.operation);
  if (operation) {
    return { jobId, status: phaseOf(operation.status), progress: undefined, result: operation.result ?? undefined, raw };
  }
  const data = record(body.data) ?? body;
  const details = record(data.progressDetails);
  const progress = numberOr(details?.percentage) ?? numberOr(data.progress);
  let status: JobPhase = phaseOf(data.state) === "unknown" ? phaseOf(data.status) : phaseOf(data.state);
  if (data.isFailed === true) status = "failed";
  else if (data.isCompleted === true) status = "completed";
  else if (status === "unknown" && data.isRunning === true) status = "in_progress";
  else if (status === "unknown" && data.isWaiting === true) status = "queued";
  return { jobId, status, progress, result: data.result ?? undefined, raw };
}

const PHASES: Record<string, JobPhase> = {
  pending: "pending",
  queued: "queued",
  waiting: "queued",
  delayed: "queued",
  in_progress: "in_progress",
  active: "in_progress",
  running: "in_progress",
  processing: "in_progress",
  completed: "completed",
  complete: "completed",
  done: "completed",
  succeeded: "completed",
  success: "completed",
  failed: "failed",
  error: "failed",
};

function phaseOf(value: unknown): JobPhase {
  return typeof value === "string" ? (PHASES[value.toLowerCase()] ?? "unknown") : "unknown";
}

/**
 * Polls the job until it completes (resolves with its final state) or fails (throws
 * HostupJobFailedError), backing off between polls; throws HostupJobTimeoutError after `maxWaitMs`
 * and HostupAbortError when `signal` fires, even mid-pause.
 */
export async function waitForJob(core: WorkflowCore, reference: JobReference, options: WaitForJobOptions = {}): Promise<JobState> {
  const { intervalMs = 1000, maxIntervalMs = 10_000, maxWaitMs = 300_000, onProgress, ...requestOptions } = options;
  // A pause of 0 would poll in a tight loop: every pause is at least 1 ms.
  for (const [name, value] of Object.entries({ intervalMs, maxIntervalMs, maxWaitMs })) {
    if (!(Number.isFinite(value) && value >= (name === "maxWaitMs" ? 0 : 1))) {
      throw new core.HostupValidationError(
        `waitForJob: \`${name}\` must be a number of milliseconds (at least 1 for pauses).`,
        "getJob",
        `options.${name}`,
      );
    }
  }
  const jobId = jobIdOf(core, reference);
  const started = Date.now();
  let pause = intervalMs;
  let last: JobState | undefined;
  for (;;) {
    core.throwIfAborted(requestOptions.signal);
    last = jobStateOf(jobId, await core.api.getJob(jobId, requestOptions));
    onProgress?.(last);
    if (last.status === "completed") return last;
    if (last.status === "failed") throw new core.HostupJobFailedError(`Job ${jobId} failed.`, last);
    // The last pause ends at maxWaitMs, so a job finishing during it is still seen by one more read.
    const waited = Date.now() - started;
    if (waited >= maxWaitMs) {
      const progress = last.progress === undefined ? "" : ` (${last.progress}%)`;
      throw new core.HostupJobTimeoutError(
        `Job ${jobId} did not finish within ${waited} ms; last state: ${last.status}${progress}.`,
        jobId,
        waited,
        last,
      );
    }
    await core.sleep(Math.min(pause, maxWaitMs - waited), requestOptions.signal);
    pause = Math.min(maxIntervalMs, pause * 1.5);
  }
}

const record = (value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const numberOr = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
