/**
 * The installed packages at run time, the way a consumer's program uses them: ESM `import` and
 * CommonJS `require`, each starting the installed @hostup/mock (Prism on its default spec, the
 * installed @hostup/openapi bundle) and calling it through the installed @hostup/sdk.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DOMAIN_ID } from "./support/packages.js";
import { isAlive, killGroup, run, waitForExit } from "./support/process.js";

const consumer = inject("consumer");
const prismPids = new Set<number>();

afterAll(() => {
  for (const pid of prismPids) if (isAlive(pid)) killGroup(pid, "SIGKILL");
});

/** The program body, shared by both module formats (`load` differs). */
const body = (resolveSdk: string, resolveMock: string) => `
  const mock = await startMockServer();
  console.log(JSON.stringify({ event: "started", pid: mock.pid, url: mock.url, spec: resolveDefaultSpec() }));
  try {
    const hostup = createHostupClient({ apiKey: "test-key", baseUrl: mock.url, maxRetries: 0 });
    const result = await hostup.syncDomainStatus(${JSON.stringify(DOMAIN_ID)});
    let error;
    try {
      await hostup.getDomain(${JSON.stringify(DOMAIN_ID)}, { headers: { Prefer: "code=404" } });
    } catch (e) {
      error = e instanceof HostupApiError
        ? { isHostupApiError: true, name: e.name, status: e.status, code: e.code }
        : { isHostupApiError: false, message: String(e) };
    }
    console.log(JSON.stringify({
      event: "result",
      node: process.version,
      sdk: ${resolveSdk},
      mock: ${resolveMock},
      result,
      error,
    }));
  } finally {
    await mock.close();
  }
  console.log(JSON.stringify({ event: "closed" }));
`;

const programs = {
  esm: {
    file: "esm-consumer.mjs",
    source:
      `import { createHostupClient, HostupApiError } from "@hostup/sdk";\n` +
      `import { startMockServer, resolveDefaultSpec } from "@hostup/mock";\n` +
      body(`import.meta.resolve("@hostup/sdk")`, `import.meta.resolve("@hostup/mock")`),
    sdkEntry: "node_modules/@hostup/sdk/dist/index.js",
    mockEntry: "node_modules/@hostup/mock/dist/index.js",
  },
  cjs: {
    file: "cjs-consumer.cjs",
    source:
      `"use strict";\n` +
      `const { createHostupClient, HostupApiError } = require("@hostup/sdk");\n` +
      `const { startMockServer, resolveDefaultSpec } = require("@hostup/mock");\n` +
      `(async () => {\n${body(`require.resolve("@hostup/sdk")`, `require.resolve("@hostup/mock")`)}\n})().catch((e) => {\n` +
      `  console.error(e);\n  process.exitCode = 1;\n});\n`,
    sdkEntry: "node_modules/@hostup/sdk/dist/index.cjs",
    mockEntry: "node_modules/@hostup/mock/dist/index.cjs",
  },
} as const;

type Event =
  | { event: "started"; pid: number; url: string; spec: string }
  | {
      event: "result";
      node: string;
      sdk: string;
      mock: string;
      result: Record<string, unknown>;
      error: Record<string, unknown>;
    }
  | { event: "closed" };

describe.each(Object.entries(programs))("%s consumer", (_format, program) => {
  it("imports @hostup/sdk and @hostup/mock, calls an operation on the mock, catches HostupApiError", async () => {
    const file = path.join(consumer.dir, program.file);
    await writeFile(file, program.source);
    const { stdout, stderr } = await run(process.execPath, [file], { cwd: consumer.dir, timeoutMs: 90_000 });
    console.log(`${program.file} printed:\n${stdout}${stderr ? `stderr:\n${stderr}` : ""}`);

    const events = stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Event);
    const started = events.find((e) => e.event === "started") as Extract<Event, { event: "started" }>;
    const done = events.find((e) => e.event === "result") as Extract<Event, { event: "result" }>;
    expect(started).toBeDefined();
    prismPids.add(started.pid);

    // Prism listened on loopback and served the installed @hostup/openapi bundle
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.spec).toBe(path.join(consumer.dir, "node_modules/@hostup/openapi/dist/openapi.json"));

    // the program ran on this Node, with the entry points of the installed packages for its format
    expect(done.node).toBe(process.version);
    const asPath = (s: string) => (s.startsWith("file:") ? new URL(s).pathname : s);
    expect(asPath(done.sdk)).toBe(path.join(consumer.dir, program.sdkEntry));
    expect(asPath(done.mock)).toBe(path.join(consumer.dir, program.mockEntry));

    // the documented example of syncDomainStatus, and the 404 as an HostupApiError subclass
    expect(done.result).toMatchObject({
      id: expect.stringMatching(/^dom_/),
      name: expect.any(String),
      newStatus: expect.any(String),
      statusChanged: expect.any(Boolean),
    });
    expect(done.error).toMatchObject({ isHostupApiError: true, name: "HostupNotFoundError", status: 404 });

    // mock.close() stopped Prism
    expect(events.at(-1)).toEqual({ event: "closed" });
    expect(await waitForExit(started.pid)).toBe(true);
  });
});

describe("the installed @hostup/openapi/walk", () => {
  it("walks the installed bundle: every operation, with its parameters resolved", async () => {
    const file = path.join(consumer.dir, "walk-consumer.mjs");
    await writeFile(
      file,
      `import { createRequire } from "node:module";\n` +
        `import { listOperations, HTTP_METHODS } from "@hostup/openapi/walk";\n` +
        `const spec = createRequire(import.meta.url)("@hostup/openapi/openapi.json");\n` +
        `const ops = listOperations(spec);\n` +
        `console.log(JSON.stringify({ methods: HTTP_METHODS.length, ids: ops.map((o) => o.operationId), getDomain: ops.find((o) => o.operationId === "getDomain")?.parameters.map((p) => p.name) }));\n`,
    );
    const { stdout } = await run(process.execPath, [file], { cwd: consumer.dir, timeoutMs: 30_000 });
    const out = JSON.parse(stdout.trim()) as { methods: number; ids: string[]; getDomain: string[] };
    expect(out.methods).toBe(8);
    expect(out.ids).toContain("syncDomainStatus");
    expect(new Set(out.ids).size).toBe(out.ids.length);
    expect(out.getDomain).toEqual(["id"]);
  });
});
