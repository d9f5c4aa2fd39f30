// A `fetch` for one test: it answers from a handler (or a script of answers) and records every
// request it got, so a test asserts on what the SDK sent without a port, a socket or shared state.
//
//   const api = createFetchHandler();
//   api.script([{ status: 429, headers: { "retry-after": "1" } }, { json: { ok: true } }]);
//   … createHostupClient({ apiKey, baseUrl: api.url, fetch: api.fetch }) …
//   expect(api.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
//
// It behaves as fetch does where the SDK can tell: an answer waits (`delayMs`, `hang`) until the
// request's AbortSignal fires, and then rejects with the signal's reason; `fail` rejects the way
// undici does when a connection fails (`TypeError: fetch failed`, with the system error as `cause`).
// What only a real connection shows (a reset or a stall mid-body) is for ./fault-server.ts.
//
// A request that finds no answer (script exhausted, handler threw) gets a `418` text/plain (a 4xx,
// so the SDK never retries it) and is counted in `unscripted` or `handlerErrors`, so a test can
// assert that nothing unplanned happened.
import { STATUS_CODES } from "node:http";

/** An answer. With neither `fail` nor `hang`, a response is returned (after `delayMs`). */
export interface Answer {
  /** HTTP status (default 200). */
  status?: number;
  /** Response headers; a body's content type is set unless these set one. */
  headers?: Record<string, string>;
  /** A JSON body (`application/json`). */
  json?: unknown;
  /** A Problem Details body (`application/problem+json`). */
  problem?: unknown;
  /** A body sent as is; no content type unless `headers` sets one. */
  text?: string;
  /** Wait this long before answering (or failing); the request's AbortSignal ends the wait. */
  delayMs?: number;
  /** Never answer: only the request's AbortSignal (a timeout, an abort) ends the request. */
  hang?: boolean;
  /** Reject as undici does when the connection fails: `TypeError("fetch failed")` whose `cause.code` is this. */
  fail?: ConnectionFailure;
}

export type ConnectionFailure = "ECONNRESET" | "ECONNREFUSED" | "ENOTFOUND";

export interface RecordedRequest {
  method: string;
  /** The full URL. */
  url: string;
  /** The URL's path, without the query string. */
  path: string;
  /** Query parameters (the last value of a repeated one). */
  query: Record<string, string>;
  headers: Headers;
  /** The body as sent ("" when there was none). */
  body: string;
  /** The body parsed as JSON, or `undefined` when there is none or it is not JSON. */
  json: unknown;
  /** The signal the request was sent with. */
  signal: AbortSignal | undefined;
  /** `Date.now()` when fetch was called. */
  at: number;
  /** Requests in flight (this one included) when it was sent. */
  inFlight: number;
}

export type Handler = (request: RecordedRequest) => Answer | Response | Promise<Answer | Response>;

export interface FetchHandler {
  /** Pass to `createHostupClient({ fetch })`. */
  readonly fetch: typeof globalThis.fetch;
  /** A base URL for the client (nothing listens there: the requests never leave `fetch`). */
  readonly url: string;
  /** Every request, in the order fetch was called. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** Requests in flight right now (sent, not yet answered, failed or aborted). */
  readonly inFlight: number;
  /** The most requests that were in flight at the same time. */
  readonly maxInFlight: number;
  /** Requests that came after the script ran out (each got a 418). */
  readonly unscripted: number;
  /** Errors thrown by the handler (each request got a 418). */
  readonly handlerErrors: ReadonlyArray<unknown>;
  /** Answers every request from now on with `handler`. */
  handle(handler: Handler): void;
  /** Answers the next requests with `answers`, one each, in order. */
  script(answers: ReadonlyArray<Answer>): void;
  /** Milliseconds between consecutive requests. */
  gapsMs(): number[];
  /** Resolves once `count` requests have been sent (rejects after `timeoutMs`, so a test never hangs on it). */
  requested(count: number, timeoutMs?: number): Promise<void>;
  /** Cancels pending delays; requests still waiting then never settle. */
  close(): void;
}

export const FETCH_HANDLER_URL = "http://api.hostup.test:8080";

