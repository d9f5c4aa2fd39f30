#!/usr/bin/env node
// Breaking-change check for the HostUp OpenAPI description.
//
//   node scripts/check-breaking.mjs            compare, fail on an unannounced breaking change
//   node scripts/check-breaking.mjs --json     the same, the result as JSON on stdout
//   node scripts/check-breaking.mjs --update   at release time: the current bundle becomes the baseline
//
// Compares the current bundle (openapi/dist/openapi.json, built by `turbo run bundle`) with the spec
// of the last release (openapi/released/openapi.json) and exits 1 when a breaking change is found and
// no pending changeset (.changeset/*.md, front matter) declares a `major` bump for @hostup/openapi or
// @hostup/sdk. Every change is listed with the operation, where in it (parameter, request body,
// response, field path) and a JSON pointer into the bundle that holds it.
//
// Why hand-written: no maintained OpenAPI 3.1 diff tool runs here without downloading binaries, and
// only the npm registry is reachable: oasdiff and openapi-changes are Go programs (the npm package of
// openapi-changes fetches its binary at install), openapi-diff is Java, and Optic, which is
// JavaScript, is archived. So: plain Node ESM, no dependencies, and the rules below are this
// project's own decisions.
//
// Options: --released <file>  --current <file>  --changesets <dir>  (defaults: the repository's)
//          --json  --update  --force (lets --update run while changesets are pending)  --help
// Exit codes: 0 passed (or --update done), 1 breaking change without a major changeset, 2 usage or
// input error (a file missing or not JSON).
//
// The rules. One principle, applied per direction: what a client SENDS (parameters, request bodies)
// must be accepted as before — the new schema accepts every value the old one accepted; what a client
// RECEIVES (response bodies, headers) must be what it was promised — every value the new schema allows
// was allowed before. `$ref`s are resolved; schemas are compared recursively through properties,
// items, prefixItems, additionalProperties, allOf (merged), anyOf/oneOf (branches matched by $ref
// name, title or type; a `{type: "null"}` branch counts as nullability). Breaking:
//   operations   operation removed (method + path, path template names ignored) [operation-removed];
//                moved to another method/path under the same operationId [operation-moved];
//                operationId changed (the SDK method is renamed) [operation-id-changed];
//                security tightened: a credential that was authorized no longer is, e.g. a scope
//                added [security-tightened]
//   parameters   (path, query, header, cookie) removed [parameter-removed]; made required
//                [parameter-became-required]; added as required [required-parameter-added]; path
//                parameter renamed (openapi-fetch's `params.path` keys change) [path-parameter-renamed];
//                style/explode changed [parameter-serialization-changed]; schema: as requests below
//   request body removed [request-body-removed]; made required [request-body-became-required]; added
//                as required [request-body-added-required]; media type removed
//                [request-media-type-removed]
//   request      required field added [request-required-property-added]; optional field made required
//   schemas      [request-property-became-required]; field removed, required or optional
//                [request-property-removed] — DECISION: removing an accepted field is always breaking:
//                the generated types stop compiling for code that sets it, the SDK refuses unknown
//                fields before sending, and the API either rejects it (`additionalProperties: false`,
//                as all HostUp bodies are) or silently ignores what the caller asked for;
//                enum value removed, or an enum/const added where any value was accepted
//                [request-enum-value-removed, request-enum-added]; type changed or narrowed, null no
//                longer accepted [request-type-changed]; pattern added or changed in any way
//                [request-pattern-changed] — EXPLICIT: a regular expression cannot be proven to accept
//                everything the old one did, so every pattern change of a request value counts as
//                breaking (only removing a pattern is safe); format added or changed
//                [request-format-changed]; a bound tightened (minLength, maxLength, minimum, maximum,
//                exclusive*, minItems, maxItems, minProperties, maxProperties, multipleOf,
//                uniqueItems) [request-constraint-tightened]; additionalProperties closed
//                [request-additional-properties-closed]; anyOf/oneOf branch removed
//                [request-branch-removed]
//   responses    status removed [response-status-removed]; a new 2XX status where the operation had
//                one (the SDK's result type changes) [response-success-status-added]; media type
//                removed [response-media-type-removed]; header removed or made optional
//                [response-header-removed, response-header-became-optional]
//   response     field removed [response-property-removed]; required field made optional
//   schemas      [response-property-became-optional]; made nullable [response-became-nullable]; type
//                changed or widened [response-type-changed]; any change to an enum's values — removed
//                (code comparing with the literal stops compiling; HostUp's docs list it) or added (an
//                exhaustive switch meets a value it does not know) [response-enum-value-removed,
//                response-enum-value-added], or the enum dropped [response-enum-removed]; pattern or
//                format removed or changed [response-pattern-changed, response-format-changed]; a
//                bound loosened [response-constraint-loosened]; anyOf/oneOf branch added
//                [response-branch-added]
// Non-breaking (listed, never failing): operations added or deprecated, optional parameters, bodies
// and fields added, parameters/bodies/fields made optional, enums widened and bounds loosened in
// requests, response fields added or made required, additionalProperties opened in responses, error
// (non-2XX) statuses added, request defaults changed (reviewed, not failing). Descriptions, summaries,
// titles, examples and `x-` extensions are not compared. Not compared either: servers, webhooks,
// callbacks, links, `not`, if/then/else, discriminator mappings; anyOf vs oneOf is not distinguished.
// A schema with properties (items) and no `type` counts as an object (array).

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_RELEASED = join(ROOT, "openapi/released/openapi.json");
const DEFAULT_CURRENT = join(ROOT, "openapi/dist/openapi.json");
const DEFAULT_CHANGESETS = join(ROOT, ".changeset");
/** A `major` changeset for one of these announces a breaking change of the API description. */
const MAJOR_PACKAGES = ["@hostup/openapi", "@hostup/sdk"];
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// ---------------------------------------------------------------------------------------------------
// Documents, references, pointers

