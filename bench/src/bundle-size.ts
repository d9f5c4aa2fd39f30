// Bundle size: what the SDK adds to a browser page. Each fixture app in fixtures/ is bundled the way
// an app would ship it (esbuild --bundle --minify --splitting, platform browser, ESM), and each output
// file gzipped at level 9: "initial" is what the page loads up front, "lazy" the chunks behind dynamic
// imports (the SDK's raw client, workflows and input checks), loaded on first use. The same app is
// also bundled without splitting (one file). Deterministic for given sources and esbuild version, so
// CI enforces a budget on it (test/budgets.test.ts).
//
//   tsx src/bundle-size.ts
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions } from "esbuild";
import { fmt, isMain, summary, table } from "./support/measure.js";

/**
 * What a browser app calling one method (fixtures/browser-app.ts) may load up front, gzipped: issue 6's
 * goal, enforced by CI (test/budgets.test.ts). The SDK fits it by loading what such an app does not
 * need (input checks, reading error answers, workflows, the raw client) on first use.
 */
export const BUNDLE_BUDGET_GZIP_BYTES = 6_000;

export interface BundleSize {
  name: string;
  fixture: string;
  /** What the page loads before any lazy part is used: the entry chunk and the chunks it imports statically. */
  minified: number;
  /** How many files that is (1: the entry chunk alone). */
  initialFiles: number;
  gzipped: number;
  /** The chunks loaded on first use of a lazy part (dynamic imports), each gzipped on its own. */
  lazy: Array<{ chunk: string; minified: number; gzipped: number }>;
  /** The same app bundled without code splitting (dynamic imports inlined): everything in one file. */
  single: { minified: number; gzipped: number };
}

const FIXTURES: ReadonlyArray<{ name: string; fixture: string; needs?: string }> = [
  { name: "sdk: one method", fixture: "browser-app.ts" },
  { name: "sdk: raw only", fixture: "browser-app-raw.ts" },
  { name: "sdk: methods + workflows + raw", fixture: "browser-app-workflows.ts" },
  { name: "openapi-fetch alone", fixture: "openapi-fetch-app.ts" },
  { name: "axios (browser build)", fixture: "axios-app.ts", needs: "axios" },
  { name: "ky", fixture: "ky-app.ts", needs: "ky" },
];

const require = createRequire(import.meta.url);
const installed = (name: string) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

/** A chunk's name without esbuild's content hashes: `validate-VAMLMH7A-BYT2Z7QG.js` → `validate`. */
export const chunkName = (file: string): string => file.replace(/(-[A-Z0-9]{8})+\.js$/, "");

const gzip = (code: Uint8Array) => gzipSync(code, { level: 9 }).length;

function options(fixture: string): BuildOptions & { write: false } {
  return {
    entryPoints: [fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url))],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
    legalComments: "none",
  };
}

/**
 * Bundles a fixture as an app would ship it: `esbuild --bundle --minify --splitting --format=esm`
 * (what Vite, Rollup and webpack do with dynamic imports by default), and once more without
 * splitting, for bundlers that inline dynamic imports.
 */
