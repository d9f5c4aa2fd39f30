// One Prism process on one port: spawn it, wait until it answers HTTP, and stop it (its whole
// process group) on close or on failure to start.
import { spawn } from "node:child_process";
import http from "node:http";
import type net from "node:net";
import { killGroup, track, untrack } from "./cleanup.js";
import { releasePort, reservePort } from "./ports.js";
import { OutputTail } from "./prism-output.js";
import type { MockServer, MockServerOptions } from "./types.js";

export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
const KILL_GRACE_MS = 3_000;

export class StartupError extends Error {
  constructor(
    message: string,
    /** The port was taken: with an auto-picked port, another one may work. */
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = "MockServerStartupError";
  }
}

export type LaunchOptions = MockServerOptions & { host: string; spec: string; port: number; prismBin: string };

function formatUrl(host: string, port: number): string {
  const h = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}

/** Whether anything answers HTTP at `url` (any status counts: Prism is up). */
function probe(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/__hostup_mock_ready`, { timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts Prism on `o.port`; resolves once it answers, or rejects (with Prism stopped) with a `StartupError`. */
export async function launch(o: LaunchOptions): Promise<MockServer> {
  const url = formatUrl(o.host, o.port);
  const args = [
    o.prismBin,
    "mock",
    o.spec,
    "--host",
    o.host,
    "--port",
    String(o.port),
    `--errors=${o.errors ? "true" : "false"}`,
    `--dynamic=${o.dynamic ? "true" : "false"}`,
    "--multiprocess=false",
  ];

  reservePort(o.port);
  const child = spawn(process.execPath, args, {
    detached: true, // own process group: close() kills the whole group
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    windowsHide: true,
  });
  track(child);

  const tail = new OutputTail();
  const onData = (buf: Buffer) => {
    const s = buf.toString("utf8");
    tail.append(s);
    o.onOutput?.(s);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);

  let hasExited = false;
  let spawnError: Error | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("error", (err) => {
      spawnError = err;
      if (child.pid === undefined) {
        hasExited = true;
        resolve({ code: null, signal: null });
      }
    });
    child.once("exit", (code, signal) => {
      hasExited = true;
      untrack(child);
      resolve({ code, signal });
    });
  });
  exited.then(() => releasePort(o.port));

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      if (!hasExited) {
        child.ref();
        killGroup(child.pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), KILL_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      // sweep anything Prism may have left in its group
      killGroup(child.pid, "SIGKILL");
      untrack(child);
    })());

  const timeoutMs = o.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let failure: StartupError | undefined;
  for (;;) {
    if (hasExited || spawnError) {
      const { code, signal } = await exited;
      const inUse = tail.includes(/EADDRINUSE|address already in use/i);
      failure = new StartupError(
        (spawnError
          ? `Could not start Prism (${spawnError.message}).`
          : `Prism exited (${signal ? `signal ${signal}` : `code ${code}`}) before answering on ${url}.`) +
          (inUse ? ` Port ${o.port} on ${o.host} is already in use.` : "") +
          `\nspec: ${o.spec}\nPrism output (last lines):\n${tail.format()}`,
        inUse,
      );
      break;
    }
    if (await probe(url, 500)) break;
    if (Date.now() > deadline) {
      failure = new StartupError(
        `Prism did not answer on ${url} within ${timeoutMs} ms.\nspec: ${o.spec}\nPrism output (last lines):\n${tail.format()}`,
        false,
      );
      break;
    }
    await sleep(100);
  }

  if (failure) {
    await close();
    throw failure;
  }

  if (!o.keepProcessAlive) {
    child.unref();
    (child.stdout as unknown as net.Socket).unref?.();
    (child.stderr as unknown as net.Socket).unref?.();
  }

  return { url, port: o.port, host: o.host, pid: child.pid!, exited, close };
}
