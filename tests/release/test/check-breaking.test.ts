// scripts/check-breaking.mjs: every breaking and non-breaking rule on small fixture specs, the
// changeset detection, --update, and the repository's own bundle against its released baseline.
//
// Each rule case mutates a copy of baseSpec() (support.ts) and checks the changes the script's
// comparison reports (in-process: the script exports it). Everything the CLI does (exit status,
// changesets, --update, the text and JSON reports, input errors, the real bundle) runs the script as a
// child process on specs written to a temporary directory.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  baseSpec,
  changeset,
  type Change,
  clone,
  compare,
  diff,
  fixtureArgs,
  removeTempDirs,
  repoRoot,
  runCheck,
  type Spec,
  tempDir,
  writeFixture,
} from "./support.js";

afterAll(removeTempDirs);

interface Expected {
  id: string;
  /** Substring of "<operationId> <location>" of at least one reported change with this id. */
  at?: string;
}

interface Case {
  name: string;
  change: (spec: Spec) => void;
  /** Changes the released spec as well (for rules that need a starting point baseSpec() lacks). */
  before?: (spec: Spec) => void;
  expect: Expected[];
}

const schemas = (s: Spec) => s.components.schemas;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function specs(c: Case): [Spec, Spec] {
  const released = baseSpec();
  c.before?.(released);
  const current = clone(released);
  c.change(current);
  return [released, current];
}

function expectChanges(changes: Change[], expected: Expected[]): void {
  for (const e of expected) {
    const withId = changes.filter((c) => c.id === e.id);
    const places = withId.map((c) => `${c.operationId} ${c.location}`);
    expect(withId.length, `expected a change ${e.id}; got: ${JSON.stringify(changes.map((c) => [c.id, c.location]))}`).toBeGreaterThan(0);
    if (e.at) expect(places.some((p) => p.includes(e.at!)), `${e.id} at "${e.at}"; reported at: ${places.join("; ")}`).toBe(true);
  }
}

