// Schemas, normalized: `$ref`s resolved, allOf merged, OpenAPI 3.0 spellings (nullable, boolean
// exclusive bounds) read as 3.1's, so that a refactoring that keeps the meaning compares as no change.
import { escapePointer } from "@hostup/openapi/walk";

/** @import { LowerBound, RawSchema, Schema, Side, SpecNode, UpperBound } from "../types.js" */

/** @type {LowerBound[]} */
export const LOWER_BOUNDS = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"];
/** @type {UpperBound[]} */
export const UPPER_BOUNDS = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"];
export const BOUNDS = [...LOWER_BOUNDS, ...UPPER_BOUNDS];

/** Keys that describe but do not constrain (plus every `x-` extension). */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "summary",
  "example",
  "examples",
  "deprecated",
  "$comment",
  "externalDocs",
  "xml",
  "discriminator",
  "contentMediaType",
  "contentEncoding",
  "$schema",
  "$id",
  "$anchor",
  "$defs",
]);

/**
 * The schema that accepts anything (`{}`, `true`, or no schema at all).
 * @param {string} ptr
 * @returns {Schema}
 */
export function anySchema(ptr) {
  return {
    ptr,
    refName: undefined,
    title: undefined,
    types: null,
    enum: null,
    props: new Map(),
    required: new Set(),
    addl: undefined,
    items: null,
    prefixItems: null,
    branches: null,
    bounds: {},
    patterns: [],
    format: undefined,
    multipleOf: undefined,
    uniqueItems: false,
    default: undefined,
    readOnly: false,
    writeOnly: false,
  };
}

/**
 * @param {Side} side the document `raw` is in
 * @param {unknown} raw
 * @param {string} ptr
 * @param {Set<string>} [active] the `$ref`s being expanded above this one
 * @returns {Schema}
 */
export function normalize(side, raw, ptr, active = new Set()) {
  if (raw === undefined || raw === true || raw === null) return anySchema(ptr);
  if (raw === false) return { ...anySchema(ptr), types: new Set() };
  const schema = /** @type {SpecNode} */ (raw);
  if (typeof schema.$ref === "string") {
    const { node, ptr: targetPtr } = side.target(schema.$ref);
    // A schema that (indirectly) is an allOf of itself describes nothing more; stop there.
    const target = active.has(schema.$ref) ? anySchema(targetPtr) : normalize(side, node, targetPtr, new Set([...active, schema.$ref]));
    target.refName = schema.$ref.split("/").pop();
    const { $ref: _ref, ...siblings } = schema;
    const constraining = Object.keys(siblings).filter((k) => !ANNOTATIONS.has(k) && !k.startsWith("x-"));
    return constraining.length === 0 ? target : merge(target, normalize(side, siblings, ptr, active));
  }
  const n = anySchema(ptr);
  n.title = schema.title;
  if (schema.type !== undefined) n.types = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (schema.nullable === true && n.types) n.types.add("null"); // OpenAPI 3.0
  if (Array.isArray(schema.enum)) n.enum = schema.enum.slice();
  if ("const" in schema) n.enum = n.enum ? n.enum.filter((v) => same(v, schema.const)) : [schema.const];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    n.props.set(name, [{ raw: child, ptr: `${ptr}/properties/${escapePointer(name)}` }]);
  }
  for (const name of schema.required ?? []) n.required.add(name);
  if (schema.additionalProperties === false) n.addl = false;
  else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
    n.addl = [{ raw: schema.additionalProperties, ptr: `${ptr}/additionalProperties` }];
  }
  if (schema.items !== undefined && typeof schema.items === "object") n.items = [{ raw: schema.items, ptr: `${ptr}/items` }];
  if (Array.isArray(schema.prefixItems)) {
    n.prefixItems = schema.prefixItems.map((item, i) => [{ raw: item, ptr: `${ptr}/prefixItems/${i}` }]);
  }
  for (const key of BOUNDS) if (typeof schema[key] === "number") n.bounds[key] = schema[key];
  // OpenAPI 3.0's boolean exclusiveMinimum/exclusiveMaximum modify minimum/maximum.
  if (schema.exclusiveMinimum === true && typeof schema.minimum === "number") n.bounds.exclusiveMinimum = schema.minimum;
  if (schema.exclusiveMaximum === true && typeof schema.maximum === "number") n.bounds.exclusiveMaximum = schema.maximum;
  if (typeof schema.pattern === "string") n.patterns = [schema.pattern];
  n.format = schema.format;
  n.multipleOf = schema.multipleOf;
  n.uniqueItems = schema.uniqueItems === true;
  n.default = schema.default;
  n.readOnly = schema.readOnly === true;
  n.writeOnly = schema.writeOnly === true;
  const union = schema.oneOf ?? schema.anyOf;
  const unionKey = schema.oneOf ? "oneOf" : "anyOf";
  if (Array.isArray(union)) n.branches = union.map((b, i) => ({ raw: b, ptr: `${ptr}/${unionKey}/${i}` }));
  let result = n;
  /** @type {unknown[]} */ (schema.allOf ?? []).forEach((member, i) => {
    result = merge(result, normalize(side, member, `${ptr}/allOf/${i}`, active));
  });
  // A schema with properties (or items) but no `type` is read as an object (an array): that is what
  // every API description means by it, and adding the missing `type` later is not a change.
  if (result.types === null && !result.branches) {
    if (result.props.size > 0 || result.addl !== undefined) result.types = new Set(["object"]);
    else if (result.items || result.prefixItems) result.types = new Set(["array"]);
  }
  return result;
}

