// test/contract/generated/operations.test.ts: every operation against the Prism mock, from the
// same model as the methods. Per operation: a call with only the required inputs and one with
// every input (values from the spec's examples), each request example, each named response
// example (`Prefer: example=…`), each documented error status (thrown as its HostupApiError, with
// the documented next step as `hint`), and the raw client's answers. Prism runs with `--errors`,
// so a call that resolves also shows the request was valid.
import { callArgs, callText, exampleInputs } from "./call.mjs";
import { HEADER } from "./header.mjs";
import { code, literal, pretty } from "./literal.mjs";

const indent = (text, by) =>
  text
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");

/**
 * The test's type assertion on what the method resolves to: exactly the response's component
 * schema. The raw client's data (openapi-fetch maps the types it returns) must be assignable both
 * ways to the component or undefined.
 */
function typeCheck(op, expression, raw) {
  // A text answer: the method returns it as it came; openapi-fetch types only JSON, so raw data is unchecked.
  if (op.success.text) return raw ? null : `expectTypeOf(${expression}).toEqualTypeOf<string>();`;
  if (!op.success.json) return raw ? `expectTypeOf(${expression}).toBeUndefined();` : `expectTypeOf(${expression}).toEqualTypeOf<void>();`;
  if (!op.success.component) return null;
  const type = `components["schemas"][${JSON.stringify(op.success.component)}]`;
  if (!raw) return `expectTypeOf(${expression}).toEqualTypeOf<${type}>();`;
  return `expectTypeOf(${expression}).toExtend<Maybe<${type}>>();\nexpectTypeOf<Maybe<${type}>>().toExtend<typeof ${expression}>();`;
}

const successCheck = (op, response, data) =>
  op.success.text
    ? `expectDocumentedText(${response}, ${data}, ${literal(op.success.status)});`
    : `expectDocumentedSuccess(${response}, ${data}, ${literal(op.success.status)}${op.success.json ? `, ${literal(op.success.schemaPointer)}` : ""});`;

function callTest(op, name, args) {
  const lines = [
    `${callText("const result = await ", `hostup.${op.id}.withResponse`, args)};`,
    typeCheck(op, "result.data", false),
    successCheck(op, "result.response", "result.data"),
  ].filter(Boolean);
  return `test(${literal(name)}, async () => {\n${indent(lines.join("\n"), "  ")}\n});`;
}

function callTests(op) {
  const required = callArgs(op, exampleInputs(op, "required"));
  const all = callArgs(op, exampleInputs(op, "all"));
  const unsent = [...(op.query?.inputs.unsent ?? []), ...(op.body?.isArg ? op.body.inputs.unsent : [])];
  const note = unsent.length ? ` (${unsent.map((n) => `\`${n}\``).join(", ")}: no documented value)` : "";
  if (JSON.stringify(required) === JSON.stringify(all)) return [callTest(op, `with its inputs (all of them required)${note}`, required)];
  const tests = [callTest(op, "with only the required inputs", required), callTest(op, `with every input${note}`, all)];
  if (op.body?.isArg) {
    for (const { name, value } of op.body.inputs.named) {
      tests.push(callTest(op, `with the request example ${name}`, callArgs(op, { ...exampleInputs(op, "required"), body: value })));
    }
  }
  return tests;
}

function responseExampleTest(op) {
  if (!op.success.examples.length) return undefined;
  const table = op.success.examples.map((e) => [e.name, e.pointer]);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: generated test code, where `name` is the loop variable.
  const args = [...callArgs(op, exampleInputs(op, "required")), code("{ headers: { Prefer: `example=${name}` } }")];
  return [
    `test.each(${pretty(table, "", 100)})("serves the response example %s", async (name, pointer) => {`,
    indent(`${callText("const { data } = await ", `hostup.${op.id}.withResponse`, args)};`, "  "),
    "  expect(data).toStrictEqual(exampleValue(pointer));",
    "});",
  ].join("\n");
}

const errorTable = (op, withHint) =>
  op.errors.map((e) => ({
    status: e.status,
    ...(e.example ? { example: e.example } : {}),
    ...(withHint && e.nextStep ? { hint: e.nextStep } : {}),
  }));

/** The fields a row of the error table has (`example` and `hint` only where some row has them). */
const rowFields = (rows) => ["status", ...["example", "hint"].filter((key) => rows.some((row) => key in row))].join(", ");

function errorTest(op) {
  if (!op.errors.length) return undefined;
  const args = [...callArgs(op, exampleInputs(op, "required")), code("prefer(status)")];
  const rows = errorTable(op, true);
  const fields = rowFields(rows);
  const expected = `{ operationId: ${literal(op.id)}, ${fields} }`;
  return [
    `test.each(${pretty(rows, "", 100)})("throws the documented $status as its HostupApiError", async ({ ${fields} }) => {`,
    indent(`await expectDocumentedError(${callText("", `hostup.${op.id}`, args)}, ${expected});`, "  "),
    "});",
  ].join("\n");
}

/** The raw client's request options for `inputs`, plus `extra` entries (printed as they are). */
function rawOptions(op, inputs, extra = {}) {
  const params = {};
  if (op.params.length) params.path = inputs.path;
  if (op.query && Object.keys(inputs.query ?? {}).length) params.query = inputs.query;
  return { ...(Object.keys(params).length ? { params } : {}), ...(inputs.body !== undefined ? { body: inputs.body } : {}), ...extra };
}

function rawTests(op) {
  const sample = exampleInputs(op, "sample");
  const target = `hostup.raw.${op.httpMethod}`;
  const success = [
    `${callText("const { data, error, response } = await ", target, [op.path, rawOptions(op, sample, op.success.text ? { parseAs: "text" } : {})])};`,
    "expect(error).toBeUndefined();",
    typeCheck(op, "data", true),
    successCheck(op, "response", "data"),
  ].filter(Boolean);
  const tests = [
    `test(${literal(`raw client: the documented ${op.success.status}, typed`)}, async () => {\n${indent(success.join("\n"), "  ")}\n});`,
  ];
  if (op.errors.length) {
    const call = `${callText("const result = await ", target, [op.path, rawOptions(op, sample, { headers: code("prefer(status).headers") })])};`;
    const rows = errorTable(op, false);
    tests.push(
      [
        `test.each(${pretty(rows, "", 100)})("raw client: the documented $status as Problem Details", async ({ ${rowFields(rows)} }) => {`,
        indent(call, "  "),
        `  expectDocumentedProblem(result, status${rows.some((row) => row.example) ? ", example" : ""});`,
        "});",
      ].join("\n"),
    );
  }
  return tests;
}

function describeOperation(op) {
  const tests = [...callTests(op), responseExampleTest(op), errorTest(op), ...rawTests(op)].filter(Boolean);
  return `describe(${literal(`${op.id}: ${op.httpMethod} ${op.path}`)}, () => {\n${indent(tests.join("\n\n"), "  ")}\n});`;
}

export function emitContractTests(model) {
  const typed = model.operations.some((op) => op.success.component);
  return `${HEADER}
// Each operation against the Prism mock (with --errors: a request the spec rejects is answered
// 4xx, so each call that resolves was a valid request). Hand-written contract tests, next to this
// folder, cover only what a table cannot express.
import { describe, expect, expectTypeOf, test } from "vitest";
${typed ? 'import type { components } from "../../../src/index.js";\n' : ""}import { exampleValue, expectDocumentedError, expectDocumentedProblem, expectDocumentedSuccess, expectDocumentedText, hostup, prefer, type Maybe } from "../support.js";

${model.operations.map(describeOperation).join("\n\n")}
`;
}
