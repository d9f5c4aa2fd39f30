import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const src = process.argv[2];
const r = await build({
  entryPoints: ["fixtures/browser-app.ts"],
  bundle: true,
  minify: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  splitting: true,
  outdir: "/tmp/bundle-out3",
  write: false,
  metafile: true,
  logLevel: "silent",
  alias: { "@hostup/sdk": src + "/index.ts" },
  define: { __HOSTUP_SDK_VERSION__: '"0.0.0"' },
});
const entry = r.outputFiles.find((f) => f.path.endsWith("browser-app.js"));
console.log("gz", gzipSync(entry.contents, { level: 9 }).length, "min", entry.contents.length);
