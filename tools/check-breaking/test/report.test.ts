// The CLI's verdict (exit status, JSON `ok`) and its reports: each change located by operation,
// place, field path and JSON pointer; the text report groups one edit seen in several places.
import { afterAll, describe, expect, test } from "vitest";
import { expectChanges } from "./support/cases.js";
import { compare, fixtureArgs, removeTempDirs, runCheck, writeFixture } from "./support/cli.js";
import { baseSpec, documentationOnly, ref, schemas } from "./support/spec.js";

afterAll(removeTempDirs);

describe.concurrent("the CLI's verdict", () => {
  test("a breaking change without a changeset: exit 1, ok false, the changes in the JSON report", async () => {
    const current = baseSpec();
    delete schemas(current).Thing.properties.note; // the rule case "a response field removed"
    const { status, result } = await compare(baseSpec(), current);
    expect(status).toBe(1);
    expect(result.ok).toBe(false);
    expectChanges(result.breaking, [{ id: "response-property-removed", at: "getThing response 200 application/json › note" }]);
  });

  test("non-breaking changes only, no changeset: exit 0", async () => {
    const current = baseSpec();
    schemas(current).ThingCreate.properties.colour = { type: "string" }; // "an optional request field added"
    const { status, result } = await compare(baseSpec(), current);
    expect(status).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.breaking).toEqual([]);
    expectChanges(result.nonBreaking, [{ id: "request-property-added", at: "createThing request body application/json › colour" }]);
  });

  test("documentation-only changes, no changeset: exit 0 and 'No API changes.'", async () => {
    const current = baseSpec();
    documentationOnly(current);
    const f = writeFixture(baseSpec(), current);
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
    expect(out).toContain("createThing POST /things › request body application/json › kind");
    expect(out).toContain('listThings GET /things › query parameter "kind"');
    expect(out).toContain('✗ enum value "bag" removed [response-enum-value-removed]');
    expect(out).toContain("✗ operation removed [operation-removed]");
    expect(out).toContain("deleteThing DELETE /things/{id} › operation");
    expect(out).toContain("current.json#/components/schemas/ThingKind/enum");
    expect(out).toContain("released.json#/paths/~1things~1{id}/delete");
    expect(out).toMatch(
      /FAILED: 3 breaking change\(s\) \(in \d+ place\(s\)\) and no pending changeset declares a major bump for @hostup\/openapi or @hostup\/sdk/,
    );
  });

  test("the text report's layout: header, sections with their counts, places indented under each change, the verdict last", async () => {
    const current = baseSpec();
    delete current.paths["/things/{id}"].delete;
    schemas(current).Thing.properties.colour = { type: "string" };
    const f = writeFixture(baseSpec(), current);
    const run = await runCheck(fixtureArgs(f), { cwd: f.dir });
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "check-breaking: released.json (released) → current.json (current)",
      "",
      "Breaking changes (1):",
      "  ✗ operation removed [operation-removed]",
      "      deleteThing DELETE /things/{id} › operation",
      "      at released.json#/paths/~1things~1{id}/delete",
      "",
    ]);
    expect(lines[7]).toBe("Non-breaking changes (1):");
    expect(lines[8]).toBe('  · response field "colour" added [response-property-added]');
    expect(lines.filter((l) => l.startsWith("      ") && !l.includes(" at "))).toContain(
      "      getThing GET /things/{id} › response 200 application/json › colour",
    );
    expect(lines.at(-2)).toMatch(/^FAILED: 1 breaking change\(s\) \(in 1 place\(s\)\)/);
    expect(lines.at(-1)).toMatch(/^Undo the change, or run `npm run changeset`/);
  });

  test("recursive schemas are compared without looping", async () => {
    const current = baseSpec();
    schemas(current).Thing.properties.parent = { oneOf: [ref("Thing"), { type: "null" }] };
    const { result } = await compare(baseSpec(), current);
    expect(result.breaking.filter((c) => c.id === "response-became-nullable").map((c) => c.location)).toContain(
      "response 200 application/json › parent",
    );
  });
});
