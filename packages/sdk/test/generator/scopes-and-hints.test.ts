// How the generator renders scopes (several in one requirement, conditional ones, none documented,
// alternatives that differ) and documented next steps, and how it refuses malformed extensions:
// on a fixture spec, so that cases the real spec does not have yet are covered too.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { fixtureSpec, generate, operation } from "./fixture.js";

const upsert = {
  type: "object",
  properties: { content: { type: "string", examples: ["192.0.2.1"] }, proxied: { type: "boolean", examples: [true] } },
};

const spec = fixtureSpec([
  operation("listRecords", undefined, { security: [{ bearer: ["read:dns", "read:domains"] }, { session: ["read:dns", "read:domains"] }] }),
  operation("upsertRecord", upsert, {
    security: [{ bearer: ["write:dns"] }],
    "x-hostup-conditional-scopes": [{ scope: "write:cdn", when: { field: "proxied" } }],
    "x-hostup-next-steps": { "409": "The record exists:\n  update it instead." },
  }),
  operation("getLegacy", undefined, { security: [{ bearer: [] }], "x-hostup-scopes-undocumented": true }),
  operation("mixed", undefined, { security: [{ bearer: ["read:dns"] }, { session: ["read:domains"] }] }),
]);
const run = generate(spec, (dir) => {
  writeFileSync(join(dir, "README.md"), "# x\n\n<!-- scopes:start -->\n<!-- scopes:end -->\n\nafter\n");
  return ["--readme", join(dir, "README.md")];
});
const methods = run.read("out/methods.ts");
const readme = run.read("README.md");

test("the fixture generates", () => {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});

describe("method docs", () => {
  test("every scope of a requirement, joined", () => {
    expect(methods).toContain("Required API scopes: `read:dns` and `read:domains`.");
  });
  test("a scope needed only when a field is sent", () => {
    expect(methods).toContain("Required API scope: `write:dns`.\n   * Also needs `write:cdn` when `proxied` is sent.");
  });
  test("an operation whose scopes HostUp does not document says so", () => {
    expect(methods).toContain("HostUp documents no scope for this operation.");
  });
  test("alternatives that need different scopes are each named", () => {
    expect(methods).toContain(
      "Required API scopes, depending on how the call authenticates: `read:dns` (bearer); or `read:domains` (session).",
    );
  });
  test("a documented next step, whitespace folded", () => {
    expect(methods).toContain("After a 409: The record exists: update it instead.");
    expect(run.read("out/hints.ts")).toContain('upsertRecord: { "409": "The record exists: update it instead." },');
  });
});

test("the README table, between its markers", () => {
  expect(readme).toContain("| `listRecords(id)` | `POST /domains/{id}/listRecords` | `read:dns` + `read:domains` |");
  expect(readme).toContain(
    "| `upsertRecord(id, { content?, proxied? })` | `POST /domains/{id}/upsertRecord` | `write:dns`; `write:cdn` too when `proxied` is sent |",
  );
  expect(readme).toContain("| `getLegacy(id)` | `POST /domains/{id}/getLegacy` | not documented |");
  expect(readme).toContain("| `mixed(id)` | `POST /domains/{id}/mixed` | `read:dns` or `read:domains` |");
  expect(readme.startsWith("# x\n\n<!-- scopes:start -->\n")).toBe(true);
  expect(readme.endsWith("<!-- scopes:end -->\n\nafter\n")).toBe(true);
});

describe("malformed extensions fail generation, saying where", () => {
  const failing = (extra: Record<string, unknown>, body: Record<string, unknown> | null = upsert) =>
    generate(fixtureSpec([operation("upsertRecord", body ?? undefined, extra)]));

  test.each([
    [
      "a conditional scope on a field the body does not have",
      { "x-hostup-conditional-scopes": [{ scope: "write:cdn", when: { field: "proxy" } }] },
      "upsertRecord: x-hostup-conditional-scopes[0].when.field `proxy` is not a field of the request body (content, proxied).",
    ],
    [
      "a conditional scope that is no scope",
      { "x-hostup-conditional-scopes": [{ scope: "cdn", when: { field: "proxied" } }] },
      "upsertRecord: x-hostup-conditional-scopes[0].scope must be an API scope",
    ],
    [
      "a condition this generator does not know",
      { "x-hostup-conditional-scopes": [{ scope: "write:cdn", when: { field: "proxied", equals: true } }] },
      "upsertRecord: x-hostup-conditional-scopes[0] has keys this generator does not know: equals.",
    ],
    [
      "a next step for an undocumented status",
      { "x-hostup-next-steps": { "422": "Fix it." } },
      "upsertRecord: x-hostup-next-steps names 422, which is not a documented 4xx/5xx response of the operation.",
    ],
    ["an empty next step", { "x-hostup-next-steps": { "409": " " } }, "upsertRecord: x-hostup-next-steps.409 must be a non-empty string."],
    [
      "scopes listed although marked undocumented",
      { "x-hostup-scopes-undocumented": true },
      "upsertRecord: x-hostup-scopes-undocumented is set, but its security requirements name scopes.",
    ],
  ])("%s", (_name, extra, message) => {
    const failed = failing(extra);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(message);
  });

  test("a conditional scope on an operation without a body", () => {
    const failed = failing({ "x-hostup-conditional-scopes": [{ scope: "write:cdn", when: { field: "proxied" } }] }, null);
    expect(failed.stderr).toContain("the operation has no request body for `proxied` to be sent in.");
  });
});
