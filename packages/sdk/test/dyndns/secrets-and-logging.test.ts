// The token is the credential of the update and travels in its URL: it must show up in nothing the
// SDK surfaces. Every way an update can end is driven here, and every rendering of the outcome
// searched for it (and for fragments of it): error message, stack, String(), JSON, util.inspect with
// hidden fields, error properties, log records and the debug lines written to the console.
import { afterEach, describe, expect, vi } from "vitest";
import { inspect } from "node:util";
import { createHostupClient, formatLogRecord, type LogRecord, updateDynDns } from "../../src/index.js";
import type { Answer } from "../support/fetch-handler.js";
import {
  expectNoSecrets,
  failOnUnhandledRejections,
  problem,
  rejectionOf,
  renderingsOf,
  SECRETS,
  test,
  TOKEN,
} from "../runtime/helpers.js";
import { dyndns, HOSTNAME, IP, update, UPDATE_PATH } from "./support.js";

failOnUnhandledRejections();

/** Nothing of the request's query: no token (or fragment of it), no hostname, no address. */
function expectClean(text: string): void {
  for (const secret of SECRETS) expect(text, `contains ${secret}`).not.toContain(secret);
  for (const fragment of [HOSTNAME, IP, "token=", "hostname=", "?"]) expect(text, `contains ${fragment}`).not.toContain(fragment);
}

/** Ways an update ends in an error, each with a server that repeats the token wherever it can. */
const ENDINGS: ReadonlyArray<[string, Answer[], { timeoutMs?: number; maxRetries?: number }?]> = [
  ["a refusal", [dyndns("badauth", { headers: { "x-token": TOKEN } })]],
  ["an unknown answer echoing the token", [dyndns(`${TOKEN} ok`, { headers: { "x-token": TOKEN } })]],
  ["a 200 JSON body holding the token", [{ status: 200, json: { token: TOKEN } }]],
  [
    "a Problem Details 401 quoting the token",
    [
      {
        status: 401,
        headers: { "x-token": TOKEN },
        problem: { ...problem(401, "unauthorized"), detail: `bad token ${TOKEN}`, token: TOKEN },
      },
    ],
  ],
  [
    "an HTML 502 titled with the token",
    [{ status: 502, headers: { "content-type": "text/html" }, text: `<title>502 for ${TOKEN}</title>` }],
  ],
  ["429 until the retries run out", [429, 429, 429].map((status) => ({ status, headers: { "retry-after": "0", "x-token": TOKEN } }))],
  ["a timeout", [{ hang: true }], { timeoutMs: 100 }],
  ["a refused connection", [{ fail: "ECONNREFUSED" }]],
];

describe.concurrent("the token is in no error", () => {
  test.for(ENDINGS)("%s: not in any rendering of the error, nor in the log records", async ([, answers, options], { api }) => {
    api.script(answers);
    const records: LogRecord[] = [];
    const error = await rejectionOf(update(api, { ip: IP }, { ...options, logger: (r) => records.push(r) }));

    expectNoSecrets(error);
    const e = error as Error & Record<string, unknown>;
    // Every own property too (code, status, requestId, errors, …), including the non-enumerable ones.
    for (const key of Object.getOwnPropertyNames(e)) {
      const value = e[key];
      const text = value instanceof Headers ? headerText(value) : typeof value === "string" ? value : JSON.stringify(value ?? null);
      for (const secret of SECRETS) expect(text, `error.${key}`).not.toContain(secret);
    }
    // The server did get the token: the check above is not vacuous.
    expect(api.requests[0]!.query.token).toBe(TOKEN);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.path).toBe(UPDATE_PATH);
      expectClean(JSON.stringify(record));
      expectClean(formatLogRecord(record));
    }
  });

  test("a fetch error that carries the whole URL (Bun's `path`) leaves no token in the error, from the function or the client", async () => {
    // Bun's fetch fails with an error whose `path` is the URL it was given, query and token included.
    const bunLike = (url: string | URL | Request) => {
      const error = Object.assign(new TypeError("Unable to connect"), { code: "ConnectionRefused" });
      // As Bun defines it: an own property that cannot be deleted.
      Object.defineProperty(error, "path", { value: String(url), enumerable: true, configurable: false });
      return Promise.reject(error);
    };
    const fromFunction = await rejectionOf(
      updateDynDns({ hostname: HOSTNAME, token: TOKEN }, { baseUrl: "http://127.0.0.1:9", fetch: bunLike, maxRetries: 0 }),
    );
    const client = createHostupClient({ apiKey: "hk_test_key_0123456789", baseUrl: "http://127.0.0.1:9", fetch: bunLike, maxRetries: 0 });
    const fromClient = await rejectionOf(client.updateDynDns({ hostname: HOSTNAME, token: TOKEN }));
    for (const error of [fromFunction, fromClient]) {
      expect(error.name).toBe("HostupConnectionError");
      expect((error.cause as { code?: unknown }).code).toBe("ConnectionRefused");
      expectNoSecrets(error);
      expect(inspect(error, { showHidden: true, depth: 10 })).not.toContain(TOKEN);
    }
  });

  test("the renderings searched are the real ones: the same search finds a token put in a message", () => {
    const leaky = new Error(`GET /api/dyndns/update?token=${TOKEN}`);
    const found = Object.entries(renderingsOf(leaky)).filter(([, text]) => text.includes(TOKEN));
    expect(found.map(([where]) => where)).toEqual(expect.arrayContaining(["message", "stack", "string", "inspect"]));
  });
});

