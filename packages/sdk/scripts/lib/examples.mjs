// Input values for the generated contract tests and docs samples, taken from the spec's examples:
// a parameter's `example`/`examples`, a schema's `examples`/`const`/`enum`, a request body's named
// examples. Nothing is invented: an input without a documented value is left out (and reported as
// such), and a required input without one fails generation.
import { deref } from "@hostup/openapi/walk";

/** The first value of an OpenAPI `examples` map (`{ name: { value } }`), resolved. */
function firstNamed(spec, examples) {
  for (const example of Object.values(examples ?? {})) {
    const value = deref(spec, example)?.value;
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A schema's documented value: its own `examples`/`example` first (next to a `$ref` too), then the referenced schema's, `const`, `enum`. */
export function schemaExample(spec, node) {
  for (let current = node, seen = 0; current && seen < 32; seen++) {
    if (Array.isArray(current.examples) && current.examples.length) return current.examples[0];
    if (current.example !== undefined) return current.example;
    if (current.const !== undefined) return current.const;
    if (Array.isArray(current.enum) && current.enum.length) return current.enum[0];
    if (!current.$ref) break;
    current = deref(spec, { $ref: current.$ref });
  }
  const schema = deref(spec, node);
  if (schema?.properties) {
    const built = buildObject(spec, schema, Object.keys(schema.properties), []);
    return Object.keys(built.value).length ? built.value : undefined;
  }
  if (schema?.items) {
    const item = schemaExample(spec, schema.items);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

/** A parameter's documented value: `example`, then its `examples` map, then its schema's. */
export function parameterExample(spec, parameter) {
  if (parameter.example !== undefined) return parameter.example;
  return firstNamed(spec, parameter.examples) ?? schemaExample(spec, parameter.schema);
}

function buildObject(spec, schema, names, fromExamples) {
  const value = {};
  const missing = [];
  for (const name of names) {
    const documented = fromExamples.map((example) => example?.[name]).find((v) => v !== undefined);
    const field = documented !== undefined ? documented : schemaExample(spec, schema.properties?.[name] ?? {});
    if (field === undefined) missing.push(name);
    else value[name] = field;
  }
  return { value, missing };
}

/**
 * The query inputs: `required` (only the required parameters) and `all` (every parameter with a
 * documented value), plus `unsent`: parameters left out of `all` for want of one.
 */
export function queryInputs(spec, operationId, queryParams) {
  const required = {};
  const all = {};
  const unsent = [];
  for (const parameter of queryParams) {
    const value = parameterExample(spec, parameter);
    if (value === undefined) {
      if (parameter.required)
        throw new Error(`${operationId}: required query parameter \`${parameter.name}\` has no example to call it with.`);
      unsent.push(parameter.name);
      continue;
    }
    all[parameter.name] = value;
    if (parameter.required) required[parameter.name] = value;
  }
  return { required, all, unsent };
}

/**
 * The body inputs: `required` (the required fields, plus fields from the request example until
 * `minProperties` is met), `all` (every field with a documented value), `sample` (the first named
 * request example, as the docs show it), `named` (every named request example) and `unsent`.
 */
export function bodyInputs(spec, operationId, content) {
  const schema = deref(spec, content.schema);
  const named = Object.entries(content.examples ?? {}).map(([name, example]) => ({ name, value: deref(spec, example)?.value }));
  if (content.example !== undefined) named.unshift({ name: "example", value: content.example });
  const examples = named.map((e) => e.value).filter((v) => v && typeof v === "object" && !Array.isArray(v));
  const sample = named[0]?.value;
  if (!schema?.properties) {
    const value = sample ?? schemaExample(spec, content.schema);
    if (value === undefined) throw new Error(`${operationId}: the request body has no example to call it with.`);
    return { required: value, all: value, sample: value, named, unsent: [] };
  }
  const names = Object.keys(schema.properties);
  const requiredNames = [...(schema.required ?? [])];
  for (const name of [...Object.keys(examples[0] ?? {}), ...names]) {
    if (requiredNames.length >= (schema.minProperties ?? 0)) break;
    if (!requiredNames.includes(name) && names.includes(name)) requiredNames.push(name);
  }
  const required = buildObject(spec, schema, requiredNames, examples);
  if (required.missing.length) {
    throw new Error(
      `${operationId}: required body field(s) ${required.missing.map((n) => `\`${n}\``).join(", ")} have no example to call it with.`,
    );
  }
  const all = buildObject(spec, schema, names, examples);
  return { required: required.value, all: all.value, sample: sample ?? all.value, named, unsent: all.missing };
}
