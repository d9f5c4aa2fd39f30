// octoDNS's zone files: top-level keys are names relative to the zone (`''` the apex), each value one
// record or a list of them, a record `{type, ttl, value | values, octodns}`. MX values are
// `{exchange, preference}`, SRV `{priority, weight, port, target}`, CAA `{flags, tag, value}`, TLSA
// `{certificate_usage, selector, matching_type, certificate_association_data}`; targets absolute
// (trailing dot); `;` in TXT escaped as `\;`. Read as octoDNS reads it: anchors, aliases and merge keys
// (`<<`) resolved; `octodns: {ignored: true}` leaves the set alone. A tag such as `!include` is refused
// with its line, never read as text.
import { type Alias, Document, Scalar, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit, YAMLMap } from "yaml";
import { absoluteTarget, excerpt, relativeName, zoneName } from "../records/names.js";
import { caaParts, caaValue, tlsaParts } from "../records/values.js";
import type { RecordSet, SkippedSet, SourceRef, ZoneFile, ZoneProblem, ZoneValue } from "./model.js";
import type { ParseOptions } from "./bind.js";
import { sortedSets, splitSystemSets } from "./sets.js";

const RECORD_KEYS = new Set(["type", "ttl", "value", "values", "octodns"]);
const YAML11_TRUE = new Set(["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"]);
const PLAIN_TAGS = new Set(["tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"]);

class Refused extends Error {}

