// Pending changesets, read with changesets' own parser, and which of them announce a breaking change.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import parseChangesetFile from "@changesets/parse";
import { display } from "./documents.js";
import { UsageError } from "./usage-error.js";

/** @import { Changeset } from "./types.js" */

/** A `major` changeset for one of these announces a breaking change of the API description. */
export const MAJOR_PACKAGES = ["@hostup/openapi", "@hostup/sdk"];

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
 * The changesets that let a breaking change pass (`major` for one of MAJOR_PACKAGES), and those
 * that bump them less, which the report names because they are not enough.
 * @param {Changeset[]} changesets
 */
export function announcements(changesets) {
  const majors = changesets.filter((c) => MAJOR_PACKAGES.some((p) => c.releases[p] === "major"));
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
