// The page under test, bundled for the browser with esbuild and served on 127.0.0.1 by node:http.
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { pageGraph, type PageGraph } from "./chunks.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = path.resolve(here, "../../page/main.ts");

/** The page's script files by URL path: `/app.js` and the chunks it loads on demand. */
export type PageFiles = ReadonlyMap<string, string>;

export interface PageBuild {
  files: PageFiles;
  /** How the files import each other (chunks.ts). */
  graph: PageGraph;
}

/**
 * Bundles page/main.ts (and @hostup/sdk's browser build) as apps ship it: ES modules, split at the
 * SDK's dynamic imports (what Vite, Rollup and webpack do by default), so the browser loads the
 * SDK's lazy parts as separate files when a call first needs them.
 */
export async function bundlePage(): Promise<PageBuild> {
  const sdkEntry = createRequire(import.meta.url).resolve("@hostup/sdk");
  if (!existsSync(sdkEntry)) {
    throw new Error(`@hostup/sdk is not built (${sdkEntry} missing): run \`bash scripts/exec turbo run build\` first.`);
  }
  const outdir = path.resolve(here, "../../.page-out"); // not written (write: false)
  const result = await build({
    entryPoints: { app: ENTRY },
    bundle: true,
    splitting: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    outdir,
    write: false,
    metafile: true,
    logLevel: "silent",
    // A Node-only import anywhere in the SDK fails the build here ("Could not resolve ...").
  });
  // Users would see these in their own builds (e.g. a bare import of a chunk marked side-effect free).
  if (result.warnings.length) {
    throw new Error(`esbuild warnings:\n${result.warnings.map((w) => w.text).join("\n")}`);
  }
  return {
    files: new Map(result.outputFiles.map((file) => [`/${path.relative(outdir, file.path)}`, file.text])),
    graph: pageGraph(result.metafile, outdir),
  };
}

export interface Site {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the page on 127.0.0.1 (an origin of its own: the mock runs on another port). With
 * `scriptDelayMs`, every script answers that much later, as over a slow network: files fetched one
 * after the other then take that long each, files fetched together overlap.
 */
export async function serveSite(files: PageFiles, { scriptDelayMs = 0 } = {}): Promise<Site> {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>HostUp SDK in the browser</title><link rel="icon" href="data:,"></head>
<body>
<h1>HostUp SDK in the browser</h1>
<div id="calls"></div>
<pre id="results"></pre>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (req.method === "GET" && pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(html);
    } else if (req.method === "GET" && files.has(pathname)) {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
        res.end(files.get(pathname));
      }, scriptDelayMs);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
