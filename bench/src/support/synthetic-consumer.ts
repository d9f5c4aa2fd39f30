// The consumer fixtures as they would be written against a copy of the synthetic spec
// (synthetic-spec.ts): fixtures/consumer-methods.ts with each method renamed as in that copy, and
// fixtures/consumer-raw.ts with each path renamed. A consumer of all the copies uses every
// operation of the synthetic API once, as the fixtures do for the real one.
import { readFileSync } from "node:fs";
import { listOperations, type SpecNode } from "@hostup/openapi/walk";
import { copyOperationId, copyPath, operationIds } from "./synthetic-spec.js";

export type ConsumerKind = "methods" | "raw";

export function consumerFixture(kind: ConsumerKind): string {
  return readFileSync(new URL(`../../fixtures/consumer-${kind}.ts`, import.meta.url), "utf8");
}

/** The fixture's calls: `hostup.name(` / `hostup.name.withResponse(`, or `hostup.raw.METHOD("path"`. */
function calls(kind: ConsumerKind, text: string): Set<string> {
  const pattern = kind === "methods" ? /\bhostup\.(\w+)(?:\.withResponse)?\(/g : /\bhostup\.raw\.([A-Z]+)\("([^"]+)"/g;
  return new Set([...text.matchAll(pattern)].map((m) => (kind === "methods" ? m[1]! : `${m[1]} ${m[2]}`)));
}

/**
 * Fails unless the fixture calls every operation of `doc`: a slope measured on a consumer that
 * skips operations would be too low.
 */
export function checkEveryOperationCalled(kind: ConsumerKind, text: string, doc: SpecNode): void {
  const called = calls(kind, text);
  const expected = kind === "methods" ? operationIds(doc) : listOperations(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`);
  const missing = expected.filter((call) => !called.has(call));
  if (missing.length) throw new Error(`fixtures/consumer-${kind}.ts does not call ${missing.join(", ")}: add a call for every operation`);
}

/** The fixture's text for copy `copy` of the synthetic spec (copy 0: the fixture itself). */
export function consumerCopy(kind: ConsumerKind, text: string, doc: SpecNode, copy: number): string {
  if (copy === 0) return text;
  if (kind === "methods") {
    const ids = new Set(operationIds(doc));
    return text.replace(/\bhostup\.(\w+)(?=(?:\.withResponse)?\()/g, (call, name: string) =>
      ids.has(name) ? `hostup.${copyOperationId(name, copy)}` : call,
    );
  }
  const paths = new Set(Object.keys(doc.paths as object));
  return text.replace(/(\bhostup\.raw\.[A-Z]+\()"([^"]+)"/g, (call, head: string, path: string) =>
    paths.has(path) ? `${head}${JSON.stringify(copyPath(path, copy))}` : call,
  );
}
