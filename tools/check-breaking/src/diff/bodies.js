// Request bodies, and the media types of a body or a response with the schema of each.
import { escapePointer } from "@hostup/openapi/walk";
import { normalize } from "../schema/normalize.js";
import { emit } from "./change.js";
import { compareSchema } from "./schemas.js";

/** @import { Context, Direction, Operation, SpecNode } from "../types.js" */

/**
 * @param {Context} ctx
 * @param {Operation} o
 * @param {Operation} n
 */
export function compareRequestBody(ctx, o, n) {
  const { released, current } = ctx;
  const at = { op: n, where: "request body", path: [] };
  const ob = o.op.requestBody ? released.deref(o.op.requestBody, `${o.ptr}/requestBody`) : undefined;
  const nb = n.op.requestBody ? current.deref(n.op.requestBody, `${n.ptr}/requestBody`) : undefined;
  if (ob && !nb) {
    emit(ctx, "request-body-removed", true, at, "request body removed (the operation no longer takes one)", released, ob.ptr);
  } else if (!ob && nb) {
    if (nb.node.required === true) emit(ctx, "request-body-added-required", true, at, "required request body added", current, nb.ptr);
    else emit(ctx, "request-body-added", false, at, "optional request body added", current, nb.ptr);
  } else if (ob && nb) {
    if (ob.node.required !== true && nb.node.required === true) {
      emit(ctx, "request-body-became-required", true, at, "request body became required", current, `${nb.ptr}/required`);
    }
    if (ob.node.required === true && nb.node.required !== true) {
      emit(ctx, "request-body-became-optional", false, at, "request body became optional", current, `${nb.ptr}/required`);
    }
    compareContent(ctx, ob, nb, "request", n, "request body");
  }
}

/**
 * The `content` of a request body or response: media types removed or added, and the schema of
 * each one both have.
 * @param {Context} ctx
 * @param {{ node: SpecNode, ptr: string }} o
 * @param {{ node: SpecNode, ptr: string }} n
 * @param {Direction} dir
 * @param {Operation} op
 * @param {string} where
 */
export function compareContent(ctx, o, n, dir, op, where) {
  /** @type {Record<string, SpecNode>} */
  const oldContent = o.node.content ?? {};
  /** @type {Record<string, SpecNode>} */
  const newContent = n.node.content ?? {};
  for (const [mediaType, oldMedia] of Object.entries(oldContent)) {
    const label = `${where} ${mediaType}`;
    const newMedia = newContent[mediaType];
    if (!newMedia) {
      const id = dir === "request" ? "request-media-type-removed" : "response-media-type-removed";
      emit(
        ctx,
        id,
        true,
        { op, where: label, path: [] },
        `media type ${mediaType} removed`,
        ctx.released,
        `${o.ptr}/content/${escapePointer(mediaType)}`,
      );
      continue;
    }
    const oldSchema = normalize(ctx.released, oldMedia.schema, `${o.ptr}/content/${escapePointer(mediaType)}/schema`);
    const newSchema = normalize(ctx.current, newMedia.schema, `${n.ptr}/content/${escapePointer(mediaType)}/schema`);
    compareSchema(ctx, oldSchema, newSchema, dir, { op, where: label, path: [] });
  }
  for (const mediaType of Object.keys(newContent)) {
    if (mediaType in oldContent) continue;
    const id = dir === "request" ? "request-media-type-added" : "response-media-type-added";
    emit(
      ctx,
      id,
      false,
      { op, where: `${where} ${mediaType}`, path: [] },
      `media type ${mediaType} added`,
      ctx.current,
      `${n.ptr}/content/${escapePointer(mediaType)}`,
    );
  }
}
