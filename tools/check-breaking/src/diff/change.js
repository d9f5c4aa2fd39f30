// How a change is recorded and worded.

/** @import { Context, Location, Side } from "../types.js" */

/**
 * Records a change.
 * @param {Context} ctx
 * @param {string} id the rule (`request-enum-value-removed`)
 * @param {boolean} breaking
 * @param {Location} loc
 * @param {string} message
 * @param {Side} side the document `pointer` points into
 * @param {string} pointer
 */
export function emit(ctx, id, breaking, loc, message, side, pointer) {
  const op = loc.op;
  // Field names join with dots; `[]`, `[0]`, `{*}` and `(Branch)` attach to the name before them.
  const path = loc.path.reduce((s, part) => (/^[[{(]/.test(part) ? s + part : s ? `${s}.${part}` : part), "");
  ctx.changes.push({
    id,
    breaking,
    operation: `${op.method.toUpperCase()} ${op.path}`,
    operationId: op.operationId ?? null,
    location: [loc.where, path].filter(Boolean).join(" › "),
    message,
    document: side.name,
    file: side.file,
    pointer,
  });
}

/** @param {Set<string> | null} types */
export const fmtTypes = (types) => (types === null ? "any type" : types.size === 0 ? "nothing" : [...types].sort().join(" | "));

/** @param {unknown} v */
export const fmtValue = (v) => JSON.stringify(v);

/**
 * A location further into a schema.
 * @param {Location} loc
 * @param {string} part
 * @returns {Location}
 */
export const deeper = (loc, part) => ({ ...loc, path: [...loc.path, part] });
