// Prints plain data as TypeScript source, so every emitter builds a structure (objects, arrays,
// regular expressions, references to names) and never concatenates values into code by hand.
// A value the printer cannot represent (undefined, a function, NaN) is an error, not the text
// "undefined" in a generated file.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A name to print as it is (a constant defined elsewhere in the generated file). */
export class Ref {
  constructor(name) {
    if (!IDENTIFIER.test(name)) throw new Error(`literal: ${JSON.stringify(name)} is not an identifier`);
    this.name = name;
  }
}
export const ref = (name) => new Ref(name);

/**
 * A map keyed by names from the spec (properties, operationIds, parameters): printed with quoted
 * keys, while structural objects print bare keys. Keeps the two kinds apart in the output.
 */
export class KeyedRecord {
  constructor(entries) {
    this.entries = entries;
  }
}
export const record = (object) => new KeyedRecord(Object.entries(object));

/** Source code the caller has already printed (a call, a type), embedded as it is. */
export class Code {
  constructor(text) {
    this.text = text;
  }
}
export const code = (text) => new Code(text);

export const regexLiteral = (pattern) => `/${pattern.replace(/\//g, "\\/")}/`;

const isPrimitive = (value) => value === null || ["string", "number", "boolean"].includes(typeof value);
/** What `pretty` never breaks over lines. */
const isAtom = (value) => isPrimitive(value) || value instanceof Code;

/** Object keys as a TypeScript property name: bare when it is an identifier, else quoted. */
export const propertyName = (key) => (IDENTIFIER.test(key) ? key : JSON.stringify(key));

/**
 * One-line TypeScript for `value`. Arrays of primitives print as compact JSON (`["A","AAAA"]`),
 * as the generated tables always have.
 */
export function literal(value, where = "value") {
  if (value instanceof Ref) return value.name;
  if (value instanceof Code) return value.text;
  if (value instanceof RegExp) return value.toString();
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`literal: ${where} is ${value}`);
    return String(value);
  }
  if (typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return JSON.stringify(value);
    return `[${value.map((item, i) => literal(item, `${where}[${i}]`)).join(", ")}]`;
  }
  if (value instanceof KeyedRecord) {
    const parts = value.entries.map(([key, item]) => `${JSON.stringify(key)}: ${literal(item, `${where}.${key}`)}`);
    return parts.length ? `{ ${parts.join(", ")} }` : "{}";
  }
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const parts = Object.entries(value).map(([key, item]) => `${propertyName(key)}: ${literal(item, `${where}.${key}`)}`);
    return parts.length ? `{ ${parts.join(", ")} }` : "{}";
  }
  throw new Error(`literal: cannot print ${where} (${typeof value})`);
}

/**
 * Readable TypeScript for data written by people (examples in samples and tests): one line when
 * it fits in `width` (or `width` is Infinity), else one entry per line (always, at the top, with
 * `broken`). Keys stay bare where they can.
 */
export function pretty(value, indent = "", width = 100, broken = false) {
  const flat = prettyFlat(value);
  const empty = Array.isArray(value) ? value.length === 0 : value && typeof value === "object" && Object.keys(value).length === 0;
  if (isAtom(value) || empty || (!broken && indent.length + flat.length <= width)) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${pretty(item, inner, width)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).map(([key, item]) => `${inner}${propertyName(key)}: ${pretty(item, inner, width)},`);
  return `{\n${entries.join("\n")}\n${indent}}`;
}

function prettyFlat(value) {
  if (value instanceof Code) return value.text;
  if (isPrimitive(value)) return literal(value);
  if (Array.isArray(value)) return `[${value.map(prettyFlat).join(", ")}]`;
  if (value && typeof value === "object") {
    const parts = Object.entries(value).map(([key, item]) => `${propertyName(key)}: ${prettyFlat(item)}`);
    return parts.length ? `{ ${parts.join(", ")} }` : "{}";
  }
  throw new Error(`pretty: cannot print ${typeof value}`);
}

/** `text` as lines of at most `width` characters, broken between words. */
export function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A JSDoc block from lines of text (empty string: a blank line), indented, with `*\/` escaped. */
export function jsDoc(lines, indent = "") {
  const body = lines.map((line) => (line ? ` * ${line.replace(/\*\//g, "*\\/")}` : " *"));
  return ["/**", ...body, " */"].map((line) => `${indent}${line}`).join("\n");
}
