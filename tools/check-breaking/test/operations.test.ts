// Operations: removed, moved (same operationId, another method or path), renamed (operationId),
// deprecated, added; security tightened or loosened.
import { describe, expect, test } from "vitest";
import { type Case, describeRules, diff } from "./support/cases.js";
import { baseSpec, type Spec } from "./support/spec.js";

const breaking: Case[] = [
  {
    name: "an operation removed",
    change: (s) => delete s.paths["/things/{id}"].delete,
    expect: [{ id: "operation-removed", at: "deleteThing operation" }],
  },
  {
    name: "an operation moved to another path under the same operationId",
    change: (s) => {
      s.paths["/items/{id}"] = s.paths["/things/{id}"];
      delete s.paths["/things/{id}"];
    },
    expect: [
      { id: "operation-moved", at: "getThing" },
      { id: "operation-moved", at: "deleteThing" },
    ],
  },
  {
    name: "an operationId changed (the SDK method is renamed)",
    change: (s) => (s.paths["/things/{id}"].get.operationId = "fetchThing"),
    expect: [{ id: "operation-id-changed", at: "fetchThing operation" }],
  },
  {
    name: "a scope added to an operation's security",
    change: (s) => (s.paths["/things"].post.security = [{ apiKey: ["write:things", "write:billing"] }]),
    expect: [{ id: "security-tightened", at: "createThing security" }],
  },
  {
    name: "security required where the global default was used and none was needed",
    before: (s) => delete s.security,
    change: (s) => (s.security = [{ apiKey: [] }]),
    expect: [{ id: "security-tightened", at: "listThings security" }],
  },
];

const nonBreaking: Case[] = [
  {
    name: "an operation added",
    change: (s) =>
      (s.paths["/things/{id}/copy"] = { post: { operationId: "copyThing", responses: { "201": { description: "Copied." } } } }),
    expect: [{ id: "operation-added", at: "copyThing operation" }],
  },
  {
    name: "an operation deprecated",
    change: (s) => (s.paths["/things/{id}"].delete.deprecated = true),
    expect: [{ id: "operation-deprecated", at: "deleteThing" }],
  },
  {
    name: "security loosened (a scope dropped)",
    change: (s) => (s.paths["/things"].post.security = [{ apiKey: [] }]),
    expect: [{ id: "security-loosened", at: "createThing security" }],
  },
];

describeRules({ breaking, nonBreaking });

describe("path items behind a $ref", () => {
  const withSharedItem = (): Spec => {
    const s = baseSpec();
    s.components.pathItems = { Thing: s.paths["/things/{id}"] };
    s.paths["/things/{id}"] = { $ref: "#/components/pathItems/Thing" };
    return s;
  };

  test("moving a path item into components is no change", () => {
    expect(diff(baseSpec(), withSharedItem())).toEqual({ breaking: [], nonBreaking: [] });
  });

  test("a change inside it points into the component", () => {
    const current = withSharedItem();
    delete current.components.pathItems.Thing.delete;
    expect(diff(withSharedItem(), current).breaking).toMatchObject([
      { id: "operation-removed", operation: "DELETE /things/{id}", document: "released", pointer: "#/components/pathItems/Thing/delete" },
    ]);
  });
});
