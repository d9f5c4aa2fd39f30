// Every keyword of a request schema is decided: carried into the input checks, allowed as an
// annotation, or refused with an error naming the operation, the JSON pointer and the keyword.
import { describe, expect, test } from "vitest";
import { fixtureSpec, generate, operation } from "./fixture.js";

const BODY = "#/paths/~1domains~1{id}~1createRecord/post/requestBody/content/application~1json/schema";
const field = (schema: Record<string, unknown>) => ({ type: "object", properties: { field: schema } });

describe("a keyword the input checks would drop fails generation", () => {
  test.each([
    ["format", field({ type: "string", format: "email" }), "/properties/field/format"],
    ["oneOf", { oneOf: [{ type: "object" }, { type: "object", required: ["a"] }] }, "/oneOf"],
    ["anyOf", field({ anyOf: [{ type: "string" }, { type: "integer" }] }), "/properties/field/anyOf"],
    ["not", field({ not: { type: "string" } }), "/properties/field/not"],
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, the keyword this row refuses.
    ["if", field({ if: { type: "string" }, then: { minLength: 2 } }), "/properties/field/if"],
    ["nullable", field({ type: "string", nullable: true }), "/properties/field/nullable"],
    ["patternProperties", { type: "object", patternProperties: { "^x": { type: "string" } } }, "/patternProperties"],
    ["dependentRequired", { type: "object", dependentRequired: { a: ["b"] } }, "/dependentRequired"],
    ["prefixItems", field({ type: "array", prefixItems: [{ type: "string" }] }), "/properties/field/prefixItems"],
    ["contains", field({ type: "array", contains: { type: "string" } }), "/properties/field/contains"],
    ["unevaluatedProperties", { type: "object", unevaluatedProperties: false }, "/unevaluatedProperties"],
    ["propertyNames", { type: "object", propertyNames: { pattern: "^a" } }, "/propertyNames"],
    ["additionalProperties", { type: "object", additionalProperties: { type: "string" } }, "/additionalProperties"],
    ["maxLength", field({ $ref: "#/components/schemas/DomainId", maxLength: 3 }), "/properties/field/maxLength"],
    ["maxLenght", field({ type: "string", maxLenght: 3 }), "/properties/field/maxLenght"],
  ])("%s", (keyword, body, pointer) => {
    const run = generate(fixtureSpec([operation("createRecord", body)]));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`createRecord: request-schema keyword \`${keyword}\` at ${BODY}${pointer} is not carried`);
  });

  test("in a referenced schema, the pointer is where the keyword is written", () => {
    const spec = fixtureSpec([operation("createRecord", { $ref: "#/components/schemas/Record" })]);
    (spec.components as { schemas: Record<string, unknown> }).schemas.Record = field({ type: "string", format: "ipv4" });
    const run = generate(spec);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("keyword `format` at #/components/schemas/Record/properties/field/format");
  });

  test("in a query parameter", () => {
    const [path, item] = operation("listRecords");
    const post = item.post as { parameters: unknown[] };
    post.parameters.push({ name: "type", in: "query", schema: { type: "string", format: "hostname" }, example: "a" });
    const run = generate(fixtureSpec([[path, item]]));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "listRecords: request-schema keyword `format` at #/paths/~1domains~1{id}~1listRecords/post/parameters/1/schema/format",
    );
  });

  test("in a path parameter, whose only check is its pattern", () => {
    const spec = fixtureSpec([operation("getRecord")]);
    (spec.components as { schemas: { DomainId: Record<string, unknown> } }).schemas.DomainId.maxLength = 40;
    const run = generate(spec);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("getRecord: request-schema keyword `maxLength` at #/components/schemas/DomainId/maxLength");
  });
});

test("annotations constrain nothing and are allowed", () => {
  const annotated = {
    type: "object",
    title: "Record",
    description: "A record.",
    $comment: "fixture",
    "x-hostup-anything": true,
    properties: {
      name: { type: "string", examples: ["www"], example: "www", default: "@", deprecated: true, readOnly: false, writeOnly: false },
    },
  };
  const run = generate(fixtureSpec([operation("createRecord", annotated)]));
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});

test("carried keywords reach generated/schemas.ts, as the checks read them", () => {
  const body = {
    type: "object",
    required: ["name"],
    minProperties: 1,
    maxProperties: 3,
    additionalProperties: false,
    properties: {
      name: { type: "string", minLength: 2, maxLength: 8, pattern: "^[a-z]+$", examples: ["www"] },
      ttl: { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 86400, multipleOf: 60 },
      kind: { const: "A" },
      tags: { type: "array", minItems: 1, maxItems: 4, uniqueItems: true, items: { type: "string", enum: ["a", "b"] } },
      weight: { allOf: [{ type: "number", minimum: 0 }, { maximum: 10 }] },
    },
  };
  const run = generate(fixtureSpec([operation("createRecord", body)]));
  expect(run.stderr).toBe("");
  expect(run.read("out/schemas.ts")).toContain(
    'body: { type: "object", required: ["name"], minProperties: 1, maxProperties: 3, additionalProperties: false, properties: { ' +
      '"name": { type: "string", pattern: /^[a-z]+$/, minLength: 2, maxLength: 8 }, ' +
      '"ttl": { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 86400, multipleOf: 60 }, ' +
      '"kind": { const: "A" }, ' +
      '"tags": { type: "array", minItems: 1, maxItems: 4, uniqueItems: true, items: { type: "string", enum: ["a","b"] } }, ' +
      '"weight": { allOf: [{ type: "number", minimum: 0 }, { maximum: 10 }] } } },',
  );
});
