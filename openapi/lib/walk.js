// One way to walk an OpenAPI document, for every tool of this repository that reads the spec: the
// SDK generator, the breaking-change check, the mock's scenarios, the spec tests and the docs tests.
// Local `$ref`s only: the bundle (dist/openapi.json) has no other kind.

/** The operation fields of a Path Item, in the order OpenAPI 3.1 lists them. */
export const HTTP_METHODS = Object.freeze(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export const escapePointer = (token) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");
export const unescapePointer = (token) => String(token).replace(/~1/g, "/").replace(/~0/g, "~");

export class SpecRefError extends Error {
  constructor(message) {
    super(message);
    this.name = "SpecRefError";
  }
}

/** The node a local reference (`#/components/schemas/Domain`) points at. */
export function refTarget(doc, ref) {
  if (typeof ref !== "string" || !ref.startsWith("#")) throw new SpecRefError(`only local $refs are supported: ${ref}`);
  let node = doc;
  for (const part of ref.slice(1).split("/").slice(1)) {
    node = node?.[unescapePointer(decodeURIComponent(part))];
    if (node === undefined) throw new SpecRefError(`unresolvable $ref ${ref}`);
  }
  return node;
}

/**
 * `node` and the nodes its `$ref`s lead to, nearest first. OpenAPI 3.1 allows keywords beside a
 * `$ref` (a description or an example that is more specific than the target's), so a reader that
 * honours them needs every hop, not only the last one.
 */
export function refChain(doc, node) {
  const chain = [node];
  const seen = new Set();
  while (node && typeof node === "object" && typeof node.$ref === "string") {
    if (seen.has(node.$ref)) throw new SpecRefError(`circular $ref ${node.$ref}`);
    seen.add(node.$ref);
    node = refTarget(doc, node.$ref);
    chain.push(node);
  }
  return chain;
}

/**
 * Follows `$ref`s (chains included) from `node` at JSON pointer `ptr` to what they point at, with
 * the pointer of the place reached: `{ node, ptr }`. A node without `$ref` is returned as it is.
 */
export function derefWithPointer(doc, node, ptr = "") {
  const chain = refChain(doc, node);
  return { node: chain[chain.length - 1], ptr: chain.length > 1 ? chain[chain.length - 2].$ref : ptr };
}

/** Follows `$ref`s (chains included) to what they point at. */
export function deref(doc, node) {
  return derefWithPointer(doc, node).node;
}

/**
 * Every operation of the document, in document order: its path, lower-case method, the operation
 * object, and its parameters resolved, path-level ones included unless the operation overrides
 * them (same `name` and `in`). For tools that point at the place of a finding: `pointer` is the
 * operation's JSON pointer (`#/paths/…/get`, or inside the Path Item a `$ref` leads to) and
 * `parameterPointers[i]` where `parameters[i]` is defined, after its `$ref`s.
 */
export function listOperations(doc) {
  const out = [];
  for (const [path, rawItem] of Object.entries(doc?.paths ?? {})) {
    const { node: pathItem, ptr: itemPtr } = derefWithPointer(doc, rawItem, `#/paths/${escapePointer(path)}`);
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (!operation || typeof operation !== "object") continue;
      const pointer = `${itemPtr}/${method}`;
      const resolve = (list, base) => (list ?? []).map((p, i) => derefWithPointer(doc, p, `${base}/parameters/${i}`));
      const own = resolve(operation.parameters, pointer);
      const key = ({ node }) => `${node.in}:${node.name}`;
      const overridden = new Set(own.map(key));
      const inherited = resolve(pathItem.parameters, itemPtr).filter((p) => !overridden.has(key(p)));
      const parameters = [...inherited, ...own];
      out.push({
        path,
        method,
        operationId: operation.operationId,
        operation,
        pathItem,
        pointer,
        parameters: parameters.map((p) => p.node),
        parameterPointers: parameters.map((p) => p.ptr),
      });
    }
  }
  return out;
}
