/** What `pnpm pack` put in each tarball, and what publint and attw say about those exact tarballs. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, inject, it } from "vitest";
import { PACKAGES, PACKAGING_ROOT } from "./support/packages.js";
import { run } from "./support/process.js";

const consumer = inject("consumer");

interface Manifest {
  name: string;
  version: string;
  exports?: unknown;
  main?: string;
  module?: string;
  types?: string;
  typesVersions?: Record<string, Record<string, string[]>>;
  bin?: Record<string, string>;
  files?: string[];
  engines?: Record<string, string>;
  publishConfig?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

async function tarballFiles(tgz: string): Promise<string[]> {
  const { stdout } = await run("tar", ["-tzf", tgz], { cwd: consumer.root, timeoutMs: 30_000 });
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
}

async function tarballManifest(tgz: string): Promise<Manifest> {
  const { stdout } = await run("tar", ["-xzOf", tgz, "package/package.json"], { cwd: consumer.root, timeoutMs: 30_000 });
  return JSON.parse(stdout) as Manifest;
}

/** Every file path a manifest points at (exports targets, main/module/types, typesVersions, bin). */
function referencedFiles(m: Manifest): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(m.exports);
  walk([m.main, m.module, m.types].filter(Boolean));
  walk(m.bin);
  walk(m.typesVersions);
  return [...out].map((f) => path.posix.normalize(f));
}

describe.each(PACKAGES)("$name tarball", (pkg) => {
  const tgz = () => consumer.tarballs[pkg.name]!;

  it("has workspace:* rewritten to the real versions and is publishable", async () => {
    const m = await tarballManifest(tgz());
    expect(m.name).toBe(pkg.name);
    expect(JSON.stringify(m)).not.toContain("workspace:");
    expect(m.publishConfig).toEqual({ access: "public" });
    expect(m).not.toHaveProperty("private");
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"] as const) {
      for (const [dep, range] of Object.entries(m[field] ?? {})) {
        if (dep.startsWith("@hostup/")) {
          const own = await tarballManifest(consumer.tarballs[dep]!);
          expect(range, `${pkg.name} ${field}.${dep}`).toBe(own.version);
        }
      }
    }
  });

  it("contains what its manifest points at, a README, the licence, and no sources or tests", async () => {
    const files = await tarballFiles(tgz());
    const m = await tarballManifest(tgz());
    expect(files).toContain("package.json");
    expect(files).toContain("README.md");
    expect(files).toContain("LICENSE");
    for (const ref of referencedFiles(m)) expect(files, `${ref} (referenced by package.json)`).toContain(ref);
    const unexpected = files.filter(
      (f) => !["package.json", "README.md", "LICENSE"].includes(f) && !(m.files ?? []).some((allowed) => f.startsWith(allowed)),
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.test\.[cm]?[jt]s$/.test(f))).toEqual([]);
    // @hostup/types ships its generated declarations from src/generated; the others only dist/ (and bin/).
    if (["@hostup/dns", "@hostup/sdk", "@hostup/mcp", "@hostup/external-dns", "@hostup/mock", "@hostup/cli"].includes(pkg.name)) {
      expect(files.filter((f) => f.startsWith("src/"))).toEqual([]);
    }
  });

  it("publint (strict) reports nothing", async () => {
    const data = await readFile(tgz());
    const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const { messages, pkg: manifest } = await publint({ pack: { tarball }, strict: true, level: "suggestion" });
    expect(messages.map((msg) => `${msg.type}: ${formatMessage(msg, manifest)}`)).toEqual([]);
  });

  if (pkg.kind === "spec") {
    it("exports the bundle as JSON and, besides it, only the spec walker (ESM with its types; no main entry)", async () => {
      const m = await tarballManifest(tgz());
      const refs = referencedFiles(m);
      expect(refs.filter((f) => f.endsWith(".json")).length).toBeGreaterThan(0);
      expect(refs.filter((f) => !f.endsWith(".json")).sort()).toEqual(["lib/walk.d.ts", "lib/walk.js"]);
      expect(m.main ?? m.types ?? m.module).toBeUndefined();
    });
  }

  if (pkg.kind === "cli") {
    it("is a command: its bin is a Node script, and there is nothing to import", async () => {
      const m = await tarballManifest(tgz());
      expect(Object.keys(m.bin ?? {})).toEqual(["hostup"]);
      const { stdout } = await run("tar", ["-xzOf", tgz(), `package/${path.posix.normalize(m.bin!.hostup!)}`], {
        cwd: consumer.root,
        timeoutMs: 30_000,
      });
      expect(stdout.split("\n", 1)[0]).toBe("#!/usr/bin/env node");
      expect(m.exports ?? m.main ?? m.module ?? m.types).toBeUndefined();
    });
  }

  if (pkg.kind === "library") {
    it("attw (strict profile: node10, node16 CJS/ESM, bundler) reports no problems", async () => {
      const attw = path.join(PACKAGING_ROOT, "node_modules/.bin/attw");
      const { code, stdout } = await run(attw, [tgz(), "--format", "json", "--profile", "strict"], {
        cwd: consumer.root,
        timeoutMs: 60_000,
        env: process.env,
        check: false,
      });
      const result = JSON.parse(stdout) as {
        analysis: { types: unknown; problems: unknown[]; entrypoints: Record<string, unknown> };
      };
      expect(result.analysis.types, "attw found type declarations").toBeTruthy();
      expect(result.analysis.problems).toEqual([]);
      expect(code).toBe(0);
    });
  }
});
