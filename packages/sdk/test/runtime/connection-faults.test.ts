// What only a real connection shows, against the loopback fault server (../support/fault-server.ts):
// a reset after the headers and part of the body, a server that closes before answering, and a
// body that stalls midway (the per-attempt timeout and the AbortSignal cover reading the body).
// Everything else is tested with a fetch handler (../support/fetch-handler.ts), without a port.
import { describe, expect } from "vitest";
import { HostupAbortError, HostupConnectionError, HostupTimeoutError } from "../../src/index.js";
import {
  clientFor,
  DOMAIN_ID,
  DYNDNS_BODY,
  DYNDNS_CONFIG,
  expectNoSecrets,
  failOnUnhandledRejections,
  rejectionOf,
  SYNC_RESULT,
  timed,
  test,
} from "./helpers.js";

failOnUnhandledRejections();
const ok = { status: 200, json: SYNC_RESULT };

describe.concurrent("lost connections", () => {
  test("connection reset mid-response on a retry-safe operation: retried, then HostupConnectionError (not a timeout)", async ({
    server,
  }) => {
    const reset = { status: 200, json: SYNC_RESULT, resetMidBody: true };
    server.script([reset, reset, ok]);
    const error = await rejectionOf(clientFor(server, { maxRetries: 1 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(error).not.toBeInstanceOf(HostupTimeoutError);
    expect(error.name).toBe("HostupConnectionError");
    expect((error as HostupConnectionError).attempts).toBe(2);
    expect(error.message).toMatch(/Could not reach the HostUp API/);
    expect(error.cause).toBeDefined();
    expect(server.requests).toHaveLength(2);
  });

  test("a reset followed by a success resolves with the data", async ({ server }) => {
    server.script([{ status: 200, json: SYNC_RESULT, resetMidBody: true }, ok]);
    await expect(clientFor(server).syncDomainStatus(DOMAIN_ID)).resolves.toEqual(SYNC_RESULT);
    expect(server.requests).toHaveLength(2);
  });

  test("connection destroyed before any response on a retry-safe operation: retried, then HostupConnectionError", async ({ server }) => {
    server.script([{ destroy: true }, { destroy: true }, ok]);
    const error = await rejectionOf(clientFor(server, { maxRetries: 1 }).deleteDomain(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(error).not.toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupConnectionError).attempts).toBe(2);
    expect(server.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
  });

  test("createDynDnsConfig is not retried after a reset mid-response", async ({ server }) => {
    server.script([
      { status: 201, json: DYNDNS_CONFIG, resetMidBody: true },
      { status: 201, json: DYNDNS_CONFIG },
    ]);
    const error = await rejectionOf(clientFor(server).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(error).not.toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupConnectionError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  test("createDynDnsConfig is not retried after the connection is destroyed", async ({ server }) => {
    server.script([{ destroy: true }, { status: 201, json: DYNDNS_CONFIG }]);
    const error = await rejectionOf(clientFor(server).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect((error as HostupConnectionError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe.concurrent("secrets stay out of errors", () => {
  test.for([
    ["reset mid-response", { status: 201, json: DYNDNS_CONFIG, resetMidBody: true }],
    ["destroyed before a response", { destroy: true }],
  ] as const)("connection errors (%s) do not carry the key or the token, cause chain included", async ([, answer], { server }) => {
    server.script([answer]);
    const error = await rejectionOf(clientFor(server).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(error).not.toBeInstanceOf(HostupTimeoutError);
    expect(error.cause).toBeDefined();
    expectNoSecrets(error);
  });
});

describe.concurrent("timeouts", () => {
  test("the timeout covers the body: headers on time, body stalled midway → HostupTimeoutError", async ({ server }) => {
    server.script([{ ...ok, stallMs: 2_000 }]);
    const { ms, error } = await timed(() => clientFor(server, { timeoutMs: 250, maxRetries: 0 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupTimeoutError).timeoutMs).toBe(250);
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(ms).toBeLessThan(1_500);
  });

  test("a body that stalls for less than timeoutMs is read completely", async ({ server }) => {
    server.script([{ ...ok, stallMs: 150 }]);
    await expect(clientFor(server, { timeoutMs: 1_000 }).syncDomainStatus(DOMAIN_ID)).resolves.toEqual(SYNC_RESULT);
  });
});

describe.concurrent("AbortSignal", () => {
  test("aborting while the body is stalled → HostupAbortError, not a connection error or timeout", async ({ server }) => {
    server.script([{ ...ok, stallMs: 3_000 }]);
    const controller = new AbortController();
    const reason = new Error("stop");
    // Abort once the headers are in, so that it lands while the body is being read.
    const abortAfterHeaders: typeof fetch = (input, init) =>
      fetch(input, init).then((response) => {
        setTimeout(() => controller.abort(reason), 20);
        return response;
      });
    const { ms, error } = await timed(() =>
      clientFor(server, { timeoutMs: 5_000, fetch: abortAfterHeaders }).syncDomainStatus(DOMAIN_ID, { signal: controller.signal }),
    );

    expect(error).toBeInstanceOf(HostupAbortError);
    expect(error!.cause).toBe(reason);
    expect(ms).toBeLessThan(2_000); // far below the 3 s stall
  });
});
