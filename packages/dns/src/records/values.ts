// One canonical value and one equality per type, used for every comparison in the project: the SDK's
// exactly-once checks, the CLI's record commands, the planner and the mock zone server. Two values are
// the same record exactly when their canonical forms are equal:
//   A      dotted decimal, no leading zeros         AAAA   RFC 5952 (lower case, `::` compressed)
//   CNAME, ALIAS, NS, MX exchange, SRV target: A-labels, lower case, no trailing dot; the root stays `.`
//   MX     preference too; SRV priority, weight and port too (a record without them does not have them)
//   TXT    the text: quotes removed, strings joined, escapes undone (`"a" "b"` is `ab`)
//   CAA    `flags tag "value"`, the tag lower case      TLSA  `usage selector type hex`, the hex lower case, no spaces
import { canonicalIpv4, canonicalIpv6 } from "./addresses.js";
import { asciiName } from "./names.js";
import { unescapeCharacterString, unquoteTxt } from "./txt.js";
import { type DnsRecordData, type RecordValue, TARGET_TYPES } from "./types.js";

/** A CAA value's parts: `0 issue "letsencrypt.org"` → flags, tag, value (unquoted). */
export function caaParts(value: string): { flags: number; tag: string; value: string } | undefined {
  const match = /^\s*(\d{1,3})\s+([A-Za-z0-9]+)\s+(.*?)\s*$/s.exec(value);
  if (!match) return undefined;
  const [, flags = "", tag = "", rest = ""] = match;
  const quoted = /^"((?:[^"\\]|\\.)*)"$/s.exec(rest);
  return { flags: Number(flags), tag: tag.toLowerCase(), value: quoted ? unescapeCharacterString(quoted[1] ?? "") : rest };
}

/** The model's CAA value: `flags tag "value"`. */
export const caaValue = (flags: number, tag: string, value: string): string =>
  `${flags} ${tag.toLowerCase()} "${value.replace(/["\\]/g, "\\$&")}"`;

/** A TLSA value's parts: `3 1 1 ab cd…` → numbers and the data as one lower-case hex string. */
export function tlsaParts(value: string): { usage: number; selector: number; matchingType: number; data: string } | undefined {
  const [usage, selector, matching, ...data] = value.trim().split(/\s+/);
  if (data.length === 0 || ![usage, selector, matching].every((n) => /^\d{1,3}$/.test(n ?? ""))) return undefined;
  return { usage: Number(usage), selector: Number(selector), matchingType: Number(matching), data: data.join("").toLowerCase() };
}

/** A target in its canonical form: A-labels, lower case, no trailing dot; the root `.` as it is. */
export const canonicalTarget = (target: string): string => (target.trim() === "." ? "." : asciiName(target));

/** The value in the one form used for comparing (see the table above); numbers the type does not have are dropped. */
export function canonicalValue(type: string, value: RecordValue): RecordValue {
  const kind = type.toUpperCase();
  const text = value.value.trim();
  let canonical = text;
  if (TARGET_TYPES.has(kind)) canonical = canonicalTarget(text);
  else if (kind === "TXT" || kind === "SPF") canonical = unquoteTxt(value.value);
  else if (kind === "A") canonical = canonicalIpv4(text) ?? text;
  else if (kind === "AAAA") canonical = canonicalIpv6(text) ?? text.toLowerCase();
  else if (kind === "CAA") {
    const parts = caaParts(text);
    if (parts) canonical = caaValue(parts.flags, parts.tag, parts.value);
  } else if (kind === "TLSA") {
    const parts = tlsaParts(text);
    if (parts) canonical = `${parts.usage} ${parts.selector} ${parts.matchingType} ${parts.data}`;
  }
  const result: RecordValue = { value: canonical };
  if (kind === "MX" || kind === "SRV") result.priority = value.priority;
  if (kind === "SRV") {
    result.weight = value.weight;
    result.port = value.port;
  }
  return result;
}

/** A string equal for two values of one type exactly when they are the same record data. */
export function valueKey(type: string, value: RecordValue): string {
  const c = canonicalValue(type, value);
  return JSON.stringify([c.value, c.priority ?? null, c.weight ?? null, c.port ?? null]);
}

/** Whether two values of one type are the same record data. */
export const sameValue = (type: string, a: RecordValue, b: RecordValue): boolean => valueKey(type, a) === valueKey(type, b);

/** Whether two lists of values are the same set (order and repeats do not count). */
export function sameValues(type: string, a: ReadonlyArray<RecordValue>, b: ReadonlyArray<RecordValue>): boolean {
  const keys = (values: ReadonlyArray<RecordValue>) => [...new Set(values.map((v) => valueKey(type, v)))].sort().join("\n");
  return keys(a) === keys(b);
}

/** A string equal for two records (names relative to one zone) exactly when they are the same record; the TTL does not count. */
export const recordKey = (record: DnsRecordData): string =>
  `${record.type.toUpperCase()} ${record.name === "" ? "@" : asciiName(record.name)} ${valueKey(record.type, record)}`;

/**
 * Whether a listed record is the one `wanted` describes: same type, name and value; MX/SRV numbers
 * that `wanted` leaves out match any (a caller that does not say the priority takes any priority).
 */
export function recordMatches(listed: DnsRecordData, wanted: DnsRecordData): boolean {
  const type = wanted.type.toUpperCase();
  if (listed.type.toUpperCase() !== type) return false;
  if (asciiName(listed.name || "@") !== asciiName(wanted.name || "@")) return false;
  const a = canonicalValue(type, listed);
  const b = canonicalValue(type, wanted);
  return (
    a.value === b.value &&
    (b.priority === undefined || a.priority === b.priority) &&
    (b.weight === undefined || a.weight === b.weight) &&
    (b.port === undefined || a.port === b.port)
  );
}
