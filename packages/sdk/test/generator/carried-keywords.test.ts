// The keywords the generator carries are enforced: the SDK, built from a fixture spec by the real
// generator (its operation table, rules and hints replace the committed ones here), rejects input
// that breaks each of them before sending, and accepts input that keeps them.
import { pathToFileURL } from "node:url";
import { describe, expect, test, vi } from "vitest";
import { createHostupClient, HostupValidationError } from "../../src/index.js";

const out = vi.hoisted(async () => {
  const { fixtureSpec, generate, operation } = await import("./fixture.js");
  const body = {
    type: "object",
    required: ["name"],
    additionalProperties: false,
    properties: {
      name: { type: "string", minLength: 2, maxLength: 8 },
      ttl: { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 86400, multipleOf: 60 },
      kind: { const: "A" },
      tags: { type: "array", minItems: 1, maxItems: 3, uniqueItems: true, items: { type: "object" } },
      weight: { allOf: [{ type: "number", minimum: 0 }, { maximum: 10 }] },
    },
  };
  const run = generate(fixtureSpec([operation("createRecord", body)]));
  if (run.status !== 0) throw new Error(run.stderr);
  return `${run.dir}/out`;
});

vi.mock("../../src/generated/operations.js", async () => import(pathToFileURL(`${await out}/operations.ts`).href));
vi.mock("../../src/generated/schemas.js", async () => import(pathToFileURL(`${await out}/schemas.ts`).href));
vi.mock("../../src/generated/hints.js", async () => import(pathToFileURL(`${await out}/hints.ts`).href));

let sent = 0;
const hostup = createHostupClient({
  apiKey: "hk_test_keywords",
  baseUrl: "http://127.0.0.1:9",
  maxRetries: 0,
  fetch: async () => {
    sent++;
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  },
});
const createRecord = (hostup as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>).createRecord!;

async function rejection(body: unknown): Promise<HostupValidationError> {
  const before = sent;
  const error = await createRecord("dom_1", body).then(
    () => expect.unreachable("must reject"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostupValidationError);
  expect(sent, "nothing is sent").toBe(before);
  return error as HostupValidationError;
}

describe("each carried keyword rejects what breaks it", () => {
  test.each([
    ["minLength > 1", { name: "a" }, "/name", "must be at least 2 characters long."],
    ["maxLength (in characters, not UTF-16 units)", { name: "ääääääääx" }, "/name", "must be at most 8 characters long, got 9."],
    ["exclusiveMinimum", { name: "ab", ttl: 0 }, "/ttl", "must be greater than 0."],
    ["exclusiveMaximum", { name: "ab", ttl: 86400 }, "/ttl", "must be less than 86400."],
    ["multipleOf", { name: "ab", ttl: 90 }, "/ttl", "must be a multiple of 60."],
    ["const", { name: "ab", kind: "AAAA" }, "/kind", 'must be "A", got "AAAA".'],
    ["minItems", { name: "ab", tags: [] }, "/tags", "needs at least 1 item(s), got 0."],
    ["maxItems", { name: "ab", tags: [{}, { a: 1 }, { b: 1 }, { c: 1 }] }, "/tags", "must have at most 3 item(s), got 4."],
    [
      "uniqueItems (key order does not matter)",
      {
        name: "ab",
        tags: [
          { a: 1, b: 2 },
          { b: 2, a: 1 },
        ],
      },
      "/tags/1",
      "repeats item 0",
    ],
    ["allOf, first member", { name: "ab", weight: -1 }, "/weight", "must be at least 0."],
    ["allOf, second member", { name: "ab", weight: 11 }, "/weight", "must be at most 10."],
  ])("%s", async (_name, body, field, message) => {
    const error = await rejection(body);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`createRecord: body field \`${field}\` ${message}`);
  });
});

test("input that keeps every rule is sent", async () => {
  const before = sent;
  await createRecord("dom_1", { name: "äää", ttl: 120, kind: "A", tags: [{ a: 1 }, { a: 2 }], weight: 0.3 });
  expect(sent).toBe(before + 1);
});
