// BIND zone files (RFC 1035 master files). dnsz reads each entry's owner, TTL, class and type
// ($ORIGIN, `@`, relative and absolute names, TTL units); bind-scan.ts gives it the entries one at a
// time with their lines, and this module reads the record data of each type.
import { parseZone } from "dnsz";
import { characterString, quotedStrings, rdataTokens, scanBindEntries } from "./bind-scan.js";
import { type RecordSet, type RecordValue, type SourceRef, type ZoneFile, ZoneFileError } from "./model.js";
import { absoluteTarget, caaParts, caaValue, relativeName, sortedSets, splitSystemSets, zoneName } from "./normalize.js";

const CLASSES = new Set(["IN", "CS", "CH", "HS"]);
const isTtl = (token: string) => /^\d+[smhdw]?(?:\d+[smhdw])*$/i.test(token);

/** The sets of a BIND zone file; `origin` is the zone's name when the file has no `$ORIGIN` before its records. */
export function parseBindZone(text: string, file: string, options: { origin?: string } = {}): ZoneFile {
  let entries: ReturnType<typeof scanBindEntries>;
  try {
    entries = scanBindEntries(text);
  } catch (error) {
    const [, line, message] = /^line (\d+): (.*)$/s.exec((error as Error).message) ?? [];
    throw new ZoneFileError(message ?? (error as Error).message, { file, line: line ? Number(line) : undefined });
  }
  let zone = options.origin === undefined ? undefined : zoneName(options.origin);
  let origin = zone;
  let defaultTtl: string | undefined;
  let previous: string | undefined;
  const sets = new Map<string, RecordSet>();
  for (const entry of entries) {
    const source: SourceRef = { file, line: entry.line };
    const [first = "", second] = entry.text.split(" ");
    if (!entry.inherited && first.startsWith("$")) {
      const directive = first.toUpperCase();
      if (directive === "$ORIGIN" && second) {
        origin = second.endsWith(".") ? zoneName(second) : `${zoneName(second)}.${origin ?? ""}`.replace(/\.$/, "");
        zone ??= origin;
      } else if (directive === "$TTL") {
        if (!second || !isTtl(second)) throw new ZoneFileError(`$TTL ${second ?? ""} is not a TTL (seconds, or units such as 1h).`, source);
        defaultTtl = second;
      } else throw new ZoneFileError(`${first} is not supported (only $ORIGIN and $TTL are).`, source);
      continue;
    }
    if (origin === undefined || zone === undefined)
      throw new ZoneFileError("the file has no $ORIGIN before its first record: give the zone's name.", source);
    const record = readEntry(entry.text, entry.inherited, previous, origin, defaultTtl, source);
    previous = record.fullName;
    const name = relativeName(`${record.fullName}.`, zone, source);
    const key = `${name} ${record.type}`;
    const set = sets.get(key);
    if (!set) sets.set(key, { name, type: record.type, ttl: record.ttl, values: [record.value], source });
    else if (set.ttl !== record.ttl) {
      throw new ZoneFileError(
        `${key}: TTL ${record.ttl ?? "(none)"} here but ${set.ttl ?? "(none)"} on line ${set.source?.line}: the records of a set share one TTL.`,
        source,
      );
    } else set.values.push(record.value);
  }
  return { origin: zone, ...splitSystemSets([...sets.values()]) };
}

interface Entry {
  fullName: string;
  type: string;
  ttl?: number;
  value: RecordValue;
}

function readEntry(
  text: string,
  inherited: boolean,
  previous: string | undefined,
  origin: string,
  defaultTtl: string | undefined,
  source: SourceRef,
): Entry {
  if (inherited && previous === undefined) throw new ZoneFileError("the first record has no owner name.", source);
  const tokens = rdataTokens(text);
  // The owner, explicit: dnsz only carries one over from the line before.
  const owner = inherited ? `${previous}.` : tokens.shift();
  let at = 0;
  let ttl: string | undefined;
  let hasClass = false;
  for (let token = tokens[at]; at < 2 && token !== undefined; token = tokens[at]) {
    if (!ttl && isTtl(token)) ttl = token;
    else if (!hasClass && CLASSES.has(token.toUpperCase())) hasClass = true;
    else break;
    at++;
  }
  if (hasClass && !tokens.slice(0, at).some((t) => t.toUpperCase() === "IN"))
    throw new ZoneFileError("only class IN is supported.", source);
  const type = tokens[at]?.toUpperCase();
  const data = tokens.slice(at + 1);
  if (!type || !/^[A-Z][A-Z0-9]*$/.test(type) || data.length === 0)
    throw new ZoneFileError(`not a record (owner, TTL, class, type, data): ${text}`, source);
  // dnsz needs the class to tell a type from a class, and a TTL after an owner that starts with a digit (else it reads the owner as the TTL).
  const line = [owner, ttl ?? defaultTtl ?? "0", "IN", type, ...data].join(" ");
  const [parsed] = parseZone(`$ORIGIN ${origin}.\n${line}\n`, { defaultTTL: Number.NaN }).records;
  if (!parsed || parsed.type !== type) throw new ZoneFileError(`not a record (owner, TTL, class, type, data): ${text}`, source);
  const seconds = (ttl ?? defaultTtl) !== undefined ? parsed.ttl : undefined;
  return { fullName: parsed.name, type, ttl: seconds, value: readData(type, data, origin, source) };
}