const breakingCases: Case[] = [
  // Operations
  { name: "an operation removed", change: (s) => delete s.paths["/things/{id}"].delete, expect: [{ id: "operation-removed", at: "deleteThing operation" }] },
  {
    name: "an operation moved to another path under the same operationId",
    change: (s) => {
      s.paths["/items/{id}"] = s.paths["/things/{id}"];
      delete s.paths["/things/{id}"];
    },
    expect: [{ id: "operation-moved", at: "getThing" }, { id: "operation-moved", at: "deleteThing" }],
  },
  { name: "an operationId changed (the SDK method is renamed)", change: (s) => (s.paths["/things/{id}"].get.operationId = "fetchThing"), expect: [{ id: "operation-id-changed", at: "fetchThing operation" }] },
  { name: "a scope added to an operation's security", change: (s) => (s.paths["/things"].post.security = [{ apiKey: ["write:things", "write:billing"] }]), expect: [{ id: "security-tightened", at: "createThing security" }] },
  { name: "security required where the global default was used and none was needed", before: (s) => delete s.security, change: (s) => (s.security = [{ apiKey: [] }]), expect: [{ id: "security-tightened", at: "listThings security" }] },
  // Parameters
  { name: "a query parameter removed", change: (s) => s.paths["/things"].get.parameters.splice(0, 1), expect: [{ id: "parameter-removed", at: 'listThings query parameter "limit"' }] },
  { name: "a query parameter made required", change: (s) => (s.paths["/things"].get.parameters[0].required = true), expect: [{ id: "parameter-became-required", at: 'listThings query parameter "limit"' }] },
  {
    name: "a required query parameter added",
    change: (s) => s.paths["/things"].get.parameters.push({ name: "owner", in: "query", required: true, schema: { type: "string" } }),
    expect: [{ id: "required-parameter-added", at: 'listThings query parameter "owner"' }],
  },
  {
    name: "a required header parameter added",
    change: (s) => (s.paths["/things/{id}"].delete.parameters = [{ name: "If-Match", in: "header", required: true, schema: { type: "string" } }]),
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
  { name: "a path parameter's pattern tightened", change: (s) => (schemas(s).ThingId.pattern = "^thg_[a-z0-9]{8}$"), expect: [{ id: "request-pattern-changed", at: 'getThing path parameter "id"' }] },
  { name: "a query parameter's type changed", change: (s) => (s.paths["/things"].get.parameters[0].schema.type = "string"), expect: [{ id: "request-type-changed", at: 'listThings query parameter "limit"' }] },
  { name: "a query parameter's maximum lowered", change: (s) => (s.paths["/things"].get.parameters[0].schema.maximum = 50), expect: [{ id: "request-constraint-tightened", at: 'listThings query parameter "limit"' }] },
  { name: "a query parameter's serialization changed", change: (s) => (s.paths["/things"].get.parameters[1].explode = false), expect: [{ id: "parameter-serialization-changed", at: 'query parameter "kind"' }] },
  // Request bodies
  { name: "a request body made required", change: (s) => (s.paths["/things/{id}"].patch.requestBody.required = true), expect: [{ id: "request-body-became-required", at: "updateThing request body" }] },
  {
    name: "a required request body added",
    change: (s) => (s.paths["/things/{id}"].delete.requestBody = { required: true, content: { "application/json": { schema: { type: "object" } } } }),
    expect: [{ id: "request-body-added-required", at: "deleteThing request body" }],
  },
  { name: "a request body removed", change: (s) => delete s.paths["/things"].post.requestBody, expect: [{ id: "request-body-removed", at: "createThing request body" }] },
  {
    name: "a request media type removed",
    change: (s) => {
      const body = s.paths["/things"].post.requestBody;
      body.content = { "application/merge-patch+json": body.content["application/json"] };
    },
    expect: [{ id: "request-media-type-removed", at: "createThing request body application/json" }],
  },
  // Request schemas
  { name: "a required request field added", change: (s) => { schemas(s).ThingCreate.properties.colour = { type: "string" }; schemas(s).ThingCreate.required.push("colour"); }, expect: [{ id: "request-required-property-added", at: "createThing request body application/json › colour" }] },
  { name: "an optional request field made required", change: (s) => schemas(s).ThingCreate.required.push("note"), expect: [{ id: "request-property-became-required", at: "createThing request body application/json › note" }] },
  { name: "an optional request field removed", change: (s) => delete schemas(s).ThingCreate.properties.count, expect: [{ id: "request-property-removed", at: "createThing request body application/json › count" }] },
  {
    name: "a required request field removed",
    change: (s) => {
      const create = schemas(s).ThingCreate;
      delete create.properties.name;
      create.required = ["kind"];
    },
    expect: [{ id: "request-property-removed", at: "request body application/json › name" }],
  },
  { name: "a request field made readOnly (no longer accepted)", change: (s) => (schemas(s).ThingCreate.properties.count.readOnly = true), expect: [{ id: "request-property-removed", at: "createThing request body application/json › count" }] },
  { name: "a request-only enum narrowed", change: (s) => (schemas(s).ThingCreate.properties.priority.enum = ["high"]), expect: [{ id: "request-enum-value-removed", at: "createThing request body application/json › priority" }] },
  {
    name: "a shared enum narrowed: every request and response that uses it",
    change: (s) => (schemas(s).ThingKind.enum = ["box"]),
    expect: [
      { id: "request-enum-value-removed", at: "createThing request body application/json › kind" },
      { id: "request-enum-value-removed", at: 'listThings query parameter "kind"' },
      { id: "response-enum-value-removed", at: "getThing response 200 application/json › kind" },
      { id: "response-enum-value-removed", at: "listThings response 200 application/json › data[].kind" },
    ],
  },
  { name: "an enum imposed on a free request value", change: (s) => (schemas(s).ThingCreate.properties.name.enum = ["a", "b"]), expect: [{ id: "request-enum-added", at: "createThing request body application/json › name" }] },
  { name: "a request field's type changed", change: (s) => (schemas(s).ThingCreate.properties.count.type = "string"), expect: [{ id: "request-type-changed", at: "createThing request body application/json › count" }] },
  { name: "null no longer accepted in a request field", change: (s) => (schemas(s).ThingCreate.properties.note.type = "string"), expect: [{ id: "request-type-changed", at: "createThing request body application/json › note" }] },
  { name: "a pattern added to a request field", change: (s) => (schemas(s).ThingCreate.properties.name.pattern = "^[a-z]+$"), expect: [{ id: "request-pattern-changed", at: "createThing request body application/json › name" }] },
  {
    name: "a request pattern changed even when the new one looks wider (any change counts)",
    change: (s) => (schemas(s).ThingId.pattern = "^thg_[A-Za-z0-9]+$"),
    expect: [{ id: "request-pattern-changed", at: 'path parameter "id"' }],
  },
  { name: "a format added to a request field", change: (s) => (schemas(s).ThingCreate.properties.name.format = "email"), expect: [{ id: "request-format-changed", at: "createThing request body application/json › name" }] },
  { name: "a request maxLength lowered", change: (s) => (schemas(s).ThingCreate.properties.name.maxLength = 50), expect: [{ id: "request-constraint-tightened", at: "createThing request body application/json › name" }] },
  { name: "a request minLength raised", change: (s) => (schemas(s).ThingCreate.properties.name.minLength = 3), expect: [{ id: "request-constraint-tightened", at: "› name" }] },
  { name: "a request array's maxItems lowered", change: (s) => (schemas(s).ThingCreate.properties.tags.maxItems = 5), expect: [{ id: "request-constraint-tightened", at: "createThing request body application/json › tags" }] },
  { name: "a request array's item type changed", change: (s) => (schemas(s).ThingCreate.properties.tags.items = { type: "integer" }), expect: [{ id: "request-type-changed", at: "createThing request body application/json › tags[]" }] },
  { name: "an open request object closed (additionalProperties: false)", change: (s) => (schemas(s).TargetRef.additionalProperties = false), expect: [{ id: "request-additional-properties-closed", at: "createThing request body application/json › target(TargetRef)" }] },
  { name: "a oneOf alternative no longer accepted in a request", change: (s) => (schemas(s).ThingCreate.properties.target = ref("TargetRef")), expect: [{ id: "request-branch-removed", at: "createThing request body application/json › target" }] },
  { name: "a field of a oneOf alternative in a request made required", change: (s) => (schemas(s).TargetRef.required.push("note"), (schemas(s).TargetRef.properties.note = { type: "string" })), expect: [{ id: "request-required-property-added", at: "target(TargetRef).note" }] },
  // Responses
  { name: "a response status removed", change: (s) => delete s.paths["/things/{id}"].get.responses["404"], expect: [{ id: "response-status-removed", at: "getThing response 404" }] },
  {
    name: "a second success status added (the result type changes)",
    change: (s) => (s.paths["/things"].post.responses["200"] = { description: "Already there.", content: { "application/json": { schema: ref("Thing") } } }),
    expect: [{ id: "response-success-status-added", at: "createThing response 200" }],
  },
  {
    name: "a response media type removed",
    change: (s) => {
      const ok = s.paths["/things/{id}"].get.responses["200"];
      ok.content = { "application/vnd.thing+json": ok.content["application/json"] };
    },
    expect: [{ id: "response-media-type-removed", at: "getThing response 200 application/json" }],
  },
  { name: "a response header removed", change: (s) => delete s.paths["/things"].get.responses["200"].headers["X-Total-Count"], expect: [{ id: "response-header-removed", at: "listThings response 200 header X-Total-Count" }] },
  { name: "a required response header made optional", change: (s) => (s.paths["/things"].get.responses["200"].headers["X-Total-Count"].required = false), expect: [{ id: "response-header-became-optional", at: "listThings response 200 header X-Total-Count" }] },
  { name: "a response header's type changed", change: (s) => (s.paths["/things"].get.responses["200"].headers["X-Total-Count"].schema.type = "string"), expect: [{ id: "response-type-changed", at: "header X-Total-Count" }] },
  // Response schemas
  { name: "a response field removed", change: (s) => delete schemas(s).Thing.properties.note, expect: [{ id: "response-property-removed", at: "getThing response 200 application/json › note" }] },
  { name: "a response field made writeOnly (no longer returned)", change: (s) => (schemas(s).Thing.properties.note.writeOnly = true), expect: [{ id: "response-property-removed", at: "getThing response 200 application/json › note" }] },
  {
    name: "a required response field made optional",
    change: (s) => (schemas(s).Thing.required = ["id", "name", "kind"]),
    expect: [{ id: "response-property-became-optional", at: "getThing response 200 application/json › status" }, { id: "response-property-became-optional", at: "listThings response 200 application/json › data[].status" }],
  },
  { name: "a response field made optional through an allOf", change: (s) => (schemas(s).Thing.properties.lifecycle.allOf[1].required = []), expect: [{ id: "response-property-became-optional", at: "getThing response 200 application/json › lifecycle.state" }] },
  { name: "a response field made nullable (type array)", change: (s) => (schemas(s).Thing.properties.name.type = ["string", "null"]), expect: [{ id: "response-became-nullable", at: "getThing response 200 application/json › name" }] },
  { name: "a response field made nullable (oneOf with a null branch)", change: (s) => (schemas(s).Thing.properties.kind = { oneOf: [ref("ThingKind"), { type: "null" }] }), expect: [{ id: "response-became-nullable", at: "getThing response 200 application/json › kind" }] },
  { name: "a response field made nullable (OpenAPI 3.0 nullable: true)", change: (s) => (schemas(s).Thing.properties.note.nullable = true), expect: [{ id: "response-became-nullable", at: "› note" }] },
  { name: "a response field's type changed", change: (s) => (schemas(s).Thing.properties.name.type = "integer"), expect: [{ id: "response-type-changed", at: "getThing response 200 application/json › name" }] },
  { name: "a response array's item type changed", change: (s) => (schemas(s).Thing.properties.tags.items.type = "integer"), expect: [{ id: "response-type-changed", at: "getThing response 200 application/json › tags[]" }] },
  { name: "a response enum narrowed", change: (s) => (schemas(s).Thing.properties.status.enum = ["active"]), expect: [{ id: "response-enum-value-removed", at: "getThing response 200 application/json › status" }] },
  { name: "a response enum widened (clients may not handle the new value)", change: (s) => schemas(s).Thing.properties.status.enum.push("deleted"), expect: [{ id: "response-enum-value-added", at: "getThing response 200 application/json › status" }] },
  { name: "a response enum dropped", change: (s) => delete schemas(s).Thing.properties.status.enum, expect: [{ id: "response-enum-removed", at: "› status" }] },
  { name: "a response pattern removed", change: (s) => delete schemas(s).ThingId.pattern, expect: [{ id: "response-pattern-changed", at: "getThing response 200 application/json › id" }] },
  { name: "a response maxLength raised", change: (s) => (schemas(s).Thing.properties.name.maxLength = 200), expect: [{ id: "response-constraint-loosened", at: "getThing response 200 application/json › name" }] },
  { name: "a response format changed", change: (s) => (schemas(s).Lifecycle.properties.since.format = "date"), expect: [{ id: "response-format-changed", at: "lifecycle.since" }] },
  { name: "a new oneOf alternative in a response", change: (s) => { schemas(s).BatchJob = { type: "object", properties: { batch: { type: "integer" } } }; schemas(s).Thing.properties.job.oneOf.push(ref("BatchJob")); }, expect: [{ id: "response-branch-added", at: "getThing response 200 application/json › job" }] },
  { name: "a field of a oneOf alternative in a response removed", change: (s) => (delete schemas(s).LegacyJob.properties.isCompleted, (schemas(s).LegacyJob.required = [])), expect: [{ id: "response-property-removed", at: "job(LegacyJob).isCompleted" }] },
  {
    name: "a $ref retargeted to a schema without a field",
    change: (s) => {
      const summary = clone(schemas(s).Thing);
      delete summary.properties.kind;
      summary.required = ["id", "name", "status"];
      schemas(s).ThingSummary = summary;
      schemas(s).ThingList.properties.data.items = ref("ThingSummary");
    },
    expect: [{ id: "response-property-removed", at: "listThings response 200 application/json › data[].kind" }],
  },
];

const nonBreakingCases: Case[] = [
  {
    name: "an operation added",
    change: (s) => (s.paths["/things/{id}/copy"] = { post: { operationId: "copyThing", responses: { "201": { description: "Copied." } } } }),
    expect: [{ id: "operation-added", at: "copyThing operation" }],
  },
  { name: "an operation deprecated", change: (s) => (s.paths["/things/{id}"].delete.deprecated = true), expect: [{ id: "operation-deprecated", at: "deleteThing" }] },
  { name: "an optional query parameter added", change: (s) => s.paths["/things"].get.parameters.push({ name: "q", in: "query", schema: { type: "string" } }), expect: [{ id: "parameter-added", at: 'listThings query parameter "q"' }] },
  {
    name: "a required query parameter made optional",
    before: (s) => s.paths["/things"].get.parameters.push({ name: "owner", in: "query", required: true, schema: { type: "string" } }),
    change: (s) => (s.paths["/things"].get.parameters[2].required = false),
    expect: [{ id: "parameter-became-optional", at: 'query parameter "owner"' }],
  },
  {
    name: "an optional request body added",
    change: (s) => (s.paths["/things/{id}"].delete.requestBody = { content: { "application/json": { schema: { type: "object" } } } }),
    expect: [{ id: "request-body-added", at: "deleteThing request body" }],
  },
  { name: "a request body made optional", change: (s) => (s.paths["/things"].post.requestBody.required = false), expect: [{ id: "request-body-became-optional", at: "createThing request body" }] },
  { name: "an optional request field added", change: (s) => (schemas(s).ThingCreate.properties.colour = { type: "string" }), expect: [{ id: "request-property-added", at: "createThing request body application/json › colour" }] },
  { name: "a required request field made optional", change: (s) => (schemas(s).ThingCreate.required = ["name"]), expect: [{ id: "request-property-became-optional", at: "› kind" }] },
  { name: "a request-only enum widened", change: (s) => schemas(s).ThingCreate.properties.priority.enum.push("urgent"), expect: [{ id: "request-enum-value-added", at: "createThing request body application/json › priority" }] },
  { name: "a request type widened (integer → number)", change: (s) => (schemas(s).ThingCreate.properties.count.type = "number"), expect: [{ id: "request-type-widened", at: "› count" }] },
  { name: "a request maxLength raised", change: (s) => (schemas(s).ThingCreate.properties.name.maxLength = 200), expect: [{ id: "request-constraint-loosened", at: "› name" }] },
  { name: "a request-only pattern removed", before: (s) => (schemas(s).ThingCreate.properties.name.pattern = "^[a-z]+$"), change: (s) => delete schemas(s).ThingCreate.properties.name.pattern, expect: [{ id: "request-pattern-removed", at: "› name" }] },
  { name: "a request object opened", change: (s) => delete schemas(s).ThingUpdate.additionalProperties, expect: [{ id: "request-additional-properties-opened", at: "updateThing request body" }] },
  { name: "a new oneOf alternative accepted in a request", change: (s) => schemas(s).ThingCreate.properties.target.oneOf.push({ type: "integer" }), expect: [{ id: "request-branch-added", at: "› target" }] },
  { name: "a request default changed (reported, not failing)", change: (s) => (schemas(s).ThingCreate.properties.priority.default = "high"), expect: [{ id: "request-default-changed", at: "› priority" }] },
  {
    name: "a readOnly field added as required to a request schema (not a request field)",
    change: (s) => {
      schemas(s).ThingCreate.properties.createdAt = { type: "string", readOnly: true };
      schemas(s).ThingCreate.required.push("createdAt");
    },
    expect: [],
  },
  { name: "a response field added", change: (s) => (schemas(s).Thing.properties.colour = { type: "string" }), expect: [{ id: "response-property-added", at: "getThing response 200 application/json › colour" }] },
  { name: "an optional response field made required", change: (s) => schemas(s).Thing.required.push("note"), expect: [{ id: "response-property-became-required", at: "› note" }] },
  { name: "a nullable response field made non-null", change: (s) => (schemas(s).ThingList.properties.nextCursor.type = "string"), expect: [{ id: "response-no-longer-nullable", at: "listThings response 200 application/json › nextCursor" }] },
  { name: "a response object opened (more fields may come)", before: (s) => (schemas(s).Lifecycle.additionalProperties = false), change: (s) => (schemas(s).Lifecycle.additionalProperties = true), expect: [{ id: "response-additional-properties-opened", at: "lifecycle" }] },
  { name: "a oneOf alternative no longer returned", change: (s) => (schemas(s).Thing.properties.job = ref("LegacyJob")), expect: [{ id: "response-branch-removed", at: "› job" }] },
  { name: "a response maxLength lowered", change: (s) => (schemas(s).Thing.properties.name.maxLength = 50), expect: [{ id: "response-constraint-tightened", at: "› name" }] },
  { name: "an error status added", change: (s) => (s.paths["/things/{id}"].delete.responses["409"] = { $ref: "#/components/responses/Problem" }), expect: [{ id: "response-status-added", at: "deleteThing response 409" }] },
  { name: "a response header added", change: (s) => (s.paths["/things"].get.responses["200"].headers["X-Request-Id"] = { schema: { type: "string" } }), expect: [{ id: "response-header-added", at: "header X-Request-Id" }] },
  { name: "security loosened (a scope dropped)", change: (s) => (s.paths["/things"].post.security = [{ apiKey: [] }]), expect: [{ id: "security-loosened", at: "createThing security" }] },
];

/** Changes that must produce no report at all. */
const silentCases: Case[] = [
  {
    name: "descriptions, summaries, titles, examples and x- extensions changed",
    change: (s) => {
      s.info.description = "Rewritten.";
      s.paths["/things"].get.summary = "All the things";
      s.paths["/things"].get.description = "Now documented.";
      s.paths["/things"].get["x-hostup-retry-safe"] = true;
      s.paths["/things"].get.responses["200"].description = "Reworded.";
      schemas(s).ThingId.examples = ["thg_zzz"];
      schemas(s).ThingId.description = "An ID.";
      schemas(s).Thing.title = "A thing";
      schemas(s).Thing.properties.name.description = "Its name.";
      schemas(s).Thing.properties.name.examples = ["Box 1"];
      s.paths["/things/{id}"].parameters[0].example = "thg_1";
    },
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
];

describe("breaking changes", () => {
  test.each(breakingCases)("$name", async (c) => {
    const [released, current] = specs(c);
    const { breaking } = await diff(released, current);
    expect(breaking.length, "no breaking change reported").toBeGreaterThan(0);
    expectChanges(breaking, c.expect);
  });
});

describe("non-breaking changes", () => {
  test.each(nonBreakingCases)("$name", async (c) => {
    const [released, current] = specs(c);
    const { breaking, nonBreaking } = await diff(released, current);
    expect(breaking, "unexpected breaking changes").toEqual([]);
    expectChanges(nonBreaking, c.expect);
  });

  test.each(silentCases)("$name: nothing is reported", async (c) => {
    const [released, current] = specs(c);
    expect(await diff(released, current)).toEqual({ breaking: [], nonBreaking: [] });
  });

  test("identical specs: no changes", async () => {
    expect(await diff(baseSpec(), baseSpec())).toEqual({ breaking: [], nonBreaking: [] });
  });
});

describe.concurrent("the CLI's verdict", () => {
  test("a breaking change without a changeset: exit 1, ok false, the changes in the JSON report", async () => {
    const c = breakingCases.find((k) => k.name === "a response field removed")!;
    const { status, result } = await compare(...specs(c));
    expect(status).toBe(1);
    expect(result.ok).toBe(false);
    expectChanges(result.breaking, c.expect);
  });

  test("non-breaking changes only, no changeset: exit 0", async () => {
    const c = nonBreakingCases.find((k) => k.name === "an optional request field added")!;
    const { status, result } = await compare(...specs(c));
    expect(status).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.breaking).toEqual([]);
    expectChanges(result.nonBreaking, c.expect);
  });

  test("documentation-only changes, no changeset: exit 0 and 'No API changes.'", async () => {
    const f = writeFixture(...specs(silentCases[0]!));
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("No API changes.");
    expect(run.stdout).toContain("OK: no breaking changes.");
  });
});

describe.concurrent("reports", () => {
  test("a change is located by operation, place, field path and a JSON pointer into the spec", async () => {
    const current = baseSpec();
    schemas(current).ThingKind.enum = ["box"];
    const { result } = await compare(baseSpec(), current);
    const change = result.breaking.find((c) => c.id === "request-enum-value-removed" && c.operationId === "createThing");
    expect(change).toMatchObject({
      operation: "POST /things",
      operationId: "createThing",
      location: "request body application/json › kind",
      message: 'enum value "bag" removed',
      document: "current",
      pointer: "#/components/schemas/ThingKind/enum",
    });
  });

  test("a removal points into the released spec", async () => {
    const current = baseSpec();
    delete schemas(current).Thing.properties.note;
    const { result } = await compare(baseSpec(), current);
    expect(result.breaking.find((c) => c.id === "response-property-removed")).toMatchObject({
      document: "released",
      pointer: "#/components/schemas/Thing/properties/note",
    });
  });

  test("the text report lists each breaking change once, with every place it shows and its pointer", async () => {
    const current = baseSpec();
    schemas(current).ThingKind.enum = ["box"];
    delete current.paths["/things/{id}"].delete;
    const f = writeFixture(baseSpec(), current);
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(1);
    const out = run.stderr;
    expect(out).toContain("Breaking changes (3):");
    expect(out).toContain('✗ enum value "bag" removed [request-enum-value-removed]');
    expect(out).toContain('createThing POST /things › request body application/json › kind');
    expect(out).toContain('listThings GET /things › query parameter "kind"');
    expect(out).toContain('✗ enum value "bag" removed [response-enum-value-removed]');
    expect(out).toContain("✗ operation removed [operation-removed]");
    expect(out).toContain("deleteThing DELETE /things/{id} › operation");
    expect(out).toContain("current.json#/components/schemas/ThingKind/enum");
    expect(out).toContain("released.json#/paths/~1things~1{id}/delete");
    expect(out).toMatch(/FAILED: 3 breaking change\(s\) \(in \d+ place\(s\)\) and no pending changeset declares a major bump for @hostup\/openapi or @hostup\/sdk/);
  });

  test("recursive schemas are compared without looping", async () => {
    const current = baseSpec();
    schemas(current).Thing.properties.parent = { oneOf: [ref("Thing"), { type: "null" }] };
    const { result } = await compare(baseSpec(), current);
    expect(result.breaking.filter((c) => c.id === "response-became-nullable").map((c) => c.location)).toContain("response 200 application/json › parent");
  });
});

describe.concurrent("changesets", () => {
  const breaking = (): [Spec, Spec] => {
    const current = baseSpec();
    schemas(current).ThingKind.enum = ["box"];
    return [baseSpec(), current];
  };
  const nonBreaking = (): [Spec, Spec] => {
    const current = baseSpec();
    schemas(current).Thing.properties.colour = { type: "string" };
    return [baseSpec(), current];
  };

  test("a major changeset for @hostup/sdk lets a breaking change pass", async () => {
    const { status, result, run } = await compare(...breaking(), { "narrow-kinds.md": changeset({ "@hostup/sdk": "major", "@hostup/types": "major" }) });
    expect(status).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.breaking.length).toBeGreaterThan(0);
    expect(result.majorChangesets.map((f) => f.split("/").pop())).toEqual(["narrow-kinds.md"]);
    expect(run.stderr).toBe("");
  });

  test("a major changeset for @hostup/openapi (single-quoted, among other changesets) lets it pass", async () => {
    const text = "---\n'@hostup/openapi': major\n---\n\nKinds narrowed.\n";
    const { status } = await compare(...breaking(), { "a.md": changeset({ "@hostup/mock": "patch" }), "b.md": text });
    expect(status).toBe(0);
  });

  test("the text report names the changeset that announces the breaking change", async () => {
    const f = writeFixture(...breaking(), { "narrow-kinds.md": changeset({ "@hostup/openapi": "major" }) });
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/OK: 2 breaking change\(s\) .*announced by a major changeset: .*narrow-kinds\.md \(@hostup\/openapi: major\)/);
  });

  test("minor changesets only: a breaking change fails, and the report says minor is not enough", async () => {
    const f = writeFixture(...breaking(), { "kinds.md": changeset({ "@hostup/openapi": "minor", "@hostup/sdk": "minor" }) });
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("found only:");
    expect(run.stderr).toContain("kinds.md (@hostup/openapi: minor, @hostup/sdk: minor)");
    expect(run.stderr).toContain("a breaking change needs major");
  });

  test("a major changeset for another package (@hostup/types) does not count", async () => {
    expect((await compare(...breaking(), { "types.md": changeset({ "@hostup/types": "major" }) })).status).toBe(1);
  });

  test("only the front matter counts: 'major' in the summary or in the folder's README.md does not", async () => {
    const summaryOnly = changeset({ "@hostup/sdk": "minor" }, '"@hostup/sdk": major — not really');
    const readme = changeset({ "@hostup/sdk": "major" }, "The folder's README.");
    expect((await compare(...breaking(), { "x.md": summaryOnly, "README.md": readme })).status).toBe(1);
  });

  test("no changeset: a breaking change fails", async () => {
    const { status, result } = await compare(...breaking());
    expect(status).toBe(1);
    expect(result.changesets).toEqual([]);
  });

  test("no changeset: a non-breaking change passes", async () => {
    const { status, result } = await compare(...nonBreaking());
    expect(status).toBe(0);
    expect(result.nonBreaking.map((c) => c.id)).toContain("response-property-added");
  });

  test("a missing changeset folder counts as no changesets", async () => {
    const f = writeFixture(...breaking());
    const run = await runCheck(["--released", f.released, "--current", f.current, "--changesets", join(f.dir, "absent"), "--json"]);
    expect(run.status).toBe(1);
  });
});

