import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  splitting: false,
  // `hostup --version` and the product token the CLI adds to the SDK's User-Agent.
  define: { __HOSTUP_CLI_VERSION__: JSON.stringify(version) },
});
