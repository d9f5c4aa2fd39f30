// octoDNS's zone files: top-level keys are names relative to the zone (`''` the apex), each value one
// record or a list of them, a record `{type, ttl, value | values}`. MX values are
// `{exchange, preference}`, SRV `{priority, weight, port, target}`, CAA `{flags, tag, value}`, TLSA
// `{certificate_usage, selector, matching_type, certificate_association_data}`; octoDNS writes
// targets absolute (trailing dot) and escapes `;` in TXT as `\;`.
import { Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, YAMLMap } from "yaml";
import { type RecordSet, type RecordValue, type SourceRef, type ZoneFile, ZoneFileError } from "./model.js";
import { zoneFromFileName } from "./file-names.js";
import { absoluteTarget, caaParts, caaValue, relativeName, sortedSets, splitSystemSets, zoneName } from "./normalize.js";

const RECORD_KEYS = new Set(["type", "ttl", "value", "values", "octodns"]);

/** The sets of an octoDNS YAML zone file; `file` names it in errors (and `example.com.yaml` gives the origin). */
export function parseYamlZone(text: string, file: string, options: { origin?: string } = {}): ZoneFile {
  const lineCounter = new LineCounter();
  // Failsafe: every scalar a string, so that names and TXT such as `1.10` or `no` stay as written.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: "failsafe" });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const [error] = doc.errors;
  if (error) {
    throw new ZoneFileError(`not valid YAML: ${error.message.split("\n")[0]}`, { file, line: lineCounter.linePos(error.pos[0]).line });
  }
  const origin = options.origin === undefined ? zoneFromFileName(file) : zoneName(options.origin);
  const sets: RecordSet[] = [];
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === "")))
    return { origin, sets: [], skipped: [] };
  if (!isMap(doc.contents)) throw new ZoneFileError("an octoDNS zone file is a mapping of names to records.", { file, line: 1 });
  for (const pair of doc.contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : undefined;
    const key = keyNode ? String(keyNode.value ?? "") : "";
    const shownKey = key === "" ? "''" : key;
    const keySource: SourceRef = { file, line: lineOf(keyNode), key: shownKey };
    if (!keyNode) throw new ZoneFileError("a name must be a plain string.", keySource);
    const name = relativeName(key, origin, keySource);
    const value = pair.value as Node | null;
    // A list item's line is its own; a single record's is its name's.
    const items = isSeq(value)
      ? value.items.map((item, i) => ({ node: item as Node, key: `${shownKey} [${i}]`, line: lineOf(item as Node) }))
      : [{ node: value, key: shownKey, line: keySource.line }];
    for (const item of items) {
      const source: SourceRef = { file, line: item.line ?? keySource.line, key: item.key };
      if (!isMap(item.node)) throw new ZoneFileError("a record is a mapping with type and value or values.", source);
      sets.push(readRecord(item.node, name, source, lineOf));
    }
  }
  return { origin, ...splitSystemSets(sets) };
}

function readRecord(
  node: YAMLMap,
  name: string,
  source: SourceRef,
  lineOf: (node: Node | null | undefined) => number | undefined,
): RecordSet {
  const record = node.toJSON() as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!RECORD_KEYS.has(key)) throw new ZoneFileError(`unknown key ${key} (a record has type, ttl, value or values).`, source);
  }
  if (typeof record.type !== "string" || record.type.trim() === "") throw new ZoneFileError("the record has no type.", source);
  const type = record.type.trim().toUpperCase();
  let ttl: number | undefined;
  if (record.ttl !== undefined && record.ttl !== null && record.ttl !== "") {
    ttl = Number(record.ttl);
    if (!Number.isFinite(ttl)) throw new ZoneFileError(`ttl ${JSON.stringify(record.ttl)} is not a number.`, source);
  }
  if ("value" in record && "values" in record) throw new ZoneFileError("give value or values, not both.", source);
  const many = "values" in record;
  const raw = many ? record.values : record.value;
  if (raw === undefined || raw === null) throw new ZoneFileError(`the record has no ${many ? "values" : "value"}.`, source);
  const list = many ? (Array.isArray(raw) ? raw : [raw]) : [raw];
  const valuesNode = node.get(many ? "values" : "value", true) as Node | undefined;
  const values = list.map((value, i) => {
    const itemNode = isSeq(valuesNode) ? (valuesNode.items[i] as Node) : valuesNode;
    const valueSource = {
      ...source,
      line: lineOf(itemNode) ?? source.line,
      key: many ? `${source.key}.values[${i}]` : `${source.key}.value`,
    };
    return readValue(type, value, valueSource);
  });
  return { name, type, ttl, values, source };
}

function readValue(type: string, raw: unknown, source: SourceRef): RecordValue {
  const object = (fields: string[]): Record<string, unknown> => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw new ZoneFileError(`a ${type} value is a mapping of ${fields.join(", ")}.`, source);
    const value = raw as Record<string, unknown>;
    for (const field of fields)
      if (value[field] === undefined || value[field] === null) throw new ZoneFileError(`the ${type} value has no ${field}.`, source);
    return value;
  };
  const text = (value: unknown, what: string): string => {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw new ZoneFileError(`${what} must be a string.`, source);
  };
  const int = (value: unknown, what: string): number => {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n))
      throw new ZoneFileError(`${what} ${JSON.stringify(value)} is not an integer.`, source);
    return n;
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
    case "SPF":
      return { value: text(raw, "a TXT value").replace(/\\;/g, ";") };
    case "CNAME":
    case "ALIAS":
    case "NS":
      return { value: absoluteTarget(text(raw, `a ${type} value`), undefined) };
    default:
      return { value: typeof raw === "object" && raw !== null ? JSON.stringify(raw) : text(raw, `a ${type} value`) };
  }
}

function writeValue(type: string, value: RecordValue): unknown {
  const target = (name: string) => (name.endsWith(".") ? name : `${name}.`);
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
      const [usage, selector, matching, ...data] = value.value.trim().split(/\s+/);
      return {
        certificate_association_data: data.join(""),
        certificate_usage: Number(usage),
        matching_type: Number(matching),
        selector: Number(selector),
      };
    }
    case "TXT":
    case "SPF":
      return value.value.replace(/;/g, "\\;");
    case "CNAME":
    case "ALIAS":
    case "NS":
      return target(value.value);
    default:
      return value.value;
  }
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
