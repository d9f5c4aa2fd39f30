// The client without methods: the API key, base URL, timeouts, retries and pacing, and the one way
// every call is made (CALL). createHostupCore returns it for the standalone functions of
// `@hostup/sdk/operations`, which an app imports one by one; createHostupClient (client.ts) adds a
// method per operation and the workflows to the same thing.
import { invoke, preloadCallParts, type CallContext } from "./eager/invoke.js";
import { debugFromEnvironment, formatLogRecord } from "./eager/log.js";
import { CALL, type Call, type HostupCore } from "./eager/operation-function.js";
import { createRateState } from "./eager/pacing.js";
import type { LogRecord, TransportConfig } from "./eager/transport.js";
import { userAgentFor } from "./eager/user-agent.js";
import { HostupConfigError } from "./errors.js";

export type { HostupCore };

export const DEFAULT_BASE_URL = "https://cloud.hostup.se";
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
/** 16 MiB: far above any page the API documents (1,000 zones), far below what would hurt a process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface HostupClientOptions {
  /** HostUp API key (created in the customer portal), sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** API origin. Defaults to `https://cloud.hostup.se`; point it at the mock in tests. */
  baseUrl?: string;
  /** A `fetch` implementation; defaults to the global one (Node ≥ 20, browsers). */
  fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout in ms, covering the response body too. Default 60 000. */
  timeoutMs?: number;
  /** Retries after the first attempt (429 always; 5xx, timeouts, connection errors for retry-safe operations). Default 2. */
  maxRetries?: number;
  /**
   * The largest response body the client reads, in bytes (default 16 MiB): past it the call fails with
   * HostupResponseTooLargeError and the rest is not read, so an endless or huge answer cannot exhaust memory.
   */
  maxResponseBytes?: number;
  /** Longest wait the client accepts before a retry (e.g. a `Retry-After`); longer asks fail at once. Default 60 000. */
  maxRetryWaitMs?: number;
  /**
   * Receives one record per attempt: operation, method, path, status, attempt, timing. Never
   * headers or bodies. `debug: true` (or `HOSTUP_DEBUG=1`) logs them with `console.warn`: to stderr,
   * out of the way of a program's output.
   */
  logger?: (record: LogRecord) => void;
  debug?: boolean;
  /**
   * Your product token(s), added to the `User-Agent` the SDK sends outside a browser, which names
   * the runtime (`hostup-sdk-typescript/1.2.0 (node 20.20.2) my-app/3.1`; `(Bun/1.3.5)`, `(Deno/2.5.6)`,
   * `(Cloudflare-Workers)`). Browsers send their own User-Agent;
   * there the SDK sends only this, when given (which costs a CORS preflight). A call's own
   * `headers: { "user-agent": … }` replaces the whole value.
   */
  userAgent?: string;
}

const OPTION_KEYS = new Set([
  "apiKey",
  "baseUrl",
  "fetch",
  "timeoutMs",
  "maxRetries",
  "maxRetryWaitMs",
  "maxResponseBytes",
  "logger",
  "debug",
  "userAgent",
]);

/**
 * A client for the standalone functions of `@hostup/sdk/operations`:
 * `syncDomainStatus(createHostupCore({ apiKey }), "dom_…")`. It sends exactly as createHostupClient's
 * methods do; an app that calls a few operations and counts its bytes loads only those.
 */
export function createHostupCore(options: HostupClientOptions): HostupCore {
  return Object.freeze(coreOf(createContext("createHostupCore", options)).core);
}

/** The checked options as what every call is sent with; `creator` names the function in error messages. */
export function createContext(creator: string, options: HostupClientOptions): CallContext {
  if (typeof options !== "object" || options === null) {
    throw new HostupConfigError(`${creator}: pass an options object with at least \`apiKey\`.`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new HostupConfigError(`${creator}: unknown option \`${key}\` (expected ${[...OPTION_KEYS].join(", ")}).`);
    }
  }
  const fail = (message: string): never => {
    throw new HostupConfigError(`${creator}: ${message}`);
  };
  const apiKey = checkApiKey(options.apiKey, fail);
  const debug = options.debug ?? debugFromEnvironment();
  const fetchImpl = options.fetch;
  // The key lives only in this context and in outgoing headers: no client object holds a copy that
  // `console.log(client)` or `JSON.stringify(client)` could reveal.
  const transport: TransportConfig = {
    // Read lazily so a fetch patched after the client was created (test tools, polyfills) is used.
    fetch: fetchImpl ?? ((input, init) => globalThis.fetch(input, init)),
    authorization: `Bearer ${apiKey}`,
    userAgent: userAgentFor(checkUserAgent(options.userAgent, fail)),
    timeoutMs: checkCount("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, fail),
    maxRetries: checkCount("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES, 0, fail),
    maxRetryWaitMs: checkCount("maxRetryWaitMs", options.maxRetryWaitMs, DEFAULT_MAX_RETRY_WAIT_MS, 0, fail),
    maxResponseBytes: checkCount("maxResponseBytes", options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 1, fail),
    log: options.logger ?? (debug ? (record: LogRecord) => console.warn(formatLogRecord(record)) : undefined),
    rate: createRateState(),
  };
  return { baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, fail), transport, secrets: { values: [apiKey] } };
}

/**
 * The core object of a context, unfrozen (createHostupClient adds its methods before freezing it), and
 * its `call`. CALL is not enumerable: `console.log`, `Object.keys` and JSON never show it, and its value
 * is a function, so no inspector shows the context it closes over.
 */
export function coreOf(ctx: CallContext): { core: HostupCore; call: Call } {
  const call: Call = (operation, args, full) => invoke(ctx, operation, args, full);
  const core = { preload: () => preloadCallParts().then(() => undefined) };
  return { core: Object.defineProperty(core, CALL, { value: call }) as HostupCore, call };
}

type Fail = (message: string) => never;

function checkApiKey(apiKey: unknown, fail: Fail): string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    fail("`apiKey` is required (a HostUp API key from the customer portal).");
  }
  // A header value cannot carry control characters or surrounding whitespace; rejecting them here
  // gives a clear error instead of a fetch TypeError that might echo the value.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this check refuses.
  if (/[\s\u0000-\u001f\u007f]/.test(apiKey)) {
    fail("`apiKey` contains whitespace or control characters; check how it was read (a trailing newline?).");
  }
  return apiKey;
}

function checkBaseUrl(baseUrl: unknown, fail: Fail): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    fail(`\`baseUrl\` is not a valid URL: ${JSON.stringify(String(baseUrl))}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    fail(`\`baseUrl\` must be an http(s) URL, got ${url.protocol}.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    fail("`baseUrl` must not contain credentials, a query or a fragment.");
  }
  // Paths in the spec start with /api/…, so the base is the origin plus any proxy prefix.
  return url.href.replace(/\/+$/, "");
}

function checkUserAgent(value: unknown, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  // Product tokens: printable ASCII without control characters (a header value must not break lines).
  if (typeof value !== "string" || !/^[\x21-\x7e][\x20-\x7e]*$/.test(value) || value.endsWith(" ")) {
    fail(`\`userAgent\` must be product tokens such as "my-app/1.2", got ${JSON.stringify(value)}.`);
  }
  return value;
}

function checkCount(name: string, value: unknown, fallback: number, min: number, fail: Fail): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < min ||
    (name !== "timeoutMs" && name !== "maxRetryWaitMs" && !Number.isInteger(value))
  ) {
    fail(`\`${name}\` must be a number ≥ ${min}, got ${JSON.stringify(value)}.`);
  }
  return value;
}
