// Checks a call's input against the rules the generator took from the spec (ID patterns, enums,
// required fields, minProperties, …) and the rules only the documentation's prose states, so that
// bad input fails clearly, with nothing sent. Deliberately a small interpreter of the JSON Schema
// subset the spec uses, not a full validator.
//
// invoke.ts imports this module on first need (a call with a body or query to check, or an argument
// to explain), so an app whose calls need neither never loads it. It imports nothing of the core at
// run time, only modules that are themselves loaded on demand: it reports what is wrong (a
// `Finding`) and invoke.ts throws the HostupValidationError. That keeps it, and the request schemas,
// out of an app's first bundle chunk when the app's bundler splits code.
import { HOW_TO_FIND } from "../generated/hints.js";
import { REQUEST_SCHEMAS } from "../generated/schemas.js";
import { asciiName } from "@hostup/dns/records";
import type { BodySchema, OperationSpec, PathParamSpec } from "../eager/operation.js";
import { redactorFor, type Secrets } from "./redact.js";

/** Keeps secrets (the API key passed by mistake as input) out of messages. */
type Scrub = (text: string) => string;

/** A rule the input breaks: the message (scrubbed) and where (a path parameter's name or a JSON Pointer). */
export interface Finding {
  message: string;
  field: string;
}

/** Why `value` is not a valid `param` (call it for a value that failed the parameter's pattern). */
export function pathParamFinding(op: OperationSpec, param: PathParamSpec, value: unknown, secrets: Secrets): Finding {
  const scrub = redactorFor(secrets).text;
  const { kind, prefix } = REQUEST_SCHEMAS[op.id]!.params[param.name]!;
  const shown = show(value, scrub);
  const shape = prefix ? ` (\`${prefix}…\`)` : "";
  // How to get the ID, as the spec documents it (`x-hostup-how-to-find` on the ID's schema).
  const howToFind = HOW_TO_FIND[kind] ? ` ${HOW_TO_FIND[kind]}` : "";
  let hint = `It must be a ${kind}${shape} exactly as an API response returned it.${howToFind}`;
  if (typeof value === "string" && /^[^\s/]+\.[^\s/]+$/.test(value)) {
    hint = `${shown} looks like a domain name, but ${op.id} needs a ${kind}${shape}.${howToFind}`;
  } else if (typeof value === "string" && /[/?#%\s]|\.\./.test(value)) {
    hint += " IDs never contain `/`, `?`, `#`, `%`, `..` or whitespace.";
  }
  return { message: scrub(`${op.id}: \`${param.name}\` ${shown} is not a valid ${kind}. ${hint}`), field: param.name };
}

/**
 * The first rule the call's query or body breaks (`args` are the method's arguments; `domain` the
 * domain's name, when known, for rules that need it), or `undefined` when it may be sent.
 */
export function inputFinding(
  op: OperationSpec,
  args: ReadonlyArray<unknown>,
  domain: string | undefined,
  secrets: Secrets,
): Finding | undefined {
  const scrub = redactorFor(secrets).text;
  const rules = REQUEST_SCHEMAS[op.id]!;
  const value = args[op.params.length];
  if (op.input === "query") return rules.query && schemaFinding(op, rules.query, value ?? {}, scrub, "query");
  return (rules.body && schemaFinding(op, rules.body, value, scrub, "body")) ?? proseFinding(op, args, domain, scrub);
}

/** A call with more arguments than the method takes (`most`). */
export function argumentsFinding(op: OperationSpec, most: number, got: number): Finding {
  return { message: `${op.id}: expected at most ${most} arguments, got ${got}.`, field: "arguments" };
}

/** What is wrong with a method's options argument (`known`: the option names). */
export function optionsFinding(op: OperationSpec, options: unknown, known: ReadonlyArray<string>, secrets: Secrets): Finding {
  const scrub = redactorFor(secrets).text;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return { message: `${op.id}: the last argument must be an options object, got ${show(options, scrub)}.`, field: "options" };
  }
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    return {
      message: scrub(`${op.id}: unknown option \`${unknown}\` (expected ${known.join(", ")}).`),
      field: scrub(`options.${unknown}`),
    };
  }
  const { timeoutMs } = options as { timeoutMs?: unknown };
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    return { message: `${op.id}: \`timeoutMs\` must be a positive number of milliseconds.`, field: "options.timeoutMs" };
  }
  return { message: `${op.id}: \`maxRetries\` must be a whole number ≥ 0.`, field: "options.maxRetries" };
}

/** The first rule a body (or the query object) breaks; `field` is a JSON Pointer into it. */
function schemaFinding(op: OperationSpec, schema: BodySchema, value: unknown, scrub: Scrub, part: "body" | "query"): Finding | undefined {
  const problem = check(schema, value, "", scrub);
  if (!problem) return undefined;
  const [pointer, message] = problem;
  const where = pointer ? `${part} field \`${pointer}\`` : part;
  return { message: scrub(`${op.id}: ${where} ${message}`), field: part === "body" ? pointer || "/" : `query${pointer}` };
}

