// Every statement of HostUp's documentation pages (the seed pages, our source of truth) must be in the
// bundled spec `dist/openapi.json`: operation, scope, security schemes, path parameters, request and
// response fields (type, nullability, required, enum, example), Problem Details fields, status codes and
// their descriptions, and the JSON examples of the code panel.
//
// The pages are scraped text. They are parsed generically (field definitions look like
// `name type[ · enum][ required] · Example: value`); the few page-specific facts are commented where
// they are used. Run `redocly bundle` first (the `bundle` script of this package) so that
// `dist/openapi.json` exists.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, test } from "vitest";

// ---------------------------------------------------------------------------------------------------
// Locations

const here = dirname(fileURLToPath(import.meta.url));
const openapiDir = resolve(here, "..");
const repoRoot = resolve(openapiDir, "..");
/** The seed pages live beside the repository, in `<repo root>/../shared/seeds`. */
const seedsDir = process.env.HOSTUP_SEEDS_DIR
  ? resolve(process.env.HOSTUP_SEEDS_DIR)
  : resolve(repoRoot, "..", "shared", "seeds");
const specPath = join(openapiDir, "dist", "openapi.json");

// ---------------------------------------------------------------------------------------------------
// The bundled spec and `$ref` resolution

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

let specCache: Node | undefined;
function spec(): Node {
  if (specCache === undefined) {
    if (!existsSync(specPath)) {
      throw new Error(
        `Bundled spec not found at ${specPath}. Bundle it first: ` +
          "`redocly bundle openapi.yaml --config redocly.yaml -o dist/openapi.json` (the `bundle` script).",
      );
    }
    specCache = JSON.parse(readFileSync(specPath, "utf8"));
  }
  return specCache;
}

function lookupPointer(ref: string): Node {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are expected in the bundle, got ${ref}`);
  let node: Node = spec();
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) throw new Error(`Unresolvable $ref ${ref}`);
    node = node[key];
  }
  return node;
}

/** The node and the nodes its `$ref`s lead to, nearest first (OpenAPI 3.1 allows siblings of `$ref`). */
function refChain(node: Node): Node[] {
  const chain: Node[] = [];
  let current = node;
  while (current !== null && typeof current === "object") {
    if (chain.includes(current)) throw new Error("Circular $ref");
    chain.push(current);
    if (typeof current.$ref !== "string") break;
    current = lookupPointer(current.$ref);
  }
  return chain;
}

/** Follows `$ref`s to the final node (siblings dropped). */
function deref(node: Node): Node {
  const chain = refChain(node);
  return chain[chain.length - 1];
}

interface SchemaView {
  types: string[] | undefined;
  enum: unknown[] | undefined;
  examples: unknown[];
  descriptions: string[];
  pattern: string | undefined;
  items: Node | undefined;
}

/** What a (property) schema says once its `$ref` chain is followed: nearest definition wins. */
function schemaView(node: Node): SchemaView {
  const chain = refChain(node);
  const first = <K extends string>(key: K): Node => chain.find((n) => n[key] !== undefined)?.[key];
  const type = first("type");
  const examples: unknown[] = [];
  const descriptions: string[] = [];
  for (const n of chain) {
    if (Array.isArray(n.examples)) examples.push(...n.examples);
    if (n.example !== undefined) examples.push(n.example);
    if (typeof n.description === "string") descriptions.push(n.description);
  }
  return {
    types: type === undefined ? undefined : Array.isArray(type) ? type : [type],
    enum: first("enum"),
    examples,
    descriptions,
    pattern: first("pattern"),
    items: first("items"),
  };
}

interface ObjectView {
  properties: Record<string, Node>;
  required: string[];
}

/** Properties and required names of an object schema, following `$ref`s and merging `allOf`. */
function objectView(node: Node): ObjectView {
  const view: ObjectView = { properties: {}, required: [] };
  for (const n of refChain(node)) {
    if (n.properties) for (const [k, v] of Object.entries(n.properties)) view.properties[k] ??= v;
    if (Array.isArray(n.required)) view.required.push(...n.required);
    if (Array.isArray(n.allOf)) {
      for (const part of n.allOf) {
        const sub = objectView(part);
        for (const [k, v] of Object.entries(sub.properties)) view.properties[k] ??= v;
        view.required.push(...sub.required);
      }
    }
  }
  return view;
}

interface ResolvedField {
  parent: ObjectView;
  property: Node;
  required: boolean;
}

/** Finds `a.b`, `errors[].pointer` etc. in an object schema. */
function resolveField(root: Node, dottedName: string): ResolvedField {
  const segments = dottedName.split(".");
  let schema = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const isArray = segment.endsWith("[]");
    const name = isArray ? segment.slice(0, -2) : segment;
    const parent = objectView(schema);
    const property = parent.properties[name];
    if (property === undefined) {
      throw new Error(
        `Property \`${name}\` (of \`${dottedName}\`) is not in the schema; it has: ${Object.keys(parent.properties).join(", ") || "(none)"}`,
      );
    }
    if (i === segments.length - 1) return { parent, property, required: parent.required.includes(name) };
    schema = isArray ? schemaView(property).items : property;
    if (schema === undefined) throw new Error(`\`${name}\` has no \`items\` schema (needed for \`${dottedName}\`)`);
  }
  throw new Error("unreachable");
}

