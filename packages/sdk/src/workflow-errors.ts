// The errors the workflows throw. They live apart from the workflows themselves so that importing
// them (`instanceof HostupJobFailedError`) does not pull the workflow code into an app's first
// bundle: the client loads the workflows on first use (see client.ts). The workflows write the
// messages, for the same reason.
import { HostupError } from "./errors.js";
import type { JobState } from "./lazy/workflows/jobs.js";

/** No domain with that name on the account behind the API key. */
export class HostupDomainNotFoundError extends HostupError {
  override name = "HostupDomainNotFoundError";
  /** The name that was looked up. */
  declare readonly domainName: string;

  constructor(message: string, domainName: string) {
    super(message);
    this.domainName = domainName;
  }

  override toJSON() {
    return { ...super.toJSON(), domainName: this.domainName };
  }
}

/** The job ended in `failed`. `job` holds its last state (and `raw` body). */
export class HostupJobFailedError extends HostupError {
  override name = "HostupJobFailedError";
  declare readonly job: JobState;

  constructor(message: string, job: JobState) {
    super(message);
    this.job = job;
  }

  override toJSON() {
    return { ...super.toJSON(), jobId: this.job.jobId, status: this.job.status };
  }
}

/** The job did not finish within `maxWaitMs`. It may still finish: poll it again later. */
export class HostupJobTimeoutError extends HostupError {
  override name = "HostupJobTimeoutError";
  declare readonly jobId: string;
  declare readonly waitedMs: number;
  /** The last state read, if any poll answered. */
  declare readonly lastState: JobState | undefined;

  constructor(message: string, jobId: string, waitedMs: number, lastState: JobState | undefined) {
    super(message);
    this.jobId = jobId;
    this.waitedMs = waitedMs;
    this.lastState = lastState;
  }

  override toJSON() {
    return { ...super.toJSON(), jobId: this.jobId, waitedMs: this.waitedMs, lastStatus: this.lastState?.status };
  }
}
