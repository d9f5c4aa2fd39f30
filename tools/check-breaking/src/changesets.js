// Pending changesets, read with changesets' own parser, and which of them announce a breaking change.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import parseChangesetFile from "@changesets/parse";
import { display } from "./documents.js";
import { UsageError } from "./usage-error.js";

/** @import { Changeset } from "./types.js" */

/** A `major` changeset for one of these announces a breaking change of the API description. */
export const MAJOR_PACKAGES = ["@hostup/openapi", "@hostup/sdk"];

/** Where each of MAJOR_PACKAGES lives in the repository the changesets belong to. */
const PACKAGE_DIRS = { "@hostup/openapi": "openapi", "@hostup/sdk": "packages/sdk" };

/**
 * The versions of MAJOR_PACKAGES in the repository whose `.changeset` folder is `dir` (its parent),
 * as they are before `changeset version` bumps them: the versions last released. A package that is
 * not there has no known version.
 * @param {string} dir
 * @returns {Record<string, string | undefined>}
 */
export function releasedVersions(dir) {
  const root = dirname(dir);
  return Object.fromEntries(
    MAJOR_PACKAGES.map((name) => {
      const file = join(root, PACKAGE_DIRS[/** @type {keyof typeof PACKAGE_DIRS} */ (name)], "package.json");
      if (!existsSync(file)) return [name, undefined];
      const manifest = JSON.parse(readFileSync(file, "utf8"));
      return [name, manifest.name === name && typeof manifest.version === "string" ? manifest.version : undefined];
    }),
  );
}

/**
 * Does this bump announce a breaking change? `major` always; `minor` while the package is below
 * 1.0.0, as semver allows (anything may change in 0.y.z) and npm reads it (`^0.3.1` never
 * installs 0.4.0).
 * @param {string | undefined} bump
 * @param {string | undefined} version
 */
export function breakingBump(bump, version) {
  return bump === "major" || (bump === "minor" && typeof version === "string" && /^0\./.test(version));
}

/**
 * The changesets in `dir` (the `.md` files `changeset version` would consume), by file name; none
 * when the folder does not exist. One that changesets cannot parse is an input error: the release
 * would fail on it too.
 * @param {string} dir
 * @returns {Changeset[]}
 */
export function readChangesets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith(".") && name.endsWith(".md") && !/^README\.md$/i.test(name))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      let parsed;
      try {
        parsed = parseChangesetFile(readFileSync(file, "utf8"));
      } catch (error) {
        throw new UsageError(`${display(file)}: ${/** @type {Error} */ (error).message}`);
      }
      return { file, releases: Object.fromEntries(parsed.releases.map((r) => [r.name, r.type])) };
    });
}

/**
 * The changesets that let a breaking change pass (a breaking bump of one of MAJOR_PACKAGES: see
 * `breakingBump`), and those that bump them less, which the report names because they are not enough.
 * @param {Changeset[]} changesets
 * @param {Record<string, string | undefined>} [versions] the packages' released versions (`releasedVersions`)
 */
export function announcements(changesets, versions = {}) {
  const majors = changesets.filter((c) => MAJOR_PACKAGES.some((p) => breakingBump(c.releases[p], versions[p])));
  const lesser = changesets.filter((c) => !majors.includes(c) && MAJOR_PACKAGES.some((p) => c.releases[p]));
  return { majors, lesser };
}

/**
 * `.changeset/narrow-kinds.md (@hostup/openapi: major, @hostup/sdk: major)`
 * @param {Changeset} c
 */
export function describeChangeset(c) {
  const bumps = Object.entries(c.releases).filter(([p]) => MAJOR_PACKAGES.includes(p));
  return `${display(c.file)} (${bumps.map(([p, b]) => `${p}: ${b}`).join(", ")})`;
}
