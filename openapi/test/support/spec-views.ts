// The bundled spec (dist/openapi.json) as the seed-conformance test reads it: schemas seen through their
// `$ref` chains (nearest definition wins), objects with their `allOf` members merged, dotted field names.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { refChain, type SpecNode } from "@hostup/openapi/walk";

const specPath = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "dist", "openapi.json");

let specCache: SpecNode | undefined;
/** The bundle, read once; run the package's `bundle` script first. */
export function spec(): SpecNode {
  if (specCache === undefined) {
    if (!existsSync(specPath)) {
      throw new Error(
        `Bundled spec not found at ${specPath}. Bundle it first: ` +
          "`redocly bundle openapi.yaml --config redocly.yaml -o dist/openapi.json` (the `bundle` script).",
      );
    }
    specCache = JSON.parse(readFileSync(specPath, "utf8")) as SpecNode;
  }
  return specCache;
}

const isNode = (v: unknown): v is SpecNode => v !== null && typeof v === "object";

/** The objects along `node`'s `$ref` chain, nearest first. */
const chainOf = (node: unknown): SpecNode[] => refChain(spec(), node).filter(isNode);

export interface SchemaView {
  types: string[] | undefined;
  enum: unknown[] | undefined;
  examples: unknown[];
  descriptions: string[];
  pattern: string | undefined;
  items: SpecNode | undefined;
}

/** What a (property) schema says once its `$ref` chain is followed: nearest definition wins. */
export function schemaView(node: unknown): SchemaView {
  const chain = chainOf(node);
  const first = (key: string): unknown => chain.find((n) => n[key] !== undefined)?.[key];
  const type = first("type") as string | string[] | undefined;
  const examples: unknown[] = [];
  const descriptions: string[] = [];
  for (const n of chain) {
    if (Array.isArray(n.examples)) examples.push(...n.examples);
    if (n.example !== undefined) examples.push(n.example);
    if (typeof n.description === "string") descriptions.push(n.description);
  }
  return {
    types: type === undefined ? undefined : Array.isArray(type) ? type : [type],
    enum: first("enum") as unknown[] | undefined,
    examples,
    descriptions,
    pattern: first("pattern") as string | undefined,
    items: first("items") as SpecNode | undefined,
  };
}

export interface ObjectView {
  properties: Record<string, unknown>;
  required: string[];
}

/** Properties and required names of an object schema, following `$ref`s and merging `allOf`. */
export function objectView(node: unknown): ObjectView {
  const view: ObjectView = { properties: {}, required: [] };
  for (const n of chainOf(node)) {
    if (isNode(n.properties)) for (const [k, v] of Object.entries(n.properties)) view.properties[k] ??= v;
    if (Array.isArray(n.required)) view.required.push(...(n.required as string[]));
    if (Array.isArray(n.allOf)) {
      for (const part of n.allOf) {
        const sub = objectView(part);
        for (const [k, v] of Object.entries(sub.properties)) view.properties[k] ??= v;
        view.required.push(...sub.required);
      }
    }
  }
  return view;
}

export interface ResolvedField {
  parent: ObjectView;
  property: unknown;
  required: boolean;
}

/** Finds `a.b`, `errors[].pointer` etc. in an object schema. */
export function resolveField(root: unknown, dottedName: string): ResolvedField {
  const segments = dottedName.split(".");
  let schema = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const isArray = segment.endsWith("[]");
    const name = isArray ? segment.slice(0, -2) : segment;
    const parent = objectView(schema);
    const property = parent.properties[name];
    if (property === undefined) {
      throw new Error(
        `Property \`${name}\` (of \`${dottedName}\`) is not in the schema; it has: ${Object.keys(parent.properties).join(", ") || "(none)"}`,
      );
    }
    if (i === segments.length - 1) return { parent, property, required: parent.required.includes(name) };
    schema = isArray ? schemaView(property).items : property;
    if (schema === undefined) throw new Error(`\`${name}\` has no \`items\` schema (needed for \`${dottedName}\`)`);
  }
  throw new Error(`empty field name ${JSON.stringify(dottedName)}`);
}
