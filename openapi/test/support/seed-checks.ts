// The assertions of the seed-conformance test: one page fact against the bundled spec.

import { isDeepStrictEqual } from "node:util";
import { deref, listOperations, type SpecNode, type SpecOperation } from "@hostup/openapi/walk";
import { expect } from "vitest";
import type { FieldFact, PageFacts } from "./seed-facts.js";
import { norm, parseType } from "./seed-pages.js";
import { resolveField, schemaView, spec } from "./spec-views.js";

/** A value as the page writes it (`400`, `true`, `null`, `["a"]`) in the JSON type the field declares. */
export function coerce(text: string, base: string, nullable: boolean): unknown {
  if (nullable && text === "null") return null;
  if (base === "integer" || base === "number") return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (base === "boolean") return text === "true" ? true : text === "false" ? false : text;
  if (base === "array" || base === "object") {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

const clip = (s: string): string => (s.length > 50 ? `${s.slice(0, 49)}…` : s);

/** The test name of a field fact: `status: string · enum, required, example queued`. */
export function describeField(f: FieldFact): string {
  const parts = [`${f.type}${f.enum ? " · enum" : ""}`, f.required ? "required" : "optional"];
  if (f.example !== undefined) parts.push(`example ${clip(f.example)}`);
  if (f.description !== undefined) parts.push(`described "${clip(f.description)}"`);
  return `${f.name}: ${parts.join(", ")}`;
}

/** The page's statement about one field holds for `rootSchema`. */
export function checkField(rootSchema: unknown, f: FieldFact): void {
  const { base, nullable, itemsObject } = parseType(f.type);
  const { property, required } = resolveField(rootSchema, f.name);
  const view = schemaView(property);
  const where = `field \`${f.name}\``;

  // type and nullability
  expect(view.types, `${where}: the spec declares no type`).toBeDefined();
  const types = view.types ?? [];
  expect(
    types.filter((t) => t !== "null"),
    `${where}: type`,
  ).toEqual([base]);
  expect(types.includes("null"), `${where}: nullable on the page (${f.type}) ⇔ 'null' in the spec's type`).toBe(nullable);
  if (itemsObject) {
    const items = schemaView(view.items);
    expect(items.types, `${where}: array<object> needs object items`).toEqual(["object"]);
  }

  // required
  expect(required, `${where}: required on the page ⇔ listed in the parent's \`required\``).toBe(f.required);

  // enum and example
  const descriptions = view.descriptions.map(norm);
  const describedBy = (text: string) => text === "" || descriptions.some((d) => d.includes(text));
  const isExample = (value: unknown) => view.examples.some((e) => isDeepStrictEqual(e, value));
  if (f.enum !== undefined) {
    expect(f.example, `${where}: an enum field needs an example and values`).toBeDefined();
    expect(f.enum.length, `${where}: enum values found on the page`).toBeGreaterThan(0);
    expect(view.enum, `${where}: enum`).toEqual(f.enum.map((v) => coerce(v, base, nullable)));
    const example = coerce(f.example ?? "", base, nullable);
    expect(
      isExample(example),
      `${where}: page example ${JSON.stringify(example)} in the spec's examples ${JSON.stringify(view.examples)}`,
    ).toBe(true);
  } else {
    expect(view.enum, `${where}: the page shows no enum`).toBeUndefined();
    if (f.example !== undefined) {
      // The example runs to the end of the field, except where a description follows it in the same
      // paragraph (page 001 has no line breaks there): accept `<example> <text of the description>`.
      const tokens = f.example.split(" ");
      const matches = tokens.some(
        (_, i) => isExample(coerce(tokens.slice(0, i + 1).join(" "), base, nullable)) && describedBy(tokens.slice(i + 1).join(" ")),
      );
      expect(
        matches,
        `${where}: page example "${f.example}" must be one of the spec's examples ${JSON.stringify(view.examples)}` +
          " (optionally followed by text of the field's description)",
      ).toBe(true);
    }
  }
  if (f.description !== undefined) {
    expect(
      describedBy(f.description),
      `${where}: page description "${f.description}" in the spec's description ${JSON.stringify(descriptions)}`,
    ).toBe(true);
  }
}

let operationsCache: SpecOperation[] | undefined;

/** The spec's operation for the page's method and path (its parameters resolved and merged). */
export function specOperationOf(page: PageFacts): SpecOperation {
  operationsCache ??= listOperations(spec());
  expect(spec().paths?.[page.path], `path ${page.path} in the spec`).toBeDefined();
  const found = operationsCache.find((o) => o.path === page.path && o.method === page.method.toLowerCase());
  expect(found, `${page.method} ${page.path} in the spec`).toBeDefined();
  return found!;
}

export const operationOf = (page: PageFacts): SpecNode => specOperationOf(page).operation;

export function responseOf(page: PageFacts, status: string): SpecNode {
  const responses: SpecNode = operationOf(page).responses ?? {};
  expect(Object.keys(responses), `status ${status} on ${page.method} ${page.path}`).toContain(status);
  return deref(spec(), responses[status]);
}

/** The success status of the page; page 001 shows none (see its test). */
export function successStatus(page: PageFacts): string {
  return page.hasStatusLines ? (page.success[0]?.status ?? "(none)") : "202";
}
