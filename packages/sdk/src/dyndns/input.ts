// The checks `updateDynDns` makes before anything is sent. A router script reads its hostname and
// token from a config file or the environment, where a scheme, a path or a trailing newline slips
// in easily; each refusal says which and how to fix it.
//
// No message quotes a value the caller passed: the token is secret, and a hostname or address
// swapped with it by mistake would be the token too. Messages describe the value instead.
import { HostupValidationError } from "../errors.js";

const OPERATION_ID = "updateDynDns";
const INPUT_KEYS = ["hostname", "token", "ip"];

export function refuse(message: string, field: string): never {
  throw new HostupValidationError(`${OPERATION_ID}: ${message}`, OPERATION_ID, field);
}

export interface CheckedInput {
  hostname: string;
  token: string;
  ip: string | undefined;
}

/** `{ hostname, token, ip? }`, each as the API takes it, or a HostupValidationError naming the field. */
export function checkInput(input: unknown): CheckedInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    refuse("the first argument must be an object `{ hostname, token, ip? }`.", "input");
  }
  const { hostname, token, ip } = input as Record<string, unknown>;
  if (typeof token !== "string" || token === "") {
    refuse("`token` is required: the DynDNS configuration's token (from createDynDnsConfig), a non-empty string.", "token");
  }
  // A URL would carry whitespace percent-encoded, and the server would refuse the token as `badauth`.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this check refuses.
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    refuse("`token` contains whitespace or control characters; check how it was read (a trailing newline?).", "token");
  }
  if (typeof hostname !== "string" || hostname === "") {
    refuse("`hostname` is required: the configured DynDNS hostname as a full name, e.g. home.example.com.", "hostname");
  }
  const wrong = hostnameProblem(hostname);
  if (wrong) refuse(`\`hostname\` ${wrong}.`, "hostname");
  if (ip !== undefined && (typeof ip !== "string" || !isIpAddress(ip))) {
    refuse(
      `\`ip\` must be an IPv4 address (203.0.113.7) or an IPv6 address (2001:db8::1), got ${describe(ip)}; ` +
        "leave it out to use the address the request comes from.",
      "ip",
    );
  }
  const unknown = Object.keys(input).find((key) => !INPUT_KEYS.includes(key));
  if (unknown !== undefined)
    refuse(`unknown field \`${safeName(unknown, token)}\` (expected hostname, token, ip).`, safeName(unknown, token));
  return { hostname, token, ip: ip as string | undefined };
}

/** What keeps `name` from being a fully qualified hostname, or `undefined` when it is one. */
function hostnameProblem(name: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(name) && name.includes("//")) {
    return "has a scheme: pass the name alone (home.example.com, not https://home.example.com)";
  }
  if (name.includes("/")) return "has a path: pass the name alone, e.g. home.example.com";
  if (/\s/.test(name)) return "contains whitespace; check how it was read (a trailing newline?)";
  if (name.includes(":")) return "has a port or is an IPv6 address: pass the hostname alone, and an address as `ip`";
  if (name.endsWith(".")) return "ends with a dot: pass it without the trailing dot (home.example.com)";
  if (name.length > 253) return `is ${name.length} characters long; a hostname has at most 253`;
  const labels = name.split(".");
  if (labels.length < 2) return "is a single label: pass the fully qualified name, e.g. home.example.com";
  if (isIpv4(name)) return "is an IP address: pass the configured hostname, and the address as `ip`";
  if (labels.includes("")) return "has an empty label (two dots in a row, or a leading dot)";
  if (labels.some((label) => label.length > 63)) return "has a label longer than 63 characters";
  if (!labels.every((label) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(label))) {
    return "has characters a hostname cannot have: letters, digits and inner hyphens only (write an international name in its xn-- form)";
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return "ends with a numeric label, which no top-level domain is";
  return undefined;
}

/** An IPv4 literal in dotted decimal (no leading zeros, which some parsers read as octal) or an IPv6 literal. */
export function isIpAddress(value: string): boolean {
  return isIpv4(value) || isIpv6(value);
}

// Four octets 0-255. A literal, not built at run time: a module with no top-level calls is dropped
// by bundlers from apps that do not use it.
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

function isIpv6(value: string): boolean {
  // The URL parser implements the IPv6 grammar (`::`, an embedded IPv4 tail); the character check
  // first keeps anything that is not a bare literal (brackets, a zone, `@`) away from it.
  if (!value.includes(":") || !/^[0-9a-f:.]+$/i.test(value)) return false;
  try {
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}

/** A caller's value described without quoting it (it may be the token, passed in the wrong field). */
export function describe(value: unknown): string {
  if (typeof value === "string") return value === "" ? "an empty string" : `a string of ${value.length} characters`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** An unknown key, named unless it holds the token (a token pasted in as a key is still the token). */
export function safeName(key: string, token: string): string {
  return key.includes(token) ? "[REDACTED]" : key;
}
