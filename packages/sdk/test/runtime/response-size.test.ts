// A response body larger than the client's maxResponseBytes, over a real socket: an endless stream,
// a declared length past the limit, and a small gzip body that inflates past it. The SDK stops
// reading at the limit and fails with HostupResponseTooLargeError: memory stays bounded, the
// connection is released, and the call is not retried (the server did answer).
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createHostupClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  HostupConfigError,
  HostupError,
  HostupResponseTooLargeError,
} from "../../src/index.js";
import { API_KEY, DOMAIN_ID, SYNC_RESULT } from "./helpers.js";

const LIMIT = 64 * 1024;
let server: Server;
let baseUrl: string;
const hits: string[] = [];
/** Bytes the endless answer wrote before the client hung up. */
let endlessWritten = 0;
let endlessClosed: Promise<void> = Promise.resolve();

const answers: Record<string, (res: ServerResponse) => void> = {
  endless(res) {
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    endlessWritten = 0;
    endlessClosed = new Promise((resolve) => res.on("close", () => resolve()));
    const pump = () => {
      while (!res.destroyed && endlessWritten < 512 * 1024 * 1024) {
        endlessWritten += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
    };
    pump();
  },
  declared(res) {
    // Says it is huge, sends a little, then waits: the client must not wait for the rest.
    res.writeHead(200, { "content-type": "application/json", "content-length": String(LIMIT * 100) });
    res.write("{");
  },
  bomb(res) {
    const inflated = gzipSync(Buffer.alloc(LIMIT * 8, 0x20));
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(inflated.length) });
    res.end(inflated);
  },
  fits(res) {
    const body = JSON.stringify(SYNC_RESULT);
    res.writeHead(200, { "content-type": "application/json" }); // chunked: read in the bounded loop
    res.end(body);
  },
  error(res) {
    res.writeHead(503, { "content-type": "text/html" });
    res.end("x".repeat(LIMIT * 2));
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const kind = String(req.headers["x-answer"] ?? "fits");
    hits.push(kind);
    answers[kind]!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = (maxResponseBytes = LIMIT) => createHostupClient({ apiKey: API_KEY, baseUrl, maxResponseBytes, timeoutMs: 10_000 });
/** A retry-safe GET whose header says which answer the server gives. */
const list = (kind: string) => client().listDomains(undefined, { headers: { "x-answer": kind } });
const rawList = (kind: string) => client().raw.GET("/api/v2/domains", { headers: { "x-answer": kind } });

describe("maxResponseBytes", () => {
  test("an endless body: HostupResponseTooLargeError at the limit, the server sees the client hang up, no retry", async () => {
    hits.length = 0;
    const error = await list("endless").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostupResponseTooLargeError);
    expect(error).toBeInstanceOf(HostupError);
    expect(error).toMatchObject({ status: 200, maxResponseBytes: LIMIT, operationId: "listDomains" });
    expect((error as Error).message).toBe(
      `HTTP 200: the answer is larger than maxResponseBytes (${LIMIT} bytes), so the SDK stopped reading it (GET /api/v2/domains).`,
    );
    await endlessClosed;
    // Far less than the 512 MiB it would have sent: reading stopped near the limit (socket buffers aside).
    expect(endlessWritten).toBeLessThan(64 * 1024 * 1024);
    expect(hits).toEqual(["endless"]);
  });

  test("a declared length past the limit fails at once, without waiting for the body", async () => {
    const started = Date.now();
    await expect(list("declared")).rejects.toBeInstanceOf(HostupResponseTooLargeError);
    expect(Date.now() - started).toBeLessThan(5_000); // the timeout is 10 s: it did not wait for the rest
  });

  test("a small gzip body that inflates past the limit is stopped too (the declared length is the compressed one)", async () => {
    await expect(list("bomb")).rejects.toBeInstanceOf(HostupResponseTooLargeError);
  });

  test("an error answer past the limit is that error too, and not retried although 503s are", async () => {
    hits.length = 0;
    await expect(list("error")).rejects.toMatchObject({ name: "HostupResponseTooLargeError", status: 503 });
    expect(hits).toEqual(["error"]);
  });

  test("a body within the limit is read whole, in chunks or with a length; raw is bounded as well", async () => {
    expect(await client().syncDomainStatus(DOMAIN_ID)).toEqual(SYNC_RESULT);
    await expect(rawList("endless")).rejects.toBeInstanceOf(HostupResponseTooLargeError);
  });

  test("the default is 16 MiB, and the option is checked", () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16 * 1024 * 1024);
    for (const bad of [0, -1, 1.5, Number.NaN, "1000"]) {
      expect(() => createHostupClient({ apiKey: API_KEY, maxResponseBytes: bad as number })).toThrow(HostupConfigError);
    }
  });
});

describe("maxResponseBytes with what other fetch implementations and browsers answer", () => {
  const ID = DOMAIN_ID;
  const stubbed = (answer: () => Response | Promise<Response>) =>
    createHostupClient({
      apiKey: API_KEY,
      baseUrl: "http://127.0.0.1:9",
      maxResponseBytes: LIMIT,
      maxRetries: 0,
      fetch: async () => answer(),
    });

  test("a declared length is not trusted: a body longer than it (a browser hides Content-Encoding from scripts) is still cut at the limit", async () => {
    const huge = `{"pad":"${"x".repeat(LIMIT * 4)}"}`;
    const client = stubbed(() => new Response(huge, { headers: { "content-type": "application/json", "content-length": "4000" } }));
    await expect(client.getDomain(ID)).rejects.toBeInstanceOf(HostupResponseTooLargeError);
  });

  test("a body that is no web stream (node-fetch 2, cross-fetch in Node) is read as it offers", async () => {
    const text = JSON.stringify(SYNC_RESULT);
    const nodeFetchLike = {
      ok: true,
      status: 200,
      statusText: "OK",
      headers: new Headers({ "content-type": "application/json" }),
      body: {},
      text: async () => text,
    };
    expect(await stubbed(() => nodeFetchLike as unknown as Response).syncDomainStatus(ID)).toEqual(SYNC_RESULT);
  });

  test("an answer without a body may declare any length (HEAD, 204)", async () => {
    const client = stubbed(() => new Response(null, { status: 204, headers: { "content-length": "999999999" } }));
    await expect(client.deleteDomain(ID)).resolves.toBeUndefined();
  });
});
