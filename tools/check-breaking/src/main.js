// The command: compare and judge (the default), `--update`, or `--help`.
import { readFileSync } from "node:fs";
import { parseArguments } from "./args.js";
import { announcements, readChangesets, releasedVersions } from "./changesets.js";
import { compareSpecs } from "./diff/specs.js";
import { loadSpec, makeSide } from "./documents.js";
import { report, verdict } from "./report.js";
import { updateBaseline } from "./update.js";

/** @import { Options } from "./types.js" */

/**
 * Runs the check; a UsageError it throws means exit code 2.
 * @param {string[]} argv the arguments after the script's name
 * @returns {number} the exit code: 0 passed (or --update done), 1 a breaking change no changeset announces
 */
export function main(argv) {
  const opts = parseArguments(argv);
  if (opts.help) {
    process.stdout.write(readFileSync(new URL("help.txt", import.meta.url), "utf8"));
    return 0;
  }
  const current = makeSide(
    "current",
    opts.current,
    loadSpec(opts.current, "current bundle", "Build it with `bash scripts/exec turbo run bundle`."),
  );
  return opts.update ? updateBaseline(opts, current) : check(opts, current);
}

/**
 * @param {Options} opts
 * @param {import("./types.js").Side} current
 */
function check(opts, current) {
  const hint = "It is the spec of the last release; create it with `node scripts/check-breaking.mjs --update --force`.";
  const released = makeSide("released", opts.released, loadSpec(opts.released, "released spec", hint));
  const changes = compareSpecs(released, current);
  const breaking = changes.filter((c) => c.breaking);
  const changesets = readChangesets(opts.changesets);
  const { majors, lesser } = announcements(changesets, releasedVersions(opts.changesets));
  const ok = breaking.length === 0 || majors.length > 0;
  if (opts.json) {
    const result = {
      ok,
      released: opts.released,
      current: opts.current,
      breaking,
      nonBreaking: changes.filter((c) => !c.breaking),
      changesets: changesets.map((c) => ({ file: c.file, releases: c.releases })),
      majorChangesets: majors.map((c) => c.file),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    (ok ? process.stdout : process.stderr).write(`${report(changes, opts, verdict(breaking, majors, lesser))}\n`);
  }
  return ok ? 0 : 1;
}
