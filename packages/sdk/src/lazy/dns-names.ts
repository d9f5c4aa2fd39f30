// DNS names and TXT values as the record routes return them, for the DNS workflows. HostUp takes
// names relative to the zone and TXT values unquoted, but answers with full names and quoted values
// (openapi DnsRecord), so a comparison of either form with the other never matches unless both are
// brought to one form first. Pure functions that throw nothing: callers word their own errors.
import { canonicalHostname } from "./hostname.js";

/** A TXT value as returned (`"abc"`, `"part one" "part two"`) → its text; a value not made of quoted strings, unchanged. */
export function unquoteTxt(value: string): string {
  const strings = /^\s*(?:"(?:[^"\\]|\\.)*"\s*)+$/s.test(value) ? value.match(/"(?:[^"\\]|\\.)*"/gs) : null;
  if (!strings) return value;
  return strings.map((quoted) => quoted.slice(1, -1).replace(/\\(.)/gs, "$1")).join("");
}

/**
 * `name` relative to `zone` (`www`, `_acme-challenge.www`; the apex as `@`), or `undefined` for a
 * name outside the zone. A name with a trailing dot is absolute, as in a zone file; one without it
 * is full when it is the zone or ends with it, and otherwise already relative.
 */
export function relativeName(name: string, zone: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "@" || trimmed === "") return "@";
  const apex = canonicalHostname(zone);
  const full = canonicalHostname(trimmed);
  if (full === apex) return "@";
  if (full.endsWith(`.${apex}`)) return full.slice(0, -apex.length - 1);
  return trimmed.endsWith(".") ? undefined : full;
}
