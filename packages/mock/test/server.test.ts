import type { ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startMockServer, type MockServer } from "../src/index.js";
import setup from "../src/vitest-global-setup.js";
import { groupIsRunning, isRunning, tryConnect } from "./helpers.js";

// Every process the mock spawns, so that tests can check none is left, on any platform.
const spawned = vi.hoisted(() => [] as ChildProcess[]);
vi.mock("node:child_process", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:child_process")>();
  const spawn = ((...args: Parameters<typeof actual.spawn>) => {
    const child = actual.spawn(...args);
    spawned.push(child);
    return child;
  }) as typeof actual.spawn;
  return { ...actual, spawn };
});

/** The processes spawned while `run` ran (it may reject: the error is returned, not thrown). */
async function spawnedDuring(run: () => Promise<unknown>): Promise<{ children: ChildProcess[]; error: Error | undefined }> {
  const before = spawned.length;
  const error = await run().then(
    () => undefined,
    (e: Error) => e,
  );
  return { children: spawned.slice(before), error };
}

function expectGone(children: ChildProcess[]): void {
  for (const child of children) {
    expect(child.pid).toBeTypeOf("number");
    expect(isRunning(child.pid!), `Prism (pid ${child.pid}) still runs`).toBe(false);
    expect(groupIsRunning(child.pid!), `Prism's process group (${child.pid}) still has processes`).toBe(false);
  }
}

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const spec = path.join(fixtures, "pets.openapi.yaml");
const auth = { Authorization: "Bearer test-token", Accept: "application/json, application/problem+json" };

const started: MockServer[] = [];
async function start(opts: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const server = await startMockServer({ spec, ...opts });
  started.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

describe("startMockServer", () => {
  it("starts on 127.0.0.1 on a free port and answers with the spec's example", async () => {
    const server = await start();
    expect(server.host).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);

    const res = await fetch(`${server.url}/pets/1`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 1, name: "Rex", tag: "dog" });
  });

  it("enforces the spec's bearer security", async () => {
    const server = await start();
    const res = await fetch(`${server.url}/pets/1`, {
      headers: { Accept: "application/json, application/problem+json" },
    });
    expect(res.status).toBe(401);
  });

  it("close() stops the server: port refuses connections, process is gone, close is idempotent", async () => {
    const server = await start();
    expect(await tryConnect("127.0.0.1", server.port)).toBe("open");
    expect(isRunning(server.pid)).toBe(true);
    expect(spawned.at(-1)?.pid).toBe(server.pid);

    await server.close();
    expect(isRunning(server.pid)).toBe(false);
    expect(groupIsRunning(server.pid)).toBe(false);
    expect(await tryConnect("127.0.0.1", server.port)).toBe("refused");
    await expect(server.exited).resolves.toBeDefined();
    await server.close(); // second call: no throw
  });

  it("runs two servers at once on different ports", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.port).not.toBe(b.port);
    const [ra, rb] = await Promise.all([fetch(`${a.url}/pets/1`, { headers: auth }), fetch(`${b.url}/pets/2`, { headers: auth })]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    await a.close();
    // closing one leaves the other running
    expect((await fetch(`${b.url}/pets/3`, { headers: auth })).status).toBe(200);
  });

  it("fails clearly on a missing spec path, before spawning anything", async () => {
    const missing = path.join(fixtures, "does-not-exist.yaml");
    const { children, error } = await spawnedDuring(() => startMockServer({ spec: missing }));
    expect(error?.message).toBe(`OpenAPI spec not found: ${missing}`);
    expect(children).toEqual([]);
  });

  it("fails clearly when Prism rejects the spec, and leaves no process behind", async () => {
    const broken = path.join(fixtures, "broken.yaml");
    const { children, error } = await spawnedDuring(() => startMockServer({ spec: broken, startupTimeoutMs: 20_000 }));
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/Prism (exited|did not answer)/);
    expect(error!.message).toContain("broken.yaml");
    expect(children).toHaveLength(1); // Prism did start, then gave up
    expectGone(children);
  });

  it("gives up after startupTimeoutMs and stops the Prism that did not answer in time", async () => {
    const { children, error } = await spawnedDuring(() => startMockServer({ spec, startupTimeoutMs: 1 }));
    expect(error?.message).toMatch(/^Prism did not answer on http:\/\/127\.0\.0\.1:\d+ within 1 ms\./);
    expect(children).toHaveLength(1);
    expect(children[0]!.signalCode).toBe("SIGTERM"); // stopped by the mock, not crashed
    expectGone(children);
  });

  it("reports a clear error when an explicit port is taken, and leaves no process behind", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { children, error } = await spawnedDuring(() => startMockServer({ spec, port, startupTimeoutMs: 20_000 }));
      expect(error?.message).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
      expect(children).toHaveLength(1); // an explicit port is not retried
      expectGone(children);
    } finally {
      blocker.close();
    }
  });
});

describe("vitest global setup", () => {
  it("starts a mock, exposes its URL, and tears it down", async () => {
    const provided: Record<string, unknown> = {};
    const prevSpec = process.env.HOSTUP_MOCK_SPEC;
    const prevBase = process.env.TEST_API_BASE_URL;
    process.env.HOSTUP_MOCK_SPEC = spec;
    delete process.env.TEST_API_BASE_URL;
    try {
      const teardown = await setup({ provide: (k, v) => void (provided[k] = v) });
      const url = process.env.HOSTUP_MOCK_URL!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(provided.HOSTUP_MOCK_URL).toBe(url);
      expect((await fetch(`${url}/pets/1`, { headers: auth })).status).toBe(200);
      await teardown();
      expect(await tryConnect("127.0.0.1", Number(new URL(url).port))).toBe("refused");
    } finally {
      if (prevSpec === undefined) delete process.env.HOSTUP_MOCK_SPEC;
      else process.env.HOSTUP_MOCK_SPEC = prevSpec;
      if (prevBase !== undefined) process.env.TEST_API_BASE_URL = prevBase;
    }
  });

  it("uses TEST_API_BASE_URL instead of starting a mock", async () => {
    const prevBase = process.env.TEST_API_BASE_URL;
    process.env.TEST_API_BASE_URL = "https://staging.example.test/v1/";
    try {
      const provided: Record<string, unknown> = {};
      const teardown = await setup({ provide: (k, v) => void (provided[k] = v) });
      expect(process.env.HOSTUP_MOCK_URL).toBe("https://staging.example.test/v1");
      expect(provided.HOSTUP_MOCK_URL).toBe("https://staging.example.test/v1");
      await teardown();
    } finally {
      if (prevBase === undefined) delete process.env.TEST_API_BASE_URL;
      else process.env.TEST_API_BASE_URL = prevBase;
    }
  });
});
