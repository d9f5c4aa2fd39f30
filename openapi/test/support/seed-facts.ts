// What HostUp's seed documentation pages state about each operation, reduced to what the conformance
// test compares with the spec. The pages live outside the repository (`<repo root>/../shared/seeds`), so
// these facts are committed in test/seed-facts.json and the spec is checked against that file on every
// machine. `bash scripts/exec pnpm --filter @hostup/openapi seed-facts` regenerates it from the pages; seed-facts.test.ts
// fails when the committed file no longer matches them.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { escapePointer } from "@hostup/openapi/walk";
import { seedFactsProblems } from "./seed-facts-shape.js";
import { type FieldDef, type JsonBlockKind, type Page, parsePage, type ResponseSection } from "./seed-pages.js";

const openapiDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const repoRoot = resolve(openapiDir, "..");
export const SEED_FACTS_PATH = join(openapiDir, "test", "seed-facts.json");
/** Run from the repository root (`bash scripts/exec` puts the repository's pnpm on PATH). */
export const SEED_FACTS_COMMAND = "bash scripts/exec pnpm --filter @hostup/openapi seed-facts";

export interface FieldFact {
  name: string;
  /** As the page writes it: `string`, `string | null`, `stringnull`, `array<object>`, … */
  type: string;
  required: boolean;
  /**
   * The text after `Example:`. For an enum field the example alone; otherwise everything up to the next
   * field, so on a page without line breaks (page 001) the field's description may follow the example.
   */
  example?: string;
  /** The values of a `· enum` field, listed after its example; absent when the page shows no enum. */
  enum?: string[];
  /** The field's description, when the page gives one instead of an example. */
  description?: string;
}

export interface PathParamFact {
  name: string;
  type: string;
  required: boolean;
  example?: string;
}

export interface SectionFact {
  /** `2xx` on page 001, which shows no status lines. */
  status: string;
  description?: string;
  noBody: boolean;
  fields: FieldFact[];
}

export interface JsonExampleFact {
  kind: JsonBlockKind;
  /** The name after `Request Body`, when the panel gives one. */
  name?: string;
  value: unknown;
}

export interface PageFacts {
  file: string;
  title?: string;
  breadcrumb?: string;
  method: string;
  path: string;
  scope: string;
  mentionsBearer: boolean;
  mentionsSessionCookie: boolean;
  curl?: { method: string; path: string };
  pathParams: PathParamFact[];
  bodyRequired: boolean;
  bodyMediaType?: string;
  bodyFields: FieldFact[];
  success: SectionFact[];
  problems: SectionFact[];
  hasStatusLines: boolean;
  json: JsonExampleFact[];
}

export interface SeedFacts {
  about: string;
  pages: PageFacts[];
}

const ABOUT =
  "Facts of HostUp's seed documentation pages (../shared/seeds), extracted by test/support/seed-pages.ts. " +
  `Do not edit: regenerate with \`${SEED_FACTS_COMMAND}\`.`;

/** `HOSTUP_SEEDS_DIR` (relative to the current directory), else `<repo root>/../shared/seeds`. */
export function seedPagesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOSTUP_SEEDS_DIR ? resolve(env.HOSTUP_SEEDS_DIR) : resolve(repoRoot, "..", "shared", "seeds");
}

/** The `*.txt` pages of `dir`, sorted; none when `dir` is not a folder. */
export function seedPageFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
}

function fieldFact(f: FieldDef): FieldFact {
  const fact: FieldFact = { name: f.name, type: f.typeText, required: f.required };
  if (f.isEnum) {
    const [example, ...values] = f.exampleText?.split(" ") ?? [];
    fact.example = example;
    fact.enum = values;
  } else {
    fact.example = f.exampleText;
  }
  if (f.tail !== "") fact.description = f.tail;
  return fact;
}

function sectionFact(s: ResponseSection): SectionFact {
  return { status: s.status, description: s.description, noBody: s.noBody, fields: s.fields.map(fieldFact) };
}

