// Turns a generated operation plus call arguments into a validated request, sends it, and
// returns the typed data or throws the matching HostupError.
import {
  apiErrorFor,
  HostupApiError,
  HostupUnexpectedResponseError,
  HostupValidationError,
  rateLimitOf,
  type Problem,
  type RateLimit,
} from "../errors.js";
import { errorHint } from "./hints.js";
import type { OperationSpec } from "./operation.js";
import type { Redactor } from "./redact.js";
import { send, type TransportConfig } from "./transport.js";

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
   * The domain's name, when known, for checks that need it (createDynDnsConfig: the hostname
   * must be the domain or a subdomain of it). The client also remembers names it has seen.
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
  redact: Redactor;
  /** Domain names learnt from responses, by `dom_` ID. */
  domainNames: Map<string, string>;
}

const OPTION_KEYS = new Set(["signal", "timeoutMs", "maxRetries", "headers", "domainName"]);

/** The input checks (validate.ts), loaded on first need: a body or query to check, or an argument to explain. */
type Validation = typeof import("./validate.js");
let validation: Validation | undefined;
let loadingValidation: Promise<Validation> | undefined;
const loadValidation = async () => (validation ??= await (loadingValidation ??= import("./validate.js")));

/**
 * Validates the arguments, sends the request and returns the data (`full`: with the response and
 * its metadata, for `.withResponse`), or throws the matching HostupError.
 */
export async function invoke(ctx: CallContext, op: OperationSpec, args: ReadonlyArray<unknown>, full: true): Promise<WithResponse<unknown>>;
export async function invoke(ctx: CallContext, op: OperationSpec, args: ReadonlyArray<unknown>, full: false): Promise<unknown>;
export async function invoke(ctx: CallContext, op: OperationSpec, args: ReadonlyArray<unknown>, full: boolean): Promise<unknown> {
  const expected = op.params.length + (op.query || op.body ? 1 : 0);
  if (args.length > expected + 1) {
    throw new HostupValidationError(`${op.id}: expected at most ${expected + 1} arguments, got ${args.length}.`, op.id, "arguments");
  }
  const scrub = ctx.redact.text;
  const options = args[expected] === undefined ? {} : await checkOptions(op, args[expected], scrub);
  let path = op.path;
  for (let i = 0; i < op.params.length; i++) {
    const param = op.params[i]!;
    const value = args[i];
    // The common case is checked here; a bad value gets its explanation from validate.ts.
    if (typeof value !== "string" || !param.pattern.test(value)) {
      const { message, field } = (validation ?? (await loadValidation())).pathParamFinding(op, param, value, scrub);
      throw new HostupValidationError(message, op.id, field);
    }
    path = path.replace(`{${param.name}}`, encodeURIComponent(value));
  }
  let body: string | undefined;
  if (op.query || op.body) {
    const { bodyFinding, proseFinding } = validation ?? (await loadValidation());
    const fail = (finding: { message: string; field: string } | undefined) => {
      if (finding) throw new HostupValidationError(finding.message, op.id, finding.field);
    };
    if (op.query) {
      const query = args[op.params.length] ?? {};
      fail(bodyFinding(op, op.query, query, scrub, "query"));
      path += queryString(query as Record<string, unknown>);
    }
    if (op.body) {
      const value = args[op.params.length];
      fail(bodyFinding(op, op.body, value, scrub));
      fail(proseFinding(op, args, options.domainName ?? ctx.domainNames.get(args[0] as string), scrub));
      body = JSON.stringify(value);
    }
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
      retrySafe: op.retrySafe,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? transport.timeoutMs,
      maxRetries: options.maxRetries ?? transport.maxRetries,
    },
  );
  if (!response.ok) throw toApiError(ctx, op, response, text);
  const data = parseSuccess(ctx, op, response, text);
  learnDomainName(ctx, data);
  if (!full) return data;
  return {
    data,
    response,
    requestId: response.headers.get("x-request-id") ?? undefined,
    rateLimit: rateLimitOf(response.headers),
  };
}