export function createFetchHandler(url: string = FETCH_HANDLER_URL): FetchHandler {
  const requests: RecordedRequest[] = [];
  const handlerErrors: unknown[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const watchers = new Set<() => void>();
  let handler: Handler = () => {
    throw new Error("fetch-handler: no handler and no script");
  };
  let unscripted = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return () => {
      clearTimeout(timer);
      timers.delete(timer);
    };
  };

  /** Settles as `work` does, or rejects with the signal's reason as soon as it fires (as fetch does). */
  const untilAborted = <T>(signal: AbortSignal | undefined, work: (onCancel: (cancel: () => void) => void) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const cancels: Array<() => void> = [];
      const onAbort = () => {
        for (const cancel of cancels) cancel();
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const settle = () => signal?.removeEventListener("abort", onAbort);
      work((cancel) => cancels.push(cancel)).then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
    });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const body = typeof init?.body === "string" ? init.body : await request.text();
    const target = new URL(request.url);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: request.headers,
      body,
      json: parseJson(body),
      signal,
      at: Date.now(),
      inFlight,
    };
    requests.push(recorded);
    for (const watch of [...watchers]) watch();
    try {
      return await untilAborted(signal, async (onCancel) => {
        let answer: Answer | Response;
        try {
          answer = await handler(recorded);
        } catch (error) {
          handlerErrors.push(error);
          return textResponse(418, `fetch-handler: handler failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (answer instanceof Response) return answer;
        if (answer.hang) return new Promise<never>(() => {});
        if (answer.delayMs) await new Promise<void>((resolve) => onCancel(later(answer.delayMs!, resolve)));
        if (answer.fail) throw connectionFailure(answer.fail, target);
        return responseFor(answer);
      });
    } finally {
      inFlight--;
    }
  };

  return {
    fetch,
    url,
    requests,
    handlerErrors,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get unscripted() {
      return unscripted;
    },
    handle(next) {
      handler = next;
    },
    script(answers) {
      let next = 0;
      handler = () => {
        const answer = answers[next++];
        if (answer) return answer;
        unscripted++;
        return textResponse(418, `fetch-handler: no scripted answer for request #${requests.length}`);
      };
    },
    gapsMs() {
      return requests.slice(1).map((request, i) => request.at - requests[i]!.at);
    },
    requested(count, timeoutMs = 5_000) {
      return new Promise<void>((resolve, reject) => {
        const watch = () => {
          if (requests.length < count) return;
          watchers.delete(watch);
          stop();
          resolve();
        };
        const stop = later(timeoutMs, () => {
          watchers.delete(watch);
          reject(new Error(`fetch-handler: ${requests.length} of ${count} requests after ${timeoutMs} ms`));
        });
        watchers.add(watch);
        watch();
      });
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      watchers.clear();
    },
  };
}

/** Statuses whose responses have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function responseFor(answer: Answer): Response {
  const status = answer.status ?? 200;
  const headers = new Headers();
  let body: string | undefined;
  if (answer.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(answer.json);
  } else if (answer.problem !== undefined) {
    headers.set("content-type", "application/problem+json");
    body = JSON.stringify(answer.problem);
  } else {
    body = answer.text;
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers.append(name, value);
  // Bytes, not a string: `new Response("…")` would add a text/plain content type the answer did not ask for.
  const bytes = body === undefined || body === "" || NULL_BODY.has(status) ? null : new TextEncoder().encode(body);
  // The reason phrase a Node server sends, which `new Response` would leave empty.
  return new Response(bytes, { status, statusText: STATUS_CODES[status] ?? "", headers });
}

function textResponse(status: number, text: string): Response {
  return responseFor({ status, headers: { "content-type": "text/plain" }, text });
}

/** The error undici's fetch rejects with when a connection fails: its words, its cause's fields. */
function connectionFailure(code: ConnectionFailure, url: URL): TypeError {
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const causes: Record<ConnectionFailure, Record<string, unknown>> = {
    ECONNRESET: { message: "read ECONNRESET", errno: -104, syscall: "read" },
    ECONNREFUSED: { message: `connect ECONNREFUSED ${url.hostname}:${port}`, errno: -111, syscall: "connect", address: url.hostname, port },
    ENOTFOUND: { message: `getaddrinfo ENOTFOUND ${url.hostname}`, errno: -3008, syscall: "getaddrinfo", hostname: url.hostname },
  };
  const { message, ...fields } = causes[code];
  const cause = Object.assign(new Error(message as string), { code, ...fields });
  return new TypeError("fetch failed", { cause });
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
