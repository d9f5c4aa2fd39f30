// A schema as the values it may be: its anyOf/oneOf branches, and whether null is one of them.
import { merge, normalize } from "./normalize.js";

/** @import { Schema, Side } from "../types.js" */

/** @typedef {{ key: string, n: Schema }} Alternative */

/** @param {Schema} n */
export const acceptsNull = (n) => (n.types === null || n.types.has("null")) && (n.enum === null || n.enum.some((v) => v === null));

/** @param {Schema} n */
const isNullOnly = (n) =>
  (n.types !== null && n.types.size === 1 && n.types.has("null")) || (n.enum !== null && n.enum.length === 1 && n.enum[0] === null);

/** @param {Set<string> | null} types */
export const withoutNull = (types) => (types === null ? null : new Set([...types].filter((t) => t !== "null")));

/** @param {Schema} n */
export const isObjectish = (n) => n.props.size > 0 || n.required.size > 0 || n.addl !== undefined || (n.types?.has("object") ?? false);

/**
 * A schema as a list of alternatives: its anyOf/oneOf branches (shared part merged in), or itself.
 * A `{type: "null"}` branch is not an alternative but nullability.
 * @param {Side} side
 * @param {Schema} n
 * @returns {{ list: Alternative[], nullable: boolean, union: boolean }}
 */
export function alternatives(side, n) {
  if (!n.branches) return { list: [{ key: branchKey(n, 0), n }], nullable: acceptsNull(n), union: false };
  const base = { ...n, branches: null };
  /** @type {Alternative[]} */
  const list = [];
  let nullable = false;
  n.branches.forEach(({ raw, ptr }, i) => {
    const branch = normalize(side, raw, ptr);
    if (isNullOnly(branch)) {
      nullable = true;
      return;
    }
    const merged = merge(branch, base);
    merged.ptr = branch.ptr;
    if (acceptsNull(merged)) nullable = true;
    list.push({ key: branchKey(branch, i), n: merged });
  });
  return { list, nullable, union: true };
}

/**
 * What pairs a branch with its counterpart in the other document: its `$ref` name, title or types.
 * @param {Schema} n
 * @param {number} i
 */
function branchKey(n, i) {
  if (n.refName) return n.refName;
  if (n.title) return n.title;
  if (n.types && n.types.size > 0) return [...(withoutNull(n.types) ?? [])].sort().join("|") || `#${i}`;
  return `#${i}`;
}
