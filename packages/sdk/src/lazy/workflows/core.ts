// What the workflows use of the client's core. client.ts hands it over with each call instead of
// the workflows importing it: they are loaded on first use, and a lazily loaded module that imported
// core modules would make bundlers move those into a chunk of their own, so that every page using
// the SDK would load two files up front instead of one (see src/README.md).
import type { sleep, throwIfAborted } from "../../eager/abort.js";
import type { HostupAbortError, HostupApiError, HostupError, HostupValidationError } from "../../errors.js";
import type { HostupMethods } from "../../generated/methods.js";
import type { HostupDomainNotFoundError, HostupJobFailedError, HostupJobTimeoutError } from "../../workflow-errors.js";

export interface WorkflowCore {
  /** The client's generated methods. */
  api: HostupMethods;
  /** The client's API origin (job poll URLs must point there). */
  baseUrl: string;
  sleep: typeof sleep;
  throwIfAborted: typeof throwIfAborted;
  HostupError: typeof HostupError;
  HostupAbortError: typeof HostupAbortError;
  HostupApiError: typeof HostupApiError;
  HostupValidationError: typeof HostupValidationError;
  HostupDomainNotFoundError: typeof HostupDomainNotFoundError;
  HostupJobFailedError: typeof HostupJobFailedError;
  HostupJobTimeoutError: typeof HostupJobTimeoutError;
}
