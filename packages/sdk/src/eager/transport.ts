// One HTTP exchange with retries: per-attempt timeout (covering the body too), the caller's
// AbortSignal (which also cuts a backoff sleep short), exponential backoff with jitter, and
// Retry-After / X-RateLimit-Reset on 429. Both the generated methods and `hostup.raw` go through it.
// Every attempt is paced by the client's view of the API's rate limit (pacing.ts).
import { HostupConnectionError, HostupResponseTooLargeError, HostupTimeoutError } from "../errors.js";
import { onAbort, sleep, throwIfAborted } from "./abort.js";
import { admit, mayWait, settle, start, type RateState } from "./pacing.js";
import { retryAfterMs } from "./rate-limit.js";

export interface LogRecord {
  operationId: string | undefined;
  method: string;
  /** URL path only: no query string, no headers, no body. */
  path: string;
  attempt: number;
  maxAttempts: number;
  durationMs: number;
  status?: number;
  /** Name of the error that ended the attempt (HostupTimeoutError, …). */
  error?: string;
  /** Set when another attempt follows after this many ms. */
  retryInMs?: number;
  /** Set when the attempt was held this many ms before it was sent, because the API's rate limit was used up. */
  pausedMs?: number;
}

export interface TransportConfig {
  fetch: typeof globalThis.fetch;
  /** `Authorization` value; only ever placed in request headers. */
  authorization: string;
  /** `User-Agent` sent unless a call's own headers set one (eager/user-agent.ts); none in browsers. */
  userAgent: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  /** The largest response body read, in bytes: past it the SDK stops reading (HostupResponseTooLargeError). */
  maxResponseBytes: number;
  log: ((record: LogRecord) => void) | undefined;
  /** What the client knows of the API's rate limit, shared by all its calls (pacing.ts). */
  rate: RateState;
}

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface AttemptPolicy {
  operationId: string | undefined;
  /** `false`: leave the API key out (an operation whose own credential is a parameter). */
  apiKey?: boolean;
  /** `Accept` unless the request's own headers set one: JSON and Problem Details by default. */
  accept?: string;
  /** May the request be repeated after a 5xx, timeout or lost connection? (429 always may.) */
  retrySafe: boolean;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxRetries: number;
}

export interface Exchange {
  response: Response;
  /** The response body, already read (the per-attempt timeout covers reading it). */
  body: string;
}

export const ACCEPT = "application/json, application/problem+json";
/** What a plain-text operation accepts: its answer, or Problem Details from a proxy in front. */
export const TEXT_ACCEPT = "text/plain, application/problem+json";
const TIMED_OUT = Symbol("timeout");

export async function send(config: TransportConfig, request: OutgoingRequest, policy: AttemptPolicy): Promise<Exchange> {
  const maxAttempts = policy.maxRetries + 1;
  // Header names are case-insensitive: normalise them so a caller's `Authorization` can neither
  // replace nor join the client's key.
  const headers: Record<string, string> = { accept: policy.accept ?? ACCEPT };
  if (config.userAgent) headers["user-agent"] = config.userAgent;
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name]!;
  // Set last, so a caller's header can neither replace nor remove it; left out (with any caller's
  // Authorization) for an operation that does not take the key.
  if (policy.apiKey === false) delete headers.authorization;
  else headers.authorization = config.authorization;
  for (let attempt = 1; ; attempt++) {
    // Only an attempt that could still retry a 429 is held; the last one goes at once.
    const pausedMs =
      attempt < maxAttempts && mayWait(config.rate) ? await admit(config.rate, config.maxRetryWaitMs, policy.signal) : start(config.rate);
    const started = Date.now();
    let exchange: Exchange | undefined;
    let failure: HostupConnectionError | HostupResponseTooLargeError | undefined;
    try {
      exchange = await attemptOnce(config, request, headers, policy, attempt);
    } catch (error) {
      // Aborted by the caller: thrown as it is. A body too large is not retried (the server answered).
      if (!(error instanceof HostupConnectionError || error instanceof HostupResponseTooLargeError)) throw error;
      failure = error;
    } finally {
      settle(config.rate, exchange?.response, config.maxRetryWaitMs);
    }
    const status = exchange?.response.status;
    let retryInMs: number | undefined;
    if (attempt < maxAttempts) {
      // (A failed attempt has no status: `undefined >= 500` is false.)
      if (status === 429 || (policy.retrySafe && (failure instanceof HostupConnectionError || status! >= 500))) {
        const asked = exchange ? retryAfterMs(exchange.response.headers, Date.now()) : undefined;
        retryInMs = asked ?? backoffMs(attempt);
        // A server asking for a longer pause than we are willing to wait gets its error back now.
        if (retryInMs > config.maxRetryWaitMs) retryInMs = undefined;
      }
    }
    config.log?.({
      operationId: policy.operationId,
      method: request.method,
      path: pathOf(request.url),
      attempt,
      maxAttempts,
      durationMs: Date.now() - started,
      status,
      error: failure?.name,
      retryInMs,
      ...(pausedMs === undefined ? {} : { pausedMs }),
    });
    if (retryInMs === undefined) {
      if (failure) throw failure;
      return exchange!;
    }
    await sleep(retryInMs, policy.signal);
  }
}

