import path from "node:path";
import { fileURLToPath } from "node:url";

/** tests/packaging */
export const PACKAGING_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** the monorepo root */
export const WORKSPACE_ROOT = path.resolve(PACKAGING_ROOT, "../..");

export interface PublishedPackage {
  name: string;
  /** directory, relative to the workspace root */
  dir: string;
  /** files that must exist before packing (built by turbo: bundle / generate / build) */
  built: string[];
  /**
   * spec: JSON only (nothing to import); library: JavaScript with TypeScript types (checked with
   * attw); cli: a command (`bin`), nothing to import.
   */
  kind: "spec" | "library" | "cli";
}

export const PACKAGES: PublishedPackage[] = [
  { name: "@hostup/openapi", dir: "openapi", built: ["dist/openapi.json"], kind: "spec" },
  { name: "@hostup/types", dir: "packages/types", built: ["src/generated/openapi.d.ts", "dist/openapi.d.cts"], kind: "library" },
  {
    name: "@hostup/dns",
    dir: "packages/dns",
    built: ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/records/index.js", "dist/records/index.cjs"],
    kind: "library",
  },
  {
    name: "@hostup/sdk",
    dir: "packages/sdk",
    built: ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts"],
    kind: "library",
  },
  {
    name: "@hostup/mock",
    dir: "packages/mock",
    built: ["dist/index.js", "dist/index.cjs", "dist/cli.js", "dist/index.d.ts", "dist/index.d.cts"],
    kind: "library",
  },
  {
    name: "@hostup/mcp",
    dir: "packages/mcp",
    built: ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts"],
    kind: "library",
  },
  {
    name: "@hostup/external-dns",
    dir: "packages/external-dns",
    built: ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts"],
    kind: "library",
  },
  { name: "@hostup/cli", dir: "packages/cli", built: ["dist/cli.js"], kind: "cli" },
];

/**
 * What a plain npm consumer of @hostup/mock must end up with: prism-cli 5.14.2's caret ranges would
 * otherwise pull 5.16 sub-packages that need Node >= 24.18 (see /work/shared/TOOLCHAIN.md, pitfall 1).
 * @hostup/mock depends on these exact versions so that npm dedupes prism-cli's ranges to them.
 */
export const PRISM_PINS: Record<string, string> = {
  "@stoplight/prism-core": "5.8.0",
  "@stoplight/prism-http": "5.12.0",
  "@stoplight/prism-http-server": "5.12.2",
};

/** A domain ID in the spec's format, answered by the mock with the documented example. */
export const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

/** What global-setup.ts hands to the tests. */
export interface Consumer {
  /** temporary directory holding everything below (outside the workspace) */
  root: string;
  /** tarball path per package name, as written by `pnpm pack` */
  tarballs: Record<string, string>;
  /** the npm project with every tarball (plus typescript and @types/node) installed */
  dir: string;
  /** an npm project with only the @hostup/types tarball installed */
  typesOnlyDir: string;
  /** the `npm install` argument list used for `dir` */
  installArgs: string[];
  installMs: number;
  packMs: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    consumer: Consumer;
  }
}
