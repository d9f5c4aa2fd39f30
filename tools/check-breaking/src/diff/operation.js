// One operation against its counterpart: its identity, deprecation and security here, then its
// parameters, request body and responses.
import { same } from "../schema/normalize.js";
import { compareRequestBody } from "./bodies.js";
import { emit, fmtValue } from "./change.js";
import { compareParameters } from "./parameters.js";
import { compareResponses } from "./responses.js";

/** @import { Context, Operation, SecurityRequirement } from "../types.js" */

/**
 * @param {Context} ctx
 * @param {Operation} o the released operation
 * @param {Operation} n the current one
 */
export function compareOperation(ctx, o, n) {
  const where = { op: n, where: "operation", path: [] };
  if (o.operationId !== n.operationId) {
    const message = `operationId changed from ${fmtValue(o.operationId)} to ${fmtValue(n.operationId)} (the SDK method is renamed)`;
    emit(ctx, "operation-id-changed", true, where, message, ctx.current, `${n.ptr}/operationId`);
  }
  if (!o.op.deprecated && n.op.deprecated) {
    emit(ctx, "operation-deprecated", false, where, "operation deprecated", ctx.current, `${n.ptr}/deprecated`);
  }
  compareSecurity(ctx, o, n);
  compareParameters(ctx, o, n);
  compareRequestBody(ctx, o, n);
  compareResponses(ctx, o, n);
}

/**
 * Breaking when a caller that was authorized no longer is: for one of the old alternatives (a set
 * of schemes with scopes), no new alternative is satisfied by what it holds.
 * @param {Context} ctx
 * @param {Operation} o
 * @param {Operation} n
 */
function compareSecurity(ctx, o, n) {
  /** @param {SecurityRequirement} req */
  const describe = (req) =>
    Object.keys(req).length === 0
      ? "no credentials"
      : Object.entries(req)
          .map(([k, s]) => (s.length ? `${k} [${s.join(", ")}]` : k))
          .join(" + ");
  const oldAlternatives = o.security.length === 0 ? [{}] : o.security;
  const newAlternatives = n.security;
  /** @param {SecurityRequirement} have @param {SecurityRequirement} need */
  const satisfies = (have, need) =>
    Object.entries(need).every(([scheme, scopes]) => scheme in have && scopes.every((s) => have[scheme]?.includes(s)));
  const lost = oldAlternatives.filter((have) => newAlternatives.length > 0 && !newAlternatives.some((need) => satisfies(have, need)));
  const where = { op: n, where: "security", path: [] };
  const ptr = n.op.security ? `${n.ptr}/security` : "#/security";
  if (lost.length > 0) {
    const now = newAlternatives.map(describe).join(" or ");
    const message = `callers authorized with ${lost.map(describe).join(" or ")} are no longer authorized (now: ${now})`;
    emit(ctx, "security-tightened", true, where, message, ctx.current, ptr);
  } else if (!same(o.security, n.security)) {
    const [before, after] = [o.security.map(describe).join(" or ") || "none", newAlternatives.map(describe).join(" or ") || "none"];
    const message = `security changed from ${before} to ${after}`;
    emit(ctx, "security-loosened", false, where, message, ctx.current, ptr);
  }
}
