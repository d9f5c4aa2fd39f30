// Public helpers for DNS record names and TXT values, the forms HostUp's record routes mix: names
// are sent relative to the zone but come back full, TXT values are sent unquoted but come back quoted.
//
// The DNS workflows use the same rules from lazy/dns-names.ts. This module cannot re-export that one:
// eager modules reach lazy ones only through import() (src/README.md, test/architecture.test.ts), and
// handing the lazy functions to the workflows from client.ts instead would put them into every app's
// first load. So this is a second, small copy; test/workflows/dns/names.test.ts runs both over the
// same cases and fails when they differ.
import { HostupValidationError } from "./errors.js";

/**
 * A TXT value as the API returns it → its text: `"abc"` → `abc`; several quoted strings (a long
 * value split in 255-character parts) joined: `"ab" "cd"` → `abcd`; `\"` and `\\` undone. A value
 * that is not made of quoted strings is returned unchanged.
 */
export function dnsTxtValue(value: string): string {
  const strings = /^\s*(?:"(?:[^"\\]|\\.)*"\s*)+$/s.test(value) ? value.match(/"(?:[^"\\]|\\.)*"/gs) : null;
  if (!strings) return value;
  return strings.map((quoted) => quoted.slice(1, -1).replace(/\\(.)/gs, "$1")).join("");
}

/**
 * A record name relative to `zone`, as the create and update routes take it: `www.example.com`,
 * `www.example.com.` or `www` in zone `example.com` → `www`; the apex (`example.com`, `@`, `""`) → `@`.
 * Case-insensitive, Unicode or punycode (the answer is lower case, punycode). A name with a trailing
 * dot is absolute, as in a zone file: outside the zone it throws HostupValidationError. A name without
 * the dot that is not the zone and does not end with it is taken as already relative.
 */
export function relativeDnsName(name: string, zone: string): string {
  const trimmed = name.trim();
  if (trimmed === "@" || trimmed === "") return "@";
  const apex = hostname(zone);
  const full = hostname(trimmed);
  if (full === apex) return "@";
  if (full.endsWith(`.${apex}`)) return full.slice(0, -apex.length - 1);
  if (!trimmed.endsWith(".")) return full;
  throw new HostupValidationError(
    `relativeDnsName: ${JSON.stringify(name)} is not in the zone ${JSON.stringify(zone)}.`,
    "relativeDnsName",
    "name",
  );
}

function hostname(name: string): string {
  const trimmed = name.trim().replace(/\.$/, "");
  try {
    return new URL(`http://${trimmed}`).hostname;
  } catch {
    return trimmed.toLowerCase();
  }
}
