// @hostup/openapi/walk: the one spec walker of the repository (lib/walk.js), on small made-up documents.

import {
  deref,
  derefWithPointer,
  escapePointer,
  HTTP_METHODS,
  listOperations,
  refChain,
  refTarget,
  SpecRefError,
  unescapePointer,
} from "@hostup/openapi/walk";
import { describe, expect, test } from "vitest";

const doc = {
  paths: {
    "/things/{id}": { get: { operationId: "getThing" } },
  },
  components: {
    schemas: {
      Thing: { type: "object", description: "A thing." },
      Alias: { $ref: "#/components/schemas/Thing" },
      AliasOfAlias: { $ref: "#/components/schemas/Alias", description: "nearer" },
      "a/b~c": { type: "string" },
      Loop: { $ref: "#/components/schemas/Loop2" },
      Loop2: { $ref: "#/components/schemas/Loop" },
      Self: { $ref: "#/components/schemas/Self" },
      Empty: null,
    },
  },
};

describe("JSON pointers", () => {
  test("escape `~` before `/` and unescape in the reverse order, so `~1` in a name survives", () => {
    expect(escapePointer("a/b~c")).toBe("a~1b~0c");
    expect(escapePointer(3)).toBe("3");
    expect(unescapePointer("a~1b~0c")).toBe("a/b~c");
    expect(unescapePointer("~01")).toBe("~1");
    for (const name of ["~1", "/~", "~0~1", "/api/v2/{id}"]) expect(unescapePointer(escapePointer(name))).toBe(name);
  });
});

describe("refTarget", () => {
  test("resolves escaped and percent-encoded tokens; `#` is the document", () => {
    expect(refTarget(doc, "#/components/schemas/Thing")).toBe(doc.components.schemas.Thing);
    expect(refTarget(doc, "#/components/schemas/a~1b~0c")).toBe(doc.components.schemas["a/b~c"]);
    expect(refTarget(doc, "#/paths/~1things~1%7Bid%7D/get")).toBe(doc.paths["/things/{id}"].get);
    expect(refTarget(doc, "#")).toBe(doc);
  });

  test("a dangling or non-local reference is a SpecRefError that names it", () => {
    expect(() => refTarget(doc, "#/components/schemas/Missing")).toThrow(SpecRefError);
    expect(() => refTarget(doc, "#/components/schemas/Missing")).toThrow("unresolvable $ref #/components/schemas/Missing");
    expect(() => refTarget(doc, "#/components/schemas/Empty/type")).toThrow(/unresolvable/);
    expect(() => refTarget(doc, "other.yaml#/Thing")).toThrow("only local $refs are supported: other.yaml#/Thing");
    expect(new SpecRefError("x").name).toBe("SpecRefError");
  });
});

describe("deref, derefWithPointer and refChain", () => {
  const { schemas } = doc.components;

  test("follow chains to the final node, with the pointer of the place reached", () => {
    expect(deref(doc, { $ref: "#/components/schemas/AliasOfAlias" })).toBe(schemas.Thing);
    expect(derefWithPointer(doc, { $ref: "#/components/schemas/AliasOfAlias" }, "#/x")).toEqual({
      node: schemas.Thing,
      ptr: "#/components/schemas/Thing",
    });
  });

  test("a node without $ref comes back as it is, with the pointer it came with", () => {
    expect(deref(doc, schemas.Thing)).toBe(schemas.Thing);
    expect(derefWithPointer(doc, schemas.Thing, "#/components/schemas/Thing")).toEqual({
      node: schemas.Thing,
      ptr: "#/components/schemas/Thing",
    });
    expect(deref(doc, undefined)).toBeUndefined();
    expect(deref(doc, "text")).toBe("text");
  });

  test("refChain keeps every hop, nearest first, so keywords beside a $ref can win", () => {
    const start = { $ref: "#/components/schemas/AliasOfAlias", description: "nearest" };
    expect(refChain(doc, start)).toEqual([start, schemas.AliasOfAlias, schemas.Alias, schemas.Thing]);
    expect(refChain(doc, schemas.Thing)).toEqual([schemas.Thing]);
    expect(refChain(doc, undefined)).toEqual([undefined]);
  });

  test("a circular chain is a SpecRefError, not a hang; so is a dangling hop", () => {
    expect(() => deref(doc, { $ref: "#/components/schemas/Loop" })).toThrow("circular $ref #/components/schemas/Loop");
    expect(() => refChain(doc, schemas.Self)).toThrow(SpecRefError);
    expect(() => derefWithPointer(doc, { $ref: "#/components/schemas/Nope" })).toThrow(/unresolvable \$ref/);
  });
});

