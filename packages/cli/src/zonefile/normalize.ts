// One canonical form for names and values, so that a file written either way (relative or absolute
// names, targets with or without the trailing dot, TXT quoted or not, AAAA in any case) and the live
// zone as the API lists it compare equal when they mean the same records.
import { dnsTxtValue } from "@hostup/sdk";
import { type RecordSet, type RecordValue, type SkippedSet, type SourceRef, ZoneFileError } from "./model.js";

/** Types whose value is a host name: compared and stored as a full name, lower case, no trailing dot. */
export const TARGET_TYPES: ReadonlySet<string> = new Set(["CNAME", "ALIAS", "NS", "MX", "SRV"]);

/** A zone's name as the model keeps it: lower case, no trailing dot. */
export function zoneName(origin: string): string {
  return origin.trim().replace(/\.$/, "").toLowerCase();
}

/**
 * An owner name as the model keeps it: relative to `origin`, lower case, `@` for the apex. A name
 * with a trailing dot is absolute and must lie inside the zone; one without it is already relative.
 */
export function relativeName(name: string, origin: string | undefined, source?: SourceRef): string {
  const trimmed = name.trim().toLowerCase();
  if (trimmed === "" || trimmed === "@") return "@";
  if (!trimmed.endsWith(".")) return trimmed;
  const full = trimmed.slice(0, -1);
  if (origin === undefined)
    throw new ZoneFileError(`${name} is an absolute name, but the zone's name is not known (give it, or $ORIGIN).`, source);
  const zone = zoneName(origin);
  if (full === zone) return "@";
  if (full.endsWith(`.${zone}`)) return full.slice(0, -zone.length - 1);
  throw new ZoneFileError(`${name} is outside the zone ${zone}.`, source);
}

/** A relative name (`@`, `www`) as a full one (`example.com`, `www.example.com`). */
export function fullName(name: string, origin: string): string {
  const zone = zoneName(origin);
  return name === "@" ? zone : `${name}.${zone}`;
}

/**
 * A target as written in a zone file → a full name without the trailing dot: `@` is the origin, a
 * name with the dot is absolute, one without it is relative to the origin (BIND's rule). Without an
 * origin a name without the dot is taken as full (octoDNS writes every target absolute anyway).
 */
export function absoluteTarget(target: string, origin: string | undefined): string {
  const trimmed = target.trim().toLowerCase();
  if (trimmed === "@" && origin !== undefined) return zoneName(origin);
  if (trimmed.endsWith(".") || origin === undefined) return trimmed.replace(/\.$/, "");
  return `${trimmed}.${zoneName(origin)}`;
}

/** A CAA value's parts: `0 issue "letsencrypt.org"` → flags, tag, value (unquoted). */
export function caaParts(value: string): { flags: number; tag: string; value: string } | undefined {
  const match = /^\s*(\d+)\s+([A-Za-z0-9]+)\s+(.*?)\s*$/s.exec(value);
  const [, flags = "", tag = "", rest = ""] = match ?? [];
  if (!match) return undefined;
  return { flags: Number(flags), tag: tag.toLowerCase(), value: dnsTxtValue(rest) };
}

/** The model's CAA value: `flags tag "value"`. */
export function caaValue(flags: number, tag: string, value: string): string {
  return `${flags} ${tag.toLowerCase()} "${value.replace(/(["\\])/g, "\\$1")}"`;
}

/** An IPv6 address in its compressed lower-case form (RFC 5952), or undefined when it is not one. */
export function canonicalIpv6(address: string): string | undefined {
  if (!address.includes(":") || /[[\]/]/.test(address)) return undefined;
  try {
    return new URL(`http://[${address.trim()}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/**
 * A value in the one form used for comparing: targets full, lower case, no trailing dot; TXT
 * unquoted and joined (a quoted value as the API lists it); AAAA compressed; CAA `flags tag "value"`
 * with the tag in lower case; TLSA with its data in lower case and without spaces. Numbers that the
 * type does not have (an A record's `priority: 0` in a listing) are dropped.
 */
export function canonicalValue(type: string, value: RecordValue): RecordValue {
  const kind = type.toUpperCase();
  const text = value.value.trim();
  let canonical: string;
  if (TARGET_TYPES.has(kind)) canonical = text.replace(/\.$/, "").toLowerCase();
  else if (kind === "TXT") canonical = dnsTxtValue(value.value);
  else if (kind === "AAAA") canonical = canonicalIpv6(text) ?? text.toLowerCase();
  else if (kind === "CAA") {
    const parts = caaParts(text);
    canonical = parts ? caaValue(parts.flags, parts.tag, parts.value) : text;
  } else if (kind === "TLSA") {
    const [usage, selector, matching, ...data] = text.split(/\s+/);
    canonical = data.length ? `${Number(usage)} ${Number(selector)} ${Number(matching)} ${data.join("").toLowerCase()}` : text;
  } else canonical = text;
  const result: RecordValue = { value: canonical };
  if (kind === "MX" || kind === "SRV") result.priority = value.priority;
  if (kind === "SRV") {
    result.weight = value.weight;
    result.port = value.port;
  }
  return result;
}

/** A string that is equal for two values exactly when `sameValue` says they are the same. */
export function valueKey(type: string, value: RecordValue): string {
  const c = canonicalValue(type, value);
  return JSON.stringify([c.value, c.priority ?? null, c.weight ?? null, c.port ?? null]);
}

/** Whether two values of one type are the same record data (see `canonicalValue`). */
export function sameValue(type: string, a: RecordValue, b: RecordValue): boolean {
  return valueKey(type, a) === valueKey(type, b);
}

/** Whether two lists of values are the same set (order and repeats do not count). */
export function sameValues(type: string, a: ReadonlyArray<RecordValue>, b: ReadonlyArray<RecordValue>): boolean {
  const keys = (values: ReadonlyArray<RecordValue>) => [...new Set(values.map((v) => valueKey(type, v)))].sort().join("\n");
  return keys(a) === keys(b);
}

/** Names in order, the apex first; types in order within a name. */
export function sortedSets(sets: ReadonlyArray<RecordSet>): RecordSet[] {
  const nameOrder = (name: string) => (name === "@" ? "" : name);
  return [...sets].sort((a, b) => {
    const [x, y] = [nameOrder(a.name), nameOrder(b.name)];
    if (x !== y) return x < y ? -1 : 1;
    return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
  });
}

/** Why a set is never managed (SOA, the apex NS: HostUp's system records), or undefined. */
export function systemSetReason(set: Pick<RecordSet, "name" | "type">): string | undefined {
  if (set.type === "SOA") return "SOA is a system record: HostUp keeps it";
  if (set.type === "NS" && set.name === "@")
    return "the apex NS are system records: HostUp keeps them (use `hostup nameservers` for the delegation)";
  return undefined;
}

/** Sets split into the managed ones and the system ones the file has, for `ZoneFile.skipped`. */
export function splitSystemSets(sets: RecordSet[]): { sets: RecordSet[]; skipped: SkippedSet[] } {
  const managed: RecordSet[] = [];
  const skipped: SkippedSet[] = [];
  for (const set of sets) {
    const reason = systemSetReason(set);
    if (reason) skipped.push({ set, reason });
    else managed.push(set);
  }
  return { sets: managed, skipped };
}
