// Responses: statuses, headers, and each status's content.
import { escapePointer } from "@hostup/openapi/walk";
import { normalize } from "../schema/normalize.js";
import { compareContent } from "./bodies.js";
import { emit } from "./change.js";
import { paramSchema } from "./parameters.js";
import { compareSchema } from "./schemas.js";

/** @import { Context, Operation, SpecNode } from "../types.js" */

/**
 * @param {Context} ctx
 * @param {Operation} o
 * @param {Operation} n
 */
export function compareResponses(ctx, o, n) {
  const { released, current } = ctx;
  /** @param {string} where */
  const at = (where) => ({ op: n, where, path: [] });
  /** @type {Record<string, unknown>} */
  const oldResponses = o.op.responses ?? {};
  /** @type {Record<string, unknown>} */
  const newResponses = n.op.responses ?? {};
  const oldHasSuccess = Object.keys(oldResponses).some((s) => /^2/.test(s));
  for (const status of Object.keys(oldResponses)) {
    const oldResponse = released.deref(oldResponses[status], `${o.ptr}/responses/${escapePointer(status)}`);
    if (!(status in newResponses)) {
      emit(ctx, "response-status-removed", true, at(`response ${status}`), `response status ${status} removed`, released, oldResponse.ptr);
      continue;
    }
    const newResponse = current.deref(newResponses[status], `${n.ptr}/responses/${escapePointer(status)}`);
    compareHeaders(ctx, oldResponse, newResponse, n, `response ${status}`);
    compareContent(ctx, oldResponse, newResponse, "response", n, `response ${status}`);
  }
  for (const status of Object.keys(newResponses)) {
    if (status in oldResponses) continue;
    const ptr = `${n.ptr}/responses/${escapePointer(status)}`;
    // A second success status changes the SDK's result type; an error status is one more failure.
    if (/^2/.test(status) && oldHasSuccess) {
      emit(
        ctx,
        "response-success-status-added",
        true,
        at(`response ${status}`),
        `success status ${status} added besides the existing ones (the result type changes)`,
        current,
        ptr,
      );
    } else {
      emit(ctx, "response-status-added", false, at(`response ${status}`), `response status ${status} added`, current, ptr);
    }
  }
}

/**
 * Response headers, matched case-insensitively.
 * @param {Context} ctx
 * @param {{ node: SpecNode, ptr: string }} o
 * @param {{ node: SpecNode, ptr: string }} n
 * @param {Operation} op
 * @param {string} where
 */
function compareHeaders(ctx, o, n, op, where) {
  /** @param {Record<string, unknown> | undefined} headers */
  const lower = (headers) => new Map(Object.entries(headers ?? {}).map(([name, h]) => [name.toLowerCase(), { name, h }]));
  const oldHeaders = lower(o.node.headers);
  const newHeaders = lower(n.node.headers);
  for (const [key, { name, h }] of oldHeaders) {
    const oldHeader = ctx.released.deref(h, `${o.ptr}/headers/${escapePointer(name)}`);
    const label = `${where} header ${name}`;
    const found = newHeaders.get(key);
    if (!found) {
      emit(
        ctx,
        "response-header-removed",
        true,
        { op, where: label, path: [] },
        `response header ${name} removed`,
        ctx.released,
        oldHeader.ptr,
      );
      continue;
    }
    const newHeader = ctx.current.deref(found.h, `${n.ptr}/headers/${escapePointer(found.name)}`);
    if (oldHeader.node.required === true && newHeader.node.required !== true) {
      emit(
        ctx,
        "response-header-became-optional",
        true,
        { op, where: label, path: [] },
        `response header ${name} is no longer required`,
        ctx.current,
        newHeader.ptr,
      );
    }
    const os = paramSchema(oldHeader.node, oldHeader.ptr);
    const ns = paramSchema(newHeader.node, newHeader.ptr);
    compareSchema(ctx, normalize(ctx.released, os.raw, os.ptr), normalize(ctx.current, ns.raw, ns.ptr), "response", {
      op,
      where: label,
      path: [],
    });
  }
  for (const [key, { name }] of newHeaders) {
    if (oldHeaders.has(key)) continue;
    emit(
      ctx,
      "response-header-added",
      false,
      { op, where: `${where} header ${name}`, path: [] },
      `response header ${name} added`,
      ctx.current,
      `${n.ptr}/headers/${escapePointer(name)}`,
    );
  }
}