describe("listOperations", () => {
  const api = {
    paths: {
      "/a/{id}": {
        parameters: [
          { $ref: "#/components/parameters/Id" },
          { name: "trace", in: "header", schema: { type: "string" } },
          { name: "q", in: "query", description: "path level" },
        ],
        // Keys out of order on purpose: the result follows OpenAPI's field order, not the document's.
        patch: { operationId: "patchA", parameters: [{ name: "q", in: "query", description: "operation level" }] },
        summary: "not an operation",
        get: { operationId: "getA", parameters: [{ name: "id", in: "query" }] },
        delete: { operationId: "deleteA" },
      },
      "/b": { $ref: "#/components/pathItems/B" },
      "/c": { trace: { operationId: "traceC" }, head: { operationId: "headC" }, put: { operationId: "putC" }, x: {} },
    },
    components: {
      parameters: { Id: { name: "id", in: "path", required: true } },
      pathItems: { B: { post: { operationId: "postB", parameters: [{ $ref: "#/components/parameters/Id" }] } } },
    },
  };
  const ops = listOperations(api);
  const byId = (id: string) => ops.find((o) => o.operationId === id);

  test("paths in document order, methods in OpenAPI's order, only operation fields", () => {
    expect(HTTP_METHODS).toEqual(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
    expect(Object.isFrozen(HTTP_METHODS)).toBe(true);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual([
      "get /a/{id}",
      "delete /a/{id}",
      "patch /a/{id}",
      "post /b",
      "put /c",
      "head /c",
      "trace /c",
    ]);
  });

  test("path-level parameters are inherited, resolved, and overridden by the operation's own (same name and in)", () => {
    expect(byId("deleteA")?.parameters).toEqual([
      api.components.parameters.Id,
      { name: "trace", in: "header", schema: { type: "string" } },
      { name: "q", in: "query", description: "path level" },
    ]);
    const patch = byId("patchA")?.parameters ?? [];
    expect(patch.filter((p) => p.name === "q")).toEqual([{ name: "q", in: "query", description: "operation level" }]);
    expect(patch.map((p) => p.name)).toEqual(["id", "trace", "q"]);
    // Same name, other location: both stay.
    expect(
      byId("getA")
        ?.parameters.filter((p) => p.name === "id")
        .map((p) => p.in),
    ).toEqual(["path", "query"]);
  });

  test("a $ref'd path item is followed; each entry carries its operation and path item", () => {
    const post = byId("postB");
    expect(post?.pathItem).toBe(api.components.pathItems.B);
    expect(post?.operation).toBe(api.components.pathItems.B.post);
    expect(post?.parameters).toEqual([api.components.parameters.Id]);
  });

  test("pointers: each operation's (inside a $ref'd path item, there), and where each parameter is defined", () => {
    expect(byId("patchA")?.pointer).toBe("#/paths/~1a~1{id}/patch");
    expect(byId("patchA")?.parameterPointers).toEqual([
      "#/components/parameters/Id",
      "#/paths/~1a~1{id}/parameters/1",
      "#/paths/~1a~1{id}/patch/parameters/0",
    ]);
    expect(byId("postB")?.pointer).toBe("#/components/pathItems/B/post");
    expect(byId("postB")?.parameterPointers).toEqual(["#/components/parameters/Id"]);
    for (const op of ops) expect(op.parameterPointers).toHaveLength(op.parameters.length);
  });

  test("a document without paths has no operations; a dangling parameter $ref is an error", () => {
    expect(listOperations({})).toEqual([]);
    expect(listOperations(undefined)).toEqual([]);
    expect(() => listOperations({ paths: { "/x": { get: { parameters: [{ $ref: "#/nope" }] } } } })).toThrow(SpecRefError);
  });
});
