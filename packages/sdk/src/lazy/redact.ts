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
  /**
   * A call's arguments: what it was given under a field the spec marks secret (`updateDynDns`'s
   * `token`, sent in the query string) is as secret as the key, and the API or a proxy may echo it.
   */
  args?: ReadonlyArray<unknown>;
}

const redactors = new WeakMap<ReadonlyArray<string>, Redactor>();

/** The redactor for one client's secrets (built on first use and kept), and for those of the call's `args`. */
export function redactorFor(secrets: Secrets): Redactor {
  const given = (secrets.args ?? []).flatMap((arg) =>
    arg && typeof arg === "object" ? SECRET_FIELDS.map((field) => (arg as Record<string, unknown>)[field]) : [],
  );
  const own = given.filter((value): value is string => typeof value === "string");
  if (own.length) return createRedactor([...secrets.values, ...own], SECRET_FIELDS);
  let redactor = redactors.get(secrets.values);
  if (!redactor) redactors.set(secrets.values, (redactor = createRedactor(secrets.values, SECRET_FIELDS)));
  return redactor;
}

export function createRedactor(literals: ReadonlyArray<string>, secretFields: ReadonlyArray<string>): Redactor {
  const fieldPattern = secretFields.length
    ? new RegExp(`("(?:${secretFields.join("|")})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, "g")
    : undefined;
  // A secret sent in a query string comes back in an echoed URL encoded: those forms are masked too.
  const forms = literals
    .filter((literal) => literal.length >= MIN_SECRET_LENGTH) // too short to be a real key, and masking it would mangle ordinary words
    .flatMap((literal) => [literal, encodeURIComponent(literal), new URLSearchParams({ "": literal }).toString().slice(1)]);
  const text = (value: string): string => {
    let out = value;
    for (const form of forms) out = out.split(form).join(MASK);
    return fieldPattern ? out.replace(fieldPattern, `$1"${MASK}"`) : out;
  };
  const value = <T>(input: T): T => {
    if (typeof input === "string") return text(input) as T;
    if (Array.isArray(input)) return input.map(value) as T;
    if (input && typeof input === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(input)) {
        // A parsed body's own `__proto__` key would become the copy's prototype: its fields would
        // then pass for the Problem's own (`code`, `extensions.actions.canDelete`).
        if (key !== "__proto__") out[key] = secretFields.includes(key) && inner != null ? MASK : value(inner);
      }
      return out as T;
    }
    return input;
  };
  return { text, value };
}
