// `hostup dyndns update --ip-from <url>` against echo services that misbehave: one that never
// answers, with garbage collections while the lookup waits (on Node 20 a signal made with
// AbortSignal.any loses its AbortSignal.timeout member in a collection, nodejs/node#57736, and the
// lookup then waited for ever), and one whose answer never ends (read whole, it grew the updater's
// memory without bound). Both must fail the lookup (exit 4, nothing sent), the second after reading
// at most the cap. Runs `main` in this process, so that the collections happen in the process that
// waits; the bytes read are counted by a fetch wrapped around the global one.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MAX_ADDRESS_ANSWER_BYTES } from "../src/dyndns-updater/address.js";
import { EXIT } from "../src/exit-codes.js";
import { HOSTNAME, type TextServer, textServer, tokenOnlyEnv } from "./dyndns-update-servers.js";
import { hostup } from "./run.js";

// A full garbage collection on demand, without starting the test process with --expose-gc: the flag
// set at run time exposes `gc` to contexts created after it.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** What an endless answer writes at most (the test's own bound). */
const FLOOD_BYTES = 64 * 1024 * 1024;

interface EchoService {
  url: string;
  /** Bytes written so far by endless answers. */
  written: number;
  /** Connections closed by the client before the answer ended. */
  cutOff: number;
  close(): Promise<void>;
}

/** An echo service on 127.0.0.1 that holds every request (`hang`) or answers with a body that does not end (`flood`). */
async function echoService(behaviour: "hang" | "flood" | "announce"): Promise<EchoService> {
  const sockets = new Set<import("node:net").Socket>();
  const service: EchoService = { url: "", written: 0, cutOff: 0, close: async () => {} };
  const server: Server = createServer((_req, res) => {
    if (behaviour === "hang") return; // never answers
    res.writeHead(200, {
      "content-type": "text/plain",
      ...(behaviour === "announce" ? { "content-length": String(FLOOD_BYTES) } : {}),
    });
    void flood(res, service);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ip`;
  service.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return service;
}

/** `1.2.3.4 1.2.3.4 …` in 64 KiB writes, each once the client took the last, until FLOOD_BYTES or the client hangs up. */
async function flood(res: ServerResponse, service: EchoService): Promise<void> {
  const chunk = Buffer.from("1.2.3.4 ".repeat(8192));
  let closed = false;
  res.once("close", () => {
    closed = true;
  });
  for (let written = 0; written < FLOOD_BYTES && !closed; written += chunk.length) {
    service.written += chunk.length;
    if (!res.write(chunk) && !closed) {
      // Whichever comes first; the other listener goes too (one per write would pile up on the response).
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done).off("close", done);
          resolve();
        };
        res.once("drain", done).once("close", done);
      });
    }
  }
  if (closed) service.cutOff++;
  else res.end();
}

let dyndns: TextServer;
beforeAll(async () => {
  dyndns = await textServer("good 1.2.3.4");
});
afterAll(() => dyndns.close());
afterEach(() => {
  vi.unstubAllGlobals();
});

/** `hostup dyndns update --hostname … --ip-from <url>` in this process, with only a DynDNS token. */
const update = (args: string[]) =>
  hostup(["dyndns", "update", "--hostname", HOSTNAME, ...args], tokenOnlyEnv({ HOSTUP_BASE_URL: dyndns.url }));

/** The run, or "still running" once `ms` have passed: a generous bound that only a lookup without a timeout reaches. */
const within = <T>(run: Promise<T>, ms: number) =>
  Promise.race([run, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), ms).unref())]);

describe("--ip-from against an echo service that never answers", () => {
  test("the lookup times out (exit 4, nothing sent) although garbage is collected while it waits", async () => {
    const echo = await echoService("hang");
    // Collections while the lookup waits for its answer: the one that lost AbortSignal.any's timeout.
    const collecting = setInterval(collectGarbage, 25);
    try {
      const run = await within(update(["--ip-from", echo.url, "--timeout", "400"]), 15_000);
      expect(run).not.toBe("still running");
      const { code, stderr } = run as Exclude<typeof run, string>;
      expect(code).toBe(EXIT.network);
      expect(stderr).toBe(`Error: Could not ask ${new URL(echo.url).origin} for this machine's address: no answer within 400 ms.\n`);
      expect(dyndns.hits).toEqual([]);
    } finally {
      clearInterval(collecting);
      await echo.close();
    }
  });
});

describe("--ip-from against an echo service whose answer does not end", () => {
  /** A fetch that counts the body bytes it hands to its caller for requests to `origin`. */
  function countBodies(origin: string): { read: number } {
    const counter = { read: 0 };
    const realFetch = globalThis.fetch;
    vi.stubGlobal("fetch", async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const response = await realFetch(input, init);
      if (!String(input).startsWith(origin) || !response.body) return response;
      const counted = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            counter.read += chunk.length;
            out.enqueue(chunk);
          },
        }),
      );
      return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
    });
    return counter;
  }

  test.for(["flood", "announce"] as const)(
    "%s: the lookup fails after reading at most the cap (exit 4, nothing sent), and the connection is closed",
    async (behaviour) => {
      const echo = await echoService(behaviour);
      const counter = countBodies(new URL(echo.url).origin);
      try {
        const run = await within(update(["--ip-from", echo.url, "--timeout", "10000"]), 20_000);
        expect(run).not.toBe("still running");
        const { code, stderr } = run as Exclude<typeof run, string>;
        expect(code).toBe(EXIT.network);
        expect(stderr).toBe(
          `Error: ${new URL(echo.url).origin} answered with more than ${MAX_ADDRESS_ANSWER_BYTES} bytes, which is no address.\n`,
        );
        expect(dyndns.hits).toEqual([]);
        // At most the cap, plus what the wrapping fetch read ahead on its own (a chunk or two).
        expect(counter.read).toBeLessThanOrEqual(MAX_ADDRESS_ANSWER_BYTES + 256 * 1024);
        // The updater hung up: the service stopped well before it had written all it would.
        for (let i = 0; i < 100 && echo.cutOff === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(echo.cutOff).toBe(1);
        expect(echo.written).toBeLessThan(FLOOD_BYTES);
      } finally {
        await echo.close();
      }
    },
  );

  test("the cap is a few hundred bytes: enough for any address and a line around it", () => {
    expect(MAX_ADDRESS_ANSWER_BYTES).toBeGreaterThanOrEqual(100);
    expect(MAX_ADDRESS_ANSWER_BYTES).toBeLessThanOrEqual(1024);
  });
});
