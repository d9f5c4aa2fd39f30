// Where Prism and the OpenAPI document are: both come from packages, so they are resolved from
// this module (not from the caller's working directory).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Path of Prism's CLI entry (from @stoplight/prism-cli's package.json `bin`). */
export function resolvePrismBin(): string {
  const pkgJsonPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = JSON.parse(readFileSync(pkgJsonPath, "utf8")) as { bin?: string | Record<string, string> };
  const rel = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.prism;
  if (!rel) throw new Error(`@stoplight/prism-cli has no "prism" bin in ${pkgJsonPath}`);
  return path.resolve(path.dirname(pkgJsonPath), rel);
}

/** Path of the bundled HostUp OpenAPI document (`@hostup/openapi/openapi.json`). */
export function resolveDefaultSpec(): string {
  try {
    return require.resolve("@hostup/openapi/openapi.json");
  } catch (err) {
    throw new Error(
      "The bundled HostUp spec (@hostup/openapi/openapi.json) was not found. " +
        "Build it first (`turbo run bundle` / `pnpm --filter @hostup/openapi bundle`) or pass `spec`.",
      { cause: err },
    );
  }
}

/**
 * The document Prism should serve: an http(s) URL as given, a file as an absolute path. A missing
 * file fails here, before anything is spawned: Prism's own message for it is buried in usage text.
 */
export function resolveSpec(spec: string | undefined): string {
  const given = spec ?? resolveDefaultSpec();
  if (/^https?:\/\//i.test(given)) return given;
  const absolute = path.resolve(given);
  if (!existsSync(absolute)) throw new Error(`OpenAPI spec not found: ${absolute}`);
  return absolute;
}
