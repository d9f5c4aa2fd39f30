// The SDK built from another spec: a copy of packages/sdk/src in a temporary directory whose
// generated/ folder the SDK's own generator writes from that spec (scripts/generate.mjs --spec --out).
// The bundle-size and type-check benchmarks build it from the synthetic spec (support/synthetic-spec.ts),
// and from the real one through the same steps, so that the two differ in the spec alone.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { SpecNode } from "@hostup/openapi/walk";
import type { BuildOptions } from "esbuild";
import openapiTS, { astToString } from "openapi-typescript";
import { operationIds } from "./synthetic-spec.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const SDK_DIR = dirname(require.resolve("@hostup/sdk/package.json"));
const TSC = require.resolve("typescript/lib/tsc.js");
// The SDK's own dependency, found from the SDK (the copy lives outside the workspace).
const SDK_NODE_MODULES = join(SDK_DIR, "node_modules");
const OPENAPI_FETCH_TYPES = join(dirname(createRequire(join(SDK_DIR, "package.json")).resolve("openapi-fetch")), "index.d.mts");
const { version: SDK_VERSION } = JSON.parse(readFileSync(join(SDK_DIR, "package.json"), "utf8")) as { version: string };

export interface SdkBuildOptions {
  /**
   * Also generate @hostup/types from the spec (openapi-typescript, with the options of
   * packages/types/scripts/generate.mjs) and emit the SDK's declarations, for type-check runs.
   */
  declarations?: boolean;
}

export interface SdkBuild {
  operations: number;
  /** esbuild options that bundle an app against this copy: `@hostup/sdk` is its src/index.ts, `@hostup/sdk/operations` its src/operations.ts. */
  esbuild: Pick<BuildOptions, "alias" | "define" | "nodePaths">;
  /**
   * tsconfig `paths` for a consumer (built with `declarations` only): `@hostup/sdk` is the copy's
   * declarations, `@hostup/types` its generated types.
   */
  typePaths: Record<string, string[]>;
  /** A directory of the build's own, for files a caller writes next to it (removed with the build). */
  dir: string;
}

/** Builds the SDK from `spec`, hands it to `use`, and removes it afterwards, whatever happened. */
export async function withSdkBuild<T>(spec: SpecNode, options: SdkBuildOptions, use: (build: SdkBuild) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "hostup-sdk-build-"));
  try {
    return await use(await buildIn(dir, spec, options));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function buildIn(dir: string, spec: SpecNode, options: SdkBuildOptions): Promise<SdkBuild> {
  const specFile = join(dir, "openapi.json");
  const src = join(dir, "src");
  writeFileSync(specFile, JSON.stringify(spec));
  // NodeNext reads the copy's .ts and .d.ts files as ES modules, as in packages/sdk.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  cpSync(join(SDK_DIR, "src"), src, { recursive: true });
  const generated = join(src, "generated");
  for (const file of readdirSync(generated)) rmSync(join(generated, file)); // only what the generator writes
  await run(process.execPath, [join(SDK_DIR, "scripts/generate.mjs"), "--spec", specFile, "--out", generated]);
  const types = join(dir, "types.d.ts");
  const declarations = join(dir, "dts");
  const typePaths = {
    "@hostup/sdk": [join(declarations, "index.d.ts")],
    "@hostup/types": [types],
    "openapi-fetch": [OPENAPI_FETCH_TYPES],
  };
  if (options.declarations) {
    // The options of packages/types/scripts/generate.mjs.
    writeFileSync(types, astToString(await openapiTS(pathToFileURL(specFile), { rootTypes: true, defaultNonNullable: false })));
    await emitDeclarations(dir, src, declarations, typePaths);
  }
  return {
    operations: operationIds(spec).length,
    esbuild: {
      // The longer name first: esbuild would otherwise read `@hostup/sdk/operations` as `@hostup/sdk` + `/operations`.
      alias: { "@hostup/sdk/operations": join(src, "operations.ts"), "@hostup/sdk": join(src, "index.ts") },
      define: { __HOSTUP_SDK_VERSION__: JSON.stringify(SDK_VERSION) }, // as packages/sdk/tsup.config.ts
      nodePaths: [SDK_NODE_MODULES],
    },
    typePaths,
    dir,
  };
}

/** The copy's .d.ts files, as a consumer of the published package sees the SDK (but one per module). */
async function emitDeclarations(dir: string, src: string, outDir: string, paths: Record<string, string[]>): Promise<void> {
  const config = join(dir, "tsconfig.declarations.json");
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        declaration: true,
        emitDeclarationOnly: true,
        // packages/sdk's own lint type-checks this source; here only its declarations are wanted.
        noCheck: true,
        skipLibCheck: true,
        types: [],
        outDir,
        paths,
      },
      include: [src],
    }),
  );
  await run(process.execPath, [TSC, "-p", config]).catch((error: { stdout?: string; message: string }) => {
    throw new Error(`emitting the SDK copy's declarations failed:\n${error.stdout || error.message}`);
  });
}
