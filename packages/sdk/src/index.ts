export {
  createHostupClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_WAIT_MS,
  DEFAULT_TIMEOUT_MS,
} from "./client.js";
export type { HostupClient, HostupClientOptions, HostupRawClient, HostupWorkflows } from "./client.js";
export { HostupDomainNotFoundError, HostupJobFailedError, HostupJobTimeoutError } from "./workflows/errors.js";
export type { DomainSummary, IterateOptions, ListDomainsQuery } from "./workflows/domains.js";
export type { JobPhase, JobReference, JobState, WaitForJobOptions } from "./workflows/jobs.js";
export type { AsyncOperation, BatchResult, BulkSyncOptions, BulkSyncReport, RefusedDomain } from "./workflows/bulk.js";
export type { HostupMethods } from "./generated/operations.js";
export type { Method } from "./core/method.js";
export type { RequestOptions, WithResponse } from "./core/invoke.js";
export type { LogRecord } from "./core/transport.js";
export { formatLogRecord } from "./core/log.js";
export {
  HostupError,
  HostupConfigError,
  HostupValidationError,
  HostupConnectionError,
  HostupTimeoutError,
  HostupAbortError,
  HostupApiError,
  HostupBadRequestError,
  HostupAuthenticationError,
  HostupPermissionDeniedError,
  HostupNotFoundError,
  HostupConflictError,
  HostupRateLimitError,
  HostupServerError,
  HostupUnexpectedResponseError,
} from "./errors.js";
export type { ActionGate, Problem, ProblemFieldError, RateLimit } from "./errors.js";
export type { paths, components, operations } from "@hostup/types";
