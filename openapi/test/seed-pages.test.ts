// The seed-page parser (support/seed-pages.ts) and what seed-facts.ts keeps of its result, on small
// made-up pages written like HostUp's: one with section words and status lines, one scraped flat
// like page 001 (no labels, fields run together).

import { describe, expect, test } from "vitest";
import { pageFacts } from "./support/seed-facts.js";
import { extractJsonBlocks, parseFields, parsePage, parseType, splitResponses } from "./support/seed-pages.js";

const HEADED_PAGE = String.raw`Update thing

Partially update a thing.

Domains & DNS Things

Authentication

Required API scope: write:things

Use Authorization: Bearer <token> for API keys. Dashboard sessions may also use hostup_session.

Context

Path Parameters

id string required Example: thg_01abc

Public thing ID. Do not invent this value.

Headers

Accept Example
Content-Type Example

Body

required
application/json
kind string · enum · Example: a
a
b
note stringnull · Example: Hello world
tags array

Free-form labels.

Responses

200 Updated thing.
id string required · Example: thg_01abc
count integernull · Example: null
items array<object>
items[].name string required · Example: first
204 No Content. Nothing to say.

No response body

400 Invalid request. The body is Problem Details.
type string · Example: https://developer.hostup.se/errors/invalid_request
status integer · Example: 400
PATCH https://cloud.hostup.se/api/v2/things/{id}
cURL
curl -X PATCH "https://cloud.hostup.se/api/v2/things/thg_01abc" \
  -H "Authorization: Bearer YOUR_API_KEY" \
  -d '{
    "kind": "a"
  }'
Response
{
  "id": "thg_01abc",
  "text": "a } brace and a \"quote\""
}
Request Body Change kind
{
  "kind": "b"
}
`;

const FLAT_PAGE = String.raw`Queue the things. Send IDs in thingIds.
write:things
Use Authorization: Bearer <token> for API keys. Dashboard sessions may also use hostup_session.
Accept Example Content-Type Example thingIds array required
· Example: ["thg_1","thg_2"] operation object operation.status string · enum required
· Example: queued pending queued operation.result objectnull
· Example: null type string
· Example: https://developer.hostup.se/errors/invalid_request title string
· Example: Validation failed code string
· Example: invalid_request Stable code. Branch on it.
type string
· Example: https://developer.hostup.se/errors/invalid_request title string
· Example: Other https://cloud.hostup.se/api/v2/things/bulk curl -X POST "https://cloud.hostup.se/api/v2/things/bulk" \
-d '{
"thingIds": ["thg_1"]
}' {
"operation": {"status": "queued"}
} {
"thingIds": ["thg_1", "thg_2"]
}
`;

describe("parseType", () => {
  test("base type, nullability and object items of each written form", () => {
    expect(parseType("string")).toEqual({ base: "string", nullable: false, itemsObject: false });
    expect(parseType("string | null")).toEqual({ base: "string", nullable: true, itemsObject: false });
    expect(parseType("stringnull")).toEqual({ base: "string", nullable: true, itemsObject: false });
    expect(parseType("integernull")).toEqual({ base: "integer", nullable: true, itemsObject: false });
    expect(parseType("objectnull")).toEqual({ base: "object", nullable: true, itemsObject: false });
    expect(parseType("array<object>")).toEqual({ base: "array", nullable: false, itemsObject: true });
  });
});

describe("parseFields", () => {
  test("name, type, enum, required, example and description of each field, each running to the next", () => {
    const fields = parseFields(
      "a.b string required · Example: x y c integer · enum · Example: 1 1 2 d[].e boolean Some text. f string | null",
    );
    expect(fields.map((f) => [f.name, f.typeText, f.isEnum, f.required, f.exampleText, f.tail])).toEqual([
      ["a.b", "string", false, true, "x y", ""],
      ["c", "integer", true, false, "1 1 2", ""],
      ["d[].e", "boolean", false, false, undefined, "Some text."],
      ["f", "string | null", false, false, undefined, ""],
    ]);
  });

  test("`· enum required` (page 001's order) and `required Example:` without a dot", () => {
    const [status, id] = parseFields("status string · enum required · Example: queued queued done id string required Example: x_1");
    expect(status).toMatchObject({ isEnum: true, required: true, exampleText: "queued queued done" });
    expect(id).toMatchObject({ isEnum: false, required: true, exampleText: "x_1" });
  });

  test("prose that only looks like a field (no whitespace after the type) is not one", () => {
    expect(parseFields("returns an empty object; nothing else")).toEqual([]);
    expect(parseFields("returns an empty object")).toHaveLength(1);
  });
});

