// The files of a code-split bundle and how they import each other (from esbuild's metafile), and
// what loading a part of it costs a browser: the files fetched and the sequential round trips. A
// module's static imports are only discovered once it has arrived, so each level of a chain of
// static imports is one more round trip; the files one module imports are fetched together.
import { relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Metafile, OutputFile } from "esbuild";

/** A chunk's name without esbuild's content hashes: `validate-VAMLMH7A-BYT2Z7QG.js` → `validate`. */
export const chunkName = (file: string): string => file.replace(/(-[A-Z0-9]{8})+\.js$/, "");

const gzip = (code: Uint8Array) => gzipSync(code, { level: 9 }).length;

export interface Chunk {
  /** The file name in the output directory. */
  file: string;
  code: Uint8Array;
  minified: number;
  /** Gzipped on its own at level 9, as a server would send it. */
  gzipped: number;
  /** Files it imports statically: fetched as soon as it has arrived. */
  imports: string[];
  /** Files it imports with `import()`: fetched when that code runs. */
  dynamicImports: string[];
}

export interface ChunkGraph {
  /** The app's own entry file. */
  entry: string;
  chunks: ReadonlyMap<string, Chunk>;
}

export function chunkGraph(metafile: Metafile, outputFiles: ReadonlyArray<OutputFile>, outdir: string, entryFixture: string): ChunkGraph {
  const name = (path: string) => relative(outdir, resolve(process.cwd(), path));
  const contents = new Map(outputFiles.map((file) => [relative(outdir, file.path), file.contents]));
  const chunks = new Map<string, Chunk>();
  let entry: string | undefined;
  for (const [path, output] of Object.entries(metafile.outputs)) {
    const file = name(path);
    if (file.endsWith(".map")) continue;
    const code = contents.get(file);
    if (!code) throw new Error(`esbuild's metafile lists ${file}, which it did not write`);
    const internal = output.imports.filter((i) => !i.external);
    chunks.set(file, {
      file,
      code,
      minified: code.length,
      gzipped: gzip(code),
      imports: internal.filter((i) => i.kind === "import-statement").map((i) => name(i.path)),
      dynamicImports: internal.filter((i) => i.kind === "dynamic-import").map((i) => name(i.path)),
    });
    if (output.entryPoint?.endsWith(`fixtures/${entryFixture}`)) entry = file;
  }
  if (!entry) throw new Error(`no output file has fixtures/${entryFixture} as its entry point`);
  return { entry, chunks };
}

/** `roots` and everything they import statically, minus what is `loaded` already. */
export function staticClosure(graph: ChunkGraph, roots: ReadonlyArray<string>, loaded: ReadonlySet<string> = new Set()): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || loaded.has(file)) return;
    seen.add(file);
    for (const imported of chunk(graph, file).imports) visit(imported);
  };
  roots.forEach(visit);
  return [...seen];
}

/** Sequential round trips to load `roots` (in parallel) with `loaded` already there: the longest static import chain. */
export function chainDepth(graph: ChunkGraph, roots: ReadonlyArray<string>, loaded: ReadonlySet<string> = new Set()): number {
  const depth = (file: string, path: ReadonlyArray<string>): number => {
    if (loaded.has(file)) return 0;
    if (path.includes(file)) return 0; // an import cycle: its files are already on their way
    return 1 + Math.max(0, ...chunk(graph, file).imports.map((imported) => depth(imported, [...path, file])));
  };
  return Math.max(0, ...roots.map((root) => depth(root, [])));
}

export interface LoadStep {
  /** The lazy parts this step loads, together (e.g. `["operations"]`, or all that `preload()` starts). */
  parts: ReadonlyArray<string>;
  /** The files fetched for them: the parts' chunks and what they import that is not loaded yet. */
  files: string[];
  gzipped: number;
  roundTrips: number;
}

export interface LoadPlan {
  /** The entry and its static imports: what the page loads before the app's code runs. */
  upFront: { files: string[]; gzipped: number; roundTrips: number };
  /** Then, one after the other, the lazy parts the app waits for. */
  steps: LoadStep[];
  /** Everything above. */
  gzipped: number;
  roundTrips: number;
}

/**
 * What the page fetches up to a point the app waits for: the first load, then each step's lazy
 * parts in parallel, a step starting once the one before has loaded (as `await`s in a row do).
 * A part is named by its chunk (`operations` for `operations-HASH.js`), a dynamic import of
 * a file loaded before it.
 */
export function loadPlan(graph: ChunkGraph, steps: ReadonlyArray<ReadonlyArray<string>>): LoadPlan {
  const loaded = new Set<string>();
  const fetch = (roots: ReadonlyArray<string>) => {
    const files = staticClosure(graph, roots, loaded);
    const roundTrips = chainDepth(graph, roots, loaded);
    for (const file of files) loaded.add(file);
    return { files, gzipped: sum(graph, files), roundTrips };
  };
  const upFront = fetch([graph.entry]);
  const loadedSteps = steps.map((parts) => ({ parts, ...fetch(parts.map((part) => lazyPart(graph, loaded, part))) }));
  return {
    upFront,
    steps: loadedSteps,
    gzipped: upFront.gzipped + loadedSteps.reduce((n, s) => n + s.gzipped, 0),
    roundTrips: upFront.roundTrips + loadedSteps.reduce((n, s) => n + s.roundTrips, 0),
  };
}

function lazyPart(graph: ChunkGraph, loaded: ReadonlySet<string>, part: string): string {
  const candidates = new Set([...loaded].flatMap((file) => chunk(graph, file).dynamicImports).filter((file) => chunkName(file) === part));
  if (candidates.size !== 1) {
    throw new Error(
      `the loaded files import ${candidates.size} chunks called ${part} dynamically (expected one): ${[...candidates].join(", ")}`,
    );
  }
  return [...candidates][0]!;
}

function chunk(graph: ChunkGraph, file: string): Chunk {
  const found = graph.chunks.get(file);
  if (!found) throw new Error(`${file} is not in the bundle`);
  return found;
}

/**
 * The files gzipped as one: about what they would weigh if the bundler had made one file of them
 * (the same code, minus a few bytes of import and export lists).
 */
export function gzippedTogether(graph: ChunkGraph, files: ReadonlyArray<string>): number {
  return gzip(Buffer.concat(files.map((file) => chunk(graph, file).code)));
}

const sum = (graph: ChunkGraph, files: ReadonlyArray<string>) => files.reduce((n, file) => n + chunk(graph, file).gzipped, 0);
