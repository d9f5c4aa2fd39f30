#!/usr/bin/env node
// Generates three files from the bundled spec (@hostup/openapi's dist/openapi.json):
// - src/generated/methods.ts: one typed method per operationId (types only). A new operation in
//   the spec becomes a new method on regeneration.
// - src/generated/operations.ts: the operation table every call is sent with (method, path, ID
//   patterns, retry safety). The client loads it on the first call
//   (see src/README.md), so an app's first load does not grow with the number of operations.
// - src/generated/schemas.ts: what the input checks need beyond that (request schemas, ID kinds),
//   loaded with src/lazy/validate.ts; src/generated/secrets.ts: the secret response fields, loaded
//   with src/lazy/redact.ts.
// All are committed and drift-checked (scripts/test fails when regenerating changes them).
//
// `--spec <file>` and `--out <dir>` read another bundle and write elsewhere (the bundle-size
// benchmark builds the SDK from a synthetic spec with many more operations that way).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({ options: { spec: { type: "string" }, out: { type: "string" } }, strict: true });
const spec = JSON.parse(readFileSync(args.spec ?? require.resolve("@hostup/openapi/openapi.json"), "utf8"));
const outDir = join(args.out ?? fileURLToPath(new URL("../src/generated/", import.meta.url)), "/");

const METHODS = ["get", "put", "post", "patch", "delete"];
// Request-body schema keywords the client checks (src/lazy/validate.ts); the rest is the server's job.
const KEYWORDS = ["type", "enum", "pattern", "minLength", "minimum", "maximum", "required", "minProperties", "maxProperties"];

function resolve(node) {
  let current = node;
  while (current && current.$ref) {
    const path = current.$ref.replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = path.reduce((at, key) => at[key], spec);
  }
  return current;
}

/** The subset of a JSON Schema that validate.ts interprets, as a TS expression. */
function compactSchema(node) {
  const schema = resolve(node);
  const out = [];
  for (const key of KEYWORDS) {
    if (schema[key] === undefined || (Array.isArray(schema[key]) && key === "required" && !schema[key].length)) continue;
    out.push(`${key}: ${key === "pattern" ? regexLiteral(schema[key]) : JSON.stringify(schema[key])}`);
  }
  if (schema.additionalProperties === false) out.push("additionalProperties: false");
  if (schema.properties) {
    const props = Object.entries(schema.properties).map(([name, sub]) => `${JSON.stringify(name)}: ${compactSchema(sub)}`);
    out.push(`properties: { ${props.join(", ")} }`);
  }
  if (schema.items) out.push(`items: ${compactSchema(schema.items)}`);
  return `{ ${out.join(", ")} }`;
}

/** Query parameters as one object schema: the method's optional `query` argument. */
function querySchema(queryParams) {
  return {
    type: "object",
    additionalProperties: false,
    required: queryParams.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])),
  };
}

const regexLiteral = (pattern) => `/${pattern.replace(/\//g, "\\/")}/`;

function secretFields() {
  const names = new Set();
  const walk = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.properties) {
      for (const [name, sub] of Object.entries(node.properties)) if (sub && sub["x-hostup-secret"] === true) names.add(name);
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(spec.components?.schemas);
  return [...names].sort();
}

function jsDoc(operation, scope) {
  const lines = [operation.summary + "."];
  const description = (operation.description ?? "").trim();
  if (description) lines.push("", ...description.split("\n"));
  lines.push("", `Required API scope: \`${scope}\`.`);
  lines.push(
    operation["x-hostup-retry-safe"]
      ? "Retried on 429, 5xx, timeouts and connection errors."
      : "Retried only on 429: a repeat after a 5xx, timeout or lost connection could apply it twice.",
  );
  return ["/**", ...lines.map((l) => (l ? ` * ${l.replace(/\*\//g, "*\\/")}` : " *")), " */"].map((l) => `  ${l}`).join("\n");
}

const operations = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const operation = item[method];
    if (!operation) continue;
    const id = operation.operationId;
    const allParams = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
    const params = allParams.filter((p) => p.in === "path");
    const queryParams = allParams.filter((p) => p.in === "query");
    // Path parameters are positional, in the order they appear in the path.
    const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    params.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    const bodyContent = operation.requestBody && resolve(operation.requestBody).content?.["application/json"];
    const bodySchema = bodyContent && resolve(bodyContent.schema);
    // A body that must be empty (maxProperties: 0) is not a method argument.
    const hasBodyArg = Boolean(bodySchema && bodySchema.maxProperties !== 0);
    const [successStatus, success] = Object.entries(operation.responses).find(([status]) => /^2/.test(status));
    const successJson = resolve(success).content?.["application/json"];
    const scope = Object.values(operation.security?.[0] ?? {})[0]?.[0];
    operations.push({ id, method, path, params, queryParams, hasBodyArg, bodySchema, bodyContent, successStatus, successJson, operation, scope });
  }
}
operations.sort((a, b) => a.id.localeCompare(b.id));

