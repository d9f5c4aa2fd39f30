// Turns a generated operation plus call arguments into a validated request, sends it, and
// returns the typed data or throws the matching HostupError.
// Explaining bad input (lazy/validate.ts) and reading error answers (lazy/failure.ts) are loaded on first need.
import {
  apiErrorFor,
  HostupUnexpectedResponseError,
  HostupValidationError,
  type ApiErrorInit,
  type HostupResponseError,
} from "../errors.js";
import type { Secrets } from "../lazy/redact.js";
import { loadOnce } from "./load-once.js";
import type { OperationSpec } from "./operation.js";
import { readRateLimit, type RateLimit } from "./rate-limit.js";
import { send, TEXT_ACCEPT, type TransportConfig } from "./transport.js";

/** Options every method takes as its last argument. */
export interface RequestOptions {
  /** Cancels the call, including a pending retry wait. */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Retries for this call (default: the client's `maxRetries`); `0` disables them. */
  maxRetries?: number;
  /** Extra request headers. `Authorization` is always the client's API key. */
  headers?: Record<string, string>;
  /**
   * The domain's name, for checks that need it: with it, createDynDnsConfig checks before sending
   * that the hostname is the domain or a subdomain of it. Without it, that rule is left to the API.
   * (The check depends on this option alone, never on what earlier calls returned.)
   */
  domainName?: string;
}

/** What `method.withResponse(…)` resolves to. */
export interface WithResponse<T> {
  data: T;
  /** The HTTP response (its body has been read). */
  response: Response;
  /** `X-Request-Id`, when the API sends it (HostUp documents request IDs in error bodies). */
  requestId: string | undefined;
  /** `X-RateLimit-*` headers, when the API sends them. */
  rateLimit: RateLimit;
}

export interface CallContext {
  baseUrl: string;
  transport: TransportConfig;
  /** What no message may show (the API key): the lazily loaded modules redact it (lazy/redact.ts). */
  secrets: Secrets;
}

const OPTION_KEYS = ["signal", "timeoutMs", "maxRetries", "headers", "domainName"];

export const validation = loadOnce(() => import("../lazy/validate.js"));
const failure = loadOnce(() => import("../lazy/failure.js"));

/** Starts loading what a call may need before its request goes out (`hostup.preload()`). */
export const preloadCallParts = (): Promise<unknown> => Promise.all([validation(), failure()]);

/**
 * Validates the arguments, sends the request and returns the data (`full`: with the response and
 * its metadata, for `.withResponse`), or throws the matching HostupError.
 */
export async function invoke(ctx: CallContext, op: OperationSpec, args: ReadonlyArray<unknown>, full: boolean): Promise<unknown> {
  const expected = op.params.length + (op.input ? 1 : 0);
  if (args.length > expected + 1) {
    rejectInput(op, (await validation()).argumentsFinding(op, expected + 1, args.length));
  }
  const options = args[expected] === undefined ? {} : await checkOptions(ctx, op, args[expected]);
  let path = op.path;
  for (let i = 0; i < op.params.length; i++) {
    const param = op.params[i]!;
    const value = args[i];
    // The common case is checked here; a bad value gets its explanation from validate.ts.
    if (typeof value !== "string" || !param.pattern.test(value)) {
      rejectInput(op, (validation.loaded ?? (await validation())).pathParamFinding(op, param, value, ctx.secrets));
    }
    path = path.replace(`{${param.name}}`, encodeURIComponent(value as string));
  }
  let body: string | undefined;
  if (op.input) {
    rejectInput(op, (validation.loaded ?? (await validation())).inputFinding(op, args, options.domainName, ctx.secrets));
    const value = args[op.params.length];
    if (op.input === "query") path += queryString((value ?? {}) as Record<string, unknown>);
    else body = JSON.stringify(value);
  }

  const transport = ctx.transport;
  const { response, body: text } = await send(
    transport,
    {
      method: op.method,
      url: ctx.baseUrl + path,
      headers: body === undefined ? { ...options.headers } : { ...options.headers, "content-type": "application/json" },
      body,
    },
    {
      operationId: op.id,
      apiKey: op.apiKey !== false,
      accept: op.successText && TEXT_ACCEPT,
      retrySafe: op.retrySafe,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? transport.timeoutMs,
      maxRetries: options.maxRetries ?? transport.maxRetries,
    },
  );
  const success = response.ok && readSuccess(op, response, text);
  // An error answer, or a 2xx the SDK cannot return. Secrets the call itself was given (the DynDNS
  // update's token, in its query) are scrubbed from it too: lazy/redact.ts finds them in `args`.
  if (!success) throw await answerError({ ...ctx.secrets, args }, op, response, text, response.ok || undefined);
  const data = success.data;
  if (!full) return data;
  return {
    data,
    response,
    requestId: response.headers.get("x-request-id") ?? undefined,
    rateLimit: readRateLimit(response.headers),
  };
}

/** Throws the HostupValidationError for what validate.ts found wrong, if anything. */
function rejectInput(op: OperationSpec, finding: { message: string; field: string } | undefined): void {
  if (finding) throw new HostupValidationError(finding.message, op.id, finding.field);
}

function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.append(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The options argument, if it is valid; an invalid one gets its explanation from validate.ts. */
async function checkOptions(ctx: CallContext, op: OperationSpec, options: unknown): Promise<RequestOptions> {
  const { timeoutMs, maxRetries } = (options ?? {}) as RequestOptions;
  const valid =
    typeof options === "object" &&
    options !== null &&
    !Array.isArray(options) &&
    Object.keys(options).every((key) => OPTION_KEYS.includes(key)) &&
    (timeoutMs === undefined || (Number.isFinite(timeoutMs) && timeoutMs > 0)) &&
    (maxRetries === undefined || (Number.isInteger(maxRetries) && maxRetries >= 0));
  if (!valid) {
    rejectInput(op, (await validation()).optionsFinding(op, options, OPTION_KEYS, ctx.secrets));
  }
  return options as RequestOptions;
}

/** The success body as the method returns it, or `undefined` when it is not what the spec promises (lazy/failure.ts says how). */
function readSuccess(op: OperationSpec, response: Response, text: string): { data?: unknown } | undefined {
  if (op.successText) return { data: text };
  if (response.status === 204 || (text === "" && !op.successBody)) return {};
  // Every JSON answer the spec documents is an object (test/runtime/errors.test.ts checks): `null`,
  // an array or a scalar would have callers (the workflows among them) fail reading its fields.
  if (/^\s*\{/.test(text) && /\bjson\b/i.test(response.headers.get("content-type") ?? "")) {
    try {
      return { data: JSON.parse(text) };
    } catch {
      /* unusable: described by lazy/failure.ts */
    }
  }
  return undefined;
}

/**
 * The HostupApiError for an error answer, or, with `unusable` (`true`, or what is wrong with it when
 * the caller knows: the DynDNS update), the HostupUnexpectedResponseError for a 2xx answer the SDK
 * cannot return. Shared by the methods and the standalone DynDNS update (dyndns-update.ts).
 */
export async function answerError(
  secrets: Secrets,
  op: OperationSpec,
  response: Response,
  text: string,
  unusable?: true | string,
): Promise<HostupResponseError> {
  // A HostupError when failure.ts cannot be loaded (load-once.ts).
  const read = await failure().catch((error: Error) => error);
  const init: ApiErrorInit =
    read instanceof Error
      ? // failure.ts did not load (a page whose chunks a redeploy replaced): the status still says what happened.
        {
          status: response.status,
          headers: new Headers(),
          operationId: op.id,
          endpoint: `${op.method} ${op.path}`,
          fallbackMessage: `${response.statusText || "error"} (${read.message})`,
        }
      : unusable
        ? read.describeUnusableSuccess(secrets, op, response, text, unusable === true ? undefined : unusable)
        : read.describeErrorAnswer(secrets, op, response, text);
  return unusable ? new HostupUnexpectedResponseError(init) : apiErrorFor(init);
}