describe("extractJsonBlocks", () => {
  test("balanced blocks in order, braces and escaped quotes inside strings ignored", () => {
    const s = String.raw`x {"a": {"b": "}"}} y {"c": "\"{"} z`;
    const blocks = extractJsonBlocks(s);
    expect(blocks.map((b) => JSON.parse(b.text))).toEqual([{ a: { b: "}" } }, { c: '"{' }]);
    expect(s.slice(blocks[0]!.start, blocks[0]!.end)).toBe(blocks[0]!.text);
  });

  test("an unbalanced block is an error", () => {
    expect(() => extractJsonBlocks('{"a": {')).toThrow(/Unbalanced braces/);
  });
});

describe("splitResponses", () => {
  test("blocks past the six known Problem statuses of an unheaded page are named, not dropped", () => {
    const block = "type string · Example: https://developer.hostup.se/errors/x ";
    const { headed, sections } = splitResponses(`ok boolean ${block.repeat(7)}`);
    expect(headed).toBe(false);
    expect(sections.map((s) => s.status)).toEqual(["2xx", "400", "401", "403", "404", "429", "500", "extra block 7"]);
  });
});

describe("parsePage: a page with section words and status lines", () => {
  const page = parsePage("010_made_up.txt", HEADED_PAGE);

  test("operation, title, breadcrumb, scope, authentication and cURL", () => {
    expect(page).toMatchObject({
      file: "010_made_up.txt",
      title: "Update thing",
      breadcrumb: "Domains & DNS Things",
      method: "PATCH",
      path: "/api/v2/things/{id}",
      scope: "write:things",
      mentionsBearer: true,
      mentionsSessionCookie: true,
      curl: { method: "PATCH", path: "/api/v2/things/thg_01abc" },
      hasStatusLines: true,
    });
  });

  test("path parameters and the request body", () => {
    expect(page.pathParams).toMatchObject([
      { name: "id", required: true, exampleText: "thg_01abc Public thing ID. Do not invent this value." },
    ]);
    expect(page.bodyRequired).toBe(true);
    expect(page.bodyMediaType).toBe("application/json");
    expect(page.bodyFields.map((f) => [f.name, f.isEnum, f.nullable, f.exampleText, f.tail])).toEqual([
      ["kind", true, false, "a a b", ""],
      ["note", false, true, "Hello world", ""],
      ["tags", false, false, undefined, "Free-form labels."],
    ]);
  });

  test("status sections: descriptions, the no-body marker, fields; Problem blocks apart", () => {
    expect(page.success.map((s) => [s.status, s.description, s.noBody, s.fields.map((f) => f.name)])).toEqual([
      ["200", "Updated thing.", false, ["id", "count", "items", "items[].name"]],
      ["204", "No Content. Nothing to say.", true, []],
    ]);
    expect(page.success[0]?.fields[2]).toMatchObject({ base: "array", itemsObject: true });
    expect(page.problems.map((s) => [s.status, s.description, s.fields.map((f) => f.name)])).toEqual([
      ["400", "Invalid request. The body is Problem Details.", ["type", "status"]],
    ]);
  });

  test("code panel: the cURL body, the response and the named request body", () => {
    expect(page.json.map((b) => [b.kind, b.name, JSON.parse(b.text)])).toEqual([
      ["curl-request", undefined, { kind: "a" }],
      ["response", undefined, { id: "thg_01abc", text: 'a } brace and a "quote"' }],
      ["request", "Change kind", { kind: "b" }],
    ]);
  });
});

