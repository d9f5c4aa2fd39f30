// The comparison of two specs: operations matched by method and path, each pair compared in turn.
import { listOperations } from "@hostup/openapi/walk";
import { inFile } from "../documents.js";
import { emit } from "./change.js";
import { compareOperation } from "./operation.js";

/** @import { Change, Context, Operation, Side } from "../types.js" */

/**
 * Every change from `released` to `current`, in the order of the released document's operations,
 * then the operations added.
 * @param {Side} released
 * @param {Side} current
 * @returns {Change[]}
 */
export function compareSpecs(released, current) {
  /** @type {Context} */
  const ctx = { released, current, changes: [] };
  const oldOps = collectOperations(released);
  const newOps = collectOperations(current);
  const newById = new Map([...newOps.values()].filter((o) => o.operationId).map((o) => [o.operationId, o]));
  const oldById = new Set([...oldOps.values()].map((o) => o.operationId).filter(Boolean));

  for (const [key, oldOp] of oldOps) {
    const newOp = newOps.get(key);
    const where = { op: oldOp, where: "operation", path: [] };
    if (!newOp) {
      const moved = oldOp.operationId ? newById.get(oldOp.operationId) : undefined;
      if (moved && !oldOps.has(moved.key)) {
        const [to, from] = [`${moved.method.toUpperCase()} ${moved.path}`, `${oldOp.method.toUpperCase()} ${oldOp.path}`];
        const message = `moved to ${to}: requests to ${from} are no longer served`;
        emit(ctx, "operation-moved", true, where, message, released, oldOp.ptr);
      } else {
        emit(ctx, "operation-removed", true, where, "operation removed", released, oldOp.ptr);
      }
      continue;
    }
    compareOperation(ctx, oldOp, newOp);
  }
  for (const [key, newOp] of newOps) {
    if (oldOps.has(key)) continue;
    if (newOp.operationId && oldById.has(newOp.operationId)) continue; // reported as moved
    emit(ctx, "operation-added", false, { op: newOp, where: "operation", path: [] }, "operation added", current, newOp.ptr);
  }
  return ctx.changes;
}

/**
 * A document's operations by method and path template: renaming a path parameter keeps the key
 * (`GET /things/{}`), so that the rename is reported as such and not as a removal.
 * @param {Side} side
 * @returns {Map<string, Operation>}
 */
function collectOperations(side) {
  /** @type {Map<string, Operation>} */
  const ops = new Map();
  for (const entry of inFile(side.file, () => listOperations(side.doc))) {
    const { path, method, operation: op } = entry;
    const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;
    /** @type {Operation["params"]} */
    const params = new Map();
    entry.parameters.forEach((param, i) => {
      // Header names are case-insensitive: `If-Match` and `if-match` are the same parameter.
      const name = param.in === "header" ? String(param.name).toLowerCase() : param.name;
      params.set(`${param.in}:${name}`, { param, ptr: /** @type {string} */ (entry.parameterPointers[i]) });
    });
    ops.set(key, {
      key,
      method,
      path,
      op,
      ptr: entry.pointer,
      params,
      operationId: op.operationId,
      pathNames: [...path.matchAll(/\{([^}]*)\}/g)].map((m) => /** @type {string} */ (m[1])),
      security: op.security ?? side.doc.security ?? [],
    });
  }
  return ops;
}
