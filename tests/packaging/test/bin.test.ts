/** The bins npm linked into the consumer's node_modules/.bin: `hostup-mock` (@hostup/mock) and `hostup` (@hostup/cli). */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startMockServer, type MockServer } from "@hostup/mock";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DOMAIN_ID } from "./support/packages.js";
import {
  consumerEnv,
  isAlive,
  killGroup,
  processesMatching,
  run,
  trackGroup,
  tryConnect,
  untrackGroup,
  waitForExit,
} from "./support/process.js";

const consumer = inject("consumer");
const bin = () => path.join(consumer.dir, "node_modules/.bin/hostup-mock");
const leftovers = new Set<number>();

afterAll(() => {
  for (const pid of leftovers) if (isAlive(pid)) killGroup(pid, "SIGKILL");
});

describe("hostup-mock bin", () => {
  it("--help prints the usage", async () => {
    const { stdout } = await run(bin(), ["--help"], { cwd: consumer.dir, timeoutMs: 30_000 });
    expect(stdout).toMatch(/^Usage: hostup-mock/);
  });

  it("starts Prism on 127.0.0.1 with the installed spec, answers, and stops on SIGTERM", async () => {
    const child: ChildProcess = spawn(bin(), ["--port", "0"], {
      cwd: consumer.dir,
      env: consumerEnv(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    leftovers.add(child.pid!);
    trackGroup(child.pid);
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => {
        untrackGroup(child.pid);
        resolve({ code, signal });
      }),
    );

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line within 60 s\nstderr:\n${stderr}`)), 60_000);
      child.stdout!.on("data", (b: Buffer) => {
        stdout += b.toString("utf8");
        const m = /listening on (http:\/\/\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`hostup-mock exited (${signal ?? code}) before listening\nstderr:\n${stderr}`));
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(url).port);

    // the Prism process it started, serving the consumer's installed bundle
    const spec = path.join(consumer.dir, "node_modules/@hostup/openapi/dist/openapi.json");
    const prism = processesMatching(spec, "--port", String(port));
    for (const pid of prism) leftovers.add(pid);
    if (process.platform === "linux") expect(prism.length).toBeGreaterThan(0);

    const res = await fetch(`${url}/api/v2/domains/${DOMAIN_ID}/actions/status-sync`, {
      method: "POST",
      headers: { Authorization: "Bearer test-key", Accept: "application/json, application/problem+json" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: expect.stringMatching(/^dom_/) });

    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    for (const pid of prism) expect(await waitForExit(pid), `Prism pid ${pid} still running`).toBe(true);
    expect(await tryConnect("127.0.0.1", port)).toBe("refused");
  });
});

describe("hostup bin (@hostup/cli)", () => {
  const hostup = () => path.join(consumer.dir, "node_modules/.bin/hostup");
  let mock: MockServer | undefined;
  beforeAll(async () => {
    mock = await startMockServer();
  }, 60_000);
  afterAll(async () => {
    await mock?.close();
  });

  it("--help names the commands", async () => {
    const { stdout } = await run(hostup(), ["--help"], { cwd: consumer.dir, timeoutMs: 30_000, env: consumerEnv() });
    expect(stdout).toMatch(/^Usage: hostup/);
    for (const command of ["domains", "redirects", "dyndns"]) expect(stdout).toContain(command);
  });

  it("syncs a domain named by its name against the mock, through the installed SDK, with the key from HOSTUP_API_KEY", async () => {
    const { stdout } = await run(hostup(), ["--json", "--base-url", mock!.url, "domains", "sync", "example.com"], {
      cwd: consumer.dir,
      timeoutMs: 60_000,
      env: consumerEnv({ HOSTUP_API_KEY: "packaging-test-key" }),
    });
    expect(JSON.parse(stdout)).toMatchObject({ id: DOMAIN_ID, newStatus: "active", statusChanged: true });
  });

  it("exits 2 with a usage error, before sending anything, when the API key is missing", async () => {
    const env = consumerEnv({ HOME: consumer.root, XDG_CONFIG_HOME: consumer.root });
    delete env.HOSTUP_API_KEY;
    const result = await run(hostup(), ["--base-url", mock!.url, "domains", "list"], {
      cwd: consumer.dir,
      timeoutMs: 30_000,
      env,
      check: false,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("HOSTUP_API_KEY");
  });
});