// ---------------------------------------------------------------------------------------------------
// Page parsing

const norm = (s: string): string => s.replace(/\s+/g, " ").trim();

const NAME = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\[\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\])?)*`;
const TYPE = String.raw`array<object>|string \| null|stringnull|objectnull|integernull|string|integer|boolean|array|object`;
/**
 * A field definition starts with `name type` followed by whitespace or the end: prose such as
 * "an empty object;" is not followed by whitespace and is ignored.
 */
const FIELD_START = new RegExp(String.raw`(?<=^|\s)(${NAME}) (${TYPE})(?=\s|$)`, "g");
/** The first field of each repeated Problem Details block. */
const PROBLEM_START = "type string · Example: https://developer.hostup.se/errors";
const PROBLEM_STATUSES = ["400", "401", "403", "404", "429", "500"];
const RATE_LIMIT_HEADERS = ["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

interface FieldDef {
  name: string;
  typeText: string;
  base: string;
  itemsObject: boolean;
  nullable: boolean;
  isEnum: boolean;
  required: boolean;
  /** Text after `Example:` up to the next field (example, then enum values or a description). */
  exampleText: string | undefined;
  /** Text after the type/`required` when there is no example (a description). */
  tail: string;
}

function parseType(typeText: string): { base: string; nullable: boolean; itemsObject: boolean } {
  if (typeText === "array<object>") return { base: "array", nullable: false, itemsObject: true };
  const nullable = typeText.endsWith("null");
  const base = nullable ? typeText.replace(/ \| null$/, "").replace(/null$/, "") : typeText;
  return { base, nullable, itemsObject: false };
}

function parseFields(text: string): FieldDef[] {
  const matches = [...text.matchAll(FIELD_START)];
  return matches.map((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1]!.index! : text.length;
    let body = text.slice(m.index! + m[0].length, end).trim();
    let isEnum = false;
    let required = false;
    if (/^·\s*enum\b/.test(body)) {
      isEnum = true;
      body = body.replace(/^·\s*enum\b\s*/, "");
    }
    if (/^required\b/.test(body)) {
      required = true;
      body = body.replace(/^required\b\s*/, "");
    }
    let exampleText: string | undefined;
    let tail = "";
    const ex = /^(?:·\s*)?Example:\s*/.exec(body);
    if (ex) exampleText = body.slice(ex[0].length).trim();
    else tail = body;
    return { name: m[1]!, typeText: m[2]!, ...parseType(m[2]!), isEnum, required, exampleText, tail };
  });
}

interface ResponseSection {
  status: string;
  /** The heading's description; undefined on page 001, which has no status lines. */
  description: string | undefined;
  noBody: boolean;
  fields: FieldDef[];
}

interface JsonBlock {
  kind: "curl-request" | "response" | "request";
  name: string | undefined;
  text: string;
}

interface Page {
  file: string;
  title: string | undefined;
  breadcrumb: string | undefined;
  method: string;
  path: string;
  scope: string;
  mentionsBearer: boolean;
  mentionsSessionCookie: boolean;
  curl: { method: string; path: string } | undefined;
  pathParams: FieldDef[];
  bodyRequired: boolean;
  bodyMediaType: string | undefined;
  bodyFields: FieldDef[];
  success: ResponseSection[];
  problems: ResponseSection[];
  /** Page 001 shows no status lines. */
  hasStatusLines: boolean;
  json: JsonBlock[];
}

function extractJsonBlocks(s: string): { start: number; end: number; text: string }[] {
  const blocks: { start: number; end: number; text: string }[] = [];
  let i = s.indexOf("{");
  while (i !== -1) {
    let depth = 0;
    let inString = false;
    let escaped = false;
    let j = i;
    for (; j < s.length; j++) {
      const c = s[j];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    if (depth !== 0) throw new Error(`Unbalanced braces in JSON example starting at: ${s.slice(i, i + 60)}…`);
    blocks.push({ start: i, end: j + 1, text: s.slice(i, j + 1) });
    i = s.indexOf("{", j + 1);
  }
  return blocks;
}

function splitResponses(responses: string): { headed: boolean; sections: ResponseSection[] } {
  const headings = [...responses.matchAll(/(?<=^|\s)([1-5]\d\d) (?=[A-Z])/g)];
  if (headings.length === 0) {
    // Page 001: no status lines. The success fields run up to the first Problem Details block; the
    // repeated blocks are, as on every other page, 400, 401, 403, 404, 429 and 500 in that order.
    const parts = responses.split(PROBLEM_START);
    const sections: ResponseSection[] = [
      { status: "2xx", description: undefined, noBody: false, fields: parseFields(parts[0]!) },
    ];
    parts.slice(1).forEach((part, index) => {
      sections.push({
        status: PROBLEM_STATUSES[index] ?? `extra block ${index + 1}`,
        description: undefined,
        noBody: false,
        fields: parseFields(PROBLEM_START + part),
      });
    });
    return { headed: false, sections };
  }
  const sections = headings.map((h, i) => {
    const end = i + 1 < headings.length ? headings[i + 1]!.index! : responses.length;
    const segment = responses.slice(h.index! + h[0].length, end).trim();
    const firstField = new RegExp(FIELD_START.source).exec(segment);
    let description = (firstField ? segment.slice(0, firstField.index) : segment).trim();
    let noBody = false;
    // "No response body" is a marker of the 204, not part of its description.
    if (/\bNo response body$/.test(description)) {
      noBody = true;
      description = description.replace(/\s*No response body$/, "");
    }
    return { status: h[1]!, description, noBody, fields: parseFields(segment) };
  });
  return { headed: true, sections };
}

function parsePage(file: string, raw: string): Page {
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  const text = norm(raw);

  // The operation: `METHOD https://cloud.hostup.se/path`, or (page 001) the bare URL plus `curl -X METHOD`.
  const curlMatch = /curl -X ([A-Z]+) "https:\/\/cloud\.hostup\.se(\/[^"]*)"/.exec(text);
  const curl = curlMatch ? { method: curlMatch[1]!, path: curlMatch[2]! } : undefined;
  let method: string;
  let path: string;
  let operationEnd: number;
  let operationStart: number;
  const opLine = /(?<=^|\s)(GET|POST|PUT|PATCH|DELETE) https:\/\/cloud\.hostup\.se(\/\S*)/.exec(text);
  if (opLine) {
    [method, path] = [opLine[1]!, opLine[2]!];
    operationStart = opLine.index;
    operationEnd = opLine.index + opLine[0].length;
  } else {
    const bare = /(?<=^|\s)https:\/\/cloud\.hostup\.se(\/\S*)(?=\s)/.exec(text);
    if (!bare || !curl) throw new Error(`${file}: no \`METHOD https://cloud.hostup.se/…\` line, nor a bare URL plus cURL`);
    [method, path] = [curl.method, bare[1]!];
    operationStart = bare.index;
    operationEnd = bare.index + bare[0].length;
  }
  const doc = text.slice(0, operationStart);
  const panel = text.slice(operationEnd);

  const scope =
    /Required API scope: (\S+)/.exec(doc)?.[1] ?? /(?<=^|\s)((?:read|write|delete):[a-z_]+)(?=\s|$)/.exec(doc)?.[1];
  if (!scope) throw new Error(`${file}: no required API scope found`);

  const authIndex = lines.indexOf("Authentication");
  const title = authIndex > 0 ? lines[0] : undefined;
  const breadcrumb = authIndex > 0 ? lines.slice(0, authIndex).filter(Boolean).at(-1) : undefined;

  const headersIdx = doc.search(/(?<=^|\s)Headers(?=\s)/);
  const pathParamsIdx = doc.indexOf("Path Parameters");
  const pathParams =
    pathParamsIdx >= 0 && headersIdx > pathParamsIdx
      ? parseFields(doc.slice(pathParamsIdx + "Path Parameters".length, headersIdx))
      : [];

  const headerEndMarker = "Content-Type Example";
  const headerEnd = doc.indexOf(headerEndMarker);
  if (headerEnd < 0) throw new Error(`${file}: no Headers list (\`${headerEndMarker}\`) found`);
  const afterHeaders = doc.slice(headerEnd + headerEndMarker.length);

  let bodyText = "";
  let responsesText: string;
  const responsesIdx = afterHeaders.search(/(?<=^|\s)Responses(?=\s)/);
  if (responsesIdx >= 0) {
    const bodyIdx = afterHeaders.slice(0, responsesIdx).search(/(?<=^|\s)Body(?=\s)/);
    if (bodyIdx >= 0) bodyText = afterHeaders.slice(bodyIdx + "Body".length, responsesIdx).trim();
    responsesText = afterHeaders.slice(responsesIdx + "Responses".length);
  } else {
    // Page 001 has no section words: the fields before `operation` (the first field of the success
    // response) are the request body, the rest is the response (success fields, then Problem blocks).
    const firstResponseField = [...afterHeaders.matchAll(FIELD_START)].find((m) => m[1] === "operation");
    if (!firstResponseField) throw new Error(`${file}: no section words and no \`operation\` field found`);
    bodyText = afterHeaders.slice(0, firstResponseField.index);
    responsesText = afterHeaders.slice(firstResponseField.index);
  }
  const bodyRequired = /^required\b/.test(bodyText);
  const bodyMediaType = /^(?:required\s+)?([a-z]+\/[a-z0-9.+-]+)/.exec(bodyText)?.[1];
  const bodyFields = parseFields(bodyText);

  const { headed, sections } = splitResponses(responsesText);
  const success = sections.filter((s) => !/^[45]/.test(s.status));
  const problems = sections.filter((s) => /^[45]/.test(s.status));

  // Code panel: the cURL `-d '…'` body, then `Response`, then `Request Body <name>`. Page 001 lost the
  // labels in scraping; its unlabeled blocks keep that order (response, then request body).
  const json: JsonBlock[] = [];
  const unlabeledOrder: JsonBlock["kind"][] = ["response", "request"];
  let previousEnd = 0;
  for (const block of extractJsonBlocks(panel)) {
    const label = panel.slice(previousEnd, block.start).trim().replace(/^'\s*/, "");
    previousEnd = block.end;
    let kind: JsonBlock["kind"];
    let name: string | undefined;
    if (/-d '$/.test(label)) kind = "curl-request";
    else if (/(?:^|\s)Response$/.test(label)) kind = "response";
    else if (/(?:^|\s)Request Body(?: .*)?$/.test(label)) {
      kind = "request";
      name = /(?:^|\s)Request Body (.+)$/.exec(label)?.[1]?.trim();
    } else if (label === "") {
      const next = unlabeledOrder.shift();
      if (!next) throw new Error(`${file}: more unlabeled JSON blocks than expected`);
      kind = next;
    } else throw new Error(`${file}: JSON block with unknown label "${label.slice(-60)}"`);
    json.push({ kind, name, text: block.text });
  }

  return {
    file,
    title,
    breadcrumb,
    method,
    path,
    scope,
    mentionsBearer: /Authorization: Bearer/.test(doc),
    mentionsSessionCookie: /\bhostup_session\b/.test(doc),
    curl,
    pathParams,
    bodyRequired,
    bodyMediaType,
    bodyFields,
    success,
    problems,
    hasStatusLines: headed,
    json,
  };
}

// ---------------------------------------------------------------------------------------------------
// Checks

function coerce(text: string, base: string, nullable: boolean): unknown {
  if (nullable && text === "null") return null;
  if (base === "integer" || base === "number") return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (base === "boolean") return text === "true" ? true : text === "false" ? false : text;
  if (base === "array" || base === "object") {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

const isEqual = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);

const describeField = (f: FieldDef): string => {
  const parts = [`${f.typeText}${f.isEnum ? " · enum" : ""}`];
  parts.push(f.required ? "required" : "optional");
  const clip = (s: string) => (s.length > 50 ? `${s.slice(0, 49)}…` : s);
  if (f.exampleText !== undefined) {
    // For non-enum fields a description may follow the example in the same text; the check splits them.
    parts.push(`example ${clip(f.isEnum ? (f.exampleText.split(" ")[0] ?? "") : f.exampleText)}`);
  }
  if (f.tail !== "") parts.push(`described "${clip(f.tail)}"`);
  return `${f.name}: ${parts.join(", ")}`;
};

/** The page's statement about one field holds for `rootSchema`. */
function checkField(rootSchema: Node, f: FieldDef): void {
  const { property, required } = resolveField(rootSchema, f.name);
  const view = schemaView(property);
  const where = `field \`${f.name}\``;

  // type and nullability
  expect(view.types, `${where}: the spec declares no type`).toBeDefined();
  const specBase = view.types!.filter((t) => t !== "null");
  expect(specBase, `${where}: type`).toEqual([f.base]);
  expect(view.types!.includes("null"), `${where}: nullable on the page (${f.typeText}) ⇔ 'null' in the spec's type`).toBe(
    f.nullable,
  );
  if (f.itemsObject) {
    const items = schemaView(view.items);
    expect(items.types, `${where}: array<object> needs object items`).toEqual(["object"]);
  }

  // required
  expect(required, `${where}: required on the page ⇔ listed in the parent's \`required\``).toBe(f.required);

  // enum and example
  const descriptions = view.descriptions.map(norm);
  const describedBy = (text: string) => text === "" || descriptions.some((d) => d.includes(text));
  if (f.isEnum) {
    expect(f.exampleText, `${where}: an enum field needs an example and values`).toBeDefined();
    const [exampleToken, ...values] = f.exampleText!.split(" ");
    expect(values.length, `${where}: enum values found on the page`).toBeGreaterThan(0);
    expect(view.enum, `${where}: enum`).toEqual(values.map((v) => coerce(v, f.base, f.nullable)));
    const example = coerce(exampleToken ?? "", f.base, f.nullable);
    expect(
      view.examples.some((e) => isEqual(e, example)),
      `${where}: page example ${JSON.stringify(example)} in the spec's examples ${JSON.stringify(view.examples)}`,
    ).toBe(true);
  } else {
    expect(view.enum, `${where}: the page shows no enum`).toBeUndefined();
    if (f.exampleText !== undefined) {
      // The example runs to the end of the field, except where a description follows it in the same
      // paragraph (page 001 has no line breaks there): accept `<example> <text of the description>`.
      const tokens = f.exampleText.split(" ");
      const matches = tokens.some((_, i) => {
        const value = coerce(tokens.slice(0, i + 1).join(" "), f.base, f.nullable);
        const rest = tokens.slice(i + 1).join(" ");
        return view.examples.some((e) => isEqual(e, value)) && describedBy(rest);
      });
      expect(
        matches,
        `${where}: page example "${f.exampleText}" must be one of the spec's examples ${JSON.stringify(view.examples)}` +
          " (optionally followed by text of the field's description)",
      ).toBe(true);
    }
  }
  if (f.tail !== "") {
    expect(describedBy(f.tail), `${where}: page description "${f.tail}" in the spec's description ${JSON.stringify(descriptions)}`).toBe(
      true,
    );
  }
}

function operationOf(page: Page): Node {
  const pathItem = spec().paths?.[page.path];
  expect(pathItem, `path ${page.path} in the spec`).toBeDefined();
  const op = pathItem[page.method.toLowerCase()];
  expect(op, `${page.method} ${page.path} in the spec`).toBeDefined();
  return op;
}

function responseOf(page: Page, status: string): Node {
  const responses = operationOf(page).responses ?? {};
  expect(Object.keys(responses), `status ${status} on ${page.method} ${page.path}`).toContain(status);
  return deref(responses[status]);
}

/** The success status of the page; page 001 shows none (see its test). */
function successStatus(page: Page): string {
  return page.hasStatusLines ? (page.success[0]?.status ?? "(none)") : "202";
}

function parametersOf(page: Page): Node[] {
  const pathItem = spec().paths[page.path];
  return [...(pathItem.parameters ?? []), ...(operationOf(page).parameters ?? [])].map(deref);
}

// ---------------------------------------------------------------------------------------------------
// Minimum parse results per operation, so a broken parser cannot pass vacuously.

interface MinCounts {
  pathParams: number;
  body: number;
  response: number;
  problemBlocks: number;
  json: number;
}
const MIN_COUNTS: Record<string, MinCounts> = {
  "POST /api/v2/domains/{id}/actions/status-sync": { pathParams: 1, body: 0, response: 15, problemBlocks: 6, json: 1 },
  "POST /api/v2/domains/bulk/status-sync": { pathParams: 0, body: 1, response: 6, problemBlocks: 6, json: 3 },
  "DELETE /api/v2/domains/{id}": { pathParams: 1, body: 0, response: 0, problemBlocks: 6, json: 1 },
  "PATCH /api/v2/domains/{id}/redirects/{ruleId}": { pathParams: 2, body: 9, response: 16, problemBlocks: 6, json: 3 },
  "POST /api/v2/domains/{id}/dyndns": { pathParams: 1, body: 2, response: 10, problemBlocks: 6, json: 3 },
};
/** type, title, status, detail, code, instance, requestId, timestamp, errors (+3 item fields), extensions */
const MIN_PROBLEM_FIELDS = 13;

// ---------------------------------------------------------------------------------------------------
// Tests

const seedFiles = existsSync(seedsDir)
  ? readdirSync(seedsDir)
      .filter((f) => f.endsWith(".txt"))
      .sort()
  : [];

test("seed pages folder exists and holds the five pages", () => {
  expect(
    existsSync(seedsDir),
    `Seed pages folder not found: ${seedsDir}. It is expected at <repo root>/../shared/seeds; ` +
      "set HOSTUP_SEEDS_DIR to point elsewhere.",
  ).toBe(true);
  expect(seedFiles.length, `*.txt pages in ${seedsDir}`).toBeGreaterThanOrEqual(5);
});

test("bundled spec dist/openapi.json exists", () => {
  expect(() => spec()).not.toThrow();
});

test("security schemes: bearerApiKey is http bearer, dashboardSession is the hostup_session cookie", () => {
  const schemes = spec().components.securitySchemes;
  expect(schemes.bearerApiKey).toMatchObject({ type: "http", scheme: "bearer" });
  expect(schemes.dashboardSession).toMatchObject({ type: "apiKey", in: "cookie", name: "hostup_session" });
});

const pages: Page[] = [];
for (const file of seedFiles) {
  const raw = readFileSync(join(seedsDir, file), "utf8");
  let page: Page;
  try {
    page = parsePage(file, raw);
  } catch (error) {
    test(`${file}: page can be parsed`, () => {
      throw error;
    });
    continue;
  }
  pages.push(page);
  const opName = `${page.method} ${page.path}`;

  describe(`${basename(file)} — ${page.title ?? "(untitled page)"} — ${opName}`, () => {
    test("parser finds the page's statements (minimum counts)", () => {
      const min = MIN_COUNTS[opName];
      expect(min, `${opName} is one of the known seed operations`).toBeDefined();
      if (!min) return;
      expect(page.pathParams.length, "path parameters").toBeGreaterThanOrEqual(min.pathParams);
      expect(page.bodyFields.length, "request body fields").toBeGreaterThanOrEqual(min.body);
      expect(page.success.flatMap((s) => s.fields).length, "success response fields").toBeGreaterThanOrEqual(min.response);
      expect(page.problems.length, "Problem Details blocks").toBeGreaterThanOrEqual(min.problemBlocks);
      for (const p of page.problems) {
        expect(p.fields.length, `fields of the ${p.status} Problem block`).toBeGreaterThanOrEqual(MIN_PROBLEM_FIELDS);
      }
      expect(page.json.length, "JSON examples").toBeGreaterThanOrEqual(min.json);
    });

    test(`operation ${opName} exists`, () => {
      operationOf(page);
    });

    if (page.title !== undefined) {
      test(`summary is the page title "${page.title}"`, () => {
        expect(operationOf(page).summary).toBe(page.title);
      });
    }

    if (page.breadcrumb !== undefined) {
      test(`tag from the breadcrumb "${page.breadcrumb}"`, () => {
        const groups: Node[] = spec()["x-tagGroups"] ?? [];
        const group = groups.find((g) => page.breadcrumb!.startsWith(`${g.name} `));
        expect(group, `a tag group that prefixes "${page.breadcrumb}"`).toBeDefined();
        const tag = page.breadcrumb!.slice(group.name.length + 1);
        expect(group.tags).toContain(tag);
        expect(operationOf(page).tags).toEqual([tag]);
        expect((spec().tags ?? []).map((t: Node) => t.name)).toContain(tag);
      });
    }

    if (page.curl) {
      test(`cURL is ${page.curl.method} ${page.curl.path}`, () => {
        expect(page.curl!.method).toBe(page.method);
        const examples = Object.fromEntries(page.pathParams.map((p) => [p.name, p.exampleText?.split(" ")[0]]));
        const expected = page.path.replace(/\{(\w+)\}/g, (_, name: string) => examples[name] ?? `{${name}}`);
        expect(page.curl!.path).toBe(expected);
      });
    }

    test(`security: every requirement has exactly scope ${page.scope}; bearerApiKey and dashboardSession offered`, () => {
      const op = operationOf(page);
      const requirements: Node[] = op.security ?? spec().security;
      expect(requirements?.length, "security requirements").toBeGreaterThan(0);
      for (const requirement of requirements) {
        const entries = Object.entries(requirement);
        expect(entries.length, "an anonymous (empty) requirement would make the scope optional").toBeGreaterThan(0);
        for (const [scheme, scopes] of entries) expect(scopes, `scopes of ${scheme}`).toEqual([page.scope]);
      }
      const offered = requirements.flatMap((r) => Object.keys(r));
      expect(page.mentionsBearer, "page mentions Authorization: Bearer").toBe(true);
      expect(page.mentionsSessionCookie, "page mentions hostup_session").toBe(true);
      expect(offered).toContain("bearerApiKey");
      expect(offered).toContain("dashboardSession");
    });

    for (const p of page.pathParams) {
      const example = p.exampleText?.split(" ")[0];
      test(`path parameter ${p.name}: ${p.typeText}${p.required ? ", required" : ""}, example ${example} matches the pattern`, () => {
        const param = parametersOf(page).find((x) => x.name === p.name && x.in === "path");
        expect(param, `path parameter ${p.name}`).toBeDefined();
        expect(page.path).toContain(`{${p.name}}`);
        expect(p.required, "the page marks it required").toBe(true);
        expect(param.required).toBe(true);
        const view = schemaView(param.schema);
        expect(view.types).toEqual([p.base]);
        expect(view.pattern, "schema pattern").toBeDefined();
        expect(example).toMatch(new RegExp(view.pattern!));
        const examples = [param.example, ...Object.values(param.examples ?? {}).map((e: Node) => deref(e).value), ...view.examples];
        expect(examples).toContain(example);
      });
    }

    if (page.bodyRequired || page.bodyMediaType) {
      test(`request body${page.bodyRequired ? " required" : ""}${page.bodyMediaType ? `, ${page.bodyMediaType}` : ""}`, () => {
        const body = deref(operationOf(page).requestBody);
        expect(body, "requestBody").toBeDefined();
        if (page.bodyRequired) expect(body.required).toBe(true);
        if (page.bodyMediaType) expect(Object.keys(body.content ?? {})).toContain(page.bodyMediaType);
      });
    }

    if (page.bodyFields.length > 0) {
      describe("request body fields", () => {
        for (const f of page.bodyFields) {
          test(`field ${describeField(f)}`, () => {
            const body = deref(operationOf(page).requestBody);
            expect(body, "requestBody").toBeDefined();
            const schema = body.content?.["application/json"]?.schema;
            expect(schema, "application/json request schema").toBeDefined();
            checkField(schema, f);
          });
        }
      });
    }

    if (!page.hasStatusLines) {
      // Page 001 shows no status lines. HostUp's API reference documents 202 Accepted for this queued
      // job, and the page repeats the same six Problem Details blocks as every other page.
      test("status 202 (from HostUp's reference; the page shows no status lines) and statuses 400/401/403/404/429/500", () => {
        const statuses = Object.keys(operationOf(page).responses ?? {});
        for (const s of ["202", ...PROBLEM_STATUSES]) expect(statuses, `status ${s}`).toContain(s);
        expect(page.problems.map((p) => p.status)).toEqual(PROBLEM_STATUSES);
      });
    }

    for (const section of page.success) {
      if (section.description !== undefined) {
        test(`status ${section.status} "${section.description}"${section.noBody ? " (no response body)" : ""}`, () => {
          const response = responseOf(page, section.status);
          expect(norm(response.description ?? "")).toContain(section.description);
          if (section.noBody) expect(response.content, `${section.status} has no content`).toBeUndefined();
        });
      }
      if (section.fields.length > 0) {
        describe(`${page.hasStatusLines ? section.status : "success"} response fields`, () => {
          for (const f of section.fields) {
            test(`field ${describeField(f)}`, () => {
              const status = page.hasStatusLines ? section.status : successStatus(page);
              const schema = responseOf(page, status).content?.["application/json"]?.schema;
              expect(schema, `application/json schema of ${status}`).toBeDefined();
              checkField(schema, f);
            });
          }
        });
      }
    }

    for (const problem of page.problems) {
      describe(`${problem.status} Problem Details${problem.description ? ` "${problem.description}"` : ""}`, () => {
        test(`status ${problem.status} exists${problem.description ? " with the page's description" : ""}, application/problem+json Problem`, () => {
          const response = responseOf(page, problem.status);
          if (problem.description !== undefined) expect(norm(response.description ?? "")).toContain(problem.description);
          expect(Object.keys(response.content ?? {})).toEqual(["application/problem+json"]);
          expect(response.content["application/problem+json"].schema?.$ref).toBe("#/components/schemas/Problem");
        });
        for (const f of problem.fields) {
          test(`field ${describeField(f)}`, () => {
            const schema = responseOf(page, problem.status).content?.["application/problem+json"]?.schema;
            expect(schema, `application/problem+json schema of ${problem.status}`).toBeDefined();
            checkField(schema, f);
          });
        }
      });
    }

    test("every error status is application/problem+json only; 429 declares the rate-limit headers", () => {
      const responses = operationOf(page).responses ?? {};
      const errors = Object.keys(responses).filter((s) => /^[45]/.test(s));
      expect(errors.length).toBeGreaterThan(0);
      for (const status of errors) {
        expect(Object.keys(deref(responses[status]).content ?? {}), `media types of ${status}`).toEqual([
          "application/problem+json",
        ]);
      }
      const headers = deref(responses["429"])?.headers ?? {};
      for (const h of RATE_LIMIT_HEADERS) expect(Object.keys(headers), `429 header ${h}`).toContain(h);
    });

    page.json.forEach((block, index) => {
      const label =
        block.kind === "curl-request"
          ? "cURL -d request body"
          : block.kind === "request"
            ? `Request Body${block.name ? ` "${block.name}"` : ""}`
            : "Response";
      test(`JSON example #${index + 1} (${label}) equals a named example of the operation`, () => {
        const value = JSON.parse(block.text);
        const op = operationOf(page);
        if (block.kind === "response") {
          const status = successStatus(page);
          const response = responseOf(page, status);
          if (page.success[0]?.noBody) {
            // Page 002 shows `{}` in its response panel, but the status is 204 No Content.
            expect(value).toEqual({});
            expect(response.content, `${status} has no content`).toBeUndefined();
            return;
          }
          const examples = Object.values(response.content?.["application/json"]?.examples ?? {}).map(deref);
          expect(examples.map((e) => e.value)).toContainEqual(value);
        } else {
          const body = deref(op.requestBody);
          const examples: Node[] = Object.values(body?.content?.["application/json"]?.examples ?? {}).map(deref);
          if (block.name !== undefined) {
            const named = examples.find((e) => e.summary === block.name);
            expect(named, `request example with summary "${block.name}"`).toBeDefined();
            expect(named.value).toEqual(value);
          } else {
            expect(examples.map((e) => e.value)).toContainEqual(value);
          }
        }
      });
    });
  });
}

test("every known seed operation was found among the pages", () => {
  const found = pages.map((p) => `${p.method} ${p.path}`);
  for (const op of Object.keys(MIN_COUNTS)) expect(found).toContain(op);
});