describe("--update", () => {
  test("writes the current bundle as the released baseline, byte for byte; the next check sees no change", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const current = baseSpec();
    schemas(current).ThingKind.enum = ["box"];
    writeFileSync(f.current, JSON.stringify(current, null, 1)); // formatting is preserved, not rewritten
    const update = await runCheck([...fixtureArgs(f), "--update"]);
    expect(update.status).toBe(0);
    expect(update.stdout).toMatch(/released\.json updated from .*current\.json \(2 breaking, 0 non-breaking changes since the previous baseline\)/);
    expect(readFileSync(f.released, "utf8")).toBe(readFileSync(f.current, "utf8"));
    const again = await runCheck([...fixtureArgs(f), "--json"]);
    expect(again.status).toBe(0);
    const result = JSON.parse(again.stdout);
    expect([...result.breaking, ...result.nonBreaking]).toEqual([]);
  });

  test("creates the baseline (and its folder) when there is none", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const target = join(f.dir, "released", "openapi.json");
    const run = await runCheck(["--released", target, "--current", f.current, "--changesets", f.changesets, "--update"]);
    expect(run.status).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(f.current, "utf8"));
  });

  test("refuses while changesets are pending (they would be released against the wrong baseline); --force overrides", async () => {
    const f = writeFixture(baseSpec(), baseSpec(), { "x.md": changeset({ "@hostup/sdk": "major" }) });
    const before = readFileSync(f.released, "utf8");
    writeFileSync(f.current, "{}\n");
    const refused = await runCheck([...fixtureArgs(f), "--update"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("Run `changeset version` first, or pass --force");
    expect(readFileSync(f.released, "utf8")).toBe(before);
    const forced = await runCheck([...fixtureArgs(f), "--update", "--force"]);
    expect(forced.status).toBe(0);
    expect(readFileSync(f.released, "utf8")).toBe("{}\n");
  });
});

