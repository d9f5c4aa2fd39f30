// The generator's output, checked against the spec it was generated from (read here with the
// shared walker, not with the generator's model): nothing rendered as `undefined`, every scope of
// every security requirement documented, every hint of the spec carried, every operation covered
// by a method, a contract test and a docs sample, and the committed files current.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deref, listOperations, type SpecNode } from "@hostup/openapi/walk";
import { describe, expect, test } from "vitest";
import { GENERATOR } from "./fixture.js";

const PACKAGE = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => readFileSync(join(PACKAGE, file), "utf8");
const spec: SpecNode = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json"), "utf8"));
const operations = listOperations(spec);
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

const GENERATED = [
  ...readdirSync(join(PACKAGE, "src/generated")).map((f) => `src/generated/${f}`),
  ...readdirSync(join(PACKAGE, "test/contract/generated")).map((f) => `test/contract/generated/${f}`),
  ...readdirSync(join(PACKAGE, "docs/generated")).map((f) => `docs/generated/${f}`),
];
const readme = read("README.md");
const table = readme.slice(readme.indexOf("<!-- scopes:start -->"), readme.indexOf("<!-- scopes:end -->"));

/** Each method's JSDoc in generated/methods.ts, whitespace and ` * ` prefixes squashed. */
const methodDocs = new Map(
  [...read("src/generated/methods.ts").matchAll(/\/\*\*([\s\S]*?)\*\/\n {2}(\w+): Method/g)].map((m) => [
    m[2]!,
    squash(m[1]!.replace(/^\s*\* ?/gm, "")),
  ]),
);
const tableRow = (id: string) => table.split("\n").find((row) => row.startsWith(`| \`${id}(`)) ?? "";

test("the committed outputs are what the generator writes from the bundle (README table included)", () => {
  const run = spawnSync(process.execPath, [GENERATOR, "--check"], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});

test.each(["", ...GENERATED])("%s renders no value as `undefined`", (file) => {
  const text = file ? read(file) : table;
  expect(text.split("\n").filter((line) => /\bundefined\b/.test(line))).toEqual([]);
});

describe.each(operations.map((op) => [op.operationId!, op] as const))("%s", (id, { operation }) => {
  const doc = methodDocs.get(id) ?? "";

  test("has a method, documented with every scope of every security requirement", () => {
    expect(doc).not.toBe("");
    const scopes = (operation.security as Array<Record<string, string[]>>).flatMap((requirement) => Object.values(requirement).flat());
    for (const scope of scopes) {
      expect(doc).toContain(`\`${scope}\``);
      expect(tableRow(id)).toContain(`\`${scope}\``);
    }
    if (operation["x-hostup-scopes-undocumented"]) {
      expect(scopes).toEqual([]);
      expect(doc).toContain("HostUp documents no scope for this operation.");
      expect(tableRow(id)).toContain("not documented");
    } else {
      expect(scopes.length).toBeGreaterThan(0);
    }
    for (const { scope, when } of (operation["x-hostup-conditional-scopes"] ?? []) as Array<{ scope: string; when: { field: string } }>) {
      expect(doc).toContain(`Also needs \`${scope}\` when \`${when.field}\` is sent.`);
      expect(tableRow(id)).toContain(`\`${scope}\``);
    }
  });

  test("carries every documented next step into the hints, the method docs and the contract test", () => {
    for (const [status, text] of Object.entries((operation["x-hostup-next-steps"] ?? {}) as Record<string, string>)) {
      expect(read("src/generated/hints.ts")).toContain(JSON.stringify(squash(text)));
      expect(doc).toContain(`After a ${status}: ${squash(text)}`);
      expect(read("test/contract/generated/operations.test.ts")).toContain(JSON.stringify(squash(text)));
    }
  });

  test("has a describe in the generated contract tests and a TypeScript sample calling its method", () => {
    const tests = read("test/contract/generated/operations.test.ts");
    expect(tests).toContain(`describe("${id}: `);
    const samples = JSON.parse(read("docs/generated/code-samples.json")).operations[id] as Array<{ lang: string; source: string }>;
    const ts = samples.find((s) => s.lang === "TypeScript");
    expect(ts?.source).toMatch(new RegExp(`await hostup\\.${id}\\(`));
  });
});

test("every x-hostup-how-to-find of the spec is in the hints", () => {
  const hints = read("src/generated/hints.ts");
  const found = Object.entries(spec.components.schemas as Record<string, SpecNode>).filter(([, s]) => s["x-hostup-how-to-find"]);
  expect(found.length).toBeGreaterThan(0);
  for (const [name, schema] of found) expect(hints).toContain(`${name}: ${JSON.stringify(squash(schema["x-hostup-how-to-find"]))}`);
});

test("the CLI samples are the CLI's table, filled in with each operation's example inputs", () => {
  const samples = JSON.parse(read("docs/generated/code-samples.json")).operations as Record<
    string,
    Array<{ lang: string; source: string }>
  >;
  const table = read("../cli/src/operation-commands.ts");
  for (const { operationId } of operations) {
    const cli = samples[operationId!]!.find((s) => s.lang === "Shell");
    // An entry may wrap after its key (Biome breaks long lines there).
    expect(Boolean(cli), operationId).toBe(new RegExp(`^  ${operationId}:\\s+"`, "m").test(table));
    if (cli) expect(cli.source).toMatch(/^hostup [a-z-]+ [a-z-]+( |$)/);
  }
  // Path parameters come from the spec's examples.
  const id = deref(spec, deref(spec, operations.find((o) => o.operationId === "getDomain")!.parameters[0]!).schema).examples[0];
  expect(samples.getDomain!.find((s) => s.lang === "Shell")!.source).toBe(`hostup domains get ${id}`);
});

test("the README table is rewritten between its markers, and only there", () => {
  const dir = mkdtempSync(join(tmpdir(), "hostup-readme-"));
  const copy = join(dir, "README.md");
  copyFileSync(join(PACKAGE, "README.md"), copy);
  writeFileSync(copy, readme.replace(/\| `getJob\(jobId\)` \|[^\n]*/, "| `getJob(jobId)` | stale | `read:everything` |"));
  const run = spawnSync(process.execPath, [GENERATOR, "--out", join(dir, "out"), "--readme", copy, "--check"], { encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("README.md");
  spawnSync(process.execPath, [GENERATOR, "--out", join(dir, "out"), "--readme", copy], { encoding: "utf8" });
  expect(readFileSync(copy, "utf8")).toBe(readme);
});

test("--spec and --out write the SDK's sources only: no tests, samples or README", () => {
  const dir = mkdtempSync(join(tmpdir(), "hostup-out-"));
  const run = spawnSync(
    process.execPath,
    [GENERATOR, "--spec", createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json"), "--out", dir],
    {
      encoding: "utf8",
    },
  );
  expect(run.status).toBe(0);
  expect(readdirSync(dir).sort()).toEqual(["functions.ts", "hints.ts", "methods.ts", "operations.ts", "schemas.ts", "secrets.ts"]);
  for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), "utf8")).toBe(read(`src/generated/${file}`));
  expect(read("README.md")).toBe(readme);
});
