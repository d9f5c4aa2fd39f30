// Small helpers shared by the benchmarks: timed request blocks, statistics, output, summaries.
import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface BlockResult {
  requests: number;
  ms: number;
  /** Requests per second. */
  rate: number;
  /** This process's CPU time (user + system) per request, in µs: the client's own cost. */
  cpuUs: number;
}

/**
 * Runs `call` with `concurrency` callers until `count` requests have completed or `maxMs` has
 * passed, whichever comes first (a loop is always bounded in count and in time).
 */
export async function runBlock(call: () => Promise<unknown>, concurrency: number, count: number, maxMs: number): Promise<BlockResult> {
  let issued = 0;
  let done = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + maxMs;
  const worker = async () => {
    while (issued < count && performance.now() < deadline) {
      issued++;
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { requests: done, ms, rate: (done / ms) * 1000, cpuUs: (used.user + used.system) / done };
}

export function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let gcFunction: (() => void) | undefined;
/** A full GC between blocks, so one client's garbage is not collected on the next client's time. */
export function collectGarbage(): void {
  if (!gcFunction) {
    setFlagsFromString("--expose-gc");
    gcFunction = runInNewContext("gc") as () => void;
  }
  gcFunction();
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
  kb: (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`,
  ratio: (n: number) => `${n.toFixed(2)}×`,
  s: (ms: number) => `${(ms / 1000).toFixed(2)} s`,
};

/** Prints rows as an aligned text table (first column left-aligned, the rest right-aligned). */
export function table(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")).join("\n");
}

/**
 * Records a benchmark's headline lines for `pnpm bench`'s summary (src/all.ts passes the file in
 * BENCH_SUMMARY_FILE); run alone, a benchmark just prints them.
 */
export function summary(benchmark: string, lines: ReadonlyArray<string>): void {
  console.log(`\n${benchmark}:\n${lines.map((line) => `  ${line}`).join("\n")}`);
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ benchmark, lines })}\n`);
}

/** True when the module is the script node was started with (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(resolve(entry)).href === moduleUrl;
}
