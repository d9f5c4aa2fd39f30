import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

export interface MockServerOptions {
  /**
   * OpenAPI document for Prism (file path or http(s) URL). Default: the bundled HostUp spec,
   * resolved from the `@hostup/openapi/openapi.json` package export.
   */
  spec?: string;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on. Default: a free port picked by the OS. */
  port?: number;
  /** Prism `--errors`: request/response violations (incl. responses breaking the spec) become errors. Default `false`. */
  errors?: boolean;
  /** Prism `--dynamic`: generate responses from schemas instead of using examples. Default `false`. */
  dynamic?: boolean;
  /** How long to wait for Prism to answer its first request. Default 30 000 ms. */
  startupTimeoutMs?: number;
  /** Receives Prism's stdout/stderr as it arrives (e.g. `(s) => process.stderr.write(s)`). */
  onOutput?: (chunk: string) => void;
  /**
   * Keep the Node process alive while the server runs (what a CLI wants). Default `false`:
   * the server does not hold the event loop open, and is killed when the process exits.
   */
  keepProcessAlive?: boolean;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  host: string;
  /** PID of the Prism process (also its process-group id). */
  pid: number;
  /** Resolves when Prism exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops Prism (SIGTERM to its process group, SIGKILL after 3 s); resolves once it has exited. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
const KILL_GRACE_MS = 3_000;
const OUTPUT_TAIL_BYTES = 8_192;
const MAX_PORT_ATTEMPTS = 5;

const require = createRequire(import.meta.url);

/** Path of Prism's CLI entry (from @stoplight/prism-cli's package.json `bin`). */
export function resolvePrismBin(): string {
  const pkgJsonPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = JSON.parse(readFileSync(pkgJsonPath, "utf8")) as { bin?: string | Record<string, string> };
  const rel = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.["prism"];
  if (!rel) throw new Error(`@stoplight/prism-cli has no "prism" bin in ${pkgJsonPath}`);
  return path.resolve(path.dirname(pkgJsonPath), rel);
}

/** Path of the bundled HostUp OpenAPI document (`@hostup/openapi/openapi.json`). */
export function resolveDefaultSpec(): string {
  try {
    return require.resolve("@hostup/openapi/openapi.json");
  } catch (err) {
    throw new Error(
      "The bundled HostUp spec (@hostup/openapi/openapi.json) was not found. " +
        "Build it first (`turbo run bundle` / `pnpm --filter @hostup/openapi bundle`) or pass `spec`.",
      { cause: err },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: every running Prism is killed when this Node process goes away.

const live = new Set<ChildProcess>();
const reservedPorts = new Set<number>();
let processHandlersInstalled = false;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    // Prism is spawned detached, so its pid is also its process-group id
    process.kill(-pid, signal);
  } catch {
    /* group already gone */
  }
}

function killAllSync(): void {
  for (const child of live) killGroup(child.pid, "SIGKILL");
  live.clear();
}

function installProcessHandlers(): void {
  if (processHandlersInstalled) return;
  processHandlersInstalled = true;
  process.on("exit", killAllSync);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      // Someone else (a CLI, a test runner) handles this signal: leave the decision to them;
      // if they exit, the "exit" handler above still kills the servers.
      if (process.listenerCount(signal) > 1) return;
      // Nobody else: kill the servers and keep Node's default behaviour (terminate by signal).
      killAllSync();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

// ---------------------------------------------------------------------------------------------

/** A port that is free right now on `host` (bind port 0, read it back, release it). */
export async function getFreePort(host: string = DEFAULT_HOST): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once("error", reject);
      srv.listen({ host, port: 0, exclusive: true }, () => {
        const addr = srv.address();
        const p = typeof addr === "object" && addr ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") return 0;
      throw err;
    });
    // never hand out the same port twice to servers of this process
    if (port && !reservedPorts.has(port)) return port;
  }
  throw new Error(`Could not find a free port on ${host}`);
}

function formatUrl(host: string, port: number): string {
  const h = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}

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

class StartupError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = "MockServerStartupError";
  }
}

/** Start a Prism mock server; resolves once it answers HTTP requests. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? DEFAULT_HOST;
  let spec = options.spec ?? resolveDefaultSpec();
  if (!/^https?:\/\//i.test(spec)) {
    spec = path.resolve(spec);
    if (!existsSync(spec)) throw new Error(`OpenAPI spec not found: ${spec}`);
  }
  const prismBin = resolvePrismBin();

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await getFreePort(host));
    try {
      return await launch({ ...options, host, spec, port, prismBin });
    } catch (err) {
      // an auto-picked port can be taken between probing and Prism binding it: try another
      if (err instanceof StartupError && err.addressInUse && options.port === undefined && attempt < MAX_PORT_ATTEMPTS) {
        continue;
      }
      throw err;
    }
  }
}

async function launch(
  o: MockServerOptions & { host: string; spec: string; port: number; prismBin: string },
): Promise<MockServer> {
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

  reservedPorts.add(o.port);
  installProcessHandlers();
  const child = spawn(process.execPath, args, {
    detached: true, // own process group: close() kills the whole group
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    windowsHide: true,
  });
  live.add(child);

  let tail = "";
  const onData = (buf: Buffer) => {
    const s = buf.toString("utf8");
    tail = (tail + s).slice(-OUTPUT_TAIL_BYTES);
    o.onOutput?.(s);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  // last lines of Prism's output, minus the yargs usage text it prints before some errors
  const outputTail = (lines = 20) => {
    const all = tail.trimEnd().split(/\r?\n/);
    const useful = all.filter(
      (l) =>
        !/^\s*(-\w, )?\s*--[\w-]+\s{2,}/.test(l) &&
        !/^\s{20,}\S/.test(l) &&
        !/^(Options:|Positionals:|prism mock <document>|Start a mock server)/.test(l.trim()) &&
        !/^\s*document\s+Path to a document/.test(l),
    );
    return (useful.join("\n").trim() ? useful : all).slice(-lines).map((l) => `  | ${l}`).join("\n") || "  | (no output)";
  };

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
      live.delete(child);
      resolve({ code, signal });
    });
  });
  exited.then(() => reservedPorts.delete(o.port));

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
      live.delete(child);
    })());

  // wait until Prism answers
  const deadline = Date.now() + (o.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS);
  let failure: StartupError | undefined;
  for (;;) {
    if (hasExited || spawnError) {
      const { code, signal } = await exited;
      const inUse = /EADDRINUSE|address already in use/i.test(tail);
      failure = new StartupError(
        (spawnError
          ? `Could not start Prism (${spawnError.message}).`
          : `Prism exited (${signal ? `signal ${signal}` : `code ${code}`}) before answering on ${url}.`) +
          (inUse ? ` Port ${o.port} on ${o.host} is already in use.` : "") +
          `\nspec: ${o.spec}\nPrism output (last lines):\n${outputTail()}`,
        inUse,
      );
      break;
    }
    if (await probe(url, 500)) break;
    if (Date.now() > deadline) {
      failure = new StartupError(
        `Prism did not answer on ${url} within ${o.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS} ms.` +
          `\nspec: ${o.spec}\nPrism output (last lines):\n${outputTail()}`,
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
