import type { components } from "@hostup/types";
import { readRateLimit, retryAfterMs, type RateLimit } from "./eager/rate-limit.js";

export type { RateLimit };

export type Problem = components["schemas"]["Problem"];
export type ProblemFieldError = components["schemas"]["ProblemFieldError"];
export type ActionGate = components["schemas"]["ActionGate"];

/**
 * Base class of everything the SDK throws. Every error's message, `stack`, `toJSON()` and
 * `util.inspect()` output is free of the API key and of DynDNS tokens.
 */
export class HostupError extends Error {
  override name = "HostupError";

  /** Plain data for logs and `JSON.stringify`: never includes request headers or bodies. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** `createHostupClient` was given options it cannot work with. Nothing was sent. */
export class HostupConfigError extends HostupError {
  override name = "HostupConfigError";
}

/** A method was called with input the API documents as invalid. Nothing was sent. */
export class HostupValidationError extends HostupError {
  override name = "HostupValidationError";
  /** The operation called, e.g. `createDynDnsConfig`. */
  declare readonly operationId: string;
  /** Where the bad value is: a path parameter name (`id`) or a JSON Pointer into the body (`/recordType`). */
  declare readonly field: string;

  constructor(message: string, operationId: string, field: string) {
    super(message);
    this.operationId = operationId;
    this.field = field;
  }

  override toJSON() {
    return { ...super.toJSON(), operationId: this.operationId, field: this.field };
  }
}

/** The request could not reach the API or its answer was cut off (DNS, refused, reset). */
export class HostupConnectionError extends HostupError {
  override name = "HostupConnectionError";
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;

  constructor(message: string, attempts: number, options?: { cause?: unknown }) {
    super(message, options);
    this.attempts = attempts;
  }

  override toJSON() {
    return { ...super.toJSON(), attempts: this.attempts };
  }
}

/** An attempt took longer than `timeoutMs` (and retries, if allowed, did too). */
export class HostupTimeoutError extends HostupConnectionError {
  override name = "HostupTimeoutError";
  /** The per-attempt limit that was exceeded. */
  declare readonly timeoutMs: number;

  constructor(timeoutMs: number, attempts: number) {
    super(`The request timed out after ${timeoutMs} ms (attempt ${attempts}).`, attempts);
    this.timeoutMs = timeoutMs;
  }

  override toJSON() {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/**
 * The answer's body was larger than the client's `maxResponseBytes`, so the SDK stopped reading it. The
 * API may have applied the call; it is not retried.
 */
export class HostupResponseTooLargeError extends HostupError {
  override name = "HostupResponseTooLargeError";
  declare readonly status: number;
  declare readonly maxResponseBytes: number;
  declare readonly operationId: string | undefined;

  constructor(status: number, maxResponseBytes: number, operationId: string | undefined, method: string, path: string) {
    super(
      `HTTP ${status}: the answer is larger than maxResponseBytes (${maxResponseBytes} bytes), so the SDK stopped reading it (${method} ${path}).`,
    );
    this.status = status;
    this.maxResponseBytes = maxResponseBytes;
    this.operationId = operationId;
  }

  override toJSON() {
    return { ...super.toJSON(), status: this.status, maxResponseBytes: this.maxResponseBytes, operationId: this.operationId };
  }
}

/** The caller's AbortSignal fired. `cause` is the signal's reason. */
export class HostupAbortError extends HostupError {
  override name = "HostupAbortError";
}

export interface ApiErrorInit {
  status: number;
  headers: Headers;
  /** The parsed Problem Details document, if the body was one. */
  problem?: Problem;
  /** What to say when the body was not Problem Details (an HTML 502, truncated JSON, nothing). */
  fallbackMessage?: string;
  operationId?: string;
  /** Method and path template, e.g. `DELETE /api/v2/domains/{id}`. */
  endpoint?: string;
  /** The documented next step, appended to the message and kept as `hint`. */
  hint?: string;
}

/**
 * The API answered, but not with data the SDK can return: an HTTP error status (HostupApiError and
 * its subclasses) or a 2xx whose body is not what the spec promises (HostupUnexpectedResponseError).
 * `status`, `headers` and `requestId` are always those of that answer.
 */
export class HostupResponseError extends HostupError {
  override name = "HostupResponseError";
  // `declare`d, not class fields: the constructor sets every one, and fields would be emitted twice
  // in every browser bundle for nothing.
  declare readonly status: number;
  /** Quote this to HostUp support (`req_…`). */
  declare readonly requestId: string | undefined;
  /** Response headers (cookies removed, secrets scrubbed). */
  declare readonly headers: Headers;
  declare readonly operationId: string | undefined;

  constructor(init: ApiErrorInit, message: string) {
    super(message);
    this.status = init.status;
    // Problem bodies carry the request id; a proxy's error page may only have the header.
    this.requestId = str(init.problem?.requestId) ?? init.headers.get("x-request-id") ?? undefined;
    this.headers = init.headers;
    this.operationId = init.operationId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, requestId: this.requestId, operationId: this.operationId };
  }
}

/**
 * The API answered with an HTTP error status (4xx, 5xx). Branch on `code` (HostUp's stable error
 * code) or on the subclass (`HostupNotFoundError`, `HostupRateLimitError`, …).
 */
export class HostupApiError extends HostupResponseError {
  override name = "HostupApiError";
  /** HostUp's stable machine-readable error code, e.g. `invalid_request`. Branch on this. */
  declare readonly code: string | undefined;
  declare readonly title: string | undefined;
  declare readonly detail: string | undefined;
  /** Field-level errors (`pointer` is a JSON Pointer into the request body). */
  declare readonly errors: ReadonlyArray<ProblemFieldError>;
  /** The whole Problem Details document, when the body was one. */
  declare readonly problem: Problem | undefined;
  /** What to do next, when the documentation says (e.g. how to unblock a domain deletion). */
  declare readonly hint: string | undefined;

