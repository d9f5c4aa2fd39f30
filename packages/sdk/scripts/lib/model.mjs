// The operation model: everything the emitters need about each operation, read once from the
// bundled spec (with the shared walker) and checked on the way. Each output (methods, tables,
// hints, contract tests, docs samples, README) is printed from this model, never from the spec.
import { deref, derefWithPointer, escapePointer, listOperations } from "@hostup/openapi/walk";
import { bodyInputs, parameterExample, queryInputs } from "./examples.mjs";
import { pathParamSchema, queryRules, requestRules } from "./request-schema.mjs";
import { operationScopes } from "./scopes.mjs";

const JSON_TYPE = "application/json";

/**
 * Defines `object[key]` as computed on first read, once. Example inputs are read only by the
 * outputs that call operations (contract tests, docs samples): a spec without examples still
 * generates the SDK itself (the benchmark's synthetic spec), and fails only where one is needed.
 */
function later(object, key, compute) {
  let value;
  let done = false;
  Object.defineProperty(object, key, {
    enumerable: true,
    get() {
      if (!done) [value, done] = [compute(), true];
      return value;
    },
  });
  return object;
}
const PROBLEM_TYPE = "application/problem+json";

/** `{ operations, secretFields, howToFind }` for the bundled spec `spec`. */
export function buildModel(spec) {
  const operations = listOperations(spec).map((entry) => operationModel(spec, entry));
  const ids = new Set();
  for (const op of operations) {
    if (typeof op.id !== "string" || !op.id) throw new Error(`${op.httpMethod} ${op.path}: the operation has no operationId.`);
    if (ids.has(op.id)) throw new Error(`operationId ${op.id} is used twice.`);
    ids.add(op.id);
  }
  operations.sort((a, b) => a.id.localeCompare(b.id));
  return { operations, secretFields: secretFields(spec), howToFind: howToFindByKind(operations) };
}

function operationModel(spec, { path, method, operationId: id, operation, pathItem }) {
  const pathPointer = derefWithPointer(spec, spec.paths[path], `#/paths/${escapePointer(path)}`).ptr;
  const pointer = `${pathPointer}/${method}`;
  const parameters = parametersWithPointers(spec, pathItem, operation, pathPointer, pointer);
  // Path parameters are positional, in the order they appear in the path.
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const params = parameters
    .filter((p) => p.in === "path")
    .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
    .map((p) => pathParam(spec, id, p));
  const query = parameters.filter((p) => p.in === "query");
  const body = requestBody(spec, id, operation, pointer);
  if (query.length && body?.isArg) throw new Error(`${id}: a query and a body in one method is not supported yet`);
  const bodyFields = body ? Object.keys(deref(spec, body.content.schema)?.properties ?? {}) : undefined;
  const responses = operation.responses ?? {};
  const success = successResponse(spec, id, responses, pointer);
  const errors = errorResponses(spec, responses, pointer);
  const nextSteps = readNextSteps(id, operation, errors);
  for (const error of errors) error.nextStep = nextSteps[error.status];
  return {
    id,
    method,
    httpMethod: method.toUpperCase(),
    path,
    pointer,
    summary: operation.summary,
    description: (operation.description ?? "").trim(),
    retrySafe: operation["x-hostup-retry-safe"] === true,
    params,
    query: query.length
      ? later({ params: query, rules: queryRules(spec, id, query) }, "inputs", () => queryInputs(spec, id, query))
      : undefined,
    body,
    input: query.length ? "query" : body?.isArg ? "body" : undefined,
    success,
    errors,
    nextSteps,
    scopes: operationScopes(spec, operation, id, bodyFields),
    apiKey: takesApiKey(spec, operation),
  };
}

/**
 * Does any of the operation's security requirements use the bearer API key? The public DynDNS
 * update does not (its token is a query parameter): the SDK must not send the key there.
 */
function takesApiKey(spec, operation) {
  const schemes = spec.components?.securitySchemes ?? {};
  return (operation.security ?? spec.security ?? []).some((requirement) =>
    Object.keys(requirement).some((name) => {
      const scheme = deref(spec, schemes[name]);
      return scheme?.type === "http" && String(scheme.scheme).toLowerCase() === "bearer";
    }),
  );
}

/** Path-level and operation-level parameters, resolved, each with the JSON pointer it was found at. */
function parametersWithPointers(spec, pathItem, operation, pathPointer, pointer) {
  const found = [
    ...(pathItem.parameters ?? []).map((p, i) => derefWithPointer(spec, p, `${pathPointer}/parameters/${i}`)),
    ...(operation.parameters ?? []).map((p, i) => derefWithPointer(spec, p, `${pointer}/parameters/${i}`)),
  ];
  const key = ({ node }) => `${node.in}:${node.name}`;
  // The operation's own parameter wins over the path's with the same name and location.
  const byKey = new Map(found.map((entry) => [key(entry), entry]));
  return [...byKey.values()].map(({ node, ptr }) => ({ ...node, pointer: ptr }));
}

function pathParam(spec, id, parameter) {
  const { schema, pointer, pattern } = pathParamSchema(spec, id, parameter.schema, `${parameter.pointer}/schema`);
  const prefix = /^\^\(?([a-z|]+)\)?_/.exec(schema.pattern)?.[1];
  const howToFind = schema["x-hostup-how-to-find"];
  if (howToFind !== undefined && (typeof howToFind !== "string" || !howToFind.trim())) {
    throw new Error(`${id}: x-hostup-how-to-find at ${pointer} must be a non-empty string.`);
  }
  const param = {
    name: parameter.name,
    kind: schema.title,
    pattern,
    schemaPointer: pointer,
    ...(prefix ? { prefix: `${prefix.split("|")[0]}_` } : {}),
    ...(howToFind ? { howToFind: howToFind.trim().replace(/\s*\n\s*/g, " ") } : {}),
  };
  return later(param, "example", () => {
    const example = parameterExample(spec, parameter);
    if (typeof example !== "string" || !pattern.test(example)) {
      throw new Error(`${id}: path parameter \`${parameter.name}\` (${parameter.pointer}) needs an example that matches its pattern.`);
    }
    return example;
  });
}