function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.append(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function checkOptions(op: OperationSpec, options: unknown, scrub: (text: string) => string): Promise<RequestOptions> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const { show } = validation ?? (await loadValidation());
    throw new HostupValidationError(`${op.id}: the last argument must be an options object, got ${show(options, scrub)}.`, op.id, "options");
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new HostupValidationError(
        `${op.id}: unknown option \`${key}\` (expected ${[...OPTION_KEYS].join(", ")}).`,
        op.id,
        `options.${key}`,
      );
    }
  }
  const { timeoutMs, maxRetries } = options as RequestOptions;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new HostupValidationError(`${op.id}: \`timeoutMs\` must be a positive number of milliseconds.`, op.id, "options.timeoutMs");
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new HostupValidationError(`${op.id}: \`maxRetries\` must be a whole number ≥ 0.`, op.id, "options.maxRetries");
  }
  return options as RequestOptions;
}

function parseSuccess(ctx: CallContext, op: OperationSpec, response: Response, text: string): unknown {
  if (response.status === 204 || (text === "" && !op.successBody)) return undefined;
  const type = response.headers.get("content-type") ?? "";
  const unexpected = (what: string) =>
    new HostupUnexpectedResponseError({
      status: response.status,
      headers: safeHeaders(ctx, response.headers),
      operationId: op.id,
      endpoint: `${op.method} ${op.path}`,
      // 2xx bodies may hold secrets (a DynDNS token): describe them, never quote them.
      fallbackMessage: `the ${response.status} response ${what}, so the SDK cannot return it.`,
    });
  if (text === "") throw unexpected("has an empty body where JSON was expected");
  if (!/\bjson\b/i.test(type)) throw unexpected(`is ${type || "of no content type"}, not JSON`);
  try {
    return JSON.parse(text);
  } catch {
    throw unexpected("body is not valid JSON (truncated?)");
  }
}

function toApiError(ctx: CallContext, op: OperationSpec, response: Response, text: string): HostupApiError {
  const type = response.headers.get("content-type") ?? "";
  let problem: Problem | undefined;
  let fallbackMessage: string;
  if (text === "") {
    fallbackMessage = `${response.statusText || "error"} (empty body)`;
  } else if (/\bjson\b/i.test(type)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) problem = ctx.redact.value(parsed as Problem);
    } catch {
      /* fall through */
    }
    fallbackMessage = problem ? "" : `${response.statusText || "error"} (the ${type} body is not valid Problem Details JSON)`;
  } else {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    const snippet = title || text.trim().split("\n", 1)[0]!.slice(0, 200);
    fallbackMessage = `${response.statusText || "error"} (a ${type || "non-JSON"} body, not Problem Details: ${ctx.redact.text(snippet)})`;
  }
  return apiErrorFor({
    status: response.status,
    headers: safeHeaders(ctx, response.headers),
    problem,
    fallbackMessage,
    operationId: op.id,
    endpoint: `${op.method} ${op.path}`,
    hint: errorHint(op, response.status),
  });
}

/** Response headers for an error: no cookies (a dashboard session), secrets scrubbed from values. */
function safeHeaders(ctx: CallContext, headers: Headers): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    if (name !== "set-cookie") copy.append(name, ctx.redact.text(value));
  });
  return copy;
}

const MAX_REMEMBERED_DOMAINS = 1000;

function learnDomainName(ctx: CallContext, data: unknown): void {
  const page = (data as { data?: unknown } | undefined)?.data;
  for (const item of Array.isArray(page) ? page : [data]) {
    const record = item as { id?: unknown; name?: unknown } | undefined;
    if (typeof record?.id === "string" && record.id.startsWith("dom_") && typeof record.name === "string") {
      if (ctx.domainNames.size >= MAX_REMEMBERED_DOMAINS) ctx.domainNames.delete(ctx.domainNames.keys().next().value!);
      ctx.domainNames.set(record.id, record.name);
    }
  }
}
