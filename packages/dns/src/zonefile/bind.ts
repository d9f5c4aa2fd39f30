// BIND zone files (RFC 1035 master files): `$ORIGIN`, `$TTL` (RFC 2308), relative and absolute
// owners, `@`, inherited owners, TTL units, class IN, and the record data of HostUp's types.
// `$INCLUDE` and `$GENERATE` are refused with a reason (the file must hold its records itself).
import { absoluteTarget, excerpt, relativeName, zoneName } from "../records/names.js";
import { quoteTxt, unescapeCharacterString } from "../records/txt.js";
import { caaParts, caaValue, tlsaParts } from "../records/values.js";
import { type BindToken, scanBind } from "./bind-scan.js";
import type { RecordSet, SourceRef, ZoneFile, ZoneProblem, ZoneValue } from "./model.js";
import { sortedSets, splitSystemSets } from "./sets.js";

const CLASSES = new Set(["IN", "CS", "CH", "HS"]);
const TTL = /^(?:\d+|(?:\d+[smhdw])+)$/i;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
/** Types read here: HostUp's, SPF (refused with advice), and SOA (skipped: HostUp's own). */
const KNOWN = new Set(["A", "AAAA", "CNAME", "ALIAS", "MX", "TXT", "NS", "SRV", "CAA", "TLSA", "SOA", "SPF"]);

/** `1h30m` → 5400; undefined when it is not a TTL or over 2^31-1 (RFC 2181 §8). */
export function ttlSeconds(token: string): number | undefined {
  if (!TTL.test(token)) return undefined;
  const seconds = /^\d+$/.test(token)
    ? Number(token)
    : [...token.toLowerCase().matchAll(/(\d+)([smhdw])/g)].reduce((sum, [, n, unit]) => sum + Number(n) * (UNIT[unit ?? "s"] ?? 1), 0);
  return seconds <= 2_147_483_647 ? seconds : undefined;
}

export interface ParseOptions {
  /** The file's name or path, for messages. */
  file?: string;
  /** The zone's name, when the file has no `$ORIGIN` before its records. */
  origin?: string;
}

/** The sets of a BIND zone file and every problem found reading it. */
export function readBindZone(text: string, options: ParseOptions = {}): { zone: ZoneFile; problems: ZoneProblem[] } {
  const file = options.file;
  const at = (line: number): SourceRef => ({ ...(file !== undefined && { file }), line });
  const problems: ZoneProblem[] = [];
  let zone = options.origin === undefined ? undefined : zoneName(options.origin);
  let origin = zone;
  let defaultTtl: number | undefined; // $TTL (RFC 2308)
  let lastTtl: number | undefined; // the last one stated (RFC 1035 §5.1), without $TTL
  let previous: string | undefined;
  const sets = new Map<string, RecordSet>();
  const scanProblems = scanBind(text, (entry) => {
    const source = at(entry.line);
    const fail = (message: string) => problems.push({ message, source });
    const tokens = entry.tokens;
    const first = tokens[0]?.text ?? "";
    if (!entry.inherited && !tokens[0]?.quoted && first.startsWith("$")) {
      const directive = first.toUpperCase();
      const argument = tokens[1]?.text;
      if (directive === "$ORIGIN" && argument) {
        origin = absoluteTarget(argument, origin);
        zone ??= origin;
      } else if (directive === "$TTL") {
        const seconds = argument === undefined ? undefined : ttlSeconds(argument);
        if (seconds === undefined) fail(`$TTL ${excerpt(argument ?? "", 20)} is not a TTL (seconds, or units such as 1h).`);
        else defaultTtl = seconds;
      } else if (directive === "$INCLUDE")
        fail("$INCLUDE is not read: a zone file given to HostUp holds its records itself (paste the included file in).");
      else if (directive === "$GENERATE") fail("$GENERATE is not read: write the records it would make.");
      else fail(`${excerpt(first, 20)} is not a directive ($ORIGIN, $TTL).`);
      return;
    }
    if (origin === undefined || zone === undefined) {
      fail("the file has no $ORIGIN before its first record: give the zone's name.");
      return;
    }
    // Owner: the first token, or the previous entry's when the line starts with blank space.
    let k = 0;
    let owner: string | undefined;
    if (entry.inherited) {
      owner = previous;
      if (owner === undefined) {
        fail("the first record has no owner name.");
        return;
      }
    } else {
      const token = tokens[k++] as BindToken;
      owner = token.text === "@" ? origin : absoluteTarget(token.text, origin);
    }
    previous = owner;
    let ttl: number | undefined;
    let cls: string | undefined;
    for (let n = 0; n < 2 && k < tokens.length; n++) {
      const token = (tokens[k] as BindToken).text;
      if (ttl === undefined && ttlSeconds(token) !== undefined) ttl = ttlSeconds(token);
      else if (cls === undefined && CLASSES.has(token.toUpperCase())) cls = token.toUpperCase();
      else break;
      k++;
    }
    const type = tokens[k]?.text.toUpperCase();
    const data = tokens.slice(k + 1);
    if (!type || !/^[A-Z][A-Z0-9]*$/.test(type)) {
      fail(`not a record (owner, TTL, class, type, data): ${excerpt(tokens.map((t) => t.text).join(" "))}.`);
      return;
    }
    if (cls !== undefined && cls !== "IN") {
      fail(`class ${cls}: only IN records are read.`);
      return;
    }
    if (ttl !== undefined) lastTtl = ttl;
    const effectiveTtl = ttl ?? defaultTtl ?? lastTtl;
    if (!KNOWN.has(type)) {
      fail(`HostUp has no ${excerpt(type, 20)} records (it has A, AAAA, CNAME, ALIAS, MX, TXT, NS, SRV, CAA, TLSA).`);
      return;
    }
    if (type === "SPF") {
      fail("SPF records are obsolete (RFC 7208): HostUp keeps SPF policies as TXT records; write this one as TXT.");
      return;
    }
    if (type === "SOA") {
      // A record without TTL after the SOA and without $TTL takes the SOA's minimum, as BIND does.
      const minimum = ttlSeconds(data[6]?.text ?? "");
      if (defaultTtl === undefined && lastTtl === undefined && minimum !== undefined) lastTtl = minimum;
    }
    const value = type === "SOA" ? { value: data.map((t) => t.text).join(" ") } : readData(type, data, origin, fail);
    if (!value) return;
    const name = relativeName(`${owner}.`, zone);
    if (name === undefined) {
      fail(`${excerpt(owner)} is outside the zone ${zone}.`);
      return;
    }
    const key = `${name} ${type}`;
    const set = sets.get(key);
    const withSource: ZoneValue = { ...value, source };
    if (!set) sets.set(key, { name, type, ...(effectiveTtl !== undefined && { ttl: effectiveTtl }), values: [withSource], source });
    else {
      if (set.ttl !== effectiveTtl)
        fail(
          `${excerpt(name, 40)} ${type}: TTL ${effectiveTtl ?? "(none)"} here but ${set.ttl ?? "(none)"} on line ${set.source?.line}: the records of a set share one TTL.`,
        );
      set.values.push(withSource);
    }
  });
  for (const p of scanProblems) problems.push({ message: p.message, source: at(p.line) });
  return { zone: { ...(zone !== undefined && { origin: zone }), ...splitSystemSets([...sets.values()]) }, problems };
}

