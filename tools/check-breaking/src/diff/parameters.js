// Parameters (path, query, header, cookie): matched by location and name, path parameters by their
// position in the path template.
import { escapePointer } from "@hostup/openapi/walk";
import { normalize } from "../schema/normalize.js";
import { emit, fmtValue } from "./change.js";
import { compareSchema } from "./schemas.js";

/** @import { Context, Operation, SpecNode } from "../types.js" */

/**
 * @param {Context} ctx
 * @param {Operation} o
 * @param {Operation} n
 */
export function compareParameters(ctx, o, n) {
  const { released, current } = ctx;
  /** @param {string} where */
  const at = (where) => ({ op: n, where, path: [] });
  /** @type {Map<string, string>} */
  const renamed = new Map();
  o.pathNames.forEach((name, i) => {
    const newName = n.pathNames[i];
    if (newName !== undefined && newName !== name) renamed.set(`path:${name}`, `path:${newName}`);
  });
  const matchedNew = new Set();
  for (const [key, { param: op_, ptr: optr }] of o.params) {
    const newKey = renamed.get(key) ?? key;
    const found = n.params.get(newKey);
    const label = `${op_.in} parameter ${fmtValue(op_.name)}`;
    if (!found) {
      emit(ctx, "parameter-removed", true, at(label), `${label} removed`, released, optr);
      continue;
    }
    matchedNew.add(newKey);
    const { param: np, ptr: nptr } = found;
    const newLabel = `${np.in} parameter ${fmtValue(np.name)}`;
    if (newKey !== key) {
      emit(
        ctx,
        "path-parameter-renamed",
        true,
        at(newLabel),
        `path parameter renamed from ${fmtValue(op_.name)} to ${fmtValue(np.name)}`,
        current,
        nptr,
      );
    }
    const wasRequired = op_.required === true || op_.in === "path";
    const isRequired = np.required === true || np.in === "path";
    if (wasRequired !== isRequired) {
      const [id, became] = isRequired ? ["parameter-became-required", "required"] : ["parameter-became-optional", "optional"];
      emit(ctx, id, isRequired, at(newLabel), `${newLabel} became ${became}`, current, `${nptr}/required`);
    }
    const [os, oe] = serialization(op_);
    const [ns, ne] = serialization(np);
    if (os !== ns || oe !== ne) {
      emit(
        ctx,
        "parameter-serialization-changed",
        true,
        at(newLabel),
        `serialization changed from style ${os}, explode ${oe} to style ${ns}, explode ${ne}`,
        current,
        nptr,
      );
    }
    const oSchema = paramSchema(op_, optr);
    const nSchema = paramSchema(np, nptr);
    compareSchema(
      ctx,
      normalize(released, oSchema.raw, oSchema.ptr),
      normalize(current, nSchema.raw, nSchema.ptr),
      "request",
      at(newLabel),
    );
  }
  for (const [key, { param, ptr }] of n.params) {
    if (matchedNew.has(key) || o.params.has(key)) continue;
    const label = `${param.in} parameter ${fmtValue(param.name)}`;
    if (param.required === true || param.in === "path") {
      emit(ctx, "required-parameter-added", true, at(label), `required ${label} added`, current, ptr);
    } else {
      emit(ctx, "parameter-added", false, at(label), `optional ${label} added`, current, ptr);
    }
  }
}

/**
 * A parameter's style and explode, with OpenAPI's defaults filled in.
 * @param {SpecNode} param
 * @returns {[string, boolean]}
 */
function serialization(param) {
  const style = param.style ?? (param.in === "query" || param.in === "cookie" ? "form" : "simple");
  const explode = param.explode ?? style === "form";
  return [style, explode];
}

/**
 * The schema of a parameter or header: `schema`, or the schema of its single `content` entry.
 * @param {SpecNode} param
 * @param {string} ptr
 * @returns {{ raw: unknown, ptr: string }}
 */
export function paramSchema(param, ptr) {
  if (param.schema !== undefined) return { raw: param.schema, ptr: `${ptr}/schema` };
  const [mediaType, media] = Object.entries(param.content ?? {})[0] ?? ["", undefined];
  if (media) return { raw: media.schema, ptr: `${ptr}/content/${escapePointer(mediaType)}/schema` };
  return { raw: undefined, ptr };
}