/**
 * Rules the prose of the docs states and a schema cannot, because they need the domain's name
 * (`domain`, when known): createDynDnsConfig's hostname must be the domain or a subdomain of it.
 */
function proseFinding(op: OperationSpec, args: ReadonlyArray<unknown>, domain: string | undefined, scrub: Scrub): Finding | undefined {
  if (op.id !== "createDynDnsConfig" || domain === undefined) return undefined;
  const { hostname } = args[1] as { hostname: string };
  const host = asciiName(hostname);
  const apex = asciiName(domain);
  if (host === apex || host.endsWith(`.${apex}`)) return undefined;
  return {
    message: `${op.id}: body field \`/hostname\` ${show(hostname, scrub)} is not ${show(domain, scrub)} or a subdomain of it.`,
    field: "/hostname",
  };
}

/** Returns `[JSON Pointer, message]` for the first rule `value` breaks, or `undefined`. */
function check(schema: BodySchema, value: unknown, pointer: string, scrub: Scrub): [string, string] | undefined {
  const fail = (message: string): [string, string] => [pointer, message];
  if (schema.type !== undefined && !([] as string[]).concat(schema.type).some((type) => isType(type, value))) {
    return fail(`must be ${([] as string[]).concat(schema.type).join(" or ")}, got ${show(value, scrub)}.`);
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return fail(`must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}, got ${show(value, scrub)}.`);
  }
  if (schema.const !== undefined && canonical(value) !== canonical(schema.const)) {
    return fail(`must be ${JSON.stringify(schema.const)}, got ${show(value, scrub)}.`);
  }
  if (typeof value === "string") {
    // JSON Schema counts characters (code points), not UTF-16 units.
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      return fail(schema.minLength === 1 ? "must not be empty." : `must be at least ${schema.minLength} characters long.`);
    }
    if (schema.maxLength !== undefined && length > schema.maxLength)
      return fail(`must be at most ${schema.maxLength} characters long, got ${length}.`);
    if (schema.pattern !== undefined && !schema.pattern.test(value)) {
      return fail(`${show(value, scrub)} does not match ${schema.pattern.source}.`);
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return fail(`must be at least ${schema.minimum}.`);
    if (schema.maximum !== undefined && value > schema.maximum) return fail(`must be at most ${schema.maximum}.`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      return fail(`must be greater than ${schema.exclusiveMinimum}.`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      return fail(`must be less than ${schema.exclusiveMaximum}.`);
    if (schema.multipleOf !== undefined && !isMultiple(value, schema.multipleOf))
      return fail(`must be a multiple of ${schema.multipleOf}.`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      return fail(`needs at least ${schema.minItems} item(s), got ${value.length}.`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      return fail(`must have at most ${schema.maxItems} item(s), got ${value.length}.`);
    if (schema.uniqueItems) {
      const seen = new Map<string, number>();
      for (let i = 0; i < value.length; i++) {
        const key = canonical(value[i]);
        const first = seen.get(key);
        if (first !== undefined) return [`${pointer}/${i}`, `repeats item ${first}: the items must be unique.`];
        seen.set(key, i);
      }
    }
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const problem = check(schema.items, value[i], `${pointer}/${i}`, scrub);
        if (problem) return problem;
      }
    }
  }
  if (isType("object", value)) {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).filter((key) => object[key] !== undefined);
    const properties = schema.properties ?? {};
    for (const key of schema.required ?? []) {
      if (object[key] === undefined) return [`${pointer}/${key}`, "is required."];
    }
    if (schema.additionalProperties === false) {
      const unknown = keys.find((key) => !(key in properties));
      if (unknown !== undefined) {
        const known = Object.keys(properties);
        return [
          `${pointer}/${unknown}`,
          known.length ? `is not a known field (expected one of ${known.join(", ")}).` : "is not allowed: send no fields.",
        ];
      }
    }
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) {
      const known = Object.keys(properties);
      return fail(
        `needs at least ${schema.minProperties} field(s), got ${keys.length}${known.length ? ` (fields: ${known.join(", ")}).` : "."}`,
      );
    }
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
      return fail(`must have at most ${schema.maxProperties} field(s).`);
    }
    for (const key of keys) {
      const sub = properties[key];
      const problem = sub && check(sub, object[key], `${pointer}/${key}`, scrub);
      if (problem) return problem;
    }
  }
  for (const member of schema.allOf ?? []) {
    const problem = check(member, value, pointer, scrub);
    if (problem) return problem;
  }
  return undefined;
}

/** `value` is a whole multiple of `step`, allowing for binary fractions (0.3 is a multiple of 0.1). */
function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/** JSON equality as a string: object keys sorted, so `{ a, b }` equals `{ b, a }` (uniqueItems, const). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

/** A short rendering of a value for messages, scrubbed before it is shortened (so no secret prefix survives). */
function show(value: unknown, scrub: Scrub): string {
  const text = scrub(
    typeof value === "string"
      ? JSON.stringify(value)
      : typeof value === "object" && value
        ? Array.isArray(value)
          ? "an array"
          : "an object"
        : String(value),
  );
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}