/** The facts of one parsed page: what the conformance test compares, nothing else of its text. */
export function pageFacts(page: Page): PageFacts {
  return {
    file: page.file,
    title: page.title,
    breadcrumb: page.breadcrumb,
    method: page.method,
    path: page.path,
    scope: page.scope,
    mentionsBearer: page.mentionsBearer,
    mentionsSessionCookie: page.mentionsSessionCookie,
    curl: page.curl,
    // Only the example of a path parameter is compared; the description that follows it is not.
    pathParams: page.pathParams.map((p) => ({
      name: p.name,
      type: p.typeText,
      required: p.required,
      example: p.exampleText?.split(" ")[0],
    })),
    bodyRequired: page.bodyRequired,
    bodyMediaType: page.bodyMediaType,
    bodyFields: page.bodyFields.map(fieldFact),
    success: page.success.map(sectionFact),
    problems: page.problems.map(sectionFact),
    hasStatusLines: page.hasStatusLines,
    json: page.json.map((block, index) => {
      let value: unknown;
      try {
        value = JSON.parse(block.text);
      } catch (error) {
        throw new Error(`${page.file}: JSON example #${index + 1} is not JSON (${(error as Error).message})`);
      }
      return { kind: block.kind, name: block.name, value };
    }),
  };
}

/** Drops `undefined` members, as writing and reading the JSON file does. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Parses every page of `dir` into the facts the committed file holds. */
export function extractSeedFacts(dir: string): SeedFacts {
  const pages = seedPageFiles(dir).map((file) => pageFacts(parsePage(file, readFileSync(join(dir, file), "utf8"))));
  return asJson({ about: ABOUT, pages });
}

/** The committed facts, checked for form first so that a broken file fails here and not as odd spec failures. */
export function readSeedFacts(path = SEED_FACTS_PATH): SeedFacts {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`${SEED_FACTS_COMMAND}\` with the seed pages present.`);
  const value: unknown = JSON.parse(readFileSync(path, "utf8"));
  const problems = seedFactsProblems(value);
  if (problems.length > 0) {
    throw new Error(`${path} is not well formed (rerun \`${SEED_FACTS_COMMAND}\`):\n  ${problems.slice(0, 20).join("\n  ")}`);
  }
  return value as SeedFacts;
}

/**
 * JSON with each array and object on one line where that line fits in 100 columns (the width the
 * repository's JSON formatter, Biome, uses, so that formatting the repository leaves the file as it is),
 * so that a changed fact is a one-line diff.
 */
export function formatSeedFacts(facts: SeedFacts): string {
  const WIDTH = 100;
  const inline = (value: unknown): string => {
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
    const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`);
    return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
  };
  /** `value` on a line that starts with `indent` + `prefix` and ends with `suffix`. */
  const format = (value: unknown, indent: string, prefix: string, suffix: string): string => {
    const flat = inline(value);
    if (value === null || typeof value !== "object" || indent.length + prefix.length + flat.length + suffix.length <= WIDTH) {
      return `${indent}${prefix}${flat}${suffix}`;
    }
    const inner = `${indent}  `;
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((item) => ["", item])
      : Object.entries(value).map(([key, item]) => [`${JSON.stringify(key)}: `, item]);
    const lines = entries.map(([key, item], i) => format(item, inner, key, i < entries.length - 1 ? "," : ""));
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    return `${indent}${prefix}${open}\n${lines.join("\n")}\n${indent}${close}${suffix}`;
  };
  return `${format(facts, "", "", "")}\n`;
}

/** Where two JSON values differ, as JSON pointers with both values (at most `limit` of them). */
export function jsonDifferences(committed: unknown, extracted: unknown, limit = 20): string[] {
  const out: string[] = [];
  const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v).slice(0, 120));
  const compare = (a: unknown, b: unknown, at: string): void => {
    if (out.length >= limit) return;
    const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object";
    if (bothObjects && Array.isArray(a) === Array.isArray(b)) {
      const ra = a as Record<string, unknown>;
      const rb = b as Record<string, unknown>;
      for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) compare(ra[key], rb[key], `${at}/${escapePointer(key)}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${at || "/"}: committed ${show(a)}, pages ${show(b)}`);
  };
  compare(committed, extracted, "");
  return out;
}
