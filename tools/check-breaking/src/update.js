// `--update`, at release time: the current bundle becomes the released baseline, byte for byte.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { readChangesets } from "./changesets.js";
import { compareSpecs } from "./diff/specs.js";
import { display, loadSpec, makeSide } from "./documents.js";
import { group } from "./report.js";
import { UsageError } from "./usage-error.js";

/** @import { Options, Side } from "./types.js" */

/**
 * Refuses while changesets are pending (unless `--force`): they have not been released yet, and a
 * baseline that already contains their changes would hide those changes from the check.
 * @param {Options} opts
 * @param {Side} current
 * @returns {number} the exit code
 */
export function updateBaseline(opts, current) {
  const pending = readChangesets(opts.changesets);
  if (pending.length > 0 && !opts.force) {
    throw new UsageError(
      `--update is for release time, after \`changeset version\` has consumed the pending changesets, but ${pending.length} are pending ` +
        `(${pending.map((c) => display(c.file)).join(", ")}). Making the current spec the baseline now would hide its breaking changes ` +
        "from the check. Run `changeset version` first, or pass --force.",
    );
  }
  const changes = existsSync(opts.released)
    ? compareSpecs(makeSide("released", opts.released, loadSpec(opts.released, "released spec", "")), current)
    : [];
  mkdirSync(dirname(opts.released), { recursive: true });
  copyFileSync(opts.current, opts.released);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, updated: opts.released, changes }, null, 2)}\n`);
  } else {
    const breaking = group(changes.filter((c) => c.breaking)).length;
    const nonBreaking = group(changes.filter((c) => !c.breaking)).length;
    const counts = `${breaking} breaking, ${nonBreaking} non-breaking`;
    process.stdout.write(
      `${display(opts.released)} updated from ${display(opts.current)} (${counts} changes since the previous baseline).\n`,
    );
  }
  return 0;
}
