// The options of `updateDynDns`, checked as the client checks its own (client.ts): unknown keys
// are refused, not ignored, and each value must be one the transport can work with.
import type { LogRecord } from "../eager/transport.js";
import { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT_MS, DEFAULT_TIMEOUT_MS } from "../core.js";
import { describe, refuse, safeName } from "./input.js";

export interface DynDnsUpdateOptions {
  /** API origin (plus any proxy prefix). Defaults to `https://cloud.hostup.se`; point it at the mock in tests. */
  baseUrl?: string;
  /** A `fetch` implementation; defaults to the global one (Node ≥ 20, browsers). */
  fetch?: typeof globalThis.fetch;
  /** Timeout of each attempt in ms, covering the answer's body too. Default 60 000. */
  timeoutMs?: number;
  /**
   * Retries after a 429 (rate limited), after the pause the API asks for. Default 2. Nothing else is
   * ever retried: an update is not safe to repeat, and a retry after `abuse` prolongs the block.
   */
  maxRetries?: number;
  /** Longest pause accepted before a retry; a 429 asking for longer is thrown at once. Default 60 000. */
  maxRetryWaitMs?: number;
  /** Cancels the update, including a pending retry pause. */
  signal?: AbortSignal;
  /** Receives one record per attempt (method, path without the query, status, timing); never the token. */
  logger?: (record: LogRecord) => void;
  /** `true` (or `HOSTUP_DEBUG=1`): log each attempt with `console.warn` (stderr). */
  debug?: boolean;
  /** Your product token(s), e.g. `my-router/1.2`, added to the SDK's `User-Agent` (HostUp's DynDNS logs record it). */
  userAgent?: string;
}

export interface CheckedOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  signal: AbortSignal | undefined;
  logger: ((record: LogRecord) => void) | undefined;
  debug: boolean | undefined;
  userAgent: string | undefined;
}

const OPTION_KEYS = ["baseUrl", "fetch", "timeoutMs", "maxRetries", "maxRetryWaitMs", "signal", "logger", "debug", "userAgent"];

/** The options with their defaults, or a HostupValidationError naming the option (`options.timeoutMs`). */
export function checkOptions(options: unknown, token: string): CheckedOptions {
  if (options === undefined) options = {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    refuse(`the second argument must be an options object, got ${describe(options)}.`, "options");
  }
  const unknown = Object.keys(options).find((key) => !OPTION_KEYS.includes(key));
  if (unknown !== undefined) {
    const name = safeName(unknown, token);
    refuse(`unknown option \`${name}\` (expected ${OPTION_KEYS.join(", ")}).`, `options.${name}`);
  }
  const given = options as DynDnsUpdateOptions;
  return {
    baseUrl: checkBaseUrl(given.baseUrl ?? DEFAULT_BASE_URL),
    fetch: checkFunction("fetch", given.fetch),
    timeoutMs: checkNumber("timeoutMs", given.timeoutMs, DEFAULT_TIMEOUT_MS, 1, false),
    maxRetries: checkNumber("maxRetries", given.maxRetries, DEFAULT_MAX_RETRIES, 0, true),
    maxRetryWaitMs: checkNumber("maxRetryWaitMs", given.maxRetryWaitMs, DEFAULT_MAX_RETRY_WAIT_MS, 0, false),
    signal: checkSignal(given.signal),
    logger: checkFunction("logger", given.logger),
    debug: checkBoolean("debug", given.debug),
    userAgent: checkUserAgent(given.userAgent),
  };
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    refuse("`baseUrl` is not a valid URL; it needs a scheme, e.g. https://cloud.hostup.se.", "options.baseUrl");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    refuse(`\`baseUrl\` must be an http(s) URL, got ${url.protocol}.`, "options.baseUrl");
  if (url.search || url.hash || url.username || url.password) {
    refuse("`baseUrl` must not contain credentials, a query or a fragment: the hostname and token are arguments.", "options.baseUrl");
  }
  const base = url.href.replace(/\/+$/, "");
  if (base.endsWith("/api/dyndns/update")) {
    refuse("`baseUrl` is the API's origin (https://cloud.hostup.se), not the update URL: leave out /api/dyndns/update.", "options.baseUrl");
  }
  return base;
}

function checkNumber(name: string, value: unknown, fallback: number, min: number, whole: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (whole && !Number.isInteger(value))) {
    refuse(`\`${name}\` must be a ${whole ? "whole " : ""}number ≥ ${min}, got ${describeValue(value)}.`, `options.${name}`);
  }
  return value;
}

function checkFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== "function")
    refuse(`\`${name}\` must be a function, got ${describe(value)}.`, `options.${name}`);
  return value;
}

function checkBoolean(name: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean")
    refuse(`\`${name}\` must be true or false, got ${describe(value)}.`, `options.${name}`);
  return value;
}

function checkSignal(value: unknown): AbortSignal | undefined {
  const signal = value as AbortSignal | undefined;
  if (signal !== undefined && (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function")) {
    refuse(`\`signal\` must be an AbortSignal (from an AbortController), got ${describe(value)}.`, "options.signal");
  }
  return signal;
}

function checkUserAgent(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  // Product tokens: printable ASCII, so the header value cannot break lines.
  if (typeof value !== "string" || !/^[\x21-\x7e][\x20-\x7e]*$/.test(value) || value.endsWith(" ")) {
    refuse('`userAgent` must be product tokens such as "my-router/1.2" (printable ASCII).', "options.userAgent");
  }
  return value;
}

/** Numbers are no secret and say exactly what was wrong; anything else is described. */
function describeValue(value: unknown): string {
  return typeof value === "number" ? String(value) : describe(value);
}