/** The sets of an octoDNS YAML zone file and every problem found reading it. */
export function readYamlZone(text: string, options: ParseOptions = {}): { zone: ZoneFile; problems: ZoneProblem[] } {
  const file = options.file;
  const lineCounter = new LineCounter();
  // Failsafe: every scalar a string, so that names and TXT such as `1.10` or `no` stay as written.
  // Duplicate keys are found below in one pass (the parser's own check compares every pair of keys).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: false, schema: "failsafe" });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const at = (line: number | undefined, key?: string): SourceRef => ({
    ...(file !== undefined && { file }),
    ...(line !== undefined && { line }),
    ...(key !== undefined && { key }),
  });
  const problems: ZoneProblem[] = [];
  const origin = options.origin === undefined ? undefined : zoneName(options.origin);
  const empty = { zone: { ...(origin !== undefined && { origin }), sets: [], skipped: [] }, problems };
  for (const error of doc.errors)
    problems.push({ message: `not valid YAML: ${error.message.split("\n")[0]}`, source: at(lineCounter.linePos(error.pos[0]).line) });
  if (problems.length > 0) return empty;
  visit(doc, {
    Node(_, node) {
      if (node.tag && !PLAIN_TAGS.has(node.tag)) {
        const include = node.tag === "!include" ? " (octoDNS's !include reads another file: put its records in this file)" : "";
        problems.push({ message: `the tag ${excerpt(node.tag, 30)} is not read${include}.`, source: at(lineOf(node)) });
      }
      // An alias whose anchor is not set before it, a merge key (`<<`) on anything but mappings: toJS would throw.
      if (isAlias(node) && node.resolve(doc) === undefined)
        problems.push({ message: `the alias ${excerpt(`*${node.source}`, 30)} has no anchor (&) before it.`, source: at(lineOf(node)) });
    },
    Pair(_, pair) {
      if (!isScalar(pair.key) || typeof pair.key.value !== "symbol") return;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      const resolved = sources.map((item) => (isAlias(item) ? item.resolve(doc) : item));
      if (resolved.some((item) => item !== undefined && !isMap(item)))
        problems.push({ message: "a merge key (<<) takes a mapping or a list of mappings.", source: at(lineOf(pair.key as Node)) });
    },
  });
  if (problems.length > 0) return empty;
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ""))) return empty;
  if (!isMap(doc.contents)) {
    problems.push({ message: "an octoDNS zone file is a mapping of names to records.", source: at(1) });
    return empty;
  }
  const sets: RecordSet[] = [];
  const ignored: SkippedSet[] = [];
  const names = new Map<string, number | undefined>();
  const resolve = (node: unknown): Node | null => (isAlias(node) ? ((node as Alias).resolve(doc) ?? null) : (node as Node | null));
  for (const pair of doc.contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : undefined;
    // A merge key's value is a symbol: octoDNS would merge names in here; they are to be written out.
    const merge = typeof keyNode?.value === "symbol";
    const key = keyNode && !merge ? String(keyNode.value ?? "") : "<<";
    const shownKey = key === "" ? "''" : key;
    const keySource = at(lineOf(keyNode ?? (pair.key as Node)), shownKey);
    if (!keyNode || key === "<<") {
      problems.push({
        message: merge ? "a merge key (<<) is not read at the top level: write the names out." : "a name must be a plain string.",
        source: keySource,
      });
      continue;
    }
    if (names.has(key)) {
      problems.push({
        message: `${excerpt(shownKey)} is given twice (first on line ${names.get(key)}): give the name once, with a list of records.`,
        source: keySource,
      });
      continue;
    }
    names.set(key, keySource.line);
    const name = key === "" ? "@" : relativeName(key, origin ?? "");
    if (name === undefined || (key.endsWith(".") && origin === undefined)) {
      problems.push({
        message: `${excerpt(key)} is ${origin === undefined ? "an absolute name, but the zone's name is not known" : `outside the zone ${origin}`}: names are relative to the zone.`,
        source: keySource,
      });
      continue;
    }
    const value = resolve(pair.value);
    // A list item's line is its own; a single record's is its name's.
    const items = isSeq(value)
      ? value.items.map((item, i) => ({ node: resolve(item), key: `${shownKey} [${i}]`, line: lineOf(item as Node) }))
      : [{ node: value, key: shownKey, line: keySource.line }];
    for (const item of items) {
      const source = at(item.line ?? keySource.line, item.key);
      if (!isMap(item.node)) {
        problems.push({ message: "a record is a mapping with type and value or values.", source });
        continue;
      }
      // Each record's own data (a name given twice keeps its own), aliases and merge keys resolved, alias
      // expansion bounded by the parser; Maps, not objects, so a key such as `__proto__` is data.
      let data: unknown;
      try {
        data = item.node.toJS(doc, { mapAsMap: true });
      } catch (error) {
        const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : "";
        problems.push({ message: `not valid YAML: ${excerpt(message, 120)}`, source });
        continue;
      }
      try {
        const read = readRecord(item.node, plain(data) as Record<string, unknown>, name, source, lineOf, resolve, problems);
        if (read?.ignored) ignored.push({ set: read.set, reason: "octodns: ignored: true (octoDNS leaves it alone, and so does plan)" });
        else if (read) sets.push(read.set);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
      }
    }
  }
  const split = splitSystemSets(sets);
  return { zone: { ...(origin !== undefined && { origin }), sets: split.sets, skipped: [...split.skipped, ...ignored] }, problems };
}

/** Maps as objects without a prototype (a key such as `__proto__` stays a key), lists and strings as they are. */
function plain(value: unknown): unknown {
  if (value instanceof Map) {
    const object: Record<string, unknown> = Object.create(null);
    for (const [key, item] of value) object[String(key)] = plain(item);
    return object;
  }
  return Array.isArray(value) ? value.map(plain) : value;
}