export async function bundleFixture(fixture: string): Promise<Omit<BundleSize, "name" | "fixture">> {
  const outdir = fileURLToPath(new URL("../.bundle-size-out", import.meta.url)); // not written (write: false)
  const split = await build({ ...options(fixture), splitting: true, outdir, metafile: true });
  // Users see these warnings in their own builds (e.g. a bare import of a chunk the package marks
  // side-effect free): a warning is a defect of the package, not noise.
  if (split.warnings.length) throw new Error(`esbuild warnings bundling ${fixture}:\n${split.warnings.map((w) => w.text).join("\n")}`);
  const files = new Map(split.outputFiles.map((file) => [relative(outdir, file.path), file.contents]));
  const outputs = split.metafile.outputs;
  const key = (path: string) => relative(outdir, resolve(process.cwd(), path));
  // Dynamic imports are entry points too; the app's own entry is the fixture's.
  const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint?.endsWith(`fixtures/${fixture}`))!;
  // Everything reachable from the entry through static imports is loaded up front.
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(key(path))) return;
    initial.add(key(path));
    for (const imported of outputs[path]!.imports) if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  visit(entry);
  let minified = 0;
  let gzipped = 0;
  const lazy: BundleSize["lazy"] = [];
  for (const [name, code] of files) {
    if (name.endsWith(".map")) continue;
    if (initial.has(name)) {
      minified += code.length;
      gzipped += gzip(code);
    } else {
      lazy.push({ chunk: name, minified: code.length, gzipped: gzip(code) });
    }
  }
  const single = (await build(options(fixture))).outputFiles[0]!.contents;
  return { minified, gzipped, initialFiles: initial.size, lazy, single: { minified: single.length, gzipped: gzip(single) } };
}

/** Sizes of every fixture whose library is installed (ky is skipped unless it is). */
export async function measureBundles(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const { name, fixture, needs } of FIXTURES) {
    if (needs && !installed(needs)) continue;
    sizes.push({ name, fixture, ...(await bundleFixture(fixture)) });
  }
  return sizes;
}

if (isMain(import.meta.url)) {
  console.log(
    "Bundle size: fixtures/*.ts, esbuild --bundle --minify --platform=browser --format=esm --splitting, gzip -9 (node:zlib).\n" +
      "initial: the entry chunk plus the chunks it imports statically (what the page loads); lazy: chunks behind a dynamic import\n" +
      "(loaded on first use); one file: the same app without code splitting (dynamic imports inlined).\n",
  );
  const sizes = await measureBundles();
  const lazyText = (s: BundleSize) =>
    s.lazy.length ? s.lazy.map((c) => `${chunkName(c.chunk)} ${fmt.kb(c.gzipped)}`).join(", ") : "–";
  console.log(
    table([
      ["app", "initial min", "initial gz", "lazy chunks (gz)", "one file min", "one file gz"],
      ...sizes.map((s) => [`${s.name} (${s.fixture})`, fmt.kb(s.minified), fmt.kb(s.gzipped), lazyText(s), fmt.kb(s.single.minified), fmt.kb(s.single.gzipped)]),
    ]),
  );
  if (!installed("ky")) console.log("(ky: not installed, skipped)");
  const app = sizes.find((s) => s.fixture === "browser-app.ts")!;
  const alone = sizes.find((s) => s.fixture === "openapi-fetch-app.ts")!;
  const raw = sizes.find((s) => s.fixture === "browser-app-raw.ts")!;
  const all = sizes.find((s) => s.fixture === "browser-app-workflows.ts")!;
  summary("bundle size (browser app, esbuild --minify --splitting, gzip -9)", [
    `one method: ${app.gzipped} bytes gz initial in ${app.initialFiles} file(s) (${fmt.kb(app.minified)} min); ` +
      `budget ${BUNDLE_BUDGET_GZIP_BYTES} bytes: ${app.gzipped <= BUNDLE_BUDGET_GZIP_BYTES ? "within" : "OVER"}; ` +
      `without code splitting ${fmt.kb(app.single.gzipped)} gz`,
    `raw only ${fmt.kb(raw.gzipped)} + ${fmt.kb(raw.lazy.reduce((n, c) => n + c.gzipped, 0))} lazy; methods + workflows + raw ${fmt.kb(all.gzipped)} + ` +
      `${fmt.kb(all.lazy.reduce((n, c) => n + c.gzipped, 0))} lazy; openapi-fetch alone ${fmt.kb(alone.gzipped)}` +
      sizes
        .filter((s) => ![app, alone, raw, all].includes(s))
        .map((s) => `; ${s.name} ${fmt.kb(s.gzipped)}`)
        .join(""),
  ]);
}
