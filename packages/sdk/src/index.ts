export { createHostupClient } from "./client.js";
export type { HostupClient, HostupRawClient, HostupWorkflows } from "./client.js";
export {
  createHostupCore,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRY_WAIT_MS,
  DEFAULT_TIMEOUT_MS,
  type HostupClientOptions,
  type HostupCore,
} from "./core.js";
export type { OperationFunction } from "./eager/operation-function.js";
export { HostupDomainNotFoundError, HostupJobFailedError, HostupJobTimeoutError } from "./workflow-errors.js";
export type { DomainSummary, IterateOptions, ListDomainsQuery } from "./lazy/workflows/domains.js";
export type {
  DnsRecord,
  DnsRecordMatch,
  DnsRecordSpec,
  DnsRecordType,
  DnsWorkflowOptions,
  DnsZoneSummary,
  ListDnsZonesQuery,
} from "./lazy/workflows/dns.js";
export type { DnsZoneMatch } from "./lazy/workflows/dns-zones.js";
export type { JobPhase, JobReference, JobState, WaitForJobOptions } from "./lazy/workflows/jobs.js";
export type { BatchResult, BulkSyncOptions, BulkSyncReport, RefusedDomain } from "./lazy/workflows/bulk.js";
export type { AsyncOperation, BulkBatch, BulkBatchOptions, BulkRefusal, BulkReport } from "./lazy/workflows/batches.js";
export type {
  BulkDnsRequest,
  BulkDomainNamesOptions,
  BulkDomainNamesReport,
  BulkRedirectsRequest,
  DomainNamesBatch,
  RefusedDomainName,
} from "./lazy/workflows/bulk-by-name.js";
export type { HostupMethods } from "./generated/methods.js";
export type { Method } from "./eager/method.js";
export type { RequestOptions, WithResponse } from "./eager/invoke.js";
export type { LogRecord } from "./eager/transport.js";
export { formatLogRecord } from "./eager/log.js";
export {
  HostupDynDnsError,
  updateDynDns,
  type DynDnsFailureCode,
  type DynDnsUpdateInput,
  type DynDnsUpdateOptions,
  type DynDnsUpdateResult,
} from "./dyndns-update.js";
export {
  HostupError,
  HostupConfigError,
  HostupValidationError,
  HostupConnectionError,
  HostupTimeoutError,
  HostupAbortError,
  HostupResponseTooLargeError,
  HostupResponseError,
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
