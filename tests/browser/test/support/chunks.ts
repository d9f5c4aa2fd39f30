// How the page's files import each other (esbuild's metafile of the page build): what a lazy part
// of the SDK should make the browser fetch, and in how many sequential round trips. The test holds
// what Chromium really fetched against it (bench/src/support/chunk-graph.ts reports the same for the
// benchmark's fixtures).
import path from "node:path";
import type { Metafile } from "esbuild";

/** A file's name without esbuild's content hashes: `/validate-VAMLMH7A.js` → `validate`. */
export const chunkName = (file: string): string => path.basename(file).replace(/(-[A-Z0-9]{8})+\.js$/, "");

export interface PageGraph {
  /** URL path (`/app.js`, `/validate-….js`) → the URL paths it imports statically and dynamically. */
  files: ReadonlyMap<string, { imports: string[]; dynamicImports: string[] }>;
}

export function pageGraph(metafile: Metafile, outdir: string): PageGraph {
  const urlPath = (file: string) => `/${path.relative(outdir, path.resolve(process.cwd(), file))}`;
  const files = new Map<string, { imports: string[]; dynamicImports: string[] }>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const internal = output.imports.filter((i) => !i.external);
    files.set(urlPath(file), {
      imports: internal.filter((i) => i.kind === "import-statement").map((i) => urlPath(i.path)),
      dynamicImports: internal.filter((i) => i.kind === "dynamic-import").map((i) => urlPath(i.path)),
    });
  }
  return { files };
}

/** The names of the lazily loaded parts (every dynamically imported file), sorted: `failure`, `raw`, `validate`, `workflows`. */
export function lazyParts(graph: PageGraph): string[] {
  return [...new Set([...graph.files.values()].flatMap((f) => f.dynamicImports).map(chunkName))].sort();
}

/** The file of lazy part `name` (`validate`, `failure`, `workflows`…): the one dynamic import of that name. */
export function lazyPart(graph: PageGraph, name: string): string {
  const found = new Set([...graph.files.values()].flatMap((f) => f.dynamicImports).filter((file) => chunkName(file) === name));
  if (found.size !== 1) throw new Error(`the page build has ${found.size} dynamically imported files called ${name}`);
  return [...found][0]!;
}

/** The parts' files and what they import statically, minus what is `loaded`: what loading them fetches. */
export function fetchedFor(graph: PageGraph, parts: ReadonlyArray<string>, loaded: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const visit = (file: string) => {
    if (out.has(file) || loaded.has(file)) return;
    out.add(file);
    for (const imported of graph.files.get(file)?.imports ?? []) visit(imported);
  };
  parts.map((part) => lazyPart(graph, part)).forEach(visit);
  return out;
}

/** Sequential round trips to load the parts (together): the longest chain of static imports not yet `loaded`. */
export function roundTripsFor(graph: PageGraph, parts: ReadonlyArray<string>, loaded: ReadonlySet<string>): number {
  const depth = (file: string): number => (loaded.has(file) ? 0 : 1 + Math.max(0, ...(graph.files.get(file)?.imports ?? []).map(depth)));
  return Math.max(0, ...parts.map((part) => depth(lazyPart(graph, part))));
}

/** `/app.js` and its static imports: loaded before the page's code runs. */
export function upFront(graph: PageGraph): Set<string> {
  const out = new Set<string>();
  const visit = (file: string) => {
    if (out.has(file)) return;
    out.add(file);
    for (const imported of graph.files.get(file)?.imports ?? []) visit(imported);
  };
  visit("/app.js");
  return out;
}
