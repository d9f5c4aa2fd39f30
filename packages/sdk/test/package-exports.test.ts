// The `exports` maps of the published libraries (@hostup/sdk, @hostup/dns and its `./records`), as
// resolvers with other condition sets read them: Node (`node` + `import`/`require`), bundlers for
// browsers and workers (Vite, esbuild, webpack, wrangler: `browser`, `worker`, `workerd` beside
// `import`/`require`), Jest in jsdom (`browser` + `require`), Deno and Bun, and resolvers that ask
// for none of `import`/`require` (only their own conditions, or none: `default`). Each must find a
// build that exists, ESM unless it asked for `require`, with its types. publint and attw check the rest
// of the packaging, on the packed tarballs (tests/packaging).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

type Target = string | null | Target[] | { [condition: string]: Target };

/** Node's PACKAGE_TARGET_RESOLVE for conditions: object keys in order, the first that matches (or `default`) and resolves. */
function resolveTarget(target: Target, conditions: ReadonlySet<string>): string | undefined {
  if (typeof target === "string") return target;
  if (target === null) return undefined;
  if (Array.isArray(target)) {
    for (const item of target) {
      const resolved = resolveTarget(item, conditions);
      if (resolved !== undefined) return resolved;
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(target)) {
    if (key !== "default" && !conditions.has(key)) continue;
    const resolved = resolveTarget(value, conditions);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

const PACKAGES = [
  { dir: new URL("../", import.meta.url), subpaths: { ".": "./dist/index", "./operations": "./dist/operations" } },
  { dir: new URL("../../dns/", import.meta.url), subpaths: { ".": "./dist/index", "./records": "./dist/records/index" } },
];

/** Condition sets as resolvers send them, and which build each must get. */
const RESOLVERS: Array<[string, string[], "esm" | "cjs"]> = [
  ["Node import", ["node", "import"], "esm"],
  ["Node require", ["node", "require"], "cjs"],
  ["Deno", ["deno", "node", "import"], "esm"],
  ["Bun", ["bun", "node", "import"], "esm"],
  ["Vite/esbuild for a browser", ["browser", "module", "import"], "esm"],
  ["wrangler (workerd)", ["workerd", "worker", "browser", "import"], "esm"],
  ["Jest in jsdom", ["browser", "require"], "cjs"],
  ["workers' own conditions only", ["workerd", "worker", "browser"], "esm"],
  ["worker only", ["worker"], "esm"],
  ["browser only", ["browser"], "esm"],
  ["no condition (default)", [], "esm"],
];

for (const { dir, subpaths } of PACKAGES) {
  const manifest = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name: string; exports: Record<string, Target> };
  describe(manifest.name, () => {
    for (const [subpath, base] of Object.entries(subpaths)) {
      test.for(RESOLVERS)(`${subpath} for %s`, ([, conditions, build]) => {
        const code = resolveTarget(manifest.exports[subpath]!, new Set(conditions));
        const types = resolveTarget(manifest.exports[subpath]!, new Set([...conditions, "types"]));
        expect({ code, types }).toEqual(
          build === "esm" ? { code: `${base}.js`, types: `${base}.d.ts` } : { code: `${base}.cjs`, types: `${base}.d.cts` },
        );
        for (const file of [code!, types!]) expect(existsSync(new URL(file, dir)), `${file} exists`).toBe(true);
      });
    }
  });
}