class UsageError extends Error {}

const escapePointer = (s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (s) => s.replace(/~1/g, "/").replace(/~0/g, "~");

function makeSide(name, file, doc) {
  return {
    name,
    file,
    doc,
    /** Follows a local `$ref` (chains included) to its target; a reference's summary/description are annotations. */
    deref(node, ptr) {
      const seen = new Set();
      while (node && typeof node === "object" && typeof node.$ref === "string") {
        if (seen.has(node.$ref)) throw new UsageError(`${file}: circular $ref ${node.$ref}`);
        seen.add(node.$ref);
        ({ node, ptr } = this.target(node.$ref));
      }
      return { node, ptr };
    },
    target(ref) {
      if (!ref.startsWith("#")) throw new UsageError(`${file}: only local $refs are supported (the bundle should have none else): ${ref}`);
      let node = doc;
      for (const part of ref.slice(1).split("/").slice(1)) {
        node = node?.[unescapePointer(decodeURIComponent(part))];
        if (node === undefined) throw new UsageError(`${file}: unresolvable $ref ${ref}`);
      }
      return { node, ptr: ref };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Schemas: a normalized view (refs resolved, allOf merged, nullability separated)

const LOWER_BOUNDS = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"];
const UPPER_BOUNDS = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"];
/** Keys that describe but do not constrain (plus every `x-` extension). */
const ANNOTATIONS = new Set([
  "title", "description", "summary", "example", "examples", "deprecated", "$comment", "externalDocs",
  "xml", "discriminator", "contentMediaType", "contentEncoding", "$schema", "$id", "$anchor", "$defs",
]);

function anySchema(ptr) {
  return {
    ptr, refName: undefined, title: undefined, types: null, enum: null, props: new Map(), required: new Set(),
    addl: undefined, items: null, prefixItems: null, branches: null, bounds: {}, patterns: [], format: undefined,
    multipleOf: undefined, uniqueItems: false, default: undefined, readOnly: false, writeOnly: false,
  };
}

function normalize(side, raw, ptr, active = new Set()) {
  if (raw === undefined || raw === true || raw === null) return anySchema(ptr);
  if (raw === false) return { ...anySchema(ptr), types: new Set() };
  if (typeof raw.$ref === "string") {
    const { node, ptr: targetPtr } = side.target(raw.$ref);
    // A schema that (indirectly) is an allOf of itself describes nothing more; stop there.
    const target = active.has(raw.$ref) ? anySchema(targetPtr) : normalize(side, node, targetPtr, new Set([...active, raw.$ref]));
    target.refName = raw.$ref.split("/").pop();
    const { $ref: _ref, ...siblings } = raw;
    const constraining = Object.keys(siblings).filter((k) => !ANNOTATIONS.has(k) && !k.startsWith("x-"));
    return constraining.length === 0 ? target : merge(target, normalize(side, siblings, ptr, active));
  }
  const n = anySchema(ptr);
  n.title = raw.title;
  if (raw.type !== undefined) n.types = new Set(Array.isArray(raw.type) ? raw.type : [raw.type]);
  if (raw.nullable === true && n.types) n.types.add("null"); // OpenAPI 3.0
  if (Array.isArray(raw.enum)) n.enum = raw.enum.slice();
  if ("const" in raw) n.enum = n.enum ? n.enum.filter((v) => same(v, raw.const)) : [raw.const];
  for (const [name, child] of Object.entries(raw.properties ?? {})) {
    n.props.set(name, [{ raw: child, ptr: `${ptr}/properties/${escapePointer(name)}` }]);
  }
  for (const name of raw.required ?? []) n.required.add(name);
  if (raw.additionalProperties === false) n.addl = false;
  else if (raw.additionalProperties && typeof raw.additionalProperties === "object") {
    n.addl = [{ raw: raw.additionalProperties, ptr: `${ptr}/additionalProperties` }];
  }
  if (raw.items !== undefined && typeof raw.items === "object") n.items = [{ raw: raw.items, ptr: `${ptr}/items` }];
  if (Array.isArray(raw.prefixItems)) {
    n.prefixItems = raw.prefixItems.map((item, i) => [{ raw: item, ptr: `${ptr}/prefixItems/${i}` }]);
  }
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) if (typeof raw[key] === "number") n.bounds[key] = raw[key];
  // OpenAPI 3.0's boolean exclusiveMinimum/exclusiveMaximum modify minimum/maximum.
  if (raw.exclusiveMinimum === true && typeof raw.minimum === "number") n.bounds.exclusiveMinimum = raw.minimum;
  if (raw.exclusiveMaximum === true && typeof raw.maximum === "number") n.bounds.exclusiveMaximum = raw.maximum;
  if (typeof raw.pattern === "string") n.patterns = [raw.pattern];
  n.format = raw.format;
  n.multipleOf = raw.multipleOf;
  n.uniqueItems = raw.uniqueItems === true;
  n.default = raw.default;
  n.readOnly = raw.readOnly === true;
  n.writeOnly = raw.writeOnly === true;
  const union = raw.oneOf ?? raw.anyOf;
  const unionKey = raw.oneOf ? "oneOf" : "anyOf";
  if (Array.isArray(union)) n.branches = union.map((b, i) => ({ raw: b, ptr: `${ptr}/${unionKey}/${i}` }));
  let result = n;
  (raw.allOf ?? []).forEach((member, i) => {
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

/** The conjunction of two normalized schemas (allOf, or a union's shared part with one branch). */
function merge(a, b) {
  const m = { ...a };
  m.refName = a.refName ?? b.refName;
  m.title = a.title ?? b.title;
  m.types = intersectTypes(a.types, b.types);
  m.enum = a.enum && b.enum ? a.enum.filter((v) => b.enum.some((w) => same(v, w))) : (a.enum ?? b.enum);
  m.props = new Map(a.props);
  for (const [name, list] of b.props) m.props.set(name, [...(m.props.get(name) ?? []), ...list]);
  m.required = new Set([...a.required, ...b.required]);
  m.addl = a.addl === false || b.addl === false ? false : a.addl || b.addl ? [...(a.addl || []), ...(b.addl || [])] : undefined;
  m.items = a.items || b.items ? [...(a.items || []), ...(b.items || [])] : null;
  m.prefixItems = a.prefixItems ?? b.prefixItems;
  m.branches = a.branches ?? b.branches; // an allOf of two unions is compared by its first union only
  m.bounds = { ...a.bounds };
  for (const [key, value] of Object.entries(b.bounds)) {
    const mine = m.bounds[key];
    m.bounds[key] = mine === undefined ? value : LOWER_BOUNDS.includes(key) ? Math.max(mine, value) : Math.min(mine, value);
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

function intersectTypes(a, b) {
  if (!a) return b ? new Set(b) : null;
  if (!b) return new Set(a);
  const out = new Set([...a].filter((t) => b.has(t)));
  if ((a.has("number") && b.has("integer")) || (a.has("integer") && b.has("number"))) out.add("integer");
  return out;
}

function normalizeList(side, list, fallbackPtr) {
  if (!list || list.length === 0) return anySchema(fallbackPtr);
  return list.map(({ raw, ptr }) => normalize(side, raw, ptr)).reduce((a, b) => merge(a, b));
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

const acceptsNull = (n) =>
  (n.types === null || n.types.has("null")) && (n.enum === null || n.enum.some((v) => v === null));
const isNullOnly = (n) =>
  (n.types !== null && n.types.size === 1 && n.types.has("null")) || (n.enum !== null && n.enum.length === 1 && n.enum[0] === null);
const withoutNull = (types) => (types === null ? null : new Set([...types].filter((t) => t !== "null")));
const fmtTypes = (types) => (types === null ? "any type" : types.size === 0 ? "nothing" : [...types].sort().join(" | "));
const fmtValue = (v) => JSON.stringify(v);
const isObjectish = (n) => n.props.size > 0 || n.required.size > 0 || n.addl !== undefined || (n.types?.has("object") ?? false);

/** A schema as a list of alternatives: its anyOf/oneOf branches (shared part merged in), or itself. */
function alternatives(side, n) {
  if (!n.branches) return { list: [{ key: branchKey(n, 0), n }], nullable: acceptsNull(n), union: false };
  const base = { ...n, branches: null };
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

function branchKey(n, i) {
  if (n.refName) return n.refName;
  if (n.title) return n.title;
  if (n.types && n.types.size > 0) return [...withoutNull(n.types)].sort().join("|") || `#${i}`;
  return `#${i}`;
}

// ---------------------------------------------------------------------------------------------------
// The comparison

function compareSpecs(released, current) {
  const changes = [];
  const ctx = { released, current, changes };
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
        emit(ctx, "operation-moved", true, where, `moved to ${moved.method.toUpperCase()} ${moved.path}: requests to ${oldOp.method.toUpperCase()} ${oldOp.path} are no longer served`, released, oldOp.ptr);
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
  return changes;
}

function collectOperations(side) {
  const ops = new Map();
  for (const [path, rawItem] of Object.entries(side.doc.paths ?? {})) {
    const itemPtr = `#/paths/${escapePointer(path)}`;
    const { node: item, ptr: resolvedItemPtr } = side.deref(rawItem, itemPtr);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const template = path.replace(/\{[^}]*\}/g, "{}");
      const key = `${method.toUpperCase()} ${template}`;
      const ptr = `${resolvedItemPtr}/${method}`;
      const params = new Map();
      for (const [list, base] of [[item.parameters, `${resolvedItemPtr}/parameters`], [op.parameters, `${ptr}/parameters`]]) {
        (list ?? []).forEach((rawParam, i) => {
          const { node: param, ptr: paramPtr } = side.deref(rawParam, `${base}/${i}`);
          const name = param.in === "header" ? String(param.name).toLowerCase() : param.name;
          params.set(`${param.in}:${name}`, { param, ptr: paramPtr });
        });
      }
      ops.set(key, {
        key, method, path, op, ptr, params, operationId: op.operationId,
        pathNames: [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]),
        security: op.security ?? side.doc.security ?? [],
      });
    }
  }
  return ops;
}

function compareOperation(ctx, o, n) {
  const { released, current } = ctx;
  const at = (where, path = []) => ({ op: n, where, path });
  if (o.operationId !== n.operationId) {
    emit(ctx, "operation-id-changed", true, at("operation"), `operationId changed from ${fmtValue(o.operationId)} to ${fmtValue(n.operationId)} (the SDK method is renamed)`, current, `${n.ptr}/operationId`);
  }
  if (!o.op.deprecated && n.op.deprecated) {
    emit(ctx, "operation-deprecated", false, at("operation"), "operation deprecated", current, `${n.ptr}/deprecated`);
  }
  compareSecurity(ctx, o, n);

  // Parameters. Path parameters are matched by their position in the template.
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
      emit(ctx, "path-parameter-renamed", true, at(newLabel), `path parameter renamed from ${fmtValue(op_.name)} to ${fmtValue(np.name)}`, current, nptr);
    }
    const wasRequired = op_.required === true || op_.in === "path";
    const isRequired = np.required === true || np.in === "path";
    if (!wasRequired && isRequired) emit(ctx, "parameter-became-required", true, at(newLabel), `${newLabel} became required`, current, `${nptr}/required`);
    if (wasRequired && !isRequired) emit(ctx, "parameter-became-optional", false, at(newLabel), `${newLabel} became optional`, current, `${nptr}/required`);
    const [os, oe] = serialization(op_);
    const [ns, ne] = serialization(np);
    if (os !== ns || oe !== ne) {
      emit(ctx, "parameter-serialization-changed", true, at(newLabel), `serialization changed from style ${os}, explode ${oe} to style ${ns}, explode ${ne}`, current, nptr);
    }
    const oSchema = paramSchema(op_, optr);
    const nSchema = paramSchema(np, nptr);
    compareSchema(ctx, normalize(released, oSchema.raw, oSchema.ptr), normalize(current, nSchema.raw, nSchema.ptr), "request", at(newLabel));
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

  // Request body.
  const ob = o.op.requestBody ? released.deref(o.op.requestBody, `${o.ptr}/requestBody`) : undefined;
  const nb = n.op.requestBody ? current.deref(n.op.requestBody, `${n.ptr}/requestBody`) : undefined;
  if (ob && !nb) {
    emit(ctx, "request-body-removed", true, at("request body"), "request body removed (the operation no longer takes one)", released, ob.ptr);
  } else if (!ob && nb) {
    if (nb.node.required === true) emit(ctx, "request-body-added-required", true, at("request body"), "required request body added", current, nb.ptr);
    else emit(ctx, "request-body-added", false, at("request body"), "optional request body added", current, nb.ptr);
  } else if (ob && nb) {
    if (ob.node.required !== true && nb.node.required === true) {
      emit(ctx, "request-body-became-required", true, at("request body"), "request body became required", current, `${nb.ptr}/required`);
    }
    if (ob.node.required === true && nb.node.required !== true) {
      emit(ctx, "request-body-became-optional", false, at("request body"), "request body became optional", current, `${nb.ptr}/required`);
    }
    compareContent(ctx, ob, nb, "request", n, "request body");
  }

  // Responses.
  const oldResponses = o.op.responses ?? {};
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
    if (/^2/.test(status) && oldHasSuccess) {
      emit(ctx, "response-success-status-added", true, at(`response ${status}`), `success status ${status} added besides the existing ones (the result type changes)`, current, ptr);
    } else {
      emit(ctx, "response-status-added", false, at(`response ${status}`), `response status ${status} added`, current, ptr);
    }
  }
}

function serialization(param) {
  const style = param.style ?? (param.in === "query" || param.in === "cookie" ? "form" : "simple");
  const explode = param.explode ?? style === "form";
  return [style, explode];
}

function paramSchema(param, ptr) {
  if (param.schema !== undefined) return { raw: param.schema, ptr: `${ptr}/schema` };
  const [mediaType, media] = Object.entries(param.content ?? {})[0] ?? [];
  if (media) return { raw: media.schema, ptr: `${ptr}/content/${escapePointer(mediaType)}/schema` };
  return { raw: undefined, ptr };
}

function compareContent(ctx, o, n, dir, op, where) {
  const oldContent = o.node.content ?? {};
  const newContent = n.node.content ?? {};
  for (const [mediaType, oldMedia] of Object.entries(oldContent)) {
    const label = `${where} ${mediaType}`;
    const newMedia = newContent[mediaType];
    if (!newMedia) {
      const id = dir === "request" ? "request-media-type-removed" : "response-media-type-removed";
      emit(ctx, id, true, { op, where: label, path: [] }, `media type ${mediaType} removed`, ctx.released, `${o.ptr}/content/${escapePointer(mediaType)}`);
      continue;
    }
    const oldSchema = normalize(ctx.released, oldMedia.schema, `${o.ptr}/content/${escapePointer(mediaType)}/schema`);
    const newSchema = normalize(ctx.current, newMedia.schema, `${n.ptr}/content/${escapePointer(mediaType)}/schema`);
    compareSchema(ctx, oldSchema, newSchema, dir, { op, where: label, path: [] });
  }
  for (const mediaType of Object.keys(newContent)) {
    if (mediaType in oldContent) continue;
    const id = dir === "request" ? "request-media-type-added" : "response-media-type-added";
    emit(ctx, id, false, { op, where: `${where} ${mediaType}`, path: [] }, `media type ${mediaType} added`, ctx.current, `${n.ptr}/content/${escapePointer(mediaType)}`);
  }
}

function compareHeaders(ctx, o, n, op, where) {
  const lower = (headers) => new Map(Object.entries(headers ?? {}).map(([name, h]) => [name.toLowerCase(), { name, h }]));
  const oldHeaders = lower(o.node.headers);
  const newHeaders = lower(n.node.headers);
  for (const [key, { name, h }] of oldHeaders) {
    const oldHeader = ctx.released.deref(h, `${o.ptr}/headers/${escapePointer(name)}`);
    const label = `${where} header ${name}`;
    const found = newHeaders.get(key);
    if (!found) {
      emit(ctx, "response-header-removed", true, { op, where: label, path: [] }, `response header ${name} removed`, ctx.released, oldHeader.ptr);
      continue;
    }
    const newHeader = ctx.current.deref(found.h, `${n.ptr}/headers/${escapePointer(found.name)}`);
    if (oldHeader.node.required === true && newHeader.node.required !== true) {
      emit(ctx, "response-header-became-optional", true, { op, where: label, path: [] }, `response header ${name} is no longer required`, ctx.current, newHeader.ptr);
    }
    const os = paramSchema(oldHeader.node, oldHeader.ptr);
    const ns = paramSchema(newHeader.node, newHeader.ptr);
    compareSchema(ctx, normalize(ctx.released, os.raw, os.ptr), normalize(ctx.current, ns.raw, ns.ptr), "response", { op, where: label, path: [] });
  }
  for (const [key, { name }] of newHeaders) {
    if (oldHeaders.has(key)) continue;
    emit(ctx, "response-header-added", false, { op, where: `${where} header ${name}`, path: [] }, `response header ${name} added`, ctx.current, `${n.ptr}/headers/${escapePointer(name)}`);
  }
}

function compareSecurity(ctx, o, n) {
  const describe = (req) => (Object.keys(req).length === 0 ? "no credentials" : Object.entries(req).map(([k, s]) => (s.length ? `${k} [${s.join(", ")}]` : k)).join(" + "));
  const oldAlternatives = o.security.length === 0 ? [{}] : o.security;
  const newAlternatives = n.security;
  const satisfies = (have, need) => Object.entries(need).every(([scheme, scopes]) => scheme in have && scopes.every((s) => have[scheme].includes(s)));
  const lost = oldAlternatives.filter((have) => newAlternatives.length > 0 && !newAlternatives.some((need) => satisfies(have, need)));
  const where = { op: n, where: "security", path: [] };
  const ptr = n.op.security ? `${n.ptr}/security` : "#/security";
  if (lost.length > 0) {
    emit(ctx, "security-tightened", true, where, `callers authorized with ${lost.map(describe).join(" or ")} are no longer authorized (now: ${newAlternatives.map(describe).join(" or ")})`, ctx.current, ptr);
  } else if (!same(o.security, n.security)) {
    emit(ctx, "security-loosened", false, where, `security changed from ${o.security.map(describe).join(" or ") || "none"} to ${newAlternatives.map(describe).join(" or ") || "none"}`, ctx.current, ptr);
  }
}

/**
 * Compares two normalized schemas in one direction: "request" (the new one must accept every value
 * the old one accepted) or "response" (the new one must allow nothing the old one did not).
 */
function compareSchema(ctx, o, n, dir, loc, stack = new Set()) {
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
      emit(ctx, dir === "request" ? "request-null-accepted" : "response-no-longer-nullable", false, loc, newAlts.nullable ? "now accepts null" : "is no longer null", ctx.current, n.ptr);
    }
  }
  if (oldAlts.list.length === 1 && newAlts.list.length === 1) {
    comparePlain(ctx, oldAlts.list[0].n, newAlts.list[0].n, dir, loc, stack);
    return;
  }

  // Unions: pair the branches by key, then by type, then a single leftover pair.
  const pairs = [];
  const oldLeft = [...oldAlts.list];
  const newLeft = [...newAlts.list];
  const take = (match) => {
    for (const ob of [...oldLeft]) {
      const i = newLeft.findIndex((nb) => match(ob, nb));
      if (i >= 0) {
        pairs.push([ob, newLeft[i]]);
        oldLeft.splice(oldLeft.indexOf(ob), 1);
        newLeft.splice(i, 1);
      }
    }
  };
  take((a, b) => a.key === b.key);
  take((a, b) => fmtTypes(withoutNull(a.n.types)) === fmtTypes(withoutNull(b.n.types)) && a.n.types !== null);
  if (oldLeft.length === 1 && newLeft.length === 1) pairs.push([oldLeft.pop(), newLeft.pop()]);
  for (const [ob, nb] of pairs) {
    comparePlain(ctx, ob.n, nb.n, dir, { ...loc, path: [...loc.path, `(${nb.key})`] }, stack);
  }
  for (const ob of oldLeft) {
    if (dir === "request") emit(ctx, "request-branch-removed", true, loc, `alternative ${ob.key} is no longer accepted`, ctx.released, ob.n.ptr);
    else emit(ctx, "response-branch-removed", false, loc, `alternative ${ob.key} is no longer returned`, ctx.released, ob.n.ptr);
  }
  for (const nb of newLeft) {
    if (dir === "response") emit(ctx, "response-branch-added", true, loc, `may now be a new alternative, ${nb.key}`, ctx.current, nb.n.ptr);
    else emit(ctx, "request-branch-added", false, loc, `now also accepts alternative ${nb.key}`, ctx.current, nb.n.ptr);
  }
}

function comparePlain(ctx, o, n, dir, loc, stack) {
  const { released, current } = ctx;
  const req = dir === "request";

  // Types (null is handled as nullability).
  const ot = withoutNull(o.types);
  const nt = withoutNull(n.types);
  const covers = (set, t) => set.has(t) || (t === "integer" && set.has("number"));
  if (!same(ot && [...ot].sort(), nt && [...nt].sort())) {
    // request: every old type still accepted; response: every new type was possible before.
    const [from, to] = req ? [ot, nt] : [nt, ot];
    const broken = to !== null && (from === null || [...from].some((t) => !covers(to, t)));
    const message = `type changed from ${fmtTypes(ot)} to ${fmtTypes(nt)}`;
    if (broken) {
      emit(ctx, req ? "request-type-changed" : "response-type-changed", true, loc, message, current, `${n.ptr}/type`);
      const overlap = ot === null || nt === null || [...ot].some((t) => covers(nt, t)) || [...nt].some((t) => covers(ot, t));
      if (!overlap) return; // a different kind of value: comparing its parts would only add noise
    } else {
      emit(ctx, req ? "request-type-widened" : "response-type-narrowed", false, loc, message, current, `${n.ptr}/type`);
    }
  }

  // Enums (and const), null left out.
  const oe = o.enum?.filter((v) => v !== null) ?? null;
  const ne = n.enum?.filter((v) => v !== null) ?? null;
  if (oe && ne) {
    const removed = oe.filter((v) => !ne.some((w) => same(v, w)));
    const added = ne.filter((v) => !oe.some((w) => same(v, w)));
    for (const v of removed) {
      emit(ctx, req ? "request-enum-value-removed" : "response-enum-value-removed", true, loc, `enum value ${fmtValue(v)} removed`, current, `${n.ptr}/enum`);
    }
    for (const v of added) {
      if (req) emit(ctx, "request-enum-value-added", false, loc, `enum value ${fmtValue(v)} added`, current, `${n.ptr}/enum`);
      else emit(ctx, "response-enum-value-added", true, loc, `enum value ${fmtValue(v)} added (clients may not handle it)`, current, `${n.ptr}/enum`);
    }
  } else if (!oe && ne) {
    emit(ctx, req ? "request-enum-added" : "response-enum-added", req, loc, `values now restricted to ${ne.map(fmtValue).join(", ")}`, current, `${n.ptr}/enum`);
  } else if (oe && !ne) {
    emit(ctx, req ? "request-enum-removed" : "response-enum-removed", !req, loc, `values no longer restricted to ${oe.map(fmtValue).join(", ")}`, released, `${o.ptr}/enum`);
  }

  // Bounds: tighter in a request, or looser in a response, is breaking.
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const a = o.bounds[key];
    const b = n.bounds[key];
    if (a === b) continue;
    const lower = LOWER_BOUNDS.includes(key);
    const tightened = a === undefined || (b !== undefined && (lower ? b > a : b < a));
    const message = a === undefined ? `${key} ${b} added` : b === undefined ? `${key} ${a} removed` : `${key} changed from ${a} to ${b}`;
    bound(ctx, dir, tightened, loc, message, n.ptr, key);
  }
  if (o.multipleOf !== n.multipleOf) {
    const a = o.multipleOf;
    const b = n.multipleOf;
    const tightened = a === undefined || (b !== undefined && a % b !== 0);
    bound(ctx, dir, tightened, loc, a === undefined ? `multipleOf ${b} added` : b === undefined ? `multipleOf ${a} removed` : `multipleOf changed from ${a} to ${b}`, n.ptr, "multipleOf");
  }
  if (o.uniqueItems !== n.uniqueItems) {
    bound(ctx, dir, n.uniqueItems, loc, n.uniqueItems ? "uniqueItems added" : "uniqueItems removed", n.ptr, "uniqueItems");
  }

  // Patterns: any new pattern in a request, any lost pattern in a response.
  const addedPatterns = n.patterns.filter((p) => !o.patterns.includes(p));
  const removedPatterns = o.patterns.filter((p) => !n.patterns.includes(p));
  if (addedPatterns.length || removedPatterns.length) {
    const message =
      removedPatterns.length && addedPatterns.length
        ? `pattern changed from ${removedPatterns.map(fmtValue).join(", ")} to ${addedPatterns.map(fmtValue).join(", ")}`
        : addedPatterns.length
          ? `pattern ${addedPatterns.map(fmtValue).join(", ")} added`
          : `pattern ${removedPatterns.map(fmtValue).join(", ")} removed`;
    if (req && addedPatterns.length) {
      emit(ctx, "request-pattern-changed", true, loc, `${message} (any pattern change of a request value counts as breaking: the check cannot prove the new pattern accepts every value the old one did)`, current, `${n.ptr}/pattern`);
    } else if (!req && removedPatterns.length) {
      emit(ctx, "response-pattern-changed", true, loc, `${message} (values may no longer match what clients were promised)`, current, `${n.ptr}/pattern`);
    } else {
      emit(ctx, req ? "request-pattern-removed" : "response-pattern-added", false, loc, message, current, `${n.ptr}/pattern`);
    }
  }
  if (o.format !== n.format) {
    const message = o.format === undefined ? `format ${fmtValue(n.format)} added` : n.format === undefined ? `format ${fmtValue(o.format)} removed` : `format changed from ${fmtValue(o.format)} to ${fmtValue(n.format)}`;
    const breaking = req ? n.format !== undefined : o.format !== undefined;
    emit(ctx, req ? (breaking ? "request-format-changed" : "request-format-removed") : breaking ? "response-format-changed" : "response-format-added", breaking, loc, message, current, `${n.ptr}/format`);
  }
  if (req && !same(o.default, n.default)) {
    emit(ctx, "request-default-changed", false, loc, `default changed from ${fmtValue(o.default) ?? "none"} to ${fmtValue(n.default) ?? "none"} (callers that omit it get the new behaviour)`, current, `${n.ptr}/default`);
  }

  // Objects.
  if (isObjectish(o) || isObjectish(n)) compareProperties(ctx, o, n, dir, loc, stack);

  // Arrays.
  if (o.items || n.items) {
    compareSchema(ctx, normalizeList(released, o.items, `${o.ptr}/items`), normalizeList(current, n.items, `${n.ptr}/items`), dir, { ...loc, path: [...loc.path, "[]"] }, stack);
  }
  if (o.prefixItems || n.prefixItems) {
    const length = Math.max(o.prefixItems?.length ?? 0, n.prefixItems?.length ?? 0);
    for (let i = 0; i < length; i++) {
      compareSchema(ctx, normalizeList(released, o.prefixItems?.[i], `${o.ptr}/prefixItems/${i}`), normalizeList(current, n.prefixItems?.[i], `${n.ptr}/prefixItems/${i}`), dir, { ...loc, path: [...loc.path, `[${i}]`] }, stack);
    }
  }
}

function bound(ctx, dir, tightened, loc, message, ptr, key) {
  if (dir === "request") {
    emit(ctx, tightened ? "request-constraint-tightened" : "request-constraint-loosened", tightened, loc, message, ctx.current, `${ptr}/${key}`);
  } else {
    emit(ctx, tightened ? "response-constraint-tightened" : "response-constraint-loosened", !tightened, loc, message, ctx.current, `${ptr}/${key}`);
  }
}

function compareProperties(ctx, o, n, dir, loc, stack) {
  const { released, current } = ctx;
  const req = dir === "request";
  const kind = req ? "request" : "response";
  // A readOnly property is not part of a request, a writeOnly one not part of a response. A name
  // listed in `required` without a schema is a field of any type.
  const view = (side, schema) => {
    const props = new Map();
    const hidden = new Set();
    for (const [name, list] of schema.props) {
      const child = normalizeList(side, list, `${schema.ptr}/properties/${escapePointer(name)}`);
      if (req ? child.readOnly : child.writeOnly) hidden.add(name);
      else props.set(name, child);
    }
    const required = new Set([...schema.required].filter((name) => !hidden.has(name)));
    for (const name of required) if (!props.has(name)) props.set(name, anySchema(`${schema.ptr}/required`));
    return { props, required, hidden };
  };
  const ov = view(released, o);
  const nv = view(current, n);
  const at = (name) => ({ ...loc, path: [...loc.path, name] });

  for (const [name, oldChild] of ov.props) {
    const newChild = nv.props.get(name);
    if (!newChild) {
      const why = nv.hidden.has(name) ? ` (it is now ${req ? "readOnly" : "writeOnly"})` : req && ov.required.has(name) ? " (it was required)" : "";
      emit(ctx, `${kind}-property-removed`, true, at(name), `${kind} field ${fmtValue(name)} removed${why}`, released, oldChild.ptr);
      continue;
    }
    const was = ov.required.has(name);
    const is = nv.required.has(name);
    if (req && !was && is) emit(ctx, "request-property-became-required", true, at(name), `request field ${fmtValue(name)} became required`, current, `${n.ptr}/required`);
    if (req && was && !is) emit(ctx, "request-property-became-optional", false, at(name), `request field ${fmtValue(name)} became optional`, current, `${n.ptr}/required`);
    if (!req && was && !is) emit(ctx, "response-property-became-optional", true, at(name), `response field ${fmtValue(name)} may now be absent (it was required)`, current, `${n.ptr}/required`);
    if (!req && !was && is) emit(ctx, "response-property-became-required", false, at(name), `response field ${fmtValue(name)} is now always present`, current, `${n.ptr}/required`);
    compareSchema(ctx, oldChild, newChild, dir, at(name), stack);
  }
  for (const [name, newChild] of nv.props) {
    if (ov.props.has(name)) continue;
    if (req && nv.required.has(name)) {
      emit(ctx, "request-required-property-added", true, at(name), `required request field ${fmtValue(name)} added`, current, newChild.ptr);
    } else {
      emit(ctx, `${kind}-property-added`, false, at(name), `${req ? "optional request" : "response"} field ${fmtValue(name)} added`, current, newChild.ptr);
    }
  }

  // additionalProperties: closing an open request object is breaking; a response may open up.
  const closedBefore = o.addl === false;
  const closedNow = n.addl === false;
  if (!closedBefore && closedNow) {
    if (req) emit(ctx, "request-additional-properties-closed", true, loc, "additionalProperties is now false: fields not listed are rejected", current, `${n.ptr}/additionalProperties`);
    else emit(ctx, "response-additional-properties-closed", false, loc, "additionalProperties is now false", current, `${n.ptr}/additionalProperties`);
  } else if (closedBefore && !closedNow) {
    emit(ctx, `${kind}-additional-properties-opened`, false, loc, "additionalProperties is no longer false", current, `${n.ptr}/additionalProperties`);
  }
  // Map values (additionalProperties as a schema) compare like any other value.
  if ((Array.isArray(o.addl) || Array.isArray(n.addl)) && !closedBefore && !closedNow) {
    compareSchema(ctx, normalizeList(released, o.addl || null, `${o.ptr}/additionalProperties`), normalizeList(current, n.addl || null, `${n.ptr}/additionalProperties`), dir, { ...loc, path: [...loc.path, "{*}"] }, stack);
  }
}

function emit(ctx, id, breaking, loc, message, side, pointer) {
  const op = loc.op;
  const path = loc.path.reduce((s, part) => (/^[[{(]/.test(part) ? s + part : s ? `${s}.${part}` : part), "");
  ctx.changes.push({
    id,
    breaking,
    operation: `${op.method.toUpperCase()} ${op.path}`,
    operationId: op.operationId ?? null,
    location: [loc.where, path].filter(Boolean).join(" › "),
    message,
    document: side.name,
    file: side.file,
    pointer,
  });
}

// ---------------------------------------------------------------------------------------------------
// Changesets

/** Pending changesets: the `"package": bump` lines of each .changeset/*.md front matter. */
function readChangesets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md")
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8").replace(/^\uFEFF/, "");
      const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text) ?? /^---[ \t]*\r?\n()---[ \t]*(\r?\n|$)/.exec(text);
      const releases = {};
      for (const line of (match?.[1] ?? "").split(/\r?\n/)) {
        const m = /^\s*(["']?)([^"':\s][^"':]*?)\1\s*:\s*(major|minor|patch|none)\s*$/.exec(line);
        if (m) releases[m[2]] = m[3];
      }
      return { file: join(dir, file), releases, valid: Boolean(match) };
    });
}

// ---------------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const opts = { released: DEFAULT_RELEASED, current: DEFAULT_CURRENT, changesets: DEFAULT_CHANGESETS, json: false, update: false, force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return resolve(v);
    };
    if (arg === "--released") opts.released = value();
    else if (arg === "--current") opts.current = value();
    else if (arg === "--changesets") opts.changesets = value();
    else if (arg === "--json") opts.json = true;
    else if (arg === "--update") opts.update = true;
    else if (arg === "--force") opts.force = true;
    else if (arg === "--help" || arg === "-h") opts.help = true;
    else throw new UsageError(`unknown argument ${arg}`);
  }
  return opts;
}

