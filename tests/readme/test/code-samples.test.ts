// The API reference's samples (packages/sdk/docs/generated/code-samples.json, generated from the
// spec) are tested like the READMEs: every TypeScript sample compiles against the built SDK, every
// `hostup` command runs against the Prism mock, every operation of the rendered docs shows them,
// and the bundle that the types, the SDK and the mock read carries none.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMockServer, type MockServer } from "@hostup/mock";
import type { CodeBlock } from "./markdown.js";
import { formatProblems, typecheckBlocks } from "./typecheck.js";

const repoRoot = resolve(import.meta.dirname, "../../..");
const SAMPLES = "packages/sdk/docs/generated/code-samples.json";
const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");

interface Sample {
  lang: string;
  label: string;
  source: string;
}
const samples = (JSON.parse(read(SAMPLES)) as { operations: Record<string, Sample[]> }).operations;
const bundle = JSON.parse(read("openapi/dist/openapi.json")) as { paths: Record<string, Record<string, { operationId?: string }>> };
const operationIds = Object.values(bundle.paths).flatMap((item) =>
  Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])),
);
const of = (lang: string) =>
  Object.entries(samples).flatMap(([id, list]) => list.filter((s) => s.lang === lang).map((s) => [id, s.source] as const));

test("every operation of the bundle has an SDK sample calling its method, and no sample names another", () => {
  expect(Object.keys(samples).sort()).toEqual([...operationIds].sort());
  for (const [id, source] of of("TypeScript")) expect(source).toMatch(new RegExp(`await hostup\\.${id}\\(`));
  expect(
    of("TypeScript")
      .map(([id]) => id)
      .sort(),
  ).toEqual([...operationIds].sort());
});

describe("TypeScript samples compile against the built SDK", () => {
  const blocks: CodeBlock[] = of("TypeScript").map(([id, code]) => ({ file: `${SAMPLES}#${id}`, line: 1, lang: "ts", code }));
  test.each(typecheckBlocks(blocks).map((c) => [c.block.file, c] as const))("%s", (_name, c) => {
    expect(c.prelude).toEqual([]);
    expect(c.problems, `\n${formatProblems(c.problems)}\n`).toEqual([]);
  });
});

describe("CLI samples run against the Prism mock", () => {
  const cli = join(dirname(createRequire(import.meta.url).resolve("@hostup/cli/package.json")), "bin/hostup.js");
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ errors: true });
  });
  afterAll(async () => {
    await mock?.close();
  });

  test.each(of("Shell"))("%s", (_id, source) => {
    // One command, its continuation lines joined; the generator quotes words with '…' only.
    const words = [...source.replace(/\\\n\s*/g, " ").matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
      (m[1] ?? m[2])!.replace(/'\\''/g, "'"),
    );
    expect(words[0]).toBe("hostup");
    const run = spawnSync(process.execPath, [cli, ...words.slice(1), "--json"], {
      encoding: "utf8",
      env: {
        ...process.env,
        HOSTUP_API_KEY: "hk_test_samples",
        HOSTUP_BASE_URL: mock.url,
        HOSTUP_CONFIG: join(repoRoot, "no-config.json"),
      },
      timeout: 30_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});

describe("the rendered API reference shows the samples; the bundle has none", () => {
  const docsSpec = JSON.parse(read("openapi/dist/docs/openapi.json")) as typeof bundle;
  const html = read("openapi/dist/docs/index.html");

  test.each(operationIds)("%s", (id) => {
    const operation = Object.values(docsSpec.paths)
      .flatMap((item) => Object.values(item))
      .find((op) => op?.operationId === id) as { "x-codeSamples"?: Sample[] } | undefined;
    expect(operation?.["x-codeSamples"]).toStrictEqual(samples[id]);
    // Redoc inlines the document it renders: each sample's source, JSON-escaped.
    for (const sample of samples[id]!) expect(html).toContain(JSON.stringify(sample.source).slice(1, -1));
  });

  test("dist/openapi.json, which the types, the SDK and the mock read, carries no x-codeSamples", () => {
    expect(read("openapi/dist/openapi.json")).not.toContain("x-codeSamples");
  });
});
