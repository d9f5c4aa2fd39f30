// TXT values. HostUp takes one unquoted value and splits it into ≤255-octet strings itself; it lists
// the value quoted (`"v=spf1 -all"`, long ones as `"…" "…"`). A TXT record's text is its strings
// joined, as octoDNS and HostUp treat it, so `"ab" "cd"` and `abcd` are the same record.

const QUOTED = /^\s*(?:"(?:[^"\\]|\\.)*"\s*)+$/s;
const STRING = /"((?:[^"\\]|\\.)*)"/gs;

/** A character-string's content with its escapes undone: `\"`, `\\`, and `\DDD` (a decimal octet; UTF-8 put back together). */
export function unescapeCharacterString(inner: string): string {
  if (!inner.includes("\\")) return inner;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (const [, decimal, escaped, char] of inner.matchAll(/\\(\d{3})|\\(.)|(.)/gsu)) {
    if (decimal !== undefined) bytes.push(Number(decimal) & 0xff);
    else bytes.push(...encoder.encode(escaped ?? char ?? ""));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Whether the value is written as quoted strings only (`"a"`, `"a" "b"`). */
export const isQuotedTxt = (value: string): boolean => QUOTED.test(value);

/** A TXT value as listed (`"abc"`, `"part one" "part two"`) → its text; a value not made of quoted strings, unchanged. */
export function unquoteTxt(value: string): string {
  if (!QUOTED.test(value)) return value;
  let text = "";
  for (const [, inner = ""] of value.matchAll(STRING)) text += unescapeCharacterString(inner);
  return text;
}

/**
 * The text cut into strings of at most 255 octets (UTF-8; RFC 1035's character-string), never inside a
 * character; `by: "character"`: at most 255 characters, as HostUp documents its own splitting.
 */
export function txtStrings(text: string, by: "octet" | "character" = "octet"): string[] {
  const encoder = new TextEncoder();
  const strings: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of text) {
    const size = by === "octet" ? encoder.encode(char).length : 1;
    if (octets + size > 255) {
      strings.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  strings.push(current);
  return strings;
}

/**
 * The text as quoted strings of ≤255 octets, `"` and `\` escaped, control characters other than tab as
 * `\DDD` (a line end inside a quoted string would end the entry): how HostUp lists it and BIND writes it.
 * `ascii: true` writes every octet outside printable ASCII as `\DDD` too, as zone files for every
 * checker need (Knot's kzonecheck refuses raw UTF-8 in a string).
 */
export function quoteTxt(text: string, by: "octet" | "character" = "octet", options: { ascii?: boolean } = {}): string {
  const encoder = new TextEncoder();
  const decimal = (octet: number) => `\\${String(octet).padStart(3, "0")}`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
  const escaped = options.ascii ? /[^\x20-\x7e\t]/gu : /[\x00-\x08\x0a-\x1f\x7f]/g;
  return txtStrings(text, by)
    .map((part) => `"${part.replace(/["\\]/g, "\\$&").replace(escaped, (c) => [...encoder.encode(c)].map(decimal).join(""))}"`)
    .join(" ");
}

/** Octets of the record data the text makes: each ≤255-octet string plus its length octet (RFC 1035 §3.3.14). */
export const txtRdataOctets = (text: string): number =>
  txtStrings(text).reduce((sum, part) => sum + new TextEncoder().encode(part).length + 1, 0);
