/** The npm install in the clean consumer project: what got installed, from where, for which Node. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { PACKAGES, PRISM_PINS, WORKSPACE_ROOT } from "./support/packages.js";
import { run } from "./support/process.js";

const consumer = inject("consumer");
const nodeMajor = Number(process.versions.node.split(".")[0]);

interface LsNode {
  version?: string;
  resolved?: string;
  dependencies?: Record<string, LsNode>;
}

/** Every installed copy of every package: name -> [{ version, dir }] (walks node_modules on disk). */
function installedPackages(root: string): Map<string, { version: string; dir: string; engines?: { node?: string } }[]> {
  const found = new Map<string, { version: string; dir: string; engines?: { node?: string } }[]>();
  const visitNodeModules = (nm: string): void => {
    if (!existsSync(nm)) return;
    for (const entry of readdirSync(nm)) {
      if (entry.startsWith(".")) continue;
      const dirs = entry.startsWith("@") ? readdirSync(path.join(nm, entry)).map((e) => path.join(nm, entry, e)) : [path.join(nm, entry)];
      for (const dir of dirs) {
        const pj = path.join(dir, "package.json");
        if (!existsSync(pj)) continue;
        const m = JSON.parse(readFileSync(pj, "utf8")) as { name: string; version: string; engines?: { node?: string } };
        const list = found.get(m.name) ?? [];
        list.push({ version: m.version, dir, engines: m.engines });
        found.set(m.name, list);
        visitNodeModules(path.join(dir, "node_modules"));
      }
    }
  };
  visitNodeModules(path.join(root, "node_modules"));
  return found;
}

/**
 * The lowest Node major an `engines.node` range admits, when it is a plain lower bound per
 * alternative (`>=18.20.1`, `^20 || >=22`, `>= 14`); undefined for anything else. A sanity check
 * next to npm's own `--engine-strict`, aimed at ranges like prism 5.16's `>=24.18`.
 */
function minimumMajor(range: string): number | undefined {
  let min: number | undefined;
  for (const alt of range.split("||")) {
    const m = /^\s*(?:>=|\^|~)?\s*v?(\d+)/.exec(alt);
    if (!m) return undefined;
    min = Math.min(min ?? Infinity, Number(m[1]));
  }
  return min;
}

describe("npm install of the tarballs in a clean project", () => {
  it(`used a project outside the workspace, with --engine-strict, on Node ${process.versions.node}`, () => {
    expect(path.relative(WORKSPACE_ROOT, consumer.dir).startsWith("..")).toBe(true);
    expect(consumer.installArgs).toContain("--engine-strict");
    expect(nodeMajor).toBeGreaterThanOrEqual(20);
    console.log(`pack: ${consumer.packMs} ms, npm install: ${consumer.installMs} ms`);
  });

  it(`installed the ${PACKAGES.length} packages from their tarballs, and the whole tree is valid (npm ls --all)`, async () => {
    const { stdout } = await run("npm", ["ls", "--all", "--json"], { cwd: consumer.dir, timeoutMs: 60_000 });
    const tree = JSON.parse(stdout) as LsNode;
    for (const pkg of PACKAGES) {
      const node = tree.dependencies?.[pkg.name];
      expect(node, pkg.name).toBeDefined();
      expect(node!.resolved).toBe(`file:${consumer.tarballs[pkg.name]}`);
    }
    // the SDK's and the mock's @hostup dependencies are the installed tarballs, not registry copies
    const copies = installedPackages(consumer.dir);
    for (const pkg of PACKAGES) expect(copies.get(pkg.name)?.length, pkg.name).toBe(1);
  });

  it(`has exactly the pinned Prism sub-packages (${Object.entries(PRISM_PINS)
    .map(([n, v]) => `${n.replace("@stoplight/", "")} ${v}`)
    .join(", ")}), no other copies`, async () => {
    const { stdout } = await run("npm", ["ls", "--all", "--json", ...Object.keys(PRISM_PINS)], {
      cwd: consumer.dir,
      timeoutMs: 60_000,
    });
    const seen: Record<string, Set<string>> = {};
    const walk = (deps: Record<string, LsNode> | undefined): void => {
      for (const [name, node] of Object.entries(deps ?? {})) {
        if (name in PRISM_PINS && node.version) (seen[name] ??= new Set()).add(node.version);
        walk(node.dependencies);
      }
    };
    walk((JSON.parse(stdout) as LsNode).dependencies);
    const onDisk = installedPackages(consumer.dir);
    for (const [name, version] of Object.entries(PRISM_PINS)) {
      expect([...(seen[name] ?? [])], `npm ls ${name}`).toEqual([version]);
      expect(
        onDisk.get(name)?.map((c) => c.version),
        `copies of ${name} on disk`,
      ).toEqual([version]);
    }
    // and prism-cli itself is the one @hostup/mock asks for
    const mockManifest = JSON.parse(readFileSync(path.join(consumer.dir, "node_modules/@hostup/mock/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(onDisk.get("@stoplight/prism-cli")?.map((c) => c.version)).toEqual([mockManifest.dependencies["@stoplight/prism-cli"]]);
    for (const [name, version] of Object.entries(PRISM_PINS)) expect(mockManifest.dependencies[name]).toBe(version);
  });

  it(`no installed package requires a Node newer than ${process.versions.node}`, () => {
    const tooNew: string[] = [];
    for (const [name, copies] of installedPackages(consumer.dir)) {
      for (const c of copies) {
        const min = c.engines?.node ? minimumMajor(c.engines.node) : undefined;
        if (min !== undefined && min > nodeMajor) tooNew.push(`${name}@${c.version} (engines.node ${c.engines!.node})`);
      }
    }
    expect(tooNew).toEqual([]);
  });

  it("resolves the packages (and Prism) from the consumer's node_modules only", async () => {
    const script = `
      const ids = ["@hostup/sdk", "@hostup/mock", "@hostup/openapi/openapi.json", "@stoplight/prism-cli/package.json"];
      console.log(JSON.stringify(ids.map((id) => require.resolve(id))));`;
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: consumer.dir, timeoutMs: 30_000 });
    for (const resolved of JSON.parse(stdout) as string[]) {
      expect(resolved.startsWith(path.join(consumer.dir, "node_modules") + path.sep), resolved).toBe(true);
    }
  });
});
