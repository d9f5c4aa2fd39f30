// Responses: statuses removed or added, media types, headers.
import { type Case, describeRules } from "./support/cases.js";
import { ref } from "./support/spec.js";

const breaking: Case[] = [
  {
    name: "a response status removed",
    change: (s) => delete s.paths["/things/{id}"].get.responses["404"],
    expect: [{ id: "response-status-removed", at: "getThing response 404" }],
  },
  {
    name: "a second success status added (the result type changes)",
    change: (s) =>
      (s.paths["/things"].post.responses["200"] = {
        description: "Already there.",
        content: { "application/json": { schema: ref("Thing") } },
      }),
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
  {
    name: "a response header removed",
    change: (s) => delete s.paths["/things"].get.responses["200"].headers["X-Total-Count"],
    expect: [{ id: "response-header-removed", at: "listThings response 200 header X-Total-Count" }],
  },
  {
    name: "a required response header made optional",
    change: (s) => (s.paths["/things"].get.responses["200"].headers["X-Total-Count"].required = false),
    expect: [{ id: "response-header-became-optional", at: "listThings response 200 header X-Total-Count" }],
  },
  {
    name: "a response header's type changed",
    change: (s) => (s.paths["/things"].get.responses["200"].headers["X-Total-Count"].schema.type = "string"),
    expect: [{ id: "response-type-changed", at: "header X-Total-Count" }],
  },
];

const nonBreaking: Case[] = [
  {
    name: "an error status added",
    change: (s) => (s.paths["/things/{id}"].delete.responses["409"] = { $ref: "#/components/responses/Problem" }),
    expect: [{ id: "response-status-added", at: "deleteThing response 409" }],
  },
  {
    name: "a response header added",
    change: (s) => (s.paths["/things"].get.responses["200"].headers["X-Request-Id"] = { schema: { type: "string" } }),
    expect: [{ id: "response-header-added", at: "header X-Request-Id" }],
  },
];

describeRules({ breaking, nonBreaking });
