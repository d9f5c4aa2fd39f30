// Request schemas: what a client sends must still be accepted (fields, enums, types, null,
// patterns, formats, bounds, additionalProperties, oneOf alternatives, readOnly).
import { type Case, describeRules } from "./support/cases.js";
import { ref, schemas } from "./support/spec.js";

const breaking: Case[] = [
  {
    name: "a required request field added",
    change: (s) => {
      schemas(s).ThingCreate.properties.colour = { type: "string" };
      schemas(s).ThingCreate.required.push("colour");
    },
    expect: [{ id: "request-required-property-added", at: "createThing request body application/json › colour" }],
  },
  {
    name: "an optional request field made required",
    change: (s) => schemas(s).ThingCreate.required.push("note"),
    expect: [{ id: "request-property-became-required", at: "createThing request body application/json › note" }],
  },
  {
    name: "an optional request field removed",
    change: (s) => delete schemas(s).ThingCreate.properties.count,
    expect: [{ id: "request-property-removed", at: "createThing request body application/json › count" }],
  },
  {
    name: "a required request field removed",
    change: (s) => {
      const create = schemas(s).ThingCreate;
      delete create.properties.name;
      create.required = ["kind"];
    },
    expect: [{ id: "request-property-removed", at: "request body application/json › name" }],
  },
  {
    name: "a request field made readOnly (no longer accepted)",
    change: (s) => (schemas(s).ThingCreate.properties.count.readOnly = true),
    expect: [{ id: "request-property-removed", at: "createThing request body application/json › count" }],
  },
  {
    name: "a request-only enum narrowed",
    change: (s) => (schemas(s).ThingCreate.properties.priority.enum = ["high"]),
    expect: [{ id: "request-enum-value-removed", at: "createThing request body application/json › priority" }],
  },
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
  {
    name: "an enum imposed on a free request value",
    change: (s) => (schemas(s).ThingCreate.properties.name.enum = ["a", "b"]),
    expect: [{ id: "request-enum-added", at: "createThing request body application/json › name" }],
  },
  {
    name: "a request field's type changed",
    change: (s) => (schemas(s).ThingCreate.properties.count.type = "string"),
    expect: [{ id: "request-type-changed", at: "createThing request body application/json › count" }],
  },
  {
    name: "null no longer accepted in a request field",
    change: (s) => (schemas(s).ThingCreate.properties.note.type = "string"),
    expect: [{ id: "request-type-changed", at: "createThing request body application/json › note" }],
  },
  {
    name: "a pattern added to a request field",
    change: (s) => (schemas(s).ThingCreate.properties.name.pattern = "^[a-z]+$"),
    expect: [{ id: "request-pattern-changed", at: "createThing request body application/json › name" }],
  },
  {
    name: "a request pattern changed even when the new one looks wider (any change counts)",
    change: (s) => (schemas(s).ThingId.pattern = "^thg_[A-Za-z0-9]+$"),
    expect: [{ id: "request-pattern-changed", at: 'path parameter "id"' }],
  },
  {
    name: "a format added to a request field",
    change: (s) => (schemas(s).ThingCreate.properties.name.format = "email"),
    expect: [{ id: "request-format-changed", at: "createThing request body application/json › name" }],
  },
  {
    name: "a request maxLength lowered",
    change: (s) => (schemas(s).ThingCreate.properties.name.maxLength = 50),
    expect: [{ id: "request-constraint-tightened", at: "createThing request body application/json › name" }],
  },
  {
    name: "a request minLength raised",
    change: (s) => (schemas(s).ThingCreate.properties.name.minLength = 3),
    expect: [{ id: "request-constraint-tightened", at: "› name" }],
  },
  {
    name: "a request array's maxItems lowered",
    change: (s) => (schemas(s).ThingCreate.properties.tags.maxItems = 5),
    expect: [{ id: "request-constraint-tightened", at: "createThing request body application/json › tags" }],
  },
  {
    name: "a request array's item type changed",
    change: (s) => (schemas(s).ThingCreate.properties.tags.items = { type: "integer" }),
    expect: [{ id: "request-type-changed", at: "createThing request body application/json › tags[]" }],
  },
  {
    name: "an open request object closed (additionalProperties: false)",
    change: (s) => (schemas(s).TargetRef.additionalProperties = false),
    expect: [{ id: "request-additional-properties-closed", at: "createThing request body application/json › target(TargetRef)" }],
  },
  {
    name: "a oneOf alternative no longer accepted in a request",
    change: (s) => (schemas(s).ThingCreate.properties.target = ref("TargetRef")),
    expect: [{ id: "request-branch-removed", at: "createThing request body application/json › target" }],
  },
  {
    name: "a field of a oneOf alternative in a request made required",
    change: (s) => {
      schemas(s).TargetRef.required.push("note");
      schemas(s).TargetRef.properties.note = { type: "string" };
    },
    expect: [{ id: "request-required-property-added", at: "target(TargetRef).note" }],
  },
];

const nonBreaking: Case[] = [
  {
    name: "an optional request field added",
    change: (s) => (schemas(s).ThingCreate.properties.colour = { type: "string" }),
    expect: [{ id: "request-property-added", at: "createThing request body application/json › colour" }],
  },
  {
    name: "a required request field made optional",
    change: (s) => (schemas(s).ThingCreate.required = ["name"]),
    expect: [{ id: "request-property-became-optional", at: "› kind" }],
  },
  {
    name: "a request-only enum widened",
    change: (s) => schemas(s).ThingCreate.properties.priority.enum.push("urgent"),
    expect: [{ id: "request-enum-value-added", at: "createThing request body application/json › priority" }],
  },
  {
    name: "a request type widened (integer → number)",
    change: (s) => (schemas(s).ThingCreate.properties.count.type = "number"),
    expect: [{ id: "request-type-widened", at: "› count" }],
  },
  {
    name: "a request maxLength raised",
    change: (s) => (schemas(s).ThingCreate.properties.name.maxLength = 200),
    expect: [{ id: "request-constraint-loosened", at: "› name" }],
  },
  {
    name: "a request-only pattern removed",
    before: (s) => (schemas(s).ThingCreate.properties.name.pattern = "^[a-z]+$"),
    change: (s) => delete schemas(s).ThingCreate.properties.name.pattern,
    expect: [{ id: "request-pattern-removed", at: "› name" }],
  },
  {
    name: "a request object opened",
    change: (s) => delete schemas(s).ThingUpdate.additionalProperties,
    expect: [{ id: "request-additional-properties-opened", at: "updateThing request body" }],
  },
  {
    name: "a new oneOf alternative accepted in a request",
    change: (s) => schemas(s).ThingCreate.properties.target.oneOf.push({ type: "integer" }),
    expect: [{ id: "request-branch-added", at: "› target" }],
  },
  {
    name: "a request default changed (reported, not failing)",
    change: (s) => (schemas(s).ThingCreate.properties.priority.default = "high"),
    expect: [{ id: "request-default-changed", at: "› priority" }],
  },
  {
    name: "a readOnly field added as required to a request schema (not a request field)",
    change: (s) => {
      schemas(s).ThingCreate.properties.createdAt = { type: "string", readOnly: true };
      schemas(s).ThingCreate.required.push("createdAt");
    },
    expect: [],
  },
];

describeRules({ breaking, nonBreaking });
