// Every running Prism is killed when this Node process goes away (exit, or a signal nobody else
// handles), so a crashed or interrupted test run leaves no server holding a port.
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let processHandlersInstalled = false;

/** Signals Prism's process group (Prism is spawned detached, so its pid is also the group id). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* group already gone */
  }
}

/** Kill `child`'s group when this process exits, until `untrack(child)`. */
export function track(child: ChildProcess): void {
  installProcessHandlers();
  live.add(child);
}

export function untrack(child: ChildProcess): void {
  live.delete(child);
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
