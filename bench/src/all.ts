// `pnpm bench` (`npm run bench` at the root): runs the six benchmarks one after another, each in a
// process of its own, then prints their headline figures together.
//
//   tsx src/all.ts [--only request-overhead,bundle-size,…]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const BENCHMARKS = ["bundle-size", "typecheck-cost", "request-overhead", "bulk-throughput", "pipeline", "dns-parse"] as const;

const { values } = parseArgs({ options: { only: { type: "string" } } });
const selected = values.only ? values.only.split(",").map((name) => name.trim()) : [...BENCHMARKS];
for (const name of selected) {
  if (!(BENCHMARKS as ReadonlyArray<string>).includes(name))
    throw new Error(`unknown benchmark ${name} (expected ${BENCHMARKS.join(", ")})`);
}

const dir = mkdtempSync(join(tmpdir(), "hostup-bench-"));
const summaryFile = join(dir, "summary.jsonl");
const failed: string[] = [];
const started = performance.now();
try {
  for (const name of selected) {
    console.log(`\n=== ${name} ${"=".repeat(Math.max(0, 70 - name.length))}\n`);
    const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
    // process.execArgv carries tsx's loader, so the child runs the .ts file the same way.
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, script], {
        stdio: "inherit",
        env: { ...process.env, BENCH_SUMMARY_FILE: summaryFile },
      });
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (status !== 0) failed.push(`${name} (exit ${status})`);
  }
  let lines: Array<{ benchmark: string; lines: string[] }> = [];
  try {
    lines = readFileSync(summaryFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { benchmark: string; lines: string[] });
  } catch {
    /* no benchmark finished */
  }
  console.log(
    `\n=== summary (${new Date().toISOString()}, node ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s) ${"=".repeat(20)}`,
  );
  for (const entry of lines) console.log(`\n${entry.benchmark}:\n${entry.lines.map((line) => `  ${line}`).join("\n")}`);
  if (failed.length) {
    console.error(`\nfailed: ${failed.join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
