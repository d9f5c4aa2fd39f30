// Pipeline speed: a cold build from a fresh clone (after install; `turbo run build` with an empty
// cache), then a warm rebuild with no change (every task a cache hit). Goal: warm under 2 s.
// The clone is of HEAD plus the working tree's uncommitted changes (so it measures what you have;
// --head-only for HEAD alone). Everything happens in a temporary directory, removed at the end.
//
//   tsx src/pipeline.ts [--head-only] [--keep]
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { fmt, isMain, summary, table } from "./support/measure.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WARM_GOAL_MS = 2_000;

interface Run {
  status: number | null;
  ms: number;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 15 * 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, ms: performance.now() - started, output }));
  });
}

async function must(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const result = await run(command, args, cwd, env);
  if (result.status !== 0)
    throw new Error(`\`${command} ${args.join(" ")}\` failed (${result.status}) in ${cwd}:\n${result.output.slice(-4000)}`);
  return result;
}

/** `Cached:    12 cached, 12 total` → [12, 12] */
function cacheHits(output: string): [number, number] | undefined {
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export interface PipelineResult {
  source: string;
  installMs: number;
  coldMs: number;
  coldTasks: string;
  warmMs: number;
  warmTasks: string;
  fullTurbo: boolean;
}

export async function measurePipeline(options: {
  headOnly: boolean;
  keep: boolean;
  log?: (line: string) => void;
}): Promise<PipelineResult> {
  const log = options.log ?? console.log;
  const tools = join(ROOT, ".tools", "node_modules", ".bin");
  if (!existsSync(join(tools, "pnpm"))) throw new Error("pnpm is not bootstrapped (.tools/); run `bash scripts/bootstrap` first");
  const dir = mkdtempSync(join(tmpdir(), "hostup-pipeline-"));
  const clone = join(dir, "repo");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(clone, "node_modules", ".bin")}:${tools}:${process.env.PATH}`,
    TURBO_CACHE_DIR: join(dir, "turbo-cache"),
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
    COREPACK_ENABLE_STRICT: "0",
  };
  try {
    await must("git", ["clone", "--quiet", ROOT, clone], dir, env);
    let source = "a fresh clone of HEAD";
    if (!options.headOnly) {
      // Bring the working tree's uncommitted changes (modified and untracked, not ignored) along.
      const changed = (await must("git", ["ls-files", "--modified", "--others", "--exclude-standard", "-z"], ROOT, env)).output
        .split("\0")
        .filter(Boolean);
      const deleted = new Set((await must("git", ["ls-files", "--deleted", "-z"], ROOT, env)).output.split("\0").filter(Boolean));
      for (const file of changed) {
        if (deleted.has(file)) continue;
        mkdirSync(dirname(join(clone, file)), { recursive: true });
        copyFileSync(join(ROOT, file), join(clone, file));
      }
      for (const file of deleted) rmSync(join(clone, file), { force: true });
      if (changed.length || deleted.size) source += ` + ${changed.length + deleted.size} uncommitted file(s) of the working tree`;
    }
    log(`  ${source} in ${clone}`);
    const install = await must(
      "pnpm",
      ["install", "--frozen-lockfile", "--prefer-offline", "--config.engine-strict=true", "--reporter=silent"],
      clone,
      env,
    );
    log(`  install (pnpm, from the local store): ${fmt.s(install.ms)}`);
    const cold = await must("turbo", ["run", "build", "--no-daemon"], clone, env);
    const coldHits = cacheHits(cold.output);
    log(`  cold turbo run build: ${fmt.s(cold.ms)} (${coldHits?.[0]} cached of ${coldHits?.[1]} tasks)`);
    const warm = await must("turbo", ["run", "build", "--no-daemon"], clone, env);
    const warmHits = cacheHits(warm.output);
    log(`  warm turbo run build: ${fmt.s(warm.ms)} (${warmHits?.[0]} cached of ${warmHits?.[1]} tasks)`);
    return {
      source,
      installMs: install.ms,
      coldMs: cold.ms,
      coldTasks: `${coldHits?.[0]} of ${coldHits?.[1]} cached`,
      warmMs: warm.ms,
      warmTasks: `${warmHits?.[0]} of ${warmHits?.[1]} cached`,
      fullTurbo: /FULL TURBO/.test(warm.output) && warmHits !== undefined && warmHits[0] === warmHits[1],
    };
  } finally {
    if (options.keep) log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { "head-only": { type: "boolean", default: false }, keep: { type: "boolean", default: false } },
  });
  console.log(
    "Pipeline: git clone → pnpm install → turbo run build (cold: empty TURBO_CACHE_DIR) → turbo run build again (warm, no change)\n",
  );
  const result = await measurePipeline({ headOnly: values["head-only"], keep: values.keep });
  console.log(
    `\n${table([
      ["step", "time", "turbo cache"],
      ["install (not part of the build)", fmt.s(result.installMs), ""],
      ["cold build", fmt.s(result.coldMs), result.coldTasks],
      ["warm rebuild", fmt.s(result.warmMs), `${result.warmTasks}${result.fullTurbo ? " (FULL TURBO)" : ""}`],
    ])}`,
  );
  summary("pipeline (turbo run build)", [
    `cold ${fmt.s(result.coldMs)} (${result.source}), warm ${fmt.s(result.warmMs)} ${result.fullTurbo ? "full cache hit" : "NOT a full cache hit"} ` +
      `(goal < ${fmt.s(WARM_GOAL_MS)}: ${result.warmMs < WARM_GOAL_MS && result.fullTurbo ? "met" : "missed"})`,
  ]);
}
