// Keeps secrets out of anything the SDK surfaces: error messages, error properties and logs.
// Secrets are the API key (known to the client) and response fields the spec marks
// `x-hostup-secret` (DynDNS tokens), which a server or proxy might echo in an error body.
//
// Only the modules that write messages from outside input load it (lazy/validate.ts for bad input,
// lazy/failure.ts for error answers); the eager part never puts a secret or a response body in a
// message, so it does not need this module up front.
import { SECRET_FIELDS } from "../generated/secrets.js";

const MASK = "[REDACTED]";
const MIN_SECRET_LENGTH = 8;

export interface Redactor {
  text(value: string): string;
  value<T>(value: T): T;
}

/** What one client keeps secret beyond the response fields the spec marks `x-hostup-secret`: its API key. */
export interface Secrets {
  values: ReadonlyArray<string>;
}

const redactors = new WeakMap<Secrets, Redactor>();

/** The redactor for one client's secrets, built on first use and kept. */
export function redactorFor(secrets: Secrets): Redactor {
  let redactor = redactors.get(secrets);
  if (!redactor) redactors.set(secrets, (redactor = createRedactor(secrets.values, SECRET_FIELDS)));
  return redactor;
}

export function createRedactor(literals: ReadonlyArray<string>, secretFields: ReadonlyArray<string>): Redactor {
  const fieldPattern = secretFields.length
    ? new RegExp(`("(?:${secretFields.join("|")})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, "g")
    : undefined;
  const text = (value: string): string => {
    let out = value;
    // Too short to be a real key, and masking it would mangle ordinary words.
    for (const literal of literals) if (literal.length >= MIN_SECRET_LENGTH) out = out.split(literal).join(MASK);
    return fieldPattern ? out.replace(fieldPattern, `$1"${MASK}"`) : out;
  };
  const value = <T>(input: T): T => {
    if (typeof input === "string") return text(input) as T;
    if (Array.isArray(input)) return input.map(value) as T;
    if (input && typeof input === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(input)) {
        out[key] = secretFields.includes(key) && inner != null ? MASK : value(inner);
      }
      return out as T;
    }
    return input;
  };
  return { text, value };
}