/**
 * The conjunction of two normalized schemas (allOf, or a union's shared part with one branch).
 * @param {Schema} a
 * @param {Schema} b
 * @returns {Schema}
 */
export function merge(a, b) {
  const m = { ...a };
  m.refName = a.refName ?? b.refName;
  m.title = a.title ?? b.title;
  m.types = intersectTypes(a.types, b.types);
  const bEnum = b.enum;
  m.enum = a.enum && bEnum ? a.enum.filter((v) => bEnum.some((w) => same(v, w))) : (a.enum ?? bEnum);
  m.props = new Map(a.props);
  for (const [name, list] of b.props) m.props.set(name, [...(m.props.get(name) ?? []), ...list]);
  m.required = new Set([...a.required, ...b.required]);
  m.addl = a.addl === false || b.addl === false ? false : a.addl || b.addl ? [...(a.addl || []), ...(b.addl || [])] : undefined;
  m.items = a.items || b.items ? [...(a.items || []), ...(b.items || [])] : null;
  m.prefixItems = a.prefixItems ?? b.prefixItems;
  m.branches = a.branches ?? b.branches; // an allOf of two unions is compared by its first union only
  m.bounds = { ...a.bounds };
  for (const [key, value] of /** @type {[LowerBound | UpperBound, number][]} */ (Object.entries(b.bounds))) {
    const mine = m.bounds[key];
    m.bounds[key] = mine === undefined ? value : isLowerBound(key) ? Math.max(mine, value) : Math.min(mine, value);
  }
  m.patterns = [...a.patterns, ...b.patterns.filter((p) => !a.patterns.includes(p))];
  m.format = a.format ?? b.format;
  m.multipleOf = a.multipleOf ?? b.multipleOf;
  m.uniqueItems = a.uniqueItems || b.uniqueItems;
  m.default = a.default ?? b.default;
  m.readOnly = a.readOnly || b.readOnly;
  m.writeOnly = a.writeOnly || b.writeOnly;
  return m;
}

/**
 * @param {Set<string> | null} a
 * @param {Set<string> | null} b
 */
function intersectTypes(a, b) {
  if (!a) return b ? new Set(b) : null;
  if (!b) return new Set(a);
  const out = new Set([...a].filter((t) => b.has(t)));
  if ((a.has("number") && b.has("integer")) || (a.has("integer") && b.has("number"))) out.add("integer");
  return out;
}

/**
 * The schema of one place that several schemas constrain (allOf members' `properties.x`), merged.
 * @param {Side} side
 * @param {RawSchema[] | null | undefined} list
 * @param {string} fallbackPtr where "no schema" is (an absent `items`)
 */
export function normalizeList(side, list, fallbackPtr) {
  if (!list || list.length === 0) return anySchema(fallbackPtr);
  return list.map(({ raw, ptr }) => normalize(side, raw, ptr)).reduce((a, b) => merge(a, b));
}

/** @param {string} key @returns {key is LowerBound} */
export const isLowerBound = (key) => /** @type {string[]} */ (LOWER_BOUNDS).includes(key);

/**
 * Whether two JSON values are equal (enum values, defaults, security requirements).
 * @param {unknown} a
 * @param {unknown} b
 */
export function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
