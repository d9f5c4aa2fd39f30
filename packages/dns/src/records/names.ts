// Domain names as HostUp's record routes take and return them. People write names relative
// (`www`), as the apex (`@`, ``), full (`www.example.com`) or absolute (`www.example.com.`), in
// Unicode (`www.exämple.se`) or punycode; the API takes the name relative to the zone and lists it
// full. Every comparison goes through one form: A-labels (punycode), lower case, no trailing dot.
// Labels are kept as written otherwise: `2`, `1.2`, `0x10` are labels, never addresses (a URL parser
// would read them as IPv4), and `_dmarc` keeps its underscore.
import punycode from "punycode.js";

/** RFC 1035 §2.3.4: a label is at most 63 octets, a name at most 255 on the wire (253 written, without the trailing dot). */
export const MAX_LABEL_OCTETS = 63;
export const MAX_NAME_OCTETS = 255;

const ASCII_LABEL = /^[a-z0-9_*-]+$/;

/** One label in its A-label form: `exämple` → `xn--exmple-cua`; ASCII lower-cased and otherwise untouched. */
function asciiLabel(label: string): string {
  const lower = label.normalize("NFC").toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  return /^[\x00-\x7f]*$/.test(lower) ? lower : `xn--${punycode.encode(lower)}`;
}

/**
 * A name in the one form compared everywhere: A-labels, lower case, no trailing dot. `@` and ``
 * stay as they are (the apex: resolve them against a zone with `relativeName`), and so does the root `.`.
 */
export function asciiName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "." || trimmed === "@" || trimmed === "") return trimmed;
  return trimmed.replace(/\.$/, "").split(".").map(asciiLabel).join(".");
}

/** A name as people read it: `xn--exmple-cua.se` → `exämple.se`. A label that is not valid punycode stays as it is. */
export function unicodeName(name: string): string {
  return name
    .split(".")
    .map((label) => {
      if (!/^xn--/i.test(label)) return label;
      try {
        return punycode.decode(label.slice(4).toLowerCase());
      } catch {
        return label;
      }
    })
    .join(".");
}

/** The zone's name as the model keeps it: A-labels, lower case, no trailing dot. */
export const zoneName = (zone: string): string => asciiName(zone);

/**
 * `name` relative to `zone`, as the record routes take it: `www`, `_acme-challenge.www`, `@` for the
 * apex; undefined for a name outside the zone. An absolute name (trailing dot) must be in the zone; a
 * name without the dot is full when it is the zone or ends with it, and otherwise already relative.
 */
export function relativeName(name: string, zone: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "@" || trimmed === "") return "@";
  const apex = zoneName(zone);
  const ascii = asciiName(trimmed);
  if (ascii === apex) return "@";
  if (ascii.endsWith(`.${apex}`)) return ascii.slice(0, -apex.length - 1);
  return trimmed.endsWith(".") ? undefined : ascii;
}

/**
 * A full name (`www.example.com`, with or without the trailing dot) relative to `zone`, or undefined when
 * it is outside: how the API lists names, always full.
 */
export const nameInZone = (name: string, zone: string): string | undefined => relativeName(`${name.trim().replace(/\.$/, "")}.`, zone);

/**
 * A name as the record filter takes it (`?name=`): relative or full as given, in A-labels (the API
 * names records in punycode: a Unicode name would match none), without the trailing dot it is not
 * documented to take; `@` for the apex.
 */
export const filterName = (name: string): string => asciiName(name) || "@";

/** A relative name (`@`, `www`) as a full one (`example.com`, `www.example.com`). */
export function fullName(relative: string, zone: string): string {
  const apex = zoneName(zone);
  return relative === "@" || relative === "" ? apex : `${asciiName(relative)}.${apex}`;
}

/**
 * A target as a zone file writes it → the full name without the trailing dot: `@` is the origin, a
 * name with the dot is absolute, one without it relative to the origin (RFC 1035 §5.1). Without an
 * origin a name without the dot is taken as full. The root `.` (null MX, SRV "no service") stays `.`.
 */
export function absoluteTarget(target: string, origin: string | undefined): string {
  const trimmed = target.trim();
  if (trimmed === ".") return ".";
  if (trimmed === "@" && origin !== undefined) return zoneName(origin);
  if (trimmed.endsWith(".") || origin === undefined) return asciiName(trimmed);
  return `${asciiName(trimmed)}.${zoneName(origin)}`;
}

/**
 * Why `name` (full or relative, A-labels or Unicode) cannot be a DNS name, or undefined: an empty
 * label, a label over 63 octets or a name over 255 (in its A-label form), characters outside letters,
 * digits, `-` and `_`, a `*` other than a whole first label (a wildcard).
 */
export function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "@" || trimmed === "" || trimmed === ".") return undefined;
  const body = trimmed.replace(/\.$/, "");
  const labels = body.split(".");
  let octets = 1;
  for (const [i, label] of labels.entries()) {
    if (label === "") return `${excerpt(name)} has an empty label (two dots in a row, or a leading dot).`;
    let ascii: string;
    try {
      ascii = asciiLabel(label);
    } catch {
      return `${excerpt(name)} has a label that cannot be written in punycode.`;
    }
    if (ascii.length > MAX_LABEL_OCTETS)
      return `${excerpt(name)} has a label of ${ascii.length} octets${ascii === label.toLowerCase() ? "" : " in punycode"}; RFC 1035 allows ${MAX_LABEL_OCTETS}.`;
    if (!ASCII_LABEL.test(ascii)) return `${excerpt(name)} has characters a DNS name cannot have here (letters, digits, - and _ only).`;
    if (ascii.includes("*") && (ascii !== "*" || i !== 0)) return `${excerpt(name)}: * is only a whole first label (a wildcard).`;
    octets += ascii.length + 1;
  }
  if (octets > MAX_NAME_OCTETS) return `${excerpt(name)} is ${octets} octets long; RFC 1035 allows ${MAX_NAME_OCTETS}.`;
  return undefined;
}

/** Input quoted for a message, cut to `max` characters: a message never repeats a whole hostile input. */
export function excerpt(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return `${JSON.stringify(shown)}${text.length > max ? ` (${text.length} characters)` : ""}`;
}
