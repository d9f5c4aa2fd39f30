// The text report and its verdict line.
import { display } from "./documents.js";
import { describeChangeset, MAJOR_PACKAGES } from "./changesets.js";

/** @import { Change, Changeset } from "./types.js" */

/** @typedef {Change & { places: string[] }} ChangeGroup */

/**
 * Changes that are one edit of the spec (same rule, message and pointer), with every place it shows:
 * a shared enum narrowed is one change, seen in each operation that uses it.
 * @param {Change[]} list
 * @returns {ChangeGroup[]}
 */
export function group(list) {
  /** @type {Map<string, ChangeGroup>} */
  const groups = new Map();
  for (const c of list) {
    const key = `${c.id}\u0000${c.message}\u0000${c.file}\u0000${c.pointer}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...c, places: [] }));
    g.places.push(`${c.operationId ?? "(no operationId)"} ${c.operation} › ${c.location}`);
  }
  return [...groups.values()];
}

/**
 * @param {Change[]} changes
 * @param {{ released: string, current: string }} files
 * @param {string} verdict
 */
export function report(changes, files, verdict) {
  const lines = [];
  const breaking = group(changes.filter((c) => c.breaking));
  const other = group(changes.filter((c) => !c.breaking));
  lines.push(`check-breaking: ${display(files.released)} (released) → ${display(files.current)} (current)`);
  if (changes.length === 0) lines.push("", "No API changes.");
  for (const [title, list, mark] of /** @type {const} */ ([
    ["Breaking changes", breaking, "✗"],
    ["Non-breaking changes", other, "·"],
  ])) {
    if (list.length === 0) continue;
    lines.push("", `${title} (${list.length}):`);
    for (const g of list) {
      lines.push(`  ${mark} ${g.message} [${g.id}]`);
      for (const place of g.places) lines.push(`      ${place}`);
      lines.push(`      at ${display(g.file)}#${g.pointer.slice(1)}`);
    }
  }
  lines.push("", verdict);
  return lines.join("\n");
}

/**
 * "OK: …" or "FAILED: …" with what to do.
 * @param {Change[]} breaking
 * @param {Changeset[]} majors
 * @param {Changeset[]} lesser
 */
export function verdict(breaking, majors, lesser) {
  if (breaking.length === 0) return "OK: no breaking changes.";
  const count = `${group(breaking).length} breaking change(s) (in ${breaking.length} place(s))`;
  if (majors.length > 0) return `OK: ${count}, announced by a breaking-bump changeset: ${majors.map(describeChangeset).join("; ")}.`;
  return (
    `FAILED: ${count} and no pending changeset declares a major bump for ${MAJOR_PACKAGES.join(" or ")}` +
    (lesser.length
      ? ` (found only: ${lesser.map(describeChangeset).join("; ")}; a breaking change needs major, or minor below 1.0.0)`
      : "") +
    ".\nUndo the change, or run `npm run changeset`, choose major for @hostup/openapi and @hostup/sdk, " +
    "and tell users what changed and what to do."
  );
}