function readRecord(
  node: YAMLMap,
  record: Record<string, unknown>,
  name: string,
  source: SourceRef,
  lineOf: (node: Node | null | undefined) => number | undefined,
  resolve: (node: unknown) => Node | null,
  problems: ZoneProblem[],
): { set: RecordSet; ignored: boolean } | undefined {
  const refuse = (message: string, where = source): never => {
    problems.push({ message, source: where });
    throw new Refused();
  };
  for (const key of Object.keys(record)) {
    if (!RECORD_KEYS.has(key))
      refuse(
        `unknown key ${excerpt(key, 30)} (a record has type, ttl, value or values, octodns${key === "dynamic" || key === "geo" ? "; dynamic and geo records are octoDNS features HostUp has no equivalent of" : ""}).`,
      );
  }
  if (typeof record.type !== "string" || record.type.trim() === "") refuse("the record has no type.");
  const type = (record.type as string).trim().toUpperCase();
  const meta = record.octodns;
  // octoDNS reads YAML 1.1: `True`, `yes` and `on` are true too.
  const ignored = typeof meta === "object" && meta !== null && YAML11_TRUE.has(String((meta as Record<string, unknown>).ignored));
  let ttl: number | undefined;
  if (record.ttl !== undefined && record.ttl !== null && record.ttl !== "") {
    if (!/^\d{1,10}$/.test(String(record.ttl))) refuse(`ttl ${excerpt(String(record.ttl), 20)} is not a whole number of seconds.`);
    ttl = Number(record.ttl);
  }
  if ("value" in record && "values" in record) refuse("give value or values, not both.");
  const many = "values" in record;
  const raw = many ? record.values : record.value;
  if (raw === undefined || raw === null || raw === "") refuse(`the record has no ${many ? "values" : "value"}.`);
  if (type === "SPF") refuse("SPF records are obsolete (RFC 7208): HostUp keeps SPF policies as TXT records; write this one as TXT.");
  const list = many && Array.isArray(raw) ? raw : [raw];
  const valuesNode = resolve(node.get(many ? "values" : "value", true));
  const values: ZoneValue[] = [];
  list.forEach((value, i) => {
    const itemNode = isSeq(valuesNode) ? (valuesNode.items[i] as Node) : valuesNode;
    const valueSource = {
      ...source,
      line: lineOf(itemNode) ?? source.line,
      key: many ? `${source.key}.values[${i}]` : `${source.key}.value`,
    };
    try {
      values.push({ ...readValue(type, value, valueSource, refuse), source: valueSource });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
    }
  });
  // Every value refused (and said so): the set is not read, rather than said to have no values.
  if (values.length === 0 && list.length > 0) return undefined;
  return { set: { name, type, ...(ttl !== undefined && { ttl }), values, source }, ignored };
}

function readValue(type: string, raw: unknown, source: SourceRef, refuse: (message: string, where?: SourceRef) => never): ZoneValue {
  const fail = (message: string): never => refuse(message, source);
  const object = (fields: string[]): Record<string, unknown> => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(`a ${type} value is a mapping of ${fields.join(", ")}.`);
    const value = raw as Record<string, unknown>;
    for (const field of fields) if (value[field] === undefined || value[field] === null) fail(`the ${type} value has no ${field}.`);
    return value;
  };
  const text = (value: unknown, what: string): string => (typeof value === "string" ? value : fail(`${what} must be a string.`));
  const int = (value: unknown, what: string): number => {
    if (typeof value !== "string" || !/^\d{1,10}$/.test(value.trim())) fail(`${what} ${excerpt(String(value), 20)} is not a whole number.`);
    return Number(value);
  };
  switch (type) {
    case "MX": {
      // octoDNS still reads the older {priority, value} form.
      const legacy = typeof raw === "object" && raw !== null && "value" in raw && !("exchange" in raw);
      const v = legacy ? object(["priority", "value"]) : object(["exchange", "preference"]);
      return {
        value: absoluteTarget(text(legacy ? v.value : v.exchange, "exchange"), undefined),
        priority: int(legacy ? v.priority : v.preference, "preference"),
      };
    }
    case "SRV": {
      const v = object(["priority", "weight", "port", "target"]);
      return {
        value: absoluteTarget(text(v.target, "target"), undefined),
        priority: int(v.priority, "priority"),
        weight: int(v.weight, "weight"),
        port: int(v.port, "port"),
      };
    }
    case "CAA": {
      const v = object(["tag", "value"]);
      return {
        value: caaValue(v.flags === undefined || v.flags === "" ? 0 : int(v.flags, "flags"), text(v.tag, "tag"), text(v.value, "value")),
      };
    }
    case "TLSA": {
      const v = object(["certificate_usage", "selector", "matching_type", "certificate_association_data"]);
      const data = text(v.certificate_association_data, "certificate_association_data");
      return {
        value: `${int(v.certificate_usage, "certificate_usage")} ${int(v.selector, "selector")} ${int(v.matching_type, "matching_type")} ${data}`,
      };
    }
    case "TXT":
      return { value: text(raw, "a TXT value").replace(/\\;/g, ";") };
    case "CNAME":
    case "ALIAS":
    case "NS":
      return { value: absoluteTarget(text(raw, `a ${type} value`), undefined) };
    default:
      return { value: typeof raw === "string" ? raw : fail(`a ${excerpt(type, 20)} value must be a string.`) };
  }
}

