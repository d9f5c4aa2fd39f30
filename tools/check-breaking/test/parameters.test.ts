// Parameters: removed, added, made required or optional, path parameters renamed, serialization,
// and their schemas (compared as request values).
import { describe, expect, test } from "vitest";
import { type Case, describeRules, diff } from "./support/cases.js";
import { baseSpec } from "./support/spec.js";
import { schemas } from "./support/spec.js";

const breaking: Case[] = [
  {
    name: "a query parameter removed",
    change: (s) => s.paths["/things"].get.parameters.splice(0, 1),
    expect: [{ id: "parameter-removed", at: 'listThings query parameter "limit"' }],
  },
  {
    name: "a query parameter made required",
    change: (s) => (s.paths["/things"].get.parameters[0].required = true),
    expect: [{ id: "parameter-became-required", at: 'listThings query parameter "limit"' }],
  },
  {
    name: "a required query parameter added",
    change: (s) => s.paths["/things"].get.parameters.push({ name: "owner", in: "query", required: true, schema: { type: "string" } }),
    expect: [{ id: "required-parameter-added", at: 'listThings query parameter "owner"' }],
  },
  {
    name: "a required header parameter added",
    change: (s) =>
      (s.paths["/things/{id}"].delete.parameters = [{ name: "If-Match", in: "header", required: true, schema: { type: "string" } }]),
    expect: [{ id: "required-parameter-added", at: 'deleteThing header parameter "If-Match"' }],
  },
  {
    name: "a path parameter renamed (same URL, different params.path key)",
    change: (s) => {
      const item = s.paths["/things/{id}"];
      item.parameters[0].name = "thingId";
      s.paths["/things/{thingId}"] = item;
      delete s.paths["/things/{id}"];
    },
    expect: [{ id: "path-parameter-renamed", at: 'getThing path parameter "thingId"' }],
  },
  {
    name: "a path parameter's pattern tightened",
    change: (s) => (schemas(s).ThingId.pattern = "^thg_[a-z0-9]{8}$"),
    expect: [{ id: "request-pattern-changed", at: 'getThing path parameter "id"' }],
  },
  {
    name: "a query parameter's type changed",
    change: (s) => (s.paths["/things"].get.parameters[0].schema.type = "string"),
    expect: [{ id: "request-type-changed", at: 'listThings query parameter "limit"' }],
  },
  {
    name: "a query parameter's maximum lowered",
    change: (s) => (s.paths["/things"].get.parameters[0].schema.maximum = 50),
    expect: [{ id: "request-constraint-tightened", at: 'listThings query parameter "limit"' }],
  },
  {
    name: "a query parameter's serialization changed",
    change: (s) => (s.paths["/things"].get.parameters[1].explode = false),
    expect: [{ id: "parameter-serialization-changed", at: 'query parameter "kind"' }],
  },
];

const nonBreaking: Case[] = [
  {
    name: "an optional query parameter added",
    change: (s) => s.paths["/things"].get.parameters.push({ name: "q", in: "query", schema: { type: "string" } }),
    expect: [{ id: "parameter-added", at: 'listThings query parameter "q"' }],
  },
  {
    name: "a required query parameter made optional",
    before: (s) => s.paths["/things"].get.parameters.push({ name: "owner", in: "query", required: true, schema: { type: "string" } }),
    change: (s) => (s.paths["/things"].get.parameters[2].required = false),
    expect: [{ id: "parameter-became-optional", at: 'query parameter "owner"' }],
  },
];

describeRules({ breaking, nonBreaking });

describe("how parameters are matched", () => {
  test("an operation's parameter overrides the path item's of the same name: only that operation changes", () => {
    const released = baseSpec();
    const current = baseSpec();
    current.paths["/things/{id}"].get.parameters = [{ name: "id", in: "path", required: true, schema: { type: "string", maxLength: 30 } }];
    expect(diff(released, current).breaking).toMatchObject([
      {
        id: "request-constraint-tightened",
        operationId: "getThing",
        location: 'path parameter "id"',
        pointer: "#/paths/~1things~1{id}/get/parameters/0/schema/maxLength",
      },
    ]);
  });

  test("header parameters match case-insensitively: If-Match respelled if-match is no change", () => {
    const released = baseSpec();
    released.paths["/things/{id}"].delete.parameters = [{ name: "If-Match", in: "header", required: true, schema: { type: "string" } }];
    const current = baseSpec();
    current.paths["/things/{id}"].delete.parameters = [{ name: "if-match", in: "header", required: true, schema: { type: "string" } }];
    expect(diff(released, current)).toEqual({ breaking: [], nonBreaking: [] });
  });
});
