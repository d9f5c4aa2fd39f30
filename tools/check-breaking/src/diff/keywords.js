// The value keywords of a schema: enum (and const), bounds, patterns, format, default. In a request
// a keyword that accepts less is breaking; in a response, one that promises less.
import { BOUNDS, isLowerBound, same } from "../schema/normalize.js";
import { emit, fmtValue } from "./change.js";

/** @import { Context, Direction, Location, Schema } from "../types.js" */

/**
 * Enums (and const), null left out (nullability is compared on its own).
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 */
export function compareEnums(ctx, o, n, dir, loc) {
  const req = dir === "request";
  const oe = o.enum?.filter((v) => v !== null) ?? null;
  const ne = n.enum?.filter((v) => v !== null) ?? null;
  if (oe && ne) {
    for (const v of oe.filter((v) => !ne.some((w) => same(v, w)))) {
      emit(
        ctx,
        req ? "request-enum-value-removed" : "response-enum-value-removed",
        true,
        loc,
        `enum value ${fmtValue(v)} removed`,
        ctx.current,
        `${n.ptr}/enum`,
      );
    }
    for (const v of ne.filter((v) => !oe.some((w) => same(v, w)))) {
      // In a response, an exhaustive switch over the enum meets a value it does not know.
      const message = `enum value ${fmtValue(v)} added${req ? "" : " (clients may not handle it)"}`;
      emit(ctx, `${dir}-enum-value-added`, !req, loc, message, ctx.current, `${n.ptr}/enum`);
    }
  } else if (!oe && ne) {
    emit(
      ctx,
      req ? "request-enum-added" : "response-enum-added",
      req,
      loc,
      `values now restricted to ${ne.map(fmtValue).join(", ")}`,
      ctx.current,
      `${n.ptr}/enum`,
    );
  } else if (oe && !ne) {
    emit(
      ctx,
      req ? "request-enum-removed" : "response-enum-removed",
      !req,
      loc,
      `values no longer restricted to ${oe.map(fmtValue).join(", ")}`,
      ctx.released,
      `${o.ptr}/enum`,
    );
  }
}

/**
 * Lengths, sizes, ranges, multipleOf and uniqueItems: tighter in a request, or looser in a
 * response, is breaking.
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 */
export function compareBounds(ctx, o, n, dir, loc) {
  for (const key of BOUNDS) {
    const a = o.bounds[key];
    const b = n.bounds[key];
    if (a === b) continue;
    const tightened = a === undefined || (b !== undefined && (isLowerBound(key) ? b > a : b < a));
    const message = a === undefined ? `${key} ${b} added` : b === undefined ? `${key} ${a} removed` : `${key} changed from ${a} to ${b}`;
    bound(ctx, dir, tightened, loc, message, `${n.ptr}/${key}`);
  }
  if (o.multipleOf !== n.multipleOf) {
    const a = o.multipleOf;
    const b = n.multipleOf;
    const tightened = a === undefined || (b !== undefined && a % b !== 0);
    const message =
      a === undefined ? `multipleOf ${b} added` : b === undefined ? `multipleOf ${a} removed` : `multipleOf changed from ${a} to ${b}`;
    bound(ctx, dir, tightened, loc, message, `${n.ptr}/multipleOf`);
  }
  if (o.uniqueItems !== n.uniqueItems) {
    bound(ctx, dir, n.uniqueItems, loc, n.uniqueItems ? "uniqueItems added" : "uniqueItems removed", `${n.ptr}/uniqueItems`);
  }
}

/**
 * @param {Context} ctx
 * @param {Direction} dir
 * @param {boolean} tightened
 * @param {Location} loc
 * @param {string} message
 * @param {string} pointer
 */
function bound(ctx, dir, tightened, loc, message, pointer) {
  if (dir === "request") {
    emit(ctx, tightened ? "request-constraint-tightened" : "request-constraint-loosened", tightened, loc, message, ctx.current, pointer);
  } else {
    emit(ctx, tightened ? "response-constraint-tightened" : "response-constraint-loosened", !tightened, loc, message, ctx.current, pointer);
  }
}

/**
 * Patterns: any new pattern in a request, any lost pattern in a response.
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 */
export function comparePatterns(ctx, o, n, dir, loc) {
  const req = dir === "request";
  const added = n.patterns.filter((p) => !o.patterns.includes(p));
  const removed = o.patterns.filter((p) => !n.patterns.includes(p));
  if (!added.length && !removed.length) return;
  const message =
    removed.length && added.length
      ? `pattern changed from ${removed.map(fmtValue).join(", ")} to ${added.map(fmtValue).join(", ")}`
      : added.length
        ? `pattern ${added.map(fmtValue).join(", ")} added`
        : `pattern ${removed.map(fmtValue).join(", ")} removed`;
  const pointer = `${n.ptr}/pattern`;
  if (req && added.length) {
    const why =
      "any pattern change of a request value counts as breaking: " +
      "the check cannot prove the new pattern accepts every value the old one did";
    emit(ctx, "request-pattern-changed", true, loc, `${message} (${why})`, ctx.current, pointer);
  } else if (!req && removed.length) {
    emit(
      ctx,
      "response-pattern-changed",
      true,
      loc,
      `${message} (values may no longer match what clients were promised)`,
      ctx.current,
      pointer,
    );
  } else {
    emit(ctx, req ? "request-pattern-removed" : "response-pattern-added", false, loc, message, ctx.current, pointer);
  }
}

/**
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 */
export function compareFormat(ctx, o, n, dir, loc) {
  if (o.format === n.format) return;
  const req = dir === "request";
  const message =
    o.format === undefined
      ? `format ${fmtValue(n.format)} added`
      : n.format === undefined
        ? `format ${fmtValue(o.format)} removed`
        : `format changed from ${fmtValue(o.format)} to ${fmtValue(n.format)}`;
  const breaking = req ? n.format !== undefined : o.format !== undefined;
  const id = `${dir}-format-${breaking ? "changed" : req ? "removed" : "added"}`;
  emit(ctx, id, breaking, loc, message, ctx.current, `${n.ptr}/format`);
}

/**
 * A request default that changes is reviewed, not failing: callers that omit the value get the new
 * behaviour. A response default says nothing a client relies on.
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 */
export function compareDefault(ctx, o, n, dir, loc) {
  if (dir !== "request" || same(o.default, n.default)) return;
  const [before, after] = [fmtValue(o.default) ?? "none", fmtValue(n.default) ?? "none"];
  const message = `default changed from ${before} to ${after} (callers that omit it get the new behaviour)`;
  emit(ctx, "request-default-changed", false, loc, message, ctx.current, `${n.ptr}/default`);
}
