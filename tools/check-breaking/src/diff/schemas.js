// Two schemas in one direction: nullability, unions (branches paired), types, then the keywords,
// the properties of objects and the items of arrays.
import { alternatives, isObjectish, withoutNull } from "../schema/alternatives.js";
import { normalizeList, same } from "../schema/normalize.js";
import { deeper, emit, fmtTypes } from "./change.js";
import { compareBounds, compareDefault, compareEnums, compareFormat, comparePatterns } from "./keywords.js";
import { compareProperties } from "./properties.js";

/** @import { Alternative } from "../schema/alternatives.js" */
/** @import { Context, Direction, Location, Schema } from "../types.js" */

/**
 * Compares two normalized schemas in one direction: "request" (the new one must accept every value
 * the old one accepted) or "response" (the new one must allow nothing the old one did not).
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 * @param {Set<string>} [stack] the pairs being compared further up (recursive schemas)
 */
export function compareSchema(ctx, o, n, dir, loc, stack = new Set()) {
  const guard = `${o.ptr}|${n.ptr}|${dir}`;
  if (stack.has(guard)) return; // a recursive schema: this pair is already being compared further up
  stack = new Set(stack).add(guard);

  const oldAlts = alternatives(ctx.released, o);
  const newAlts = alternatives(ctx.current, n);
  if (oldAlts.nullable !== newAlts.nullable) {
    if (dir === "request" && !newAlts.nullable) {
      emit(ctx, "request-type-changed", true, loc, "no longer accepts null", ctx.current, n.ptr);
    } else if (dir === "response" && newAlts.nullable) {
      emit(ctx, "response-became-nullable", true, loc, "may now be null", ctx.current, n.ptr);
    } else {
      emit(
        ctx,
        dir === "request" ? "request-null-accepted" : "response-no-longer-nullable",
        false,
        loc,
        newAlts.nullable ? "now accepts null" : "is no longer null",
        ctx.current,
        n.ptr,
      );
    }
  }
  const [oldOnly, newOnly] = [oldAlts.list[0], newAlts.list[0]];
  if (oldAlts.list.length === 1 && newAlts.list.length === 1 && oldOnly && newOnly) {
    comparePlain(ctx, oldOnly.n, newOnly.n, dir, loc, stack);
    return;
  }

  // Unions: pair the branches by key, then by type, then a single leftover pair.
  /** @type {[Alternative, Alternative][]} */
  const pairs = [];
  const oldLeft = [...oldAlts.list];
  const newLeft = [...newAlts.list];
  /** @param {(a: Alternative, b: Alternative) => boolean} match */
  const take = (match) => {
    for (const ob of [...oldLeft]) {
      const i = newLeft.findIndex((nb) => match(ob, nb));
      const nb = newLeft[i];
      if (nb) {
        pairs.push([ob, nb]);
        oldLeft.splice(oldLeft.indexOf(ob), 1);
        newLeft.splice(i, 1);
      }
    }
  };
  take((a, b) => a.key === b.key);
  take((a, b) => fmtTypes(withoutNull(a.n.types)) === fmtTypes(withoutNull(b.n.types)) && a.n.types !== null);
  const [lastOld, lastNew] = [oldLeft[0], newLeft[0]];
  if (oldLeft.length === 1 && newLeft.length === 1 && lastOld && lastNew) {
    pairs.push([lastOld, lastNew]);
    oldLeft.length = 0;
    newLeft.length = 0;
  }
  for (const [ob, nb] of pairs) comparePlain(ctx, ob.n, nb.n, dir, deeper(loc, `(${nb.key})`), stack);
  const req = dir === "request";
  for (const ob of oldLeft) {
    const message = `alternative ${ob.key} is no longer ${req ? "accepted" : "returned"}`;
    emit(ctx, `${dir}-branch-removed`, req, loc, message, ctx.released, ob.n.ptr);
  }
  for (const nb of newLeft) {
    const message = req ? `now also accepts alternative ${nb.key}` : `may now be a new alternative, ${nb.key}`;
    emit(ctx, `${dir}-branch-added`, !req, loc, message, ctx.current, nb.n.ptr);
  }
}

/**
 * Two schemas that are not unions (or a pair of union branches).
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 * @param {Set<string>} stack
 */
function comparePlain(ctx, o, n, dir, loc, stack) {
  const { released, current } = ctx;
  if (!compareTypes(ctx, o, n, dir, loc)) return;
  compareEnums(ctx, o, n, dir, loc);
  compareBounds(ctx, o, n, dir, loc);
  comparePatterns(ctx, o, n, dir, loc);
  compareFormat(ctx, o, n, dir, loc);
  compareDefault(ctx, o, n, dir, loc);

  if (isObjectish(o) || isObjectish(n)) {
    compareProperties(ctx, o, n, dir, loc, (oldChild, newChild, at) => compareSchema(ctx, oldChild, newChild, dir, at, stack));
  }
  if (o.items || n.items) {
    compareSchema(
      ctx,
      normalizeList(released, o.items, `${o.ptr}/items`),
      normalizeList(current, n.items, `${n.ptr}/items`),
      dir,
      deeper(loc, "[]"),
      stack,
    );
  }
  if (o.prefixItems || n.prefixItems) {
    const length = Math.max(o.prefixItems?.length ?? 0, n.prefixItems?.length ?? 0);
    for (let i = 0; i < length; i++) {
      const oldItem = normalizeList(released, o.prefixItems?.[i], `${o.ptr}/prefixItems/${i}`);
      const newItem = normalizeList(current, n.prefixItems?.[i], `${n.ptr}/prefixItems/${i}`);
      compareSchema(ctx, oldItem, newItem, dir, deeper(loc, `[${i}]`), stack);
    }
  }
}

/**
 * Types (null is handled as nullability). Returns false when the two are different kinds of value
 * altogether: comparing their parts would only add noise.
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 */
function compareTypes(ctx, o, n, dir, loc) {
  const req = dir === "request";
  const ot = withoutNull(o.types);
  const nt = withoutNull(n.types);
  /** @param {Set<string>} set @param {string} t */
  const covers = (set, t) => set.has(t) || (t === "integer" && set.has("number"));
  if (same(ot && [...ot].sort(), nt && [...nt].sort())) return true;
  // request: every old type still accepted; response: every new type was possible before.
  const [from, to] = req ? [ot, nt] : [nt, ot];
  const broken = to !== null && (from === null || [...from].some((t) => !covers(to, t)));
  const message = `type changed from ${fmtTypes(ot)} to ${fmtTypes(nt)}`;
  if (!broken) {
    emit(ctx, req ? "request-type-widened" : "response-type-narrowed", false, loc, message, ctx.current, `${n.ptr}/type`);
    return true;
  }
  emit(ctx, req ? "request-type-changed" : "response-type-changed", true, loc, message, ctx.current, `${n.ptr}/type`);
  return ot === null || nt === null || [...ot].some((t) => covers(nt, t)) || [...nt].some((t) => covers(ot, t));
}