function loadSpec(file, what, hint) {
  if (!existsSync(file)) throw new UsageError(`${what} not found: ${display(file)}. ${hint}`);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${display(file)} (${error.message})`);
  }
}

function display(file) {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/** Changes that are one edit of the spec (same rule, message and pointer), with every place it shows. */
function group(list) {
  const groups = new Map();
  for (const c of list) {
    const key = `${c.id}\u0000${c.message}\u0000${c.file}\u0000${c.pointer}`;
    if (!groups.has(key)) groups.set(key, { ...c, places: [] });
    groups.get(key).places.push(`${c.operationId ?? "(no operationId)"} ${c.operation} › ${c.location}`);
  }
  return [...groups.values()];
}

function report(changes, opts, verdict) {
  const lines = [];
  const breaking = group(changes.filter((c) => c.breaking));
  const other = group(changes.filter((c) => !c.breaking));
  lines.push(`check-breaking: ${display(opts.released)} (released) → ${display(opts.current)} (current)`);
  if (changes.length === 0) lines.push("", "No API changes.");
  for (const [title, list, mark] of [["Breaking changes", breaking, "✗"], ["Non-breaking changes", other, "·"]]) {
    if (list.length === 0) continue;
    lines.push("", `${title} (${list.length}):`);
    for (const g of list) {
      lines.push(`  ${mark} ${g.message} [${g.id}]`);
      for (const place of g.places) lines.push(`      ${place}`);
      lines.push(`      at ${display(g.file)}#${g.pointer.slice(1)}`);
    }
  }
  lines.push("", verdict);
  return lines.join("\n");
}

