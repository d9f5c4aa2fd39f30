// A synthetic HostUp API with many more operations than the real one, to show how what the SDK
// costs (first load, type checking) grows with the API: the real bundle plus copies of every path,
// each under a renamed path and with renamed operationIds. Components are shared, so every copy has
// the real operations' parameters, bodies, ID patterns and answers.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deref, HTTP_METHODS, listOperations, type SpecNode } from "@hostup/openapi/walk";

/** Copies beside the original: the real spec's operations, six times over (32 become 192). */
export const SYNTHETIC_COPIES = 5;

export const copyOperationId = (operationId: string, copy: number): string => `${operationId}Copy${copy}`;
export const copyPath = (path: string, copy: number): string => `/copy${copy}${path}`;

const require = createRequire(import.meta.url);

/** The real bundle (openapi/dist/openapi.json), parsed afresh (callers may change it). */
export function realSpec(): SpecNode {
  return JSON.parse(readFileSync(require.resolve("@hostup/openapi/openapi.json"), "utf8")) as SpecNode;
}

export function operationIds(doc: SpecNode): string[] {
  return listOperations(doc).map(({ path, method, operationId }) => {
    if (!operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    return operationId;
  });
}

/** `doc` with `copies` renamed copies of each of its paths (copy 0 is the original). */
export function syntheticSpec(doc: SpecNode, copies = SYNTHETIC_COPIES): SpecNode {
  const out = structuredClone(doc);
  for (let copy = 1; copy <= copies; copy++) {
    for (const [path, item] of Object.entries(doc.paths as Record<string, SpecNode>)) {
      const clone = structuredClone(deref(doc, item));
      for (const method of HTTP_METHODS) {
        const operation = clone[method] as SpecNode | undefined;
        if (operation) operation.operationId = copyOperationId(String(operation.operationId), copy);
      }
      out.paths[copyPath(path, copy)] = clone;
    }
  }
  return out;
}
