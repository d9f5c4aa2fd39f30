// The errors the workflows throw. They live apart from the workflows themselves so that importing
// them (`instanceof HostupJobFailedError`) does not pull the workflow code into an app's first
// bundle: the client loads the workflows on first use (see client.ts). The workflows write the
// messages, for the same reason.
import { HostupError } from "../errors.js";
import type { JobState } from "./jobs.js";

/** No domain with that name on the account behind the API key. */
export class HostupDomainNotFoundError extends HostupError {
  override name = "HostupDomainNotFoundError";
  constructor(
    message: string,
    /** The name that was looked up. */
    readonly domainName: string,
  ) {
    super(message);
  }

  override toJSON() {
    return { ...super.toJSON(), domainName: this.domainName };
  }
}

/** The job ended in `failed`. `job` holds its last state (and `raw` body). */
export class HostupJobFailedError extends HostupError {
  override name = "HostupJobFailedError";
  constructor(
    message: string,
    readonly job: JobState,
  ) {
    super(message);
  }

  override toJSON() {
    return { ...super.toJSON(), jobId: this.job.jobId, status: this.job.status };
  }
}

/** The job did not finish within `maxWaitMs`. It may still finish: poll it again later. */
export class HostupJobTimeoutError extends HostupError {
  override name = "HostupJobTimeoutError";
  constructor(
    message: string,
    readonly jobId: string,
    readonly waitedMs: number,
    /** The last state read, if any poll answered. */
    readonly lastState: JobState | undefined,
  ) {
    super(message);
  }

  override toJSON() {
    return { ...super.toJSON(), jobId: this.jobId, waitedMs: this.waitedMs, lastStatus: this.lastState?.status };
  }
}