describe.concurrent("input errors exit 2", () => {
  test("no current bundle: says how to build it", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const run = await runCheck(["--released", f.released, "--current", join(f.dir, "missing.json"), "--changesets", f.changesets]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("current bundle not found");
    expect(run.stderr).toContain("turbo run bundle");
  });

  test("no released baseline", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const run = await runCheck(["--released", join(f.dir, "missing.json"), "--current", f.current, "--changesets", f.changesets]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("released spec not found");
  });

  test("a spec that is not JSON", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    writeFileSync(f.current, "openapi: 3.1.0\n");
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is not valid JSON");
  });

  test("an unresolvable $ref", async () => {
    const current = baseSpec();
    schemas(current).Thing.properties.kind = ref("Nope");
    const f = writeFixture(baseSpec(), current);
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unresolvable $ref #/components/schemas/Nope");
  });

  test("an unknown argument", async () => {
    const run = await runCheck(["--frobnicate"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown argument --frobnicate");
  });

  test("--help prints the rules", async () => {
    const run = await runCheck(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("request-pattern-changed");
    expect(run.stdout).toContain("removing an accepted field is always breaking");
  });
});

describe("the repository's spec", () => {
  const bundle = createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json");
  const released = join(repoRoot, "openapi/released/openapi.json");

  test("the current bundle against openapi/released/openapi.json passes (with the pending changesets)", async () => {
    expect(existsSync(bundle), `${bundle} is built by \`turbo run bundle\``).toBe(true);
    expect(existsSync(released)).toBe(true);
    const run = await runCheck([]);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("OK:");
  });

  test("the real bundle compared with itself reports nothing (every construct it uses is understood)", async () => {
    const dir = tempDir();
    const changesets = join(dir, "changesets");
    mkdirSync(changesets);
    const copy = join(dir, "copy.json");
    copyFileSync(bundle, copy);
    const run = await runCheck(["--released", bundle, "--current", copy, "--changesets", changesets, "--json"]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([...result.breaking, ...result.nonBreaking]).toEqual([]);
  });

  test("a DynDNS record type dropped from the real bundle is caught in the request and in both responses", async () => {
    const spec = JSON.parse(readFileSync(bundle, "utf8")) as Spec;
    const recordType = spec.components.schemas.DynDnsRecordType;
    expect(recordType.enum).toContain("AAAA");
    const mutated = clone(spec);
    mutated.components.schemas.DynDnsRecordType.enum = recordType.enum.filter((v: string) => v !== "AAAA");
    const { status, result } = await compare(spec, mutated);
    expect(status).toBe(1);
    expectChanges(result.breaking, [
      { id: "request-enum-value-removed", at: "createDynDnsConfig request body application/json › recordType" },
      { id: "response-enum-value-removed", at: "createDynDnsConfig response 201 application/json › recordType" },
      { id: "response-enum-value-removed", at: "listDynDnsConfigs response 200" },
    ]);
  });
});
