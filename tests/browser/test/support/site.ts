// The page under test, bundled for the browser with esbuild and served on 127.0.0.1 by node:http.
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = path.resolve(here, "../../page/main.ts");

/** Bundles page/main.ts (and @hostup/sdk's browser build) into one IIFE script. */
export async function bundlePage(): Promise<string> {
  const sdkEntry = createRequire(import.meta.url).resolve("@hostup/sdk");
  if (!existsSync(sdkEntry)) {
    throw new Error(`@hostup/sdk is not built (${sdkEntry} missing): run \`bash scripts/exec turbo run build\` first.`);
  }
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    write: false,
    logLevel: "silent",
    // A Node-only import anywhere in the SDK fails the build here ("Could not resolve ...").
  });
  if (result.warnings.length) {
    throw new Error(`esbuild warnings:\n${result.warnings.map((w) => w.text).join("\n")}`);
  }
  return result.outputFiles[0]!.text;
}

export interface Site {
  url: string;
  close(): Promise<void>;
}

/** Serves the page on 127.0.0.1 (an origin of its own: the mock runs on another port). */
export async function serveSite(script: string): Promise<Site> {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>HostUp SDK in the browser</title><link rel="icon" href="data:,"></head>
<body>
<h1>HostUp SDK in the browser</h1>
<div id="calls"></div>
<pre id="results"></pre>
<script src="/app.js"></script>
</body>
</html>
`;
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (req.method === "GET" && pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(html);
    } else if (req.method === "GET" && pathname === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
      res.end(script);
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
