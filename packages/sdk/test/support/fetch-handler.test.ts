// The fetch handler stands in for the network in most SDK tests, so it must behave as fetch does
// wherever the SDK can tell: what it records, the responses it builds, aborts, connection failures.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { createFetchHandler, FETCH_HANDLER_URL, type FetchHandler } from "./fetch-handler.js";

let api: FetchHandler;
afterEach(() => api?.close());

/** The error a promise rejects with. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("resolved"),
    (error: unknown) => error,
  );

describe("what it records", () => {
  test("method, URL, path, query, headers, body text and parsed JSON, in call order", async () => {
    api = createFetchHandler();
    api.handle(() => ({ status: 204 }));
    await api.fetch(`${api.url}/api/v2/domains?limit=2&name=a.com`, { headers: { Authorization: "Bearer k", "X-Trace": "t1" } });
    await api.fetch(new Request(`${api.url}/api/v2/domains/bulk`, { method: "POST", body: '{"domainIds":["dom_1"]}' }));
    await api.fetch(`${api.url}/x`, { method: "PUT", body: "not json" });

    const [get, post, put] = api.requests;
    expect(get).toMatchObject({ method: "GET", url: `${FETCH_HANDLER_URL}/api/v2/domains?limit=2&name=a.com`, path: "/api/v2/domains" });
    expect(get!.query).toEqual({ limit: "2", name: "a.com" });
    expect(get!.headers.get("authorization")).toBe("Bearer k");
    expect(get!.headers.get("x-trace")).toBe("t1");
    expect(get!.body).toBe("");
    expect(get!.json).toBeUndefined();
    expect(post).toMatchObject({
      method: "POST",
      path: "/api/v2/domains/bulk",
      body: '{"domainIds":["dom_1"]}',
      json: { domainIds: ["dom_1"] },
    });
    expect(put).toMatchObject({ method: "PUT", body: "not json", json: undefined });
    expect(api.requests.map((r) => r.inFlight)).toEqual([1, 1, 1]);
    expect(api.gapsMs()).toHaveLength(2);
    for (const gap of api.gapsMs()) expect(gap).toBeGreaterThanOrEqual(0);
  });

  test("counts requests in flight, and the most at once", async () => {
    api = createFetchHandler();
    api.handle(() => ({ delayMs: 30 }));
    const calls = [1, 2, 3].map(() => api.fetch(`${api.url}/x`));
    await api.requested(3);
    expect(api.inFlight).toBe(3);
    await Promise.all(calls);
    expect(api.inFlight).toBe(0);
    expect(api.maxInFlight).toBe(3);
    expect(api.requests.map((r) => r.inFlight)).toEqual([1, 2, 3]);
  });

  test("requested(n) resolves once n requests were sent, and rejects when they do not come", async () => {
    api = createFetchHandler();
    api.handle(() => ({}));
    const two = api.requested(2);
    await api.fetch(`${api.url}/a`);
    await api.fetch(`${api.url}/b`);
    await expect(two).resolves.toBeUndefined();
    await expect(api.requested(3, 20)).rejects.toThrow("2 of 3 requests after 20 ms");
  });
});

describe("the responses it builds", () => {
  test("json and problem get their content types; a status gets its reason phrase, as from a Node server", async () => {
    api = createFetchHandler();
    api.script([{ json: { a: 1 } }, { status: 404, problem: { code: "not_found" } }, { status: 500 }]);
    const json = await api.fetch(`${api.url}/x`);
    const problem = await api.fetch(`${api.url}/x`);
    const empty = await api.fetch(`${api.url}/x`);

    expect(json.status).toBe(200);
    expect(json.statusText).toBe("OK");
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(await json.json()).toEqual({ a: 1 });
    expect(problem.status).toBe(404);
    expect(problem.statusText).toBe("Not Found");
    expect(problem.headers.get("content-type")).toBe("application/problem+json");
    expect(await problem.json()).toEqual({ code: "not_found" });
    expect(empty.statusText).toBe("Internal Server Error");
    expect(empty.headers.get("content-type")).toBeNull();
    expect(await empty.text()).toBe("");
  });

  test("text goes as is, with no content type unless the headers give one; headers (Set-Cookie too) are kept", async () => {
    api = createFetchHandler();
    api.script([
      { text: "plain" },
      { status: 502, headers: { "content-type": "text/html", "set-cookie": "s=1", "x-request-id": "req_1" }, text: "<html></html>" },
    ]);
    const bare = await api.fetch(`${api.url}/x`);
    const page = await api.fetch(`${api.url}/x`);

    expect(bare.headers.get("content-type")).toBeNull();
    expect(await bare.text()).toBe("plain");
    expect(page.headers.get("content-type")).toBe("text/html");
    expect(page.headers.get("set-cookie")).toBe("s=1");
    expect(page.headers.get("x-request-id")).toBe("req_1");
    expect(await page.text()).toBe("<html></html>");
  });

  test("a 204 has no body; a Response from the handler is returned as it is", async () => {
    api = createFetchHandler();
    const own = new Response("mine", { status: 201 });
    api.script([{ status: 204 }]);
    expect((await api.fetch(`${api.url}/x`)).body).toBeNull();
    api.handle(() => own);
    expect(await api.fetch(`${api.url}/x`)).toBe(own);
  });

  test("past the script, or when the handler throws: a 418 naming why, counted", async () => {
    api = createFetchHandler();
    api.script([{}]);
    await api.fetch(`${api.url}/x`);
    const unscripted = await api.fetch(`${api.url}/x`);
    expect(unscripted.status).toBe(418);
    expect(await unscripted.text()).toBe("fetch-handler: no scripted answer for request #2");
    expect(api.unscripted).toBe(1);

    api.handle(() => {
      throw new Error("unexpected GET /x");
    });
    const failed = await api.fetch(`${api.url}/x`);
    expect(failed.status).toBe(418);
    expect(await failed.text()).toContain("unexpected GET /x");
    expect(api.handlerErrors).toEqual([new Error("unexpected GET /x")]);
  });
});

describe("aborts and delays", () => {
  test("a delayed answer comes after the delay", async () => {
    api = createFetchHandler();
    api.script([{ delayMs: 100, json: { late: true } }]);
    const started = performance.now();
    const response = await api.fetch(`${api.url}/x`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(98);
    expect(await response.json()).toEqual({ late: true });
  });

  test("the signal ends a delay at once, rejecting with its reason (as fetch does), and the request leaves flight", async () => {
    api = createFetchHandler();
    api.script([{ delayMs: 5_000, json: {} }]);
    const controller = new AbortController();
    const reason = new Error("stop");
    const call = rejection(api.fetch(`${api.url}/x`, { signal: controller.signal }));
    await api.requested(1);
    const aborted = performance.now();
    controller.abort(reason);

    expect(await call).toBe(reason);
    expect(performance.now() - aborted).toBeLessThan(1_000);
    expect(api.inFlight).toBe(0);
    expect(api.requests[0]!.signal).toBe(controller.signal);
  });

  test("hang: only the signal ends the request; abort() without a reason rejects with an AbortError", async () => {
    api = createFetchHandler();
    api.script([{ hang: true }]);
    const controller = new AbortController();
    const call = rejection(api.fetch(`${api.url}/x`, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.inFlight).toBe(1);
    controller.abort();

    const error = await call;
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
  });

  test("an already aborted signal rejects at once, and nothing is recorded (nothing was sent)", async () => {
    api = createFetchHandler();
    api.script([{}]);
    const reason = new Error("too late");
    expect(await rejection(api.fetch(`${api.url}/x`, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(api.requests).toHaveLength(0);
  });
});

describe("connection failures", () => {
  test.for(["ECONNRESET", "ECONNREFUSED", "ENOTFOUND"] as const)(
    "fail: %s → TypeError('fetch failed') whose cause has that code",
    async (code) => {
      api = createFetchHandler();
      api.script([{ fail: code }]);
      const error = (await rejection(api.fetch(`${api.url}/x`))) as TypeError;

      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe("fetch failed");
      expect(error.cause).toBeInstanceOf(Error);
      expect((error.cause as NodeJS.ErrnoException).code).toBe(code);
      expect((error.cause as Error).message).toContain(code);
      expect(api.requests).toHaveLength(1);
      expect(api.inFlight).toBe(0);
    },
  );

  test("fail after delayMs: the failure comes after the delay", async () => {
    api = createFetchHandler();
    api.script([{ delayMs: 80, fail: "ECONNRESET" }]);
    const started = performance.now();
    await rejection(api.fetch(`${api.url}/x`));
    expect(performance.now() - started).toBeGreaterThanOrEqual(78);
  });

  // The fake mimics undici, Node's fetch; Bun's and Deno's fetch (scripts/compat runs this suite in both) fail otherwise.
  test.skipIf("bun" in process.versions || "Deno" in globalThis)(
    "ECONNREFUSED has the shape undici gives a refused connection on 127.0.0.1",
    async () => {
      // A port that was just listening and is closed now refuses connections.
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const real = (await rejection(fetch(`http://127.0.0.1:${port}/x`))) as TypeError;

      api = createFetchHandler(`http://127.0.0.1:${port}`);
      api.script([{ fail: "ECONNREFUSED" }]);
      const fake = (await rejection(api.fetch(`${api.url}/x`))) as TypeError;

      expect(fake.name).toBe(real.name);
      expect(fake.message).toBe(real.message);
      const fields = (error: TypeError) => {
        const { message, code, errno, syscall, address, port } = error.cause as NodeJS.ErrnoException & { address: string; port: number };
        return { message, code, errno, syscall, address, port };
      };
      expect(fields(fake)).toEqual(fields(real));
    },
  );
});