  constructor(init: ApiErrorInit) {
    const { status, problem } = init;
    const what = problem?.detail ?? problem?.title ?? init.fallbackMessage ?? "The API answered with an error.";
    const code = typeof problem?.code === "string" ? ` [${problem.code}]` : "";
    const where = init.endpoint ? ` (${init.endpoint})` : "";
    super(init, `HTTP ${status}${code}: ${what}${where}${init.hint ? ` ${init.hint}` : ""}`);
    this.hint = init.hint;
    this.problem = problem;
    this.code = str(problem?.code);
    this.title = str(problem?.title);
    this.detail = str(problem?.detail);
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }

  override toJSON() {
    return { ...super.toJSON(), code: this.code, errors: this.errors };
  }
}

/** 400: the request failed validation. `errors` lists the offending fields. */
export class HostupBadRequestError extends HostupApiError {
  override name = "HostupBadRequestError";
  declare readonly status: 400;
}

/** 401: the API key is missing, malformed or revoked. */
export class HostupAuthenticationError extends HostupApiError {
  override name = "HostupAuthenticationError";
  declare readonly status: 401;
}

/** 403: the key lacks the operation's scope, or the caller does not own the resource. */
export class HostupPermissionDeniedError extends HostupApiError {
  override name = "HostupPermissionDeniedError";
  declare readonly status: 403;
}

/** 404: the resource does not exist or is not the caller's. */
export class HostupNotFoundError extends HostupApiError {
  override name = "HostupNotFoundError";
  declare readonly status: 404;
}

/**
 * 409: the request conflicts with the resource's state. Never retried. For `deleteDomain`,
 * `canDelete` says why deletion is blocked, and `hint` what the API documents as the way to
 * unblock it (the spec's `x-hostup-next-steps`).
 */
export class HostupConflictError extends HostupApiError {
  override name = "HostupConflictError";
  declare readonly status: 409;

  /** `extensions.actions.canDelete` of a blocked domain deletion. */
  get canDelete(): ActionGate | undefined {
    const gate = (this.problem?.extensions as { actions?: { canDelete?: unknown } } | undefined)?.actions?.canDelete;
    return gate && typeof gate === "object" && typeof (gate as ActionGate).allowed === "boolean" ? (gate as ActionGate) : undefined;
  }
}

/** 429: rate limited, after the SDK's own retries (if any) ran out or would wait too long. */
export class HostupRateLimitError extends HostupApiError {
  override name = "HostupRateLimitError";
  declare readonly status: 429;

  /**
   * How long the API asked to wait (`Retry-After`, else `X-RateLimit-Reset`), in ms from when the
   * answer arrived: the same figure whether the header gave seconds or a date, however late it is read.
   */
  declare readonly retryAfterMs: number | undefined;
  declare readonly rateLimit: RateLimit;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = retryAfterMs(init.headers, Date.now());
    this.rateLimit = readRateLimit(init.headers);
  }
}

/** 5xx: the API or a proxy in front of it failed. */
export class HostupServerError extends HostupApiError {
  override name = "HostupServerError";
}

/**
 * A 2xx answer whose body is not what the spec promises (not JSON, not an object, or empty): the API
 * may have applied the call. Not an HostupApiError, which means the API refused it.
 */
export class HostupUnexpectedResponseError extends HostupResponseError {
  override name = "HostupUnexpectedResponseError";

  constructor(init: ApiErrorInit) {
    const where = init.endpoint ? ` (${init.endpoint})` : "";
    super(init, `HTTP ${init.status}: ${init.fallbackMessage ?? "the answer is not what the API documents."}${where}`);
  }
}

const BY_STATUS: Record<number, typeof HostupApiError> = {
  400: HostupBadRequestError,
  401: HostupAuthenticationError,
  403: HostupPermissionDeniedError,
  404: HostupNotFoundError,
  409: HostupConflictError,
  429: HostupRateLimitError,
};

/** The error class for an HTTP error status. */
export function apiErrorFor(init: ApiErrorInit): HostupApiError {
  const ErrorClass = BY_STATUS[init.status] ?? (init.status >= 500 ? HostupServerError : HostupApiError);
  return new ErrorClass(init);
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
