/** The operation fields of a Path Item, in the order OpenAPI 3.1 lists them. */
export declare const HTTP_METHODS: ReadonlyArray<"get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace">;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is untyped JSON here.
export type SpecNode = Record<string, any>;

export declare function escapePointer(token: string | number): string;
export declare function unescapePointer(token: string): string;

/** A `$ref` that is not local, does not resolve, or loops. */
export declare class SpecRefError extends Error {}

/** The node a local reference (`#/components/schemas/Domain`) points at. */
export declare function refTarget(doc: unknown, ref: string): SpecNode;
/**
 * `node` and the nodes its `$ref`s lead to, nearest first (OpenAPI 3.1 allows keywords beside a `$ref`).
 * A node that is not a `$ref` gives `[node]`.
 */
export declare function refChain(doc: unknown, node: unknown): unknown[];
/** Follows `$ref`s (chains included), returning the node reached and its JSON pointer. */
export declare function derefWithPointer<T = SpecNode>(doc: unknown, node: T, ptr?: string): { node: T; ptr: string };
/** Follows `$ref`s (chains included) to what they point at. */
export declare function deref<T = SpecNode>(doc: unknown, node: T): T;

export interface SpecOperation {
  path: string;
  method: HttpMethod;
  operationId: string | undefined;
  operation: SpecNode;
  pathItem: SpecNode;
  /** The operation's JSON pointer (`#/paths/~1domains/get`); inside the Path Item a `$ref` leads to, if any. */
  pointer: string;
  /** Path-level and operation-level parameters, resolved; the operation's own win on the same `name` + `in`. */
  parameters: SpecNode[];
  /** Where each of `parameters` is defined (after its `$ref`s), in the same order. */
  parameterPointers: string[];
}

/** Every operation of the document, in document order. */
export declare function listOperations(doc: unknown): SpecOperation[];
