// Bundles a fixture app as an app would ship it: `esbuild --bundle --minify --splitting --format=esm
// --platform=browser` (what Vite, Rollup and webpack do with dynamic imports by default), and once
// more without splitting, for bundlers that inline dynamic imports. Against the built @hostup/sdk
// (packages/sdk/dist), or against an SDK built from another spec (sdk-from-spec.ts).
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { chunkGraph, staticClosure, type Chunk, type ChunkGraph } from "./chunk-graph.js";
import type { SdkBuild } from "./sdk-from-spec.js";

export interface Bundle {
  graph: ChunkGraph;
  /** What the page loads before any lazy part is used: the entry file and the files it imports statically. */
  upFront: { files: string[]; minified: number; gzipped: number };
  /** The files behind dynamic imports, loaded on first use of a lazy part. */
  lazy: Chunk[];
  /** The same app bundled without code splitting (dynamic imports inlined): everything in one file. */
  single: { minified: number; gzipped: number };
}

/** The fixture's path; a fixture that does not exist is an error, never a row left out. */
export function fixtureFile(fixture: string): string {
  const file = fileURLToPath(new URL(`../../fixtures/${fixture}`, import.meta.url));
  if (!existsSync(file)) throw new Error(`bench/fixtures/${fixture} does not exist (listed in bench/src/bundle-size.ts)`);
  return file;
}

function options(fixture: string, sdk: SdkBuild | undefined): BuildOptions & { write: false } {
  return {
    entryPoints: [fixtureFile(fixture)],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
    legalComments: "none",
    ...sdk?.esbuild,
  };
}

export async function bundleFixture(fixture: string, sdk?: SdkBuild): Promise<Bundle> {
  const outdir = fileURLToPath(new URL("../../.bundle-size-out", import.meta.url)); // not written (write: false)
  const split = await build({ ...options(fixture, sdk), splitting: true, outdir, metafile: true });
  // Users see these warnings in their own builds (e.g. a bare import of a chunk the package marks
  // side-effect free): a warning is a defect of the package, not noise.
  if (split.warnings.length) throw new Error(`esbuild warnings bundling ${fixture}:\n${split.warnings.map((w) => w.text).join("\n")}`);
  const graph = chunkGraph(split.metafile, split.outputFiles, outdir, fixture);
  const files = staticClosure(graph, [graph.entry]);
  const upFront = files.map((file) => graph.chunks.get(file)!);
  const single = (await build(options(fixture, sdk))).outputFiles[0]!.contents;
  return {
    graph,
    upFront: {
      files,
      minified: upFront.reduce((n, c) => n + c.minified, 0),
      gzipped: upFront.reduce((n, c) => n + c.gzipped, 0),
    },
    lazy: [...graph.chunks.values()].filter((c) => !files.includes(c.file)),
    single: { minified: single.length, gzipped: gzipSync(single, { level: 9 }).length },
  };
}
