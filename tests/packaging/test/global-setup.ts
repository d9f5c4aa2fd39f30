/**
 * Packs the publishable packages with `pnpm pack` (what `pnpm publish` uploads: `workspace:*`
 * rewritten to versions, lifecycle scripts skipped: turbo built the packages before this task) and
 * installs the tarballs with plain `npm install --engine-strict` into a new project in the OS temp
 * directory, outside the workspace, so nothing can resolve from the workspace's node_modules.
 * Third-party dependencies come from the npm registry. One install serves every test of the run.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PACKAGES, PACKAGING_ROOT, WORKSPACE_ROOT, type Consumer } from "./support/packages.js";
import { consumerEnv, processesMatching, run, stopProcessesUnder } from "./support/process.js";

const PACK_TIMEOUT_MS = 60_000;
const TEMP_PREFIX = "hostup-packaging-";
const STALE_AFTER_MS = 60 * 60_000;
const INSTALL_TIMEOUT_MS = 240_000;

function pnpmCommand(): [string, string[]] {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/.test(path.basename(execpath)) && existsSync(execpath)) {
    return /\.(c|m)?js$/.test(execpath) ? [process.execPath, [execpath]] : [execpath, []];
  }
  return ["pnpm", []];
}

async function pack(dir: string, destination: string): Promise<string> {
  const [cmd, pre] = pnpmCommand();
  const { stdout } = await run(cmd, [...pre, "pack", "--pack-destination", destination, "--config.ignore-scripts=true", "--json"], {
    cwd: dir,
    timeoutMs: PACK_TIMEOUT_MS,
    env: process.env,
  });
  const json = JSON.parse(stdout.slice(stdout.indexOf("{"))) as { filename: string };
  return path.isAbsolute(json.filename) ? json.filename : path.resolve(destination, json.filename);
}

/** Temp directories of earlier runs that were killed before their teardown (an hour old or more). */
async function removeStaleRuns(tmp: string): Promise<void> {
  for (const entry of readdirSync(tmp)) {
    if (!entry.startsWith(TEMP_PREFIX)) continue;
    const dir = path.join(tmp, entry);
    try {
      if (Date.now() - statSync(dir).mtimeMs < STALE_AFTER_MS) continue;
    } catch {
      continue;
    }
    await stopProcessesUnder(dir);
    await rm(dir, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const pkg of PACKAGES) {
    for (const file of pkg.built) {
      if (!existsSync(path.join(WORKSPACE_ROOT, pkg.dir, file))) {
        throw new Error(`${pkg.name}: ${pkg.dir}/${file} is missing; build first (bash scripts/exec turbo run build).`);
      }
    }
  }

  const tmp = realpathSync(os.tmpdir());
  await removeStaleRuns(tmp);
  const root = await mkdtemp(path.join(tmp, TEMP_PREFIX));
  if (!path.relative(WORKSPACE_ROOT, root).startsWith("..")) {
    throw new Error(`the temp directory ${root} is inside the workspace ${WORKSPACE_ROOT}`);
  }
  // If the run is interrupted (Ctrl-C, turbo cancelling the task), vitest's main process dies
  // without running the teardown below: stop what runs from the consumer project and delete it.
  const onInterrupt = (signal: NodeJS.Signals) => {
    const handler = (): void => {
      for (const pid of processesMatching(root)) {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          /* gone */
        }
      }
      rmSync(root, { recursive: true, force: true });
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, handler);
        process.kill(process.pid, signal);
      }
    };
    return handler;
  };
  const interruptHandlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => {
    const handler = onInterrupt(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });

  const cleanup = async () => {
    for (const [signal, handler] of interruptHandlers) process.removeListener(signal, handler);
    // anything still running from the consumer project (normally nothing: each test stops its own)
    const stray = await stopProcessesUnder(root);
    if (stray.length) console.warn(`[packaging] stopped ${stray.length} leftover process(es): ${stray.join(", ")}`);
    if (!process.env.HOSTUP_PACKAGING_KEEP) await rm(root, { recursive: true, force: true });
  };

  try {
    const tarballDir = path.join(root, "tarballs");
    await mkdir(tarballDir);
    const packStart = Date.now();
    const tarballs: Record<string, string> = {};
    for (const pkg of PACKAGES) tarballs[pkg.name] = await pack(path.join(WORKSPACE_ROOT, pkg.dir), tarballDir);
    const packMs = Date.now() - packStart;

    // The consumer: a new npm project. TypeScript and @types/node at the workspace's versions, so the
    // type-checking tests compile against what is installed here and nothing else.
    const own = JSON.parse(readFileSync(path.join(PACKAGING_ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const dir = path.join(root, "consumer");
    await mkdir(dir);
    await writeFile(
      path.join(dir, "package.json"),
      `${JSON.stringify({ name: "hostup-consumer", version: "1.0.0", private: true }, null, 2)}\n`,
    );
    const installArgs = [
      "install",
      "--engine-strict",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=warn",
      "--fetch-timeout=60000",
      "--fetch-retries=1",
      ...PACKAGES.map((p) => tarballs[p.name]!),
      `typescript@${own.devDependencies.typescript}`,
      `@types/node@${own.devDependencies["@types/node"]}`,
    ];
    const installStart = Date.now();
    await run("npm", installArgs, { cwd: dir, timeoutMs: INSTALL_TIMEOUT_MS, env: consumerEnv() });
    const installMs = Date.now() - installStart;

    // @hostup/types on its own (no dependencies: nothing to fetch)
    const typesOnlyDir = path.join(root, "types-only");
    await mkdir(typesOnlyDir);
    await writeFile(
      path.join(typesOnlyDir, "package.json"),
      `${JSON.stringify({ name: "hostup-types-consumer", version: "1.0.0", private: true }, null, 2)}\n`,
    );
    await run(
      "npm",
      ["install", "--engine-strict", "--offline", "--no-audit", "--no-fund", "--loglevel=warn", tarballs["@hostup/types"]!],
      { cwd: typesOnlyDir, timeoutMs: 60_000, env: consumerEnv() },
    );

    const consumer: Consumer = { root, tarballs, dir, typesOnlyDir, installArgs, installMs, packMs };
    project.provide("consumer", consumer);
    console.log(`[packaging] packed ${PACKAGES.length} packages in ${packMs} ms, npm install took ${installMs} ms (${dir})`);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return cleanup;
}
