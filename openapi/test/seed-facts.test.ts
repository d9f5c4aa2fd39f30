// test/seed-facts.json against HostUp's seed pages. The pages live outside the repository
// (`<repo root>/../shared/seeds`, or HOSTUP_SEEDS_DIR), so a clone may not have them. The spec is then
// still checked against the committed facts (seed-conformance.test.ts), and the second test below says,
// in its name and on stderr, that the facts were not compared with the pages, and checks only that they
// cover the five pages. It passes there: wherever the pages are present this file fails until the facts
// match them, so a commit that changed one without the other does not pass there. It is not skipped, so
// that every run states what it checked.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { seedFactsProblems } from "./support/seed-facts-shape.js";
import {
  extractSeedFacts,
  formatSeedFacts,
  jsonDifferences,
  readSeedFacts,
  SEED_FACTS_COMMAND,
  SEED_FACTS_PATH,
  seedPageFiles,
  seedPagesDir,
} from "./support/seed-facts.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pagesDir = seedPagesDir();
const pageFiles = seedPageFiles(pagesDir);

describe("test/seed-facts.json", () => {
  test("is well formed, and formatted as the extraction script writes it", () => {
    const text = readFileSync(SEED_FACTS_PATH, "utf8");
    const value: unknown = JSON.parse(text);
    expect(seedFactsProblems(value)).toEqual([]);
    expect(text, `format it by rerunning \`${SEED_FACTS_COMMAND}\``).toBe(formatSeedFacts(readSeedFacts()));
  });

  if (pageFiles.length > 0) {
    test(`is what the page parser extracts from the ${pageFiles.length} pages in ${pagesDir}`, () => {
      const differences = jsonDifferences(readSeedFacts(), extractSeedFacts(pagesDir));
      expect(
        differences,
        `The seed pages in ${pagesDir} and the committed ${SEED_FACTS_PATH} differ. If the pages (or the parser) ` +
          `changed, rerun \`${SEED_FACTS_COMMAND}\`, review the diff and fix the spec where the conformance test then fails.`,
      ).toEqual([]);
    });
  } else {
    test(`seed pages not found in ${pagesDir}: the spec is checked against the committed facts only`, () => {
      console.warn(
        `Note: no seed pages (*.txt) in ${pagesDir}, so ${SEED_FACTS_PATH} was not compared with them. ` +
          "Put HostUp's pages in <repo root>/../shared/seeds or set HOSTUP_SEEDS_DIR to check that too.",
      );
      const { pages } = readSeedFacts();
      expect(pages.length, "pages in the committed facts").toBeGreaterThanOrEqual(5);
      expect(new Set(pages.map((p) => p.file)).size, "one entry per page file").toBe(pages.length);
    });
  }
});

describe("the form check of the facts file", () => {
  test("names a misspelt, a missing and a mistyped member by its JSON pointer", () => {
    const facts = structuredClone(readSeedFacts()) as unknown as { pages: Record<string, unknown>[] };
    const page = facts.pages[0]!;
    page.scopes = page.scope;
    delete page.scope;
    page.hasStatusLines = "yes";
    expect(seedFactsProblems(facts)).toEqual([
      "/pages/0/scope: missing",
      '/pages/0/hasStatusLines: expected true or false, got "yes"',
      "/pages/0/scopes: unknown member",
    ]);
    expect(seedFactsProblems({ about: "x", pages: [] })).toEqual(["/pages: no page"]);
    expect(seedFactsProblems([])).toEqual(["/: expected an object"]);
  });
});

describe("where the seed pages are looked for", () => {
  test("HOSTUP_SEEDS_DIR when set (nothing else), else <repo root>/../shared/seeds", () => {
    expect(seedPagesDir({ HOSTUP_SEEDS_DIR: "/nonexistent" })).toBe("/nonexistent");
    expect(seedPagesDir({ HOSTUP_SEEDS_DIR: "pages" })).toBe(resolve("pages"));
    expect(seedPagesDir({})).toBe(resolve(repoRoot, "..", "shared", "seeds"));
    expect(seedPagesDir({ HOSTUP_SEEDS_DIR: "" })).toBe(resolve(repoRoot, "..", "shared", "seeds"));
  });

  test("a missing folder, a file and a folder without *.txt pages all count as no pages", () => {
    expect(seedPageFiles("/nonexistent/seeds")).toEqual([]);
    expect(seedPageFiles(SEED_FACTS_PATH)).toEqual([]);
    expect(seedPageFiles(resolve(repoRoot, "openapi", "lib"))).toEqual([]);
  });
});

describe("jsonDifferences (the drift report)", () => {
  test("names each differing member by its JSON pointer, with both values", () => {
    const committed = { pages: [{ path: "/a", fields: [{ name: "x~/y", type: "string" }] }] };
    const extracted = { pages: [{ path: "/a", fields: [{ name: "x~/y", type: "integer" }, { name: "z" }] }], extra: true };
    expect(jsonDifferences(committed, extracted)).toEqual([
      '/pages/0/fields/0/type: committed "string", pages "integer"',
      '/pages/0/fields/1: committed (absent), pages {"name":"z"}',
      "/extra: committed (absent), pages true",
    ]);
    expect(jsonDifferences({ "a/b": [1] }, { "a/b": { 0: 1 } })).toEqual(['/a~1b: committed [1], pages {"0":1}']);
    expect(jsonDifferences(committed, structuredClone(committed))).toEqual([]);
  });

  test("stops at the limit", () => {
    expect(jsonDifferences([1, 2, 3, 4], [5, 6, 7, 8], 2)).toHaveLength(2);
  });
});