function writeValue(type: string, value: ZoneValue): unknown {
  const target = (name: string) => (name === "." || name.endsWith(".") ? name : `${name}.`);
  switch (type) {
    case "MX":
      return { exchange: target(value.value), preference: value.priority ?? 0 };
    case "SRV":
      return { port: value.port ?? 0, priority: value.priority ?? 0, target: target(value.value), weight: value.weight ?? 0 };
    case "CAA": {
      const parts = caaParts(value.value);
      return parts ? { flags: parts.flags, tag: parts.tag, value: parts.value } : value.value;
    }
    case "TLSA": {
      const parts = tlsaParts(value.value);
      return parts
        ? {
            certificate_association_data: parts.data,
            certificate_usage: parts.usage,
            matching_type: parts.matchingType,
            selector: parts.selector,
          }
        : value.value;
    }
    case "TXT":
      return pyYamlSafe(value.value.replace(/;/g, "\\;"));
    case "CNAME":
    case "ALIAS":
    case "NS":
      return target(value.value);
    default:
      return value.value;
  }
}

/**
 * What PyYAML (octoDNS's reader) would not read back as this string, written quoted: a plain `=` is its
 * `value` tag and `<<` its `merge`, and a tab or another control character cannot stand in a plain scalar.
 */
function pyYamlSafe(text: string): string | Scalar {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what needs quoting
  if (text !== "=" && text !== "<<" && !/[\x00-\x1f\x7f]/.test(text)) return text;
  const scalar = new Scalar(text);
  scalar.type = "QUOTE_DOUBLE";
  // The 1.1 merge tag claims `<<` however it is quoted: `!!str "<<"` it is, which PyYAML and this reader take.
  if (text === "<<") scalar.tag = "tag:yaml.org,2002:str";
  return scalar;
}

/** The zone as octoDNS writes it: keys sorted, one record a mapping, several a list; `value` for one value, `values` for several. */
export function writeYamlZone(zone: ZoneFile): string {
  const byName = new Map<string, Record<string, unknown>[]>();
  for (const set of sortedSets(zone.sets)) {
    const key = set.name === "@" ? "" : set.name;
    const record: Record<string, unknown> = {};
    if (set.ttl !== undefined) record.ttl = set.ttl;
    record.type = set.type;
    const values = set.values.map((value) => writeValue(set.type, value));
    if (values.length === 1) record.value = values[0];
    else record.values = values;
    byName.set(key, [...(byName.get(key) ?? []), record]);
  }
  // YAML 1.1 as octoDNS (PyYAML) reads it: a TXT `no` or `on` must be written quoted to stay a string.
  // The mapping is built by hand: a Map would be written as a 1.1 !!omap, and an object puts names like `1` first.
  const doc = new Document(new YAMLMap(), { version: "1.1" });
  const top = doc.contents as YAMLMap;
  for (const [name, records] of byName) top.items.push(doc.createPair(name, records.length === 1 ? records[0] : records));
  return `---\n${doc.toString({ lineWidth: 0, singleQuote: true })}`;
}
