// Normalisation: rewrites of the spec that keep its meaning (annotations, an implied `type`, a $ref
// inlined, a schema split into an allOf) report nothing.
import { describe, expect, test } from "vitest";
import { type Case, diff, specs } from "./support/cases.js";
import { baseSpec, clone, documentationOnly, schemas } from "./support/spec.js";

/** Changes that must produce no report at all. */
const silentCases: Case[] = [
  {
    name: "descriptions, summaries, titles, examples and x- extensions changed",
    change: documentationOnly,
    expect: [],
  },
  {
    name: "`type: object` added to a schema that only had properties",
    before: (s) => delete schemas(s).Lifecycle.type,
    change: (s) => (schemas(s).Lifecycle.type = "object"),
    expect: [],
  },
  {
    name: "a $ref inlined with the same content (a refactoring)",
    change: (s) => (schemas(s).ThingList.properties.data.items = clone(schemas(s).Thing)),
    expect: [],
  },
  {
    name: "a schema split into an allOf of two parts (same shape)",
    change: (s) => {
      const { id, name, ...rest } = schemas(s).Thing.properties;
      schemas(s).Thing = {
        allOf: [
          { type: "object", required: ["id", "name"], properties: { id, name } },
          { type: "object", required: ["kind", "status"], properties: rest },
        ],
      };
    },
    expect: [],
  },
  {
    name: "OpenAPI 3.0 `nullable: true` rewritten as a 3.1 type array",
    before: (s) => (schemas(s).Thing.properties.note = { type: "string", nullable: true }),
    change: (s) => (schemas(s).Thing.properties.note = { type: ["string", "null"] }),
    expect: [],
  },
];

describe("non-breaking changes", () => {
  test.each(silentCases)("$name: nothing is reported", (c) => {
    expect(diff(...specs(c))).toEqual({ breaking: [], nonBreaking: [] });
  });

  test("identical specs: no changes", () => {
    expect(diff(baseSpec(), baseSpec())).toEqual({ breaking: [], nonBreaking: [] });
  });
});