function main(argv) {
  const opts = parseArgs(argv);
  if (opts.help) {
    const header = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1).filter((l) => l.startsWith("//")).map((l) => l.slice(3));
    process.stdout.write(`${header.join("\n")}\n`);
    return 0;
  }
  const currentDoc = loadSpec(opts.current, "current bundle", "Build it with `bash scripts/exec turbo run bundle`.");
  const current = makeSide("current", opts.current, currentDoc);

  if (opts.update) {
    const pending = readChangesets(opts.changesets);
    if (pending.length > 0 && !opts.force) {
      throw new UsageError(
        `--update is for release time, after \`changeset version\` has consumed the pending changesets, but ${pending.length} are pending ` +
          `(${pending.map((c) => display(c.file)).join(", ")}). Making the current spec the baseline now would hide its breaking changes ` +
          "from the check. Run `changeset version` first, or pass --force.",
      );
    }
    const changes = existsSync(opts.released) ? compareSpecs(makeSide("released", opts.released, loadSpec(opts.released, "released spec", "")), current) : [];
    mkdirSync(dirname(opts.released), { recursive: true });
    copyFileSync(opts.current, opts.released);
    const summary = `${display(opts.released)} updated from ${display(opts.current)} (${group(changes.filter((c) => c.breaking)).length} breaking, ${group(changes.filter((c) => !c.breaking)).length} non-breaking changes since the previous baseline).`;
    if (opts.json) process.stdout.write(`${JSON.stringify({ ok: true, updated: opts.released, changes }, null, 2)}\n`);
    else process.stdout.write(`${summary}\n`);
    return 0;
  }

  const releasedDoc = loadSpec(opts.released, "released spec", "It is the spec of the last release; create it with `node scripts/check-breaking.mjs --update --force`.");
  const released = makeSide("released", opts.released, releasedDoc);
  const changes = compareSpecs(released, current);
  const breaking = changes.filter((c) => c.breaking);
  const changesets = readChangesets(opts.changesets);
  const majors = changesets.filter((c) => MAJOR_PACKAGES.some((p) => c.releases[p] === "major"));
  const lesser = changesets.filter((c) => !majors.includes(c) && MAJOR_PACKAGES.some((p) => c.releases[p]));
  const ok = breaking.length === 0 || majors.length > 0;
  const describe = (c) => `${display(c.file)} (${Object.entries(c.releases).filter(([p]) => MAJOR_PACKAGES.includes(p)).map(([p, b]) => `${p}: ${b}`).join(", ")})`;

  const count = `${group(breaking).length} breaking change(s) (in ${breaking.length} place(s))`;
  let verdict;
  if (breaking.length === 0) verdict = "OK: no breaking changes.";
  else if (ok) verdict = `OK: ${count}, announced by a major changeset: ${majors.map(describe).join("; ")}.`;
  else {
    verdict =
      `FAILED: ${count} and no pending changeset declares a major bump for ${MAJOR_PACKAGES.join(" or ")}` +
      (lesser.length ? ` (found only: ${lesser.map(describe).join("; ")}; a breaking change needs major)` : "") +
      ".\nUndo the change, or run `npm run changeset`, choose major for @hostup/openapi and @hostup/sdk, and tell users what changed and what to do.";
  }
  if (opts.json) {
    const result = { ok, released: opts.released, current: opts.current, breaking, nonBreaking: changes.filter((c) => !c.breaking), changesets: changesets.map((c) => ({ file: c.file, releases: c.releases })), majorChangesets: majors.map((c) => c.file) };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    (ok ? process.stdout : process.stderr).write(`${report(changes, opts, verdict)}\n`);
  }
  return ok ? 0 : 1;
}

// The comparison, for tests that check the rules in-process (the CLI above is the contract).
export { compareSpecs, makeSide, readChangesets };

if (process.argv[1] && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`check-breaking: ${error.message}\n`);
    process.exitCode = 2;
  }
}
