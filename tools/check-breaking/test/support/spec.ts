// The fixture spec the rule cases mutate.
import type { SpecNode } from "@hostup/openapi/walk";

// Fixture specs are free-form JSON documents, mutated freely by the cases.
export type Spec = SpecNode;

export const clone = <T>(value: T): T => structuredClone(value);

export const schemas = (s: Spec): Spec => s.components.schemas;
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * A small API in the shape of HostUp's: a list and a create on a collection, get/patch/delete on an
 * item with a path-item level parameter, shared components referenced by $ref (an ID with a pattern,
 * an enum used in requests and responses, a recursive schema, an allOf, a oneOf, a nullable field,
 * response headers, operation-level security with scopes).
 */
export function baseSpec(): Spec {
  const json = (schema: Spec) => ({ "application/json": { schema } });
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  return {
    openapi: "3.1.0",
    info: { title: "Fixture API", version: "1.0.0", description: "For the breaking-change tests." },
    security: [{ apiKey: ["read:things"] }],
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          summary: "List things",
          parameters: [
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "kind", in: "query", schema: ref("ThingKind") },
          ],
          responses: {
            "200": {
              description: "A page of things.",
              headers: { "X-Total-Count": { required: true, schema: { type: "integer" } } },
              content: json(ref("ThingList")),
            },
            "400": { $ref: "#/components/responses/Problem" },
          },
        },
        post: {
          operationId: "createThing",
          security: [{ apiKey: ["write:things"] }],
          requestBody: { required: true, content: json(ref("ThingCreate")) },
          responses: {
            "201": { description: "Created.", content: json(ref("Thing")) },
            "400": { $ref: "#/components/responses/Problem" },
          },
        },
      },
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: ref("ThingId") }],
        get: {
          operationId: "getThing",
          responses: {
            "200": { description: "The thing.", content: json(ref("Thing")) },
            "404": { $ref: "#/components/responses/Problem" },
          },
        },
        patch: {
          operationId: "updateThing",
          requestBody: { required: false, content: json(ref("ThingUpdate")) },
          responses: { "200": { description: "Updated.", content: json(ref("Thing")) } },
        },
        delete: {
          operationId: "deleteThing",
          responses: { "204": { description: "Deleted." }, "404": { $ref: "#/components/responses/Problem" } },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer" } },
      responses: {
        Problem: {
          description: "Problem Details.",
          content: { "application/problem+json": { schema: { type: "object", properties: { code: { type: "string" } } } } },
        },
      },
      schemas: {
        ThingId: { type: "string", pattern: "^thg_[a-z0-9]+$", examples: ["thg_01abc"] },
        ThingKind: { type: "string", enum: ["box", "bag"] },
        Thing: {
          type: "object",
          required: ["id", "name", "kind", "status"],
          properties: {
            id: ref("ThingId"),
            name: { type: "string", maxLength: 100 },
            kind: ref("ThingKind"),
            status: { type: "string", enum: ["active", "archived"] },
            note: { type: "string" },
            tags: { type: "array", items: { type: "string" } },
            secret: { type: "string", writeOnly: true },
            parent: ref("Thing"),
            lifecycle: { allOf: [ref("Lifecycle"), { required: ["state"] }] },
            job: { oneOf: [ref("LegacyJob"), ref("OperationJob")] },
          },
        },
        Lifecycle: {
          type: "object",
          properties: { state: { type: "string" }, since: { type: "string", format: "date-time" } },
        },
        LegacyJob: { type: "object", required: ["isCompleted"], properties: { isCompleted: { type: "boolean" } } },
        OperationJob: { type: "object", required: ["status"], properties: { status: { type: "string" } } },
        ThingList: {
          type: "object",
          required: ["data"],
          properties: { data: { type: "array", items: ref("Thing") }, nextCursor: { type: ["string", "null"] } },
        },
        ThingCreate: {
          type: "object",
          additionalProperties: false,
          required: ["name", "kind"],
          properties: {
            name: { type: "string", minLength: 1, maxLength: 100 },
            kind: ref("ThingKind"),
            priority: { type: "string", enum: ["low", "high"], default: "low" },
            note: { type: ["string", "null"] },
            tags: { type: "array", items: { type: "string" }, maxItems: 10 },
            count: { type: "integer" },
            target: { oneOf: [{ type: "string", format: "uri" }, ref("TargetRef")] },
          },
        },
        TargetRef: { type: "object", required: ["thingId"], properties: { thingId: ref("ThingId") } },
        ThingUpdate: {
          type: "object",
          minProperties: 1,
          additionalProperties: false,
          properties: { name: { type: "string" }, note: { type: "string" } },
        },
      },
    },
  };
}

/** Descriptions, summaries, titles, examples and x- extensions rewritten: no API change. */
export function documentationOnly(s: Spec): void {
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
}
