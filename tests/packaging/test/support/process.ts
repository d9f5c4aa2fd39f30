import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Kill the command (its whole process group) after this long. */
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Reject unless the command exits 0. Default true. */
  check?: boolean;
}

/**
 * The environment for commands run in the consumer project: this process's environment without
 * what pnpm/npm/vitest put there for the workspace (npm_config_*, npm_package_*, INIT_CWD, …) and
 * without NODE_PATH / NODE_OPTIONS, so nothing can resolve from, or be configured by, the workspace.
 */
export function consumerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|vitest|turbo_)/i.test(key)) continue;
    if (["INIT_CWD", "NODE_PATH", "NODE_OPTIONS", "NODE_ENV", "TEST", "VITEST"].includes(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    NO_UPDATE_NOTIFIER: "1",
    NPM_CONFIG_UPDATE_NOTIFIER: "false",
    NPM_CONFIG_FUND: "false",
    NPM_CONFIG_AUDIT: "false",
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Every command runs in its own process group (so a timeout can kill what it started, too). Those
// groups would outlive this process if it were stopped (Ctrl-C, turbo cancelling the task), so
// they get SIGTERM when it exits or is signalled. SIGTERM, not SIGKILL: a consumer program or the
// hostup-mock bin then still stops its Prism (@hostup/mock kills Prism on SIGTERM).

const liveGroups = new Set<number>();
let handlersInstalled = false;

function terminateLiveGroups(): void {
  for (const pid of liveGroups) killGroup(pid, "SIGTERM");
  liveGroups.clear();
}

/** Registers a process-group leader to be terminated if this process goes away first. */
export function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  liveGroups.add(pid);
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", terminateLiveGroups);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      terminateLiveGroups();
      // nobody else handles it: keep the default behaviour (terminate by that signal)
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

export function untrackGroup(pid: number | undefined): void {
  if (pid !== undefined) liveGroups.delete(pid);
}

/** Runs a command in its own process group; on timeout the whole group is stopped. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const { cwd, timeoutMs, env = consumerEnv(), check = true } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    trackGroup(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => killGroup(child.pid, "SIGKILL"), 3000);
    }, timeoutMs);
    child.once("error", (err) => {
      clearTimeout(timer);
      untrackGroup(child.pid);
      reject(err);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      killGroup(child.pid, "SIGKILL"); // anything the command left behind in its group
      untrackGroup(child.pid);
      const result = { code, signal, stdout, stderr };
      const shown = `$ ${command} ${args.join(" ")}\n(in ${cwd})\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`;
      if (timedOut) reject(new Error(`timed out after ${timeoutMs} ms\n${shown}`));
      else if (check && code !== 0) reject(new Error(`exited with ${signal ?? `code ${code}`}\n${shown}`));
      else resolve(result);
    });
  });
}

function tail(s: string, max = 6000): string {
  return s.length > max ? `…${s.slice(-max)}` : s;
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* gone */
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Waits until `pid` has exited (Prism may take a moment after its parent reports it stopped). */
export async function waitForExit(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** PIDs of processes whose command line contains every one of `needles` (Linux /proc; [] elsewhere). */
export function processesMatching(...needles: string[]): number[] {
  if (!existsSync("/proc")) return [];
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      continue;
    }
    if (needles.every((n) => cmdline.includes(n))) pids.push(Number(entry));
  }
  return pids;
}

/** "open" if something accepts TCP connections on host:port, else "refused". */
export function tryConnect(host: string, port: number): Promise<"open" | "refused"> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000);
    socket.once("connect", () => {
      socket.destroy();
      resolve("open");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("refused");
    });
    socket.once("error", () => resolve("refused"));
  });
}

/**
 * Stops every process whose command line mentions `dir` (Prism started from the consumer project,
 * a tsc on its files, …): SIGTERM, then SIGKILL for whatever is still there after `graceMs`.
 */
export async function stopProcessesUnder(dir: string, graceMs = 3000): Promise<number[]> {
  const pids = processesMatching(dir);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      /* gone */
    }
  }
  for (const pid of pids) {
    if (!(await waitForExit(pid, graceMs))) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  }
  return pids;
}