// ID patterns are shared by many operations: each is one named constant, e.g. `DomainId`.
const idPatterns = new Map();
const idPattern = (schema) => {
  const name = /^[A-Z][A-Za-z0-9]*$/.test(schema.title ?? "") ? schema.title : `IdPattern${idPatterns.size + 1}`;
  if (idPatterns.has(name) && idPatterns.get(name) !== schema.pattern) throw new Error(`two ID patterns are called ${name}`);
  idPatterns.set(name, schema.pattern);
  return name;
};

const tableEntries = operations.map((o) => {
  const params = o.params.map((p) => `{ name: ${JSON.stringify(p.name)}, pattern: ${idPattern(resolve(p.schema))} }`);
  const input = o.queryParams.length ? `input: "query", ` : o.hasBodyArg ? `input: "body", ` : "";
  if (o.queryParams.length && o.hasBodyArg) throw new Error(`${o.id}: a query and a body in one method is not supported yet`);
  return (
    `  ${o.id}: { id: ${JSON.stringify(o.id)}, method: ${JSON.stringify(o.method.toUpperCase())}, path: ${JSON.stringify(o.path)}, ` +
    `params: [${params.join(", ")}], ${input}successBody: ${Boolean(o.successJson)}, retrySafe: ${o.operation["x-hostup-retry-safe"] === true} },`
  );
});

const schemaEntries = operations.map((o) => {
  const params = o.params.map((p) => {
    const schema = resolve(p.schema);
    const prefix = /^\^\(?([a-z|]+)\)?_/.exec(schema.pattern)?.[1];
    const prefixField = prefix ? `, prefix: ${JSON.stringify(prefix.split("|")[0] + "_")}` : "";
    return `${JSON.stringify(p.name)}: { kind: ${JSON.stringify(schema.title)}${prefixField} }`;
  });
  return [
    `  ${o.id}: {`,
    `    params: {${params.length ? ` ${params.join(", ")} ` : ""}},`,
    ...(o.queryParams.length ? [`    query: ${compactSchema(querySchema(o.queryParams))},`] : []),
    ...(o.hasBodyArg ? [`    body: ${compactSchema(o.bodyContent.schema)},`] : []),
    `  },`,
  ].join("\n");
});

const methodTypes = operations.map((o) => {
  const args = o.params.map((p) => `${p.name}: string`);
  if (o.queryParams.length) {
    const optional = o.queryParams.every((p) => !p.required) ? "?" : "";
    args.push(`query${optional}: NonNullable<operations[${JSON.stringify(o.id)}]["parameters"]["query"]>`);
  }
  if (o.hasBodyArg) {
    args.push(`body: NonNullable<operations[${JSON.stringify(o.id)}]["requestBody"]>["content"]["application/json"]`);
  }
  const result = o.successJson
    ? `operations[${JSON.stringify(o.id)}]["responses"][${o.successStatus}]["content"]["application/json"]`
    : "void";
  return `${jsDoc(o.operation, o.scope)}\n  ${o.id}: Method<[${args.join(", ")}], ${result}>;`;
});

const header = `/**
 * DO NOT EDIT: generated by packages/sdk/scripts/generate.mjs from the bundled spec
 * (openapi/dist/openapi.json). Edit the spec under openapi/ and run \`npm start\` to regenerate.
 */`;

const operationsSource = `${header}
import type { OperationSpec } from "../eager/operation.js";

${[...idPatterns].map(([name, pattern]) => `const ${name} = ${regexLiteral(pattern)};`).join("\n")}

/** Every operation by operationId: what a call needs to be sent, and what \`hostup.raw\` matches requests against. */
export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
${tableEntries.join("\n")}
};
`;

// A file of its own: only lazy/redact.ts imports it, so bundlers inline it there instead of making
// the redactor's chunk import the operation table's.
const secretsSource = `${header}

/** Response fields the spec marks \`x-hostup-secret\`: never logged, redacted from errors. */
export const SECRET_FIELDS: ReadonlyArray<string> = ${JSON.stringify(secretFields())};
`;

const methodsSource = `${header}
import type { operations } from "@hostup/types";
import type { Method } from "../eager/method.js";

/** One method per operation: path parameters in path order, then the query or body, then options. */
export interface HostupMethods {
${methodTypes.join("\n\n")}
}
`;

const schemasSource = `${header}
import type { RequestSchema } from "../eager/operation.js";

/** Each operation's request rules, for the checks made before anything is sent (lazy/validate.ts). */
export const REQUEST_SCHEMAS: Readonly<Record<string, RequestSchema>> = {
${schemaEntries.join("\n")}
};

`;

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}methods.ts`, methodsSource);
writeFileSync(`${outDir}operations.ts`, operationsSource);
writeFileSync(`${outDir}secrets.ts`, secretsSource);
writeFileSync(`${outDir}schemas.ts`, schemasSource);
console.log(`generated src/generated/methods.ts, operations.ts, secrets.ts and schemas.ts (${operations.length} operations)`);