function requestBody(spec, id, operation, pointer) {
  if (!operation.requestBody) return undefined;
  const { node: requestBody, ptr } = derefWithPointer(spec, operation.requestBody, `${pointer}/requestBody`);
  const content = requestBody.content?.[JSON_TYPE];
  if (!content) return undefined;
  const schema = deref(spec, content.schema);
  const schemaPointer = `${ptr}/content/${escapePointer(JSON_TYPE)}/schema`;
  // A body that must be empty (maxProperties: 0) is not a method argument.
  const isArg = Boolean(schema && schema.maxProperties !== 0);
  const body = {
    content,
    required: requestBody.required === true,
    isArg,
    rules: isArg ? requestRules(spec, id, content.schema, schemaPointer) : undefined,
  };
  return later(body, "inputs", () => bodyInputs(spec, id, content));
}

function successResponse(spec, id, responses, pointer) {
  const entry = Object.entries(responses).find(([status]) => /^2\d\d$/.test(status));
  if (!entry) throw new Error(`${id}: the operation documents no 2xx response.`);
  const [status, raw] = entry;
  const { node: response, ptr } = derefWithPointer(spec, raw, `${pointer}/responses/${status}`);
  const json = response.content?.[JSON_TYPE];
  // A text answer (the DynDNS2 update's `good 203.0.113.7`) is the method's result as it came.
  if (!json) return { status: Number(status), json: false, text: Boolean(response.content?.["text/plain"]), examples: [] };
  const schemaPointer = derefWithPointer(spec, json.schema, `${ptr}/content/${escapePointer(JSON_TYPE)}/schema`).ptr;
  const component = /^#\/components\/schemas\/([^/]+)$/.exec(schemaPointer)?.[1];
  return {
    status: Number(status),
    json: true,
    schemaPointer,
    ...(component ? { component } : {}),
    examples: namedExamples(spec, json.examples, `${ptr}/content/${escapePointer(JSON_TYPE)}/examples`),
  };
}

/** Each documented 4xx/5xx: its status and the pointer of the example a mock serves first. */
function errorResponses(spec, responses, pointer) {
  return Object.entries(responses)
    .filter(([status]) => /^[45]\d\d$/.test(status))
    .map(([status, raw]) => {
      const { node: response, ptr } = derefWithPointer(spec, raw, `${pointer}/responses/${status}`);
      const type = [PROBLEM_TYPE, JSON_TYPE].find((t) => response.content?.[t]);
      const first = type && namedExamples(spec, response.content[type].examples, `${ptr}/content/${escapePointer(type)}/examples`)[0];
      return { status: Number(status), ...(first?.pointer ? { example: first.pointer } : {}) };
    });
}

function namedExamples(spec, examples, pointer) {
  return Object.entries(examples ?? {}).map(([name, example]) => {
    const { node, ptr } = derefWithPointer(spec, example, `${pointer}/${escapePointer(name)}`);
    return { name, pointer: ptr, value: node?.value };
  });
}

/** `x-hostup-next-steps: { "409": "…" }`: what to do after a documented error status. */
function readNextSteps(id, operation, errors) {
  const raw = operation["x-hostup-next-steps"];
  if (raw === undefined) return {};
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${id}: x-hostup-next-steps must map error statuses to text.`);
  const documented = new Set(errors.map((e) => String(e.status)));
  const steps = {};
  for (const [status, text] of Object.entries(raw)) {
    if (!documented.has(status))
      throw new Error(`${id}: x-hostup-next-steps names ${status}, which is not a documented 4xx/5xx response of the operation.`);
    if (typeof text !== "string" || !text.trim()) throw new Error(`${id}: x-hostup-next-steps.${status} must be a non-empty string.`);
    steps[status] = text.trim().replace(/\s*\n\s*/g, " ");
  }
  return steps;
}

/** Each ID kind's `x-hostup-how-to-find`, by schema title. */
function howToFindByKind(operations) {
  const byKind = new Map();
  for (const param of operations.flatMap((op) => op.params)) {
    if (!param.howToFind) continue;
    const known = byKind.get(param.kind);
    if (known !== undefined && known !== param.howToFind)
      throw new Error(`two ID schemas titled ${param.kind} say different x-hostup-how-to-find texts`);
    byKind.set(param.kind, param.howToFind);
  }
  return Object.fromEntries([...byKind].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Fields and parameters the spec marks `x-hostup-secret: true`: schema properties anywhere in the
 * component schemas, and parameters (the DynDNS update's `token`) wherever they are declared.
 */
function secretFields(spec) {
  const names = new Set();
  const walk = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.properties) {
      for (const [name, sub] of Object.entries(node.properties)) if (sub && sub["x-hostup-secret"] === true) names.add(name);
    }
    if (
      typeof node.name === "string" &&
      typeof node.in === "string" &&
      (node["x-hostup-secret"] === true || node.schema?.["x-hostup-secret"] === true)
    ) {
      names.add(node.name);
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(spec.components?.schemas);
  walk(spec.components?.parameters);
  walk(spec.paths);
  return [...names].sort();
}
