// Request bodies: removed, added, made required or optional, media types removed.
import { type Case, describeRules } from "./support/cases.js";

const breaking: Case[] = [
  {
    name: "a request body made required",
    change: (s) => (s.paths["/things/{id}"].patch.requestBody.required = true),
    expect: [{ id: "request-body-became-required", at: "updateThing request body" }],
  },
  {
    name: "a required request body added",
    change: (s) =>
      (s.paths["/things/{id}"].delete.requestBody = { required: true, content: { "application/json": { schema: { type: "object" } } } }),
    expect: [{ id: "request-body-added-required", at: "deleteThing request body" }],
  },
  {
    name: "a request body removed",
    change: (s) => delete s.paths["/things"].post.requestBody,
    expect: [{ id: "request-body-removed", at: "createThing request body" }],
  },
  {
    name: "a request media type removed",
    change: (s) => {
      const body = s.paths["/things"].post.requestBody;
      body.content = { "application/merge-patch+json": body.content["application/json"] };
    },
    expect: [{ id: "request-media-type-removed", at: "createThing request body application/json" }],
  },
];

const nonBreaking: Case[] = [
  {
    name: "an optional request body added",
    change: (s) => (s.paths["/things/{id}"].delete.requestBody = { content: { "application/json": { schema: { type: "object" } } } }),
    expect: [{ id: "request-body-added", at: "deleteThing request body" }],
  },
  {
    name: "a request body made optional",
    change: (s) => (s.paths["/things"].post.requestBody.required = false),
    expect: [{ id: "request-body-became-optional", at: "createThing request body" }],
  },
];

describeRules({ breaking, nonBreaking });
