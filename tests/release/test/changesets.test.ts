// Changesets: the pending changesets are releasable, and the release procedure of the README
// (`changeset version`, then `node scripts/check-breaking.mjs --update`) works on a copy of the
// repository: published packages are bumped and get a CHANGELOG.md, private ones are left alone.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { changeset, repoRoot, type Run } from "./support.js";

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
}

/** Workspace packages, from the globs of pnpm-workspace.yaml (`dir` and `dir/*` entries only). */
function workspacePackages(root: string): { dir: string; manifest: Manifest }[] {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const globs = [...yaml.split(/^packages:\s*$/m)[1]!.matchAll(/^\s+-\s+["']?([^"'\s#]+)["']?\s*$/gm)].map((m) => m[1]!);
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith("/*")) return [join(root, glob)];
    const parent = join(root, glob.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(parent, d.name));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest }));
}

function frontMatter(text: string): Record<string, string> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const releases: Record<string, string> = {};
  for (const line of match?.[1]?.split(/\r?\n/) ?? []) {
    const m = /^\s*["']?([^"':]+?)["']?\s*:\s*(\S+)\s*$/.exec(line);
    if (m) releases[m[1]!] = m[2]!;
  }
  return releases;
}

function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}

function newer(a: string, b: string): boolean {
  const pa = a.split(/[.-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! > pb[i]!;
  return false;
}

const packages = workspacePackages(repoRoot);
const published = packages.filter((p) => !p.manifest.private);
const privates = packages.filter((p) => p.manifest.private);
const changesetDir = join(repoRoot, ".changeset");

describe("changeset configuration", () => {
  test("the published packages are the @hostup libraries and the CLI; everything else is private", () => {
    expect(published.map((p) => p.manifest.name).sort()).toEqual([
      "@hostup/cli",
      "@hostup/dns",
      "@hostup/external-dns",
      "@hostup/mcp",
      "@hostup/mock",
      "@hostup/openapi",
      "@hostup/sdk",
      "@hostup/types",
    ]);
    // private: the examples, the benchmarks, test suites (-tests), their shared helpers (-testing),
    // and the repository's own tools (tools/<name>, named @hostup/<name>)
    for (const p of privates) {
      const [top, name] = relative(repoRoot, p.dir).split(sep);
      if (top === "tools") expect(p.manifest.name).toBe(`@hostup/${name}`);
      else expect(p.manifest.name).toMatch(/^@hostup\/(examples|bench|[a-z-]+-(tests|testing))$/);
    }
  });

  test("private packages are never versioned or tagged, and `ignore` stays empty", () => {
    const config = JSON.parse(readFileSync(join(changesetDir, "config.json"), "utf8"));
    expect(config.privatePackages).toEqual({ version: false, tag: false });
    // With privatePackages.version false, changesets already treats private packages as ignored.
    // Listing them in `ignore` adds nothing, and a changeset naming a private and a published package
    // ("mixed") makes `changeset version` fail either way; the next test keeps such changesets out.
    expect(config.ignore).toEqual([]);
    expect(config.access).toBe("public");
  });

  test("every pending changeset names only published packages, with a valid bump", () => {
    const names = new Set(published.map((p) => p.manifest.name));
    const files = readdirSync(changesetDir).filter((f) => f.endsWith(".md") && f !== "README.md");
    for (const file of files) {
      const releases = frontMatter(readFileSync(join(changesetDir, file), "utf8"));
      expect(Object.keys(releases).length, `${file}: no "package": bump lines in its front matter`).toBeGreaterThan(0);
      for (const [pkg, bump] of Object.entries(releases)) {
        expect(
          names.has(pkg),
          `.changeset/${file} names ${pkg}, which is ${privates.some((p) => p.manifest.name === pkg) ? "private (changeset version refuses a changeset that mixes private and published packages, and never consumes one with only private packages)" : "not a workspace package"}`,
        ).toBe(true);
        expect(["major", "minor", "patch", "none"], `.changeset/${file}: ${pkg}: ${bump}`).toContain(bump);
      }
    }
  });
});

describe("the release procedure on a copy of the repository", () => {
  const excluded = new Set(["node_modules", ".git", ".turbo", ".tools", "dist", "coverage", "artifacts"]);
  let copy: string;
  let before: Map<string, string>;
  let versionRun: Run;
  const summary = "Release-procedure test: this changeset exists only in a temporary copy.";

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), "hostup-release-"));
    cpSync(repoRoot, copy, { recursive: true, filter: (src) => !excluded.has(basename(src)) });
    // The copy shares the installed dependencies: the root's (changesets) and each package's (the
    // breaking-change check in tools/check-breaking imports its own).
    for (const dir of [repoRoot, ...packages.map((p) => p.dir)]) {
      if (!existsSync(join(dir, "node_modules"))) continue;
      symlinkSync(join(dir, "node_modules"), join(copy, relative(repoRoot, dir), "node_modules"), "dir");
    }
    // The bundle the released baseline is taken from (built output, not copied with the sources).
    cpSync(join(repoRoot, "openapi/dist/openapi.json"), join(copy, "openapi/dist/openapi.json"));
    writeFileSync(
      join(copy, ".changeset/release-procedure-test.md"),
      changeset(Object.fromEntries(published.map((p) => [p.manifest.name, "minor"])), summary),
    );
    before = new Map(packages.map((p) => [relative(repoRoot, p.dir), readFileSync(join(p.dir, "package.json"), "utf8")]));
    const changesetCli = createRequire(join(repoRoot, "package.json")).resolve("@changesets/cli/bin.js");
    versionRun = await run(process.execPath, [changesetCli, "version"], copy);
  }, 120_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  test("`changeset version` succeeds", () => {
    expect(versionRun.status, versionRun.stderr + versionRun.stdout).toBe(0);
  });

  test("it bumps every published package and writes its CHANGELOG.md", () => {
    for (const p of published) {
      const dir = join(copy, relative(repoRoot, p.dir));
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
      expect(newer(manifest.version, p.manifest.version), `${p.manifest.name}: ${p.manifest.version} → ${manifest.version}`).toBe(true);
      const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`# ${p.manifest.name}`);
      expect(changelog).toContain(`## ${manifest.version}`);
      expect(changelog).toContain(summary);
    }
  });

  test("it leaves the private packages alone (no version change, no CHANGELOG.md)", () => {
    for (const p of privates) {
      const rel = relative(repoRoot, p.dir);
      expect(readFileSync(join(copy, rel, "package.json"), "utf8"), rel).toBe(before.get(rel));
      expect(existsSync(join(copy, rel, "CHANGELOG.md")), `${rel}/CHANGELOG.md`).toBe(false);
    }
    expect(readFileSync(join(copy, "package.json"), "utf8")).toBe(readFileSync(join(repoRoot, "package.json"), "utf8"));
  });

  test("it consumes every pending changeset", () => {
    expect(readdirSync(join(copy, ".changeset")).sort()).toEqual(["README.md", "config.json"]);
  });

  test("then `node scripts/check-breaking.mjs --update` makes the bundle the released baseline", async () => {
    const update = await run(process.execPath, ["scripts/check-breaking.mjs", "--update"], copy);
    expect(update.status, update.stderr).toBe(0);
    expect(readFileSync(join(copy, "openapi/released/openapi.json"), "utf8")).toBe(
      readFileSync(join(copy, "openapi/dist/openapi.json"), "utf8"),
    );
    const check = await run(process.execPath, ["scripts/check-breaking.mjs"], copy);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain("No API changes.");
  });
});