function headerText(headers: Headers): string {
  const lines: string[] = [];
  headers.forEach((value, name) => void lines.push(`${name}: ${value}`));
  return lines.join("\n");
}

// Sequential: these spy on console and change process.env.
describe("logging", () => {
  const originalDebugEnv = process.env.HOSTUP_DEBUG;
  afterEach(() => {
    vi.restoreAllMocks();
    if (originalDebugEnv === undefined) delete process.env.HOSTUP_DEBUG;
    else process.env.HOSTUP_DEBUG = originalDebugEnv;
  });

  test("logger: one record per attempt, with the path and no query", async ({ api }) => {
    api.script([{ status: 429, headers: { "retry-after": "0" } }, dyndns(`good ${IP}`)]);
    const records: LogRecord[] = [];
    await update(api, { ip: IP }, { logger: (record) => records.push(record) });

    expect(records).toEqual([
      {
        operationId: "updateDynDns",
        method: "GET",
        path: UPDATE_PATH,
        attempt: 1,
        maxAttempts: 3,
        durationMs: expect.any(Number),
        status: 429,
        error: undefined,
        retryInMs: 0,
      },
      {
        operationId: "updateDynDns",
        method: "GET",
        path: UPDATE_PATH,
        attempt: 2,
        maxAttempts: 3,
        durationMs: expect.any(Number),
        status: 200,
        error: undefined,
        retryInMs: undefined,
      },
    ]);
    expectClean(JSON.stringify(records));
  });

  test("debug: true writes one line per attempt to stderr (console.warn), without the token", async ({ api }) => {
    const debug = vi.spyOn(console, "warn").mockImplementation(() => {});
    api.script([dyndns("abuse")]);
    await rejectionOf(update(api, { ip: IP }, { debug: true }));

    const lines = debug.mock.calls.map((args) => args.map(String).join(" "));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[hostup\] updateDynDns GET \/api\/dyndns\/update → 200 in \d+ ms \(attempt 1\/3\)$/);
    expectClean(lines.join("\n"));
  });

  test("HOSTUP_DEBUG=1 turns debug logging on, to stderr; debug: false and a logger take precedence", async ({ api }) => {
    const debug = vi.spyOn(console, "warn").mockImplementation(() => {});
    // What Node writes to stdout.
    const stdout = (["log", "info", "debug"] as const).map((name) => vi.spyOn(console, name).mockImplementation(() => {}));
    process.env.HOSTUP_DEBUG = "1";
    api.script([dyndns(`good ${IP}`), dyndns(`good ${IP}`), dyndns(`good ${IP}`)]);
    await update(api);
    for (const spy of stdout) expect(spy).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledTimes(1);
    expectClean(String(debug.mock.calls[0]![0]));

    await update(api, {}, { debug: false });
    const records: LogRecord[] = [];
    await update(api, {}, { logger: (r) => records.push(r) });
    expect(debug).toHaveBeenCalledTimes(1);
    expect(records).toHaveLength(1);
  });

  test("without debug, HOSTUP_DEBUG or a logger nothing is written", async ({ api }) => {
    const debug = vi.spyOn(console, "warn").mockImplementation(() => {});
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const consoleDebug = vi.spyOn(console, "debug").mockImplementation(() => {});
    delete process.env.HOSTUP_DEBUG;
    api.script([dyndns(`good ${IP}`), dyndns("911")]);
    await update(api);
    await rejectionOf(update(api));
    expect(debug).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(consoleDebug).not.toHaveBeenCalled();
  });
});