/** A character-string token's text: quotes removed, `\DDD` and `\X` undone. */
const characterString = (token: BindToken) => unescapeCharacterString(token.text);

function readData(type: string, data: BindToken[], origin: string, fail: (message: string) => void): ZoneValue | undefined {
  const words = data.map((token) => token.text);
  const [d0 = "", d1 = "", d2 = "", d3 = ""] = words;
  const count = (n: number, shape: string) => {
    if (data.length === n) return true;
    fail(`${type} data is ${shape}; got ${data.length} part${data.length === 1 ? "" : "s"}.`);
    return false;
  };
  let bad = false;
  const int = (token: string, what: string) => {
    if (/^\d{1,10}$/.test(token)) return Number(token);
    fail(`${type} ${what} ${excerpt(token, 20)} is not a whole number.`);
    bad = true;
    return 0;
  };
  let value: ZoneValue | undefined;
  switch (type) {
    case "A":
    case "AAAA":
      if (count(1, "one address")) value = { value: d0 };
      break;
    case "CNAME":
    case "ALIAS":
    case "NS":
      if (count(1, "one name")) value = { value: absoluteTarget(d0, origin) };
      break;
    case "MX":
      if (count(2, "preference exchange")) value = { value: absoluteTarget(d1, origin), priority: int(d0, "preference") };
      break;
    case "SRV":
      if (count(4, "priority weight port target"))
        value = { value: absoluteTarget(d3, origin), priority: int(d0, "priority"), weight: int(d1, "weight"), port: int(d2, "port") };
      break;
    case "CAA":
      if (count(3, 'flags tag "value"')) value = { value: caaValue(int(d0, "flags"), d1, characterString(data[2] as BindToken)) };
      break;
    case "TXT":
      value = { value: data.map(characterString).join("") };
      break;
    case "TLSA":
      if (data.length < 4) fail(`TLSA data is usage selector matching-type data; got ${data.length} parts.`);
      else value = { value: `${int(d0, "usage")} ${int(d1, "selector")} ${int(d2, "matching type")} ${words.slice(3).join("")}` };
      break;
  }
  return bad ? undefined : value;
}

function writeData(type: string, value: ZoneValue): string {
  const target = (name: string) => (name === "." || name.endsWith(".") ? name : `${name}.`);
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
      // One quoted string however long: a CAA value is not a ≤255-octet character-string (RFC 8659 §4.1.1).
      return parts ? caaValue(parts.flags, parts.tag, parts.value) : value.value;
    }
    case "TLSA": {
      const parts = tlsaParts(value.value);
      return parts ? `${parts.usage} ${parts.selector} ${parts.matchingType} ${parts.data}` : value.value;
    }
    case "TXT":
      return quoteTxt(value.value, "octet", { ascii: true });
    default:
      return value.value;
  }
}

/**
 * The zone as a BIND file: `$ORIGIN`, `$TTL` (the most common TTL), names relative, targets absolute,
 * TXT in quoted ≤255-octet strings. ALIAS is HostUp's, not a DNS type: BIND and Knot refuse it, so an
 * ALIAS set is written as a comment that says so (read back, the file leaves it unmanaged).
 */
export function writeBindZone(zone: ZoneFile, origin: string): string {
  const apex = zoneName(origin);
  // A record without a TTL takes the last one stated (RFC 1035 §5.1): sets without one come first.
  const sorted = sortedSets(zone.sets);
  const sets = [...sorted.filter((set) => set.ttl === undefined), ...sorted.filter((set) => set.ttl !== undefined)];
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
    const alias = set.type === "ALIAS";
    if (alias)
      lines.push(
        `; ${set.name} ALIAS: HostUp's apex alias has no BIND record type (BIND and Knot refuse ALIAS); kept in the zone, not in this file:`,
      );
    for (const value of set.values) {
      const line = `${set.name.padEnd(width)} ${ttl.padEnd(6)} IN ${set.type.padEnd(5)} ${writeData(set.type, value)}`.replace(/ +$/, "");
      lines.push(alias ? `; ${line}` : line);
    }
  }
  return `${lines.join("\n")}\n`;
}