describe("parsePage: a page scraped flat (page 001)", () => {
  const page = parsePage("011_flat.txt", FLAT_PAGE);

  test("no title or breadcrumb; bare scope; method from the cURL, path from the bare URL", () => {
    expect(page).toMatchObject({
      title: undefined,
      breadcrumb: undefined,
      method: "POST",
      path: "/api/v2/things/bulk",
      scope: "write:things",
    });
    expect(page.hasStatusLines).toBe(false);
  });

  test("the request body runs up to the `operation` field; Problem blocks get the known statuses in order", () => {
    expect(page.bodyRequired).toBe(false);
    expect(page.bodyMediaType).toBeUndefined();
    expect(page.bodyFields.map((f) => [f.name, f.required, f.exampleText])).toEqual([["thingIds", true, '["thg_1","thg_2"]']]);
    expect(page.success.map((s) => [s.status, s.description, s.fields.map((f) => f.name)])).toEqual([
      ["2xx", undefined, ["operation", "operation.status", "operation.result"]],
    ]);
    expect(page.success[0]?.fields[1]).toMatchObject({ isEnum: true, required: true, exampleText: "queued pending queued" });
    expect(page.problems.map((s) => [s.status, s.fields.map((f) => f.name)])).toEqual([
      ["400", ["type", "title", "code"]],
      ["401", ["type", "title"]],
    ]);
    expect(page.problems[1]?.fields[1]?.exampleText).toBe("Other");
  });

  test("unlabeled JSON blocks after the cURL body are the response, then the request body", () => {
    expect(page.json.map((b) => [b.kind, JSON.parse(b.text)])).toEqual([
      ["curl-request", { thingIds: ["thg_1"] }],
      ["response", { operation: { status: "queued" } }],
      ["request", { thingIds: ["thg_1", "thg_2"] }],
    ]);
  });
});

describe("parsePage: what it refuses", () => {
  test("a page without a scope, an operation, a Headers list, or with an unknown or an extra JSON block", () => {
    expect(() => parsePage("a.txt", HEADED_PAGE.replace("Required API scope: write:things", ""))).toThrow(/a\.txt: no required API scope/);
    expect(() => parsePage("b.txt", HEADED_PAGE.replace("PATCH https://", "https://").replace("curl -X PATCH", "curl"))).toThrow(
      /b\.txt: no `METHOD https:\/\/cloud\.hostup\.se\/…` line/,
    );
    expect(() => parsePage("c.txt", HEADED_PAGE.replace("Content-Type Example", "Content-Type"))).toThrow(/c\.txt: no Headers list/);
    expect(() => parsePage("d.txt", HEADED_PAGE.replace("Request Body Change kind", "Webhook"))).toThrow(
      /d\.txt: JSON block with unknown label "Webhook"/,
    );
    expect(() => parsePage("e.txt", `${FLAT_PAGE} {"more": 1}`)).toThrow(/e\.txt: more unlabeled JSON blocks than expected/);
  });
});

describe("pageFacts: what the committed facts keep of a parsed page", () => {
  test("enum example and values apart; a path parameter's example without its description; descriptions kept", () => {
    const facts = pageFacts(parsePage("010_made_up.txt", HEADED_PAGE));
    expect(facts.pathParams).toEqual([{ name: "id", type: "string", required: true, example: "thg_01abc" }]);
    expect(facts.bodyFields).toEqual([
      { name: "kind", type: "string", required: false, example: "a", enum: ["a", "b"] },
      { name: "note", type: "stringnull", required: false, example: "Hello world" },
      { name: "tags", type: "array", required: false, example: undefined, description: "Free-form labels." },
    ]);
    expect(facts.success[1]).toEqual({ status: "204", description: "No Content. Nothing to say.", noBody: true, fields: [] });
    expect(facts.json[1]).toEqual({ kind: "response", name: undefined, value: { id: "thg_01abc", text: 'a } brace and a "quote"' } });
  });

  test("an enum field without an example keeps no values, so the conformance check fails on it", () => {
    const facts = pageFacts(
      parsePage("010_made_up.txt", HEADED_PAGE.replace("kind string · enum · Example: a\na\nb", "kind string · enum")),
    );
    expect(facts.bodyFields[0]).toMatchObject({ name: "kind", example: undefined, enum: [] });
  });

  test("a JSON example that is not JSON names its page and place", () => {
    expect(() => pageFacts(parsePage("012_bad.txt", HEADED_PAGE.replace('"kind": "b"', '"kind": b')))).toThrow(
      /012_bad\.txt: JSON example #3 is not JSON/,
    );
  });
});
