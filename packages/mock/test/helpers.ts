import net from "node:net";

/**
 * Whether a process with this pid exists (signal 0 checks without sending anything): ESRCH means
 * gone, EPERM means it exists but belongs to someone else. A zombie still counts as existing: Node
 * reaps its own children before their "exit" event, so a closed server's pid is truly gone.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
    if ((err as NodeJS.ErrnoException).code === "EPERM") return true;
    throw err;
  }
}

/**
 * Whether anything is left in the process group Prism leads (it is spawned detached, so its pid is
 * the group id). Windows has no process groups: there, only the process itself is checked.
 */
export function groupIsRunning(pid: number): boolean {
  return process.platform === "win32" ? isRunning(pid) : isRunning(-pid);
}

/** Polls `condition` until it holds or `timeoutMs` passes; resolves to its last value. */
export async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Resolves "refused" if nothing listens on host:port, "open" if something does. */
export function tryConnect(host: string, port: number): Promise<"open" | "refused"> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    s.setTimeout(2000);
    s.once("connect", () => {
      s.destroy();
      resolve("open");
    });
    s.once("timeout", () => {
      s.destroy();
      reject(new Error("connect timeout"));
    });
    s.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED") resolve("refused");
      else reject(err);
    });
  });
}
