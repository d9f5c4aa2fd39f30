// The parser of HostUp's seed documentation pages (scraped text, /work/shared/seeds style). It reads
// what each page states about its operation; seed-facts.ts keeps the part the conformance test compares.
//
// The pages are parsed generically (field definitions look like `name type[ · enum][ required] · Example:
// value`); the few page-specific facts are commented where they are used.

export const norm = (s: string): string => s.replace(/\s+/g, " ").trim();

const NAME = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\[\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\])?)*`;
const TYPE = String.raw`array<object>|string \| null|stringnull|objectnull|integernull|string|integer|boolean|array|object`;
/**
 * A field definition starts with `name type` followed by whitespace or the end: prose such as
 * "an empty object;" is not followed by whitespace and is ignored.
 */
const FIELD_START = new RegExp(String.raw`(?<=^|\s)(${NAME}) (${TYPE})(?=\s|$)`, "g");
/** The first field of each repeated Problem Details block. */
const PROBLEM_START = "type string · Example: https://developer.hostup.se/errors";
/** The Problem Details blocks every page repeats, in this order. */
export const PROBLEM_STATUSES = ["400", "401", "403", "404", "429", "500"];

export interface FieldDef {
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

export interface ResponseSection {
  status: string;
  /** The heading's description; undefined on page 001, which has no status lines. */
  description: string | undefined;
  noBody: boolean;
  fields: FieldDef[];
}

export type JsonBlockKind = "curl-request" | "response" | "request";

export interface JsonBlock {
  kind: JsonBlockKind;
  name: string | undefined;
  text: string;
}

export interface Page {
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

/** A page type (`string | null`, `stringnull`, `array<object>`) as base type, nullability and object items. */
export function parseType(typeText: string): { base: string; nullable: boolean; itemsObject: boolean } {
  if (typeText === "array<object>") return { base: "array", nullable: false, itemsObject: true };
  const nullable = typeText.endsWith("null");
  const base = nullable ? typeText.replace(/ \| null$/, "").replace(/null$/, "") : typeText;
  return { base, nullable, itemsObject: false };
}

/** The field definitions in `text`, each running up to the next one. */
export function parseFields(text: string): FieldDef[] {
  const matches = [...text.matchAll(FIELD_START)];
  return matches.map((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1]!.index : text.length;
    let body = text.slice(m.index + m[0].length, end).trim();
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

/** The balanced `{…}` blocks of `s` (braces inside JSON strings do not count), in order. */
export function extractJsonBlocks(s: string): { start: number; end: number; text: string }[] {
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

/** The Responses part of a page, one section per status heading (`200 Description.`). */
export function splitResponses(responses: string): { headed: boolean; sections: ResponseSection[] } {
  const headings = [...responses.matchAll(/(?<=^|\s)([1-5]\d\d) (?=[A-Z])/g)];
  if (headings.length === 0) {
    // Page 001: no status lines. The success fields run up to the first Problem Details block; the
    // repeated blocks are, as on every other page, 400, 401, 403, 404, 429 and 500 in that order.
    const parts = responses.split(PROBLEM_START);
    const sections: ResponseSection[] = [{ status: "2xx", description: undefined, noBody: false, fields: parseFields(parts[0]!) }];
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
    const end = i + 1 < headings.length ? headings[i + 1]!.index : responses.length;
    const segment = responses.slice(h.index + h[0].length, end).trim();
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

/** Everything `raw` (one page) states about its operation; `file` names it in errors. */
export function parsePage(file: string, raw: string): Page {
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

  const scope = /Required API scope: (\S+)/.exec(doc)?.[1] ?? /(?<=^|\s)((?:read|write|delete):[a-z_]+)(?=\s|$)/.exec(doc)?.[1];
  if (!scope) throw new Error(`${file}: no required API scope found`);

  const authIndex = lines.indexOf("Authentication");
  const title = authIndex > 0 ? lines[0] : undefined;
  const breadcrumb = authIndex > 0 ? lines.slice(0, authIndex).filter(Boolean).at(-1) : undefined;

  const headersIdx = doc.search(/(?<=^|\s)Headers(?=\s)/);
  const pathParamsIdx = doc.indexOf("Path Parameters");
  const pathParams =
    pathParamsIdx >= 0 && headersIdx > pathParamsIdx ? parseFields(doc.slice(pathParamsIdx + "Path Parameters".length, headersIdx)) : [];

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
  const unlabeledOrder: JsonBlockKind[] = ["response", "request"];
  let previousEnd = 0;
  for (const block of extractJsonBlocks(panel)) {
    const label = panel.slice(previousEnd, block.start).trim().replace(/^'\s*/, "");
    previousEnd = block.end;
    let kind: JsonBlockKind;
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
