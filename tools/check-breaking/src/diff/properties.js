// The fields of two object schemas: removed, added, made required or optional, and
// additionalProperties closed or opened; the comparison recurses into each field both have.
import { escapePointer } from "@hostup/openapi/walk";
import { anySchema, normalizeList } from "../schema/normalize.js";
import { deeper, emit, fmtValue } from "./change.js";

/** @import { Context, Direction, Location, Schema, Side } from "../types.js" */

/** @typedef {(oldChild: Schema, newChild: Schema, loc: Location) => void} CompareChild */

/**
 * A field that became required or optional: breaking in a request when it is now required, in a
 * response when it may now be absent.
 * @type {Record<Direction, Record<"required" | "optional", [string, boolean, string]>>}
 */
const REQUIRED_CHANGE = {
  request: {
    required: ["request-property-became-required", true, "became required"],
    optional: ["request-property-became-optional", false, "became optional"],
  },
  response: {
    required: ["response-property-became-required", false, "is now always present"],
    optional: ["response-property-became-optional", true, "may now be absent (it was required)"],
  },
};

/**
 * @param {Context} ctx
 * @param {Schema} o
 * @param {Schema} n
 * @param {Direction} dir
 * @param {Location} loc
 * @param {CompareChild} compareChild compares a field's (or the map values') two schemas
 */
export function compareProperties(ctx, o, n, dir, loc, compareChild) {
  const { released, current } = ctx;
  const req = dir === "request";
  const kind = req ? "request" : "response";
  const ov = fields(released, o, dir);
  const nv = fields(current, n, dir);
  /** @param {string} name */
  const at = (name) => deeper(loc, name);

  for (const [name, oldChild] of ov.props) {
    const newChild = nv.props.get(name);
    if (!newChild) {
      const why = nv.hidden.has(name)
        ? ` (it is now ${req ? "readOnly" : "writeOnly"})`
        : req && ov.required.has(name)
          ? " (it was required)"
          : "";
      emit(ctx, `${kind}-property-removed`, true, at(name), `${kind} field ${fmtValue(name)} removed${why}`, released, oldChild.ptr);
      continue;
    }
    const was = ov.required.has(name);
    const is = nv.required.has(name);
    if (was !== is) {
      const [id, breaking, text] = REQUIRED_CHANGE[dir][is ? "required" : "optional"];
      emit(ctx, id, breaking, at(name), `${kind} field ${fmtValue(name)} ${text}`, current, `${n.ptr}/required`);
    }
    compareChild(oldChild, newChild, at(name));
  }
  for (const [name, newChild] of nv.props) {
    if (ov.props.has(name)) continue;
    if (req && nv.required.has(name)) {
      emit(ctx, "request-required-property-added", true, at(name), `required request field ${fmtValue(name)} added`, current, newChild.ptr);
    } else {
      emit(
        ctx,
        `${kind}-property-added`,
        false,
        at(name),
        `${req ? "optional request" : "response"} field ${fmtValue(name)} added`,
        current,
        newChild.ptr,
      );
    }
  }

  // additionalProperties: closing an open request object is breaking; a response may open up.
  const closedBefore = o.addl === false;
  const closedNow = n.addl === false;
  const addlPtr = `${n.ptr}/additionalProperties`;
  if (!closedBefore && closedNow) {
    const message = `additionalProperties is now false${req ? ": fields not listed are rejected" : ""}`;
    emit(ctx, `${kind}-additional-properties-closed`, req, loc, message, current, addlPtr);
  } else if (closedBefore && !closedNow) {
    emit(ctx, `${kind}-additional-properties-opened`, false, loc, "additionalProperties is no longer false", current, addlPtr);
  }
  // Map values (additionalProperties as a schema) compare like any other value.
  if ((Array.isArray(o.addl) || Array.isArray(n.addl)) && !closedBefore && !closedNow) {
    compareChild(
      normalizeList(released, o.addl || null, `${o.ptr}/additionalProperties`),
      normalizeList(current, n.addl || null, addlPtr),
      deeper(loc, "{*}"),
    );
  }
}

/**
 * An object's fields as one direction sees them: a readOnly field is not part of a request, a
 * writeOnly one not part of a response (`hidden`). A name listed in `required` without a schema is
 * a field of any type.
 * @param {Side} side
 * @param {Schema} schema
 * @param {Direction} dir
 */
function fields(side, schema, dir) {
  /** @type {Map<string, Schema>} */
  const props = new Map();
  const hidden = new Set();
  for (const [name, list] of schema.props) {
    const child = normalizeList(side, list, `${schema.ptr}/properties/${escapePointer(name)}`);
    if (dir === "request" ? child.readOnly : child.writeOnly) hidden.add(name);
    else props.set(name, child);
  }
  const required = new Set([...schema.required].filter((name) => !hidden.has(name)));
  for (const name of required) if (!props.has(name)) props.set(name, anySchema(`${schema.ptr}/required`));
  return { props, required, hidden };
}
