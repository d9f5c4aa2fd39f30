// `updateDynDns`: the public DynDNS update (GET /api/dyndns/update) for a router or a script that
// has a DynDNS token and no API key, hence no client. It goes through the client's transport
// (timeouts, abort, 429 pauses, the User-Agent, per-attempt log records) and reads the DynDNS2
// answer into a result or an error that says what to do.
//
// The token travels in the query string, so it is in nothing the SDK surfaces: log records carry
// the path only, input errors describe values without quoting them, and error answers are read by
// lazy/failure.ts, which scrubs the token from bodies and headers.
//
// An app that never imports it does not bundle it (nothing here runs at import time), and one that
// imports only this loads none of the other operations, input checks or workflows.
import { HostupDynDnsError, readAnswer, type DynDnsFailureCode, type DynDnsUpdateResult } from "./dyndns/answer.js";
import { checkInput, refuse } from "./dyndns/input.js";
import { checkOptions, type DynDnsUpdateOptions } from "./dyndns/options.js";
import { answerError } from "./eager/invoke.js";
import { debugFromEnvironment, formatLogRecord } from "./eager/log.js";
import { createRateState } from "./eager/pacing.js";
import { send, TEXT_ACCEPT, type LogRecord } from "./eager/transport.js";
import { userAgentFor } from "./eager/user-agent.js";
// The operation as the spec has it (no API key, a plain-text answer, not safe to repeat): bundlers
// keep this one constant of the table.
import { updateDynDns as UPDATE_OPERATION } from "./generated/operations.js";

export { HostupDynDnsError };
export type { DynDnsFailureCode, DynDnsUpdateOptions, DynDnsUpdateResult };

export interface DynDnsUpdateInput {
  /** The configured DynDNS hostname, as a full name: `home.example.com`. */
  hostname: string;
  /** The configuration's DynDNS token (from `createDynDnsConfig`): the credential of the update. */
  token: string;
  /** The address to set (IPv4 for an `A` configuration, IPv6 for `AAAA`); without it, the address the request comes from. */
  ip?: string;
}

/**
 * Points a DynDNS hostname at `ip` (or at the address the request comes from) with the
 * configuration's token: `{ status: "good" | "nochg", ip }`. A refusal (`badauth`, `abuse`, …)
 * throws HostupDynDnsError; bad input throws HostupValidationError before anything is sent.
 * Only a 429 is retried (`maxRetries`, default 2), after the pause the API asks for.
 */
export const updateDynDns = sendDynDnsUpdate as (input: DynDnsUpdateInput, options?: DynDnsUpdateOptions) => Promise<DynDnsUpdateResult>;

// Typed loosely inside, so that an extra argument from untyped code is refused rather than ignored.
async function sendDynDnsUpdate(...args: unknown[]): Promise<DynDnsUpdateResult> {
  if (args.length > 2) refuse(`expected at most 2 arguments (input, options), got ${args.length}.`, "arguments");
  const [input, options] = args;
  const { hostname, token, ip } = checkInput(input);
  const checked = checkOptions(options, token);
  const query = new URLSearchParams({ hostname, token });
  if (ip !== undefined) query.set("ip", ip);
  const debug = checked.debug ?? debugFromEnvironment();
  const fetchImpl = checked.fetch;
  const { response, body } = await send(
    {
      // Read when called, so a fetch patched after import (test tools, polyfills) is used.
      fetch: fetchImpl ?? ((url, init) => globalThis.fetch(url, init)),
      authorization: "",
      userAgent: userAgentFor(checked.userAgent),
      timeoutMs: checked.timeoutMs,
      maxRetries: checked.maxRetries,
      maxRetryWaitMs: checked.maxRetryWaitMs,
      // A DynDNS2 answer is one short line: a 64 KiB cap leaves room for a proxy's error page.
      maxResponseBytes: 65_536,
      log: checked.logger ?? (debug ? (record: LogRecord) => console.warn(formatLogRecord(record)) : undefined),
      rate: createRateState(),
    },
    { method: UPDATE_OPERATION.method, url: `${checked.baseUrl}${UPDATE_OPERATION.path}?${query}`, headers: {}, body: undefined },
    {
      operationId: UPDATE_OPERATION.id,
      apiKey: false,
      accept: TEXT_ACCEPT,
      retrySafe: UPDATE_OPERATION.retrySafe,
      signal: checked.signal,
      timeoutMs: checked.timeoutMs,
      maxRetries: checked.maxRetries,
    },
  );
  const answer = readAnswer(response, body, token);
  if (answer?.kind === "success") return answer.result;
  if (answer?.kind === "refusal") throw new HostupDynDnsError(answer.code, response.status, requestIdOf(response, token));
  throw await answerError({ values: [token] }, UPDATE_OPERATION, response, body, answer?.what);
}

/** `X-Request-Id`, unless it echoes the token. */
function requestIdOf(response: Response, token: string): string | undefined {
  const id = response.headers.get("x-request-id") ?? undefined;
  return id?.includes(token) ? undefined : id;
}
