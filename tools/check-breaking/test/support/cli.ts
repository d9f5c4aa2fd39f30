// Runs the check's command as a child process on fixture specs written to temporary directories.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Change } from "../../src/types.js";
import type { Spec } from "./spec.js";

export type { Change };

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = resolve(packageRoot, "../..");
/** The package's bin; scripts/check-breaking.mjs, what `npm test` runs, is a shim that runs it. */
export const checkBin = join(packageRoot, "bin/check-breaking.mjs");
export const checkShim = join(repoRoot, "scripts/check-breaking.mjs");

export interface JsonResult {
  ok: boolean;
  breaking: Change[];
  nonBreaking: Change[];
  changesets: { file: string; releases: Record<string, string> }[];
  majorChangesets: string[];
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const tempDirs: string[] = [];

export function tempDir(prefix = "check-breaking-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the check as a child process (asynchronously, so that cases can run concurrently). */
export function runCheck(args: string[], { cwd = repoRoot, script = checkBin } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** A changeset file's text: front matter with the given releases, then a summary. */
export function changeset(releases: Record<string, string>, summary = "A change."): string {
  const lines = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  return `---\n${lines.join("\n")}\n---\n\n${summary}\n`;
}

export interface Fixture {
  dir: string;
  released: string;
  current: string;
  changesets: string;
}

/** Writes the two specs and the changesets (file name → text) to a fresh directory. */
export function writeFixture(released: Spec, current: Spec, changesets: Record<string, string> = {}): Fixture {
  const dir = tempDir();
  const fixture = {
    dir,
    released: join(dir, "released.json"),
    current: join(dir, "current.json"),
    changesets: join(dir, "changesets"),
  };
  writeFileSync(fixture.released, `${JSON.stringify(released, null, 2)}\n`);
  writeFileSync(fixture.current, `${JSON.stringify(current, null, 2)}\n`);
  mkdirSync(fixture.changesets);
  for (const [name, text] of Object.entries(changesets)) writeFileSync(join(fixture.changesets, name), text);
  return fixture;
}

export function fixtureArgs(f: Fixture): string[] {
  return ["--released", f.released, "--current", f.current, "--changesets", f.changesets];
}

/** Compares `released` with `current` (JSON report) and returns the exit status with the parsed result. */
export async function compare(
  released: Spec,
  current: Spec,
  changesets: Record<string, string> = {},
): Promise<{ status: number | null; result: JsonResult; run: Run }> {
  const f = writeFixture(released, current, changesets);
  const run = await runCheck([...fixtureArgs(f), "--json"]);
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`check-breaking exited with ${run.status}:\n${run.stderr}${run.stdout}`);
  }
  return { status: run.status, result: JSON.parse(run.stdout) as JsonResult, run };
}