async function attemptOnce(
  config: TransportConfig,
  request: OutgoingRequest,
  headers: Record<string, string>,
  policy: AttemptPolicy,
  attempt: number,
): Promise<Exchange> {
  const { signal } = policy;
  throwIfAborted(signal);
  const controller = new AbortController();
  const stopForwarding = signal ? onAbort(signal, () => controller.abort(signal.reason)) : undefined;
  const timer = setTimeout(() => controller.abort(TIMED_OUT), policy.timeoutMs);
  try {
    const response = await config.fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      signal: controller.signal,
    });
    const body = await readBody(response, config.maxResponseBytes);
    if (body === undefined)
      throw new HostupResponseTooLargeError(
        response.status,
        config.maxResponseBytes,
        policy.operationId,
        request.method,
        pathOf(request.url),
      );
    return { response, body };
  } catch (error) {
    if (error instanceof HostupResponseTooLargeError) throw error;
    throwIfAborted(signal);
    if (controller.signal.reason === TIMED_OUT) throw new HostupTimeoutError(policy.timeoutMs, attempt);
    // Bun's fetch errors carry the whole URL as `path`, query included (a DynDNS update's token), and
    // will not let it be deleted: the cause is then a copy of the error without it.
    const { name, message, code, path } = (error ?? {}) as Error & { code?: unknown; path?: unknown };
    const cause = typeof path === "string" ? Object.assign(new Error(message), { name, code }) : error;
    throw new HostupConnectionError(`Could not reach the HostUp API: ${describeCause(error)} (attempt ${attempt}).`, attempt, {
      cause,
    });
  } finally {
    clearTimeout(timer);
    stopForwarding?.();
  }
}

/**
 * The body as text, or `undefined` once it passes `limit` bytes (then it is no longer read: an endless
 * or huge answer costs at most `limit` of memory). Always counted as it arrives: a declared length is
 * that of the compressed body, and a browser hides `Content-Encoding` from scripts on other origins. A
 * declared length over the limit fails before reading. A `fetch` whose body is no web stream
 * (node-fetch 2) is read as it offers.
 */
async function readBody(response: Response, limit: number): Promise<string | undefined> {
  const body = response.body;
  if (!body) return "";
  const declared = response.headers.get("content-length");
  const reader = typeof body.getReader === "function" ? body.getReader() : undefined;
  if (declared && /^\d+$/.test(declared) && +declared > limit) {
    await reader?.cancel().catch(() => {});
    return undefined;
  }
  if (!reader) return response.text();
  const decoder = new TextDecoder();
  let text = "";
  for (let size = 0; ; ) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Exponential backoff from 0.5 s, capped at 8 s, with up to 25% jitter so clients spread out. */
export function backoffMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** (attempt - 1)) * (1 - Math.random() * 0.25);
}

/** `fetch failed (ECONNRESET)`: the error's own words and its cause's code, never headers. */
function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" ? `${message} (${cause.code})` : message;
}

function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const end = url.search(/[?#]/);
  return start < 0 ? "/" : url.slice(start, end < 0 ? undefined : end);
}
