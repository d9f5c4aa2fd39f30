// Response schemas: what a client receives must be what it was promised (fields, required,
// nullability, types, enums, patterns, formats, bounds, oneOf alternatives, writeOnly, $refs).
import { type Case, describeRules } from "./support/cases.js";
import { clone, ref, schemas } from "./support/spec.js";

const breaking: Case[] = [
  {
    name: "a response field removed",
    change: (s) => delete schemas(s).Thing.properties.note,
    expect: [{ id: "response-property-removed", at: "getThing response 200 application/json › note" }],
  },
  {
    name: "a response field made writeOnly (no longer returned)",
    change: (s) => (schemas(s).Thing.properties.note.writeOnly = true),
    expect: [{ id: "response-property-removed", at: "getThing response 200 application/json › note" }],
  },
  {
    name: "a required response field made optional",
    change: (s) => (schemas(s).Thing.required = ["id", "name", "kind"]),
    expect: [
      { id: "response-property-became-optional", at: "getThing response 200 application/json › status" },
      { id: "response-property-became-optional", at: "listThings response 200 application/json › data[].status" },
    ],
  },
  {
    name: "a response field made optional through an allOf",
    change: (s) => (schemas(s).Thing.properties.lifecycle.allOf[1].required = []),
    expect: [{ id: "response-property-became-optional", at: "getThing response 200 application/json › lifecycle.state" }],
  },
  {
    name: "a response field made nullable (type array)",
    change: (s) => (schemas(s).Thing.properties.name.type = ["string", "null"]),
    expect: [{ id: "response-became-nullable", at: "getThing response 200 application/json › name" }],
  },
  {
    name: "a response field made nullable (oneOf with a null branch)",
    change: (s) => (schemas(s).Thing.properties.kind = { oneOf: [ref("ThingKind"), { type: "null" }] }),
    expect: [{ id: "response-became-nullable", at: "getThing response 200 application/json › kind" }],
  },
  {
    name: "a response field made nullable (OpenAPI 3.0 nullable: true)",
    change: (s) => (schemas(s).Thing.properties.note.nullable = true),
    expect: [{ id: "response-became-nullable", at: "› note" }],
  },
  {
    name: "a response field's type changed",
    change: (s) => (schemas(s).Thing.properties.name.type = "integer"),
    expect: [{ id: "response-type-changed", at: "getThing response 200 application/json › name" }],
  },
  {
    name: "a response array's item type changed",
    change: (s) => (schemas(s).Thing.properties.tags.items.type = "integer"),
    expect: [{ id: "response-type-changed", at: "getThing response 200 application/json › tags[]" }],
  },
  {
    name: "a response enum narrowed",
    change: (s) => (schemas(s).Thing.properties.status.enum = ["active"]),
    expect: [{ id: "response-enum-value-removed", at: "getThing response 200 application/json › status" }],
  },
  {
    name: "a response enum widened (clients may not handle the new value)",
    change: (s) => schemas(s).Thing.properties.status.enum.push("deleted"),
    expect: [{ id: "response-enum-value-added", at: "getThing response 200 application/json › status" }],
  },
  {
    name: "a response enum dropped",
    change: (s) => delete schemas(s).Thing.properties.status.enum,
    expect: [{ id: "response-enum-removed", at: "› status" }],
  },
  {
    name: "a response pattern removed",
    change: (s) => delete schemas(s).ThingId.pattern,
    expect: [{ id: "response-pattern-changed", at: "getThing response 200 application/json › id" }],
  },
  {
    name: "a response maxLength raised",
    change: (s) => (schemas(s).Thing.properties.name.maxLength = 200),
    expect: [{ id: "response-constraint-loosened", at: "getThing response 200 application/json › name" }],
  },
  {
    name: "a response format changed",
    change: (s) => (schemas(s).Lifecycle.properties.since.format = "date"),
    expect: [{ id: "response-format-changed", at: "lifecycle.since" }],
  },
  {
    name: "a new oneOf alternative in a response",
    change: (s) => {
      schemas(s).BatchJob = { type: "object", properties: { batch: { type: "integer" } } };
      schemas(s).Thing.properties.job.oneOf.push(ref("BatchJob"));
    },
    expect: [{ id: "response-branch-added", at: "getThing response 200 application/json › job" }],
  },
  {
    name: "a field of a oneOf alternative in a response removed",
    change: (s) => {
      delete schemas(s).LegacyJob.properties.isCompleted;
      schemas(s).LegacyJob.required = [];
    },
    expect: [{ id: "response-property-removed", at: "job(LegacyJob).isCompleted" }],
  },
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

const nonBreaking: Case[] = [
  {
    name: "a response field added",
    change: (s) => (schemas(s).Thing.properties.colour = { type: "string" }),
    expect: [{ id: "response-property-added", at: "getThing response 200 application/json › colour" }],
  },
  {
    name: "an optional response field made required",
    change: (s) => schemas(s).Thing.required.push("note"),
    expect: [{ id: "response-property-became-required", at: "› note" }],
  },
  {
    name: "a nullable response field made non-null",
    change: (s) => (schemas(s).ThingList.properties.nextCursor.type = "string"),
    expect: [{ id: "response-no-longer-nullable", at: "listThings response 200 application/json › nextCursor" }],
  },
  {
    name: "a response object opened (more fields may come)",
    before: (s) => (schemas(s).Lifecycle.additionalProperties = false),
    change: (s) => (schemas(s).Lifecycle.additionalProperties = true),
    expect: [{ id: "response-additional-properties-opened", at: "lifecycle" }],
  },
  {
    name: "a oneOf alternative no longer returned",
    change: (s) => (schemas(s).Thing.properties.job = ref("LegacyJob")),
    expect: [{ id: "response-branch-removed", at: "› job" }],
  },
  {
    name: "a response maxLength lowered",
    change: (s) => (schemas(s).Thing.properties.name.maxLength = 50),
    expect: [{ id: "response-constraint-tightened", at: "› name" }],
  },
];

describeRules({ breaking, nonBreaking });