function readData(type: string, data: string[], origin: string, source: SourceRef): RecordValue {
  const [d0 = "", d1 = "", d2 = "", d3 = ""] = data;
  const count = (n: number, shape: string) => {
    if (data.length !== n) throw new ZoneFileError(`${type} data is ${shape}.`, source);
  };
  const int = (token: string, what: string) => {
    if (!/^\d+$/.test(token)) throw new ZoneFileError(`${type} ${what} ${token} is not a number.`, source);
    return Number(token);
  };
  switch (type) {
    case "A":
    case "AAAA":
      count(1, "one address");
      return { value: d0 };
    case "CNAME":
    case "ALIAS":
    case "NS":
      count(1, "one name");
      return { value: absoluteTarget(d0, origin) };
    case "MX":
      count(2, "preference exchange");
      return { value: absoluteTarget(d1, origin), priority: int(d0, "preference") };
    case "SRV":
      count(4, "priority weight port target");
      return {
        value: absoluteTarget(d3, origin),
        priority: int(d0, "priority"),
        weight: int(d1, "weight"),
        port: int(d2, "port"),
      };
    case "CAA":
      count(3, 'flags tag "value"');
      return { value: caaValue(int(d0, "flags"), d1, characterString(d2)) };
    case "TXT":
    case "SPF":
      return { value: data.map(characterString).join("") };
    case "TLSA":
      if (data.length < 4) throw new ZoneFileError(`${type} data is usage selector matching-type data.`, source);
      return { value: `${int(d0, "usage")} ${int(d1, "selector")} ${int(d2, "matching type")} ${data.slice(3).join("")}` };
    default:
      return { value: data.join(" ") };
  }
}

function writeData(type: string, value: RecordValue): string {
  const target = (name: string) => (name.endsWith(".") ? name : `${name}.`);
  switch (type) {
    case "CNAME":
    case "ALIAS":
    case "NS":
      return target(value.value);
    case "MX":
      return `${value.priority ?? 0} ${target(value.value)}`;
    case "SRV":
      return `${value.priority ?? 0} ${value.weight ?? 0} ${value.port ?? 0} ${target(value.value)}`;
    case "CAA": {
      const parts = caaParts(value.value);
      return parts ? `${parts.flags} ${parts.tag} ${quotedStrings(parts.value)}` : value.value;
    }
    case "TXT":
    case "SPF":
      return quotedStrings(value.value);
    default:
      return value.value;
  }
}

/** The zone as a BIND file: `$ORIGIN`, `$TTL` (the most common TTL), names relative, targets absolute, TXT in quoted 255-byte strings. */
export function writeBindZone(zone: ZoneFile, origin: string): string {
  const apex = zoneName(origin);
  const sets = sortedSets(zone.sets);
  const counts = new Map<number, number>();
  for (const set of sets) if (set.ttl !== undefined) counts.set(set.ttl, (counts.get(set.ttl) ?? 0) + set.values.length);
  // A set without a TTL must stay without one when read back, so no $TTL may apply to it.
  const everyTtl = sets.every((set) => set.ttl !== undefined);
  const common = everyTtl ? [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] : undefined;
  const width = Math.max(1, ...sets.map((set) => set.name.length));
  const lines = [`$ORIGIN ${apex}.`];
  if (common !== undefined) lines.push(`$TTL ${common}`);
  for (const set of sets) {
    const ttl = set.ttl === undefined || set.ttl === common ? "" : String(set.ttl);
    for (const value of set.values)
      lines.push(`${set.name.padEnd(width)} ${ttl.padEnd(6)} IN ${set.type.padEnd(5)} ${writeData(set.type, value)}`.replace(/ +$/, ""));
  }
  return `${lines.join("\n")}\n`;
}
