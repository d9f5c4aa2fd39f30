// What of a request schema (a body, the query parameters, a path parameter) the client checks
// before sending, as the plain structure generated/schemas.ts prints and lazy/validate.ts reads.
//
// Every keyword is decided: either it is carried into that structure (and validate.ts enforces
// it), or it is an annotation that constrains nothing, or generation fails. A keyword dropped
// silently would let the SDK send what the spec forbids, with a less helpful error from the API.
import { derefWithPointer, escapePointer } from "@hostup/openapi/walk";
import { record } from "./literal.mjs";

/** Keywords carried into the checks, in the order generated/schemas.ts prints them. */
const CARRIED = [
  "type",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "required",
  "minProperties",
  "maxProperties",
  "minItems",
  "maxItems",
  "uniqueItems",
];
/** Carried as nested schemas, printed after the others. */
const NESTED = ["additionalProperties", "properties", "items", "allOf"];

/** Keywords that constrain nothing: documentation, examples and the spec's own extensions. */
const ANNOTATIONS = new Set([
  "$ref",
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "$comment",
]);

/** Why a keyword is refused, where a reason helps more than "not supported". */
const REFUSED = {
  format: "formats are not checked by the client",
  oneOf: "alternatives are not checked by the client",
  anyOf: "alternatives are not checked by the client",
  not: "negations are not checked by the client",
  if: "conditional schemas are not checked by the client",
  discriminator: "alternatives are not checked by the client",
  nullable: '`nullable` is OpenAPI 3.0; in 3.1 write `type: [T, "null"]`',
};

export class UnsupportedKeywordError extends Error {
  constructor(operationId, pointer, keyword, reason) {
    super(
      `${operationId}: request-schema keyword \`${keyword}\` at ${pointer} is not carried into the SDK's input checks` +
        ` (${reason}). Teach packages/sdk/scripts/lib/request-schema.mjs and src/lazy/validate.ts to check it, or remove it from the spec.`,
    );
    this.name = "UnsupportedKeywordError";
    this.operationId = operationId;
    this.pointer = pointer;
    this.keyword = keyword;
  }
}

/**
 * The checked subset of the schema at `node` (found at JSON pointer `ptr`), following `$ref`s.
 * Throws UnsupportedKeywordError for a keyword that is neither carried nor an annotation.
 */
export function requestRules(spec, operationId, node, ptr) {
  const { node: own, ptr: at } = derefWithPointer(spec, node, ptr);
  // A `$ref` may have siblings (OpenAPI 3.1 allows them): annotations only.
  if (node?.$ref) refuseRulesBesideRef(operationId, node, ptr);
  refuseUnknown(operationId, own, at);
  const out = {};
  for (const key of CARRIED) {
    if (own[key] === undefined) continue;
    if (key === "required" && own[key].length === 0) continue;
    out[key] = key === "pattern" ? patternOf(operationId, own[key], `${at}/pattern`) : own[key];
  }
  if (own.additionalProperties === false) out.additionalProperties = false;
  if (own.properties) {
    out.properties = record(
      Object.fromEntries(
        Object.entries(own.properties).map(([name, sub]) => [
          name,
          requestRules(spec, operationId, sub, `${at}/properties/${escapePointer(name)}`),
        ]),
      ),
    );
  }
  if (own.items) out.items = requestRules(spec, operationId, own.items, `${at}/items`);
  if (own.allOf) out.allOf = own.allOf.map((member, i) => requestRules(spec, operationId, member, `${at}/allOf/${i}`));
  return out;
}

function refuseUnknown(operationId, schema, at) {
  for (const [key, value] of Object.entries(schema)) {
    if (CARRIED.includes(key) || ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (NESTED.includes(key)) {
      if (key === "additionalProperties" && value !== false) {
        if (value === true) continue;
        throw new UnsupportedKeywordError(operationId, `${at}/additionalProperties`, key, "only `additionalProperties: false` is checked");
      }
      if (key === "items" && (typeof value !== "object" || Array.isArray(value))) {
        throw new UnsupportedKeywordError(operationId, `${at}/items`, key, "only a single `items` schema is checked");
      }
      continue;
    }
    throw new UnsupportedKeywordError(operationId, `${at}/${escapePointer(key)}`, key, REFUSED[key] ?? "not supported");
  }
}

/** `$ref` siblings may only add annotations: a rule next to a `$ref` is not carried, so it fails. */
function refuseRulesBesideRef(operationId, node, ptr) {
  for (const key of Object.keys(node)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    throw new UnsupportedKeywordError(
      operationId,
      `${ptr}/${escapePointer(key)}`,
      key,
      "a rule next to `$ref` is not checked; move it into the referenced schema",
    );
  }
}

function patternOf(operationId, pattern, where) {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new Error(`${operationId}: the pattern at ${where} is not a valid regular expression: ${error.message}`);
  }
}

/**
 * The query parameters as the rules of one object (the method's `query` argument): each
 * parameter's schema checked like a body field, unknown names refused.
 */
export function queryRules(spec, operationId, queryParams) {
  const required = queryParams.filter((p) => p.required).map((p) => p.name);
  return {
    type: "object",
    ...(required.length ? { required } : {}),
    additionalProperties: false,
    properties: record(
      Object.fromEntries(queryParams.map((p) => [p.name, requestRules(spec, operationId, p.schema, `${p.pointer}/schema`)])),
    ),
  };
}

/** Keywords a path parameter's schema may use: the ID check is its pattern, nothing else. */
const PATH_CARRIED = new Set(["type", "pattern"]);

/** The path parameter's schema, checked to say nothing the ID check would drop. */
export function pathParamSchema(spec, operationId, node, ptr) {
  const { node: schema, ptr: at } = derefWithPointer(spec, node, ptr);
  for (const key of Object.keys(schema)) {
    if (PATH_CARRIED.has(key) || ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    throw new UnsupportedKeywordError(operationId, `${at}/${escapePointer(key)}`, key, "a path parameter is checked by its `pattern` only");
  }
  if (schema.type !== "string" || typeof schema.pattern !== "string" || typeof schema.title !== "string") {
    throw new Error(
      `${operationId}: the path parameter schema at ${at} must be a string with a \`pattern\` (the ID check) and a \`title\` (its kind, e.g. DomainId).`,
    );
  }
  return { schema, pointer: at, pattern: patternOf(operationId, schema.pattern, `${at}/pattern`) };
}
