import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";

/** PIDs of running processes whose command line contains `needle` (Linux /proc; [] elsewhere). */
export function processesMatching(needle: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, "utf8").replace(/\0/g, " ");
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      if (state !== "Z" && cmd.includes(needle)) pids.push(Number(e));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z"; // zombie = gone
  } catch {
    return true; // no /proc: trust kill(0)
  }
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
