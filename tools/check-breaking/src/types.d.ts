// The shapes the check passes between its modules (JSDoc in the .js files imports them from here).
import type { SpecNode } from "@hostup/openapi/walk";

export type { SpecNode };

/** One of the two documents compared, with `$ref` resolution that names its file in errors. */
export interface Side {
  name: "released" | "current";
  file: string;
  doc: SpecNode;
  /** Follows `$ref`s (chains included) from `node` at `ptr`; the pointer of the place reached. */
  deref(node: unknown, ptr: string): { node: SpecNode; ptr: string };
  /** One local `$ref`'s target and its pointer. */
  target(ref: string): { node: unknown; ptr: string };
}

/** A change found between the two documents: what the reports and the JSON output list. */
export interface Change {
  id: string;
  breaking: boolean;
  /** `GET /domains/{domainId}` */
  operation: string;
  operationId: string | null;
  /** Where in the operation: `request body application/json › records[].type` */
  location: string;
  message: string;
  /** The document `pointer` points into. */
  document: "released" | "current";
  file: string;
  pointer: string;
}

export type SecurityRequirement = Record<string, string[]>;

/** An operation of one document, as the comparison needs it. */
export interface Operation {
  /** Method and path template with the parameter names left out: `GET /domains/{}`. */
  key: string;
  method: string;
  path: string;
  op: SpecNode;
  ptr: string;
  /** `in:name` (header names lower-cased) → the resolved parameter and where it is defined. */
  params: Map<string, { param: SpecNode; ptr: string }>;
  operationId: string | undefined;
  pathNames: string[];
  security: SecurityRequirement[];
}

/** Where a change is: the operation, the part of it, the field path inside a schema. */
export interface Location {
  op: Operation;
  where: string;
  path: string[];
}

export interface Context {
  released: Side;
  current: Side;
  changes: Change[];
}

/** "request": the new schema must accept all the old one did; "response": allow nothing new. */
export type Direction = "request" | "response";

/** A schema not normalized yet, with its pointer. */
export interface RawSchema {
  raw: unknown;
  ptr: string;
}

export type LowerBound = "minLength" | "minItems" | "minProperties" | "minimum" | "exclusiveMinimum";
export type UpperBound = "maxLength" | "maxItems" | "maxProperties" | "maximum" | "exclusiveMaximum";

/**
 * A schema with its `$ref`s resolved and its allOf merged. Subschemas stay raw (lists of the
 * schemas an allOf merged for one place) until the comparison goes into them.
 */
export interface Schema {
  ptr: string;
  refName: string | undefined;
  title: string | undefined;
  /** null: any type. */
  types: Set<string> | null;
  /** null: no enum (const is an enum of one). */
  enum: unknown[] | null;
  props: Map<string, RawSchema[]>;
  required: Set<string>;
  /** false: closed; a list: the schemas of the map values; undefined: open. */
  addl: false | RawSchema[] | undefined;
  items: RawSchema[] | null;
  prefixItems: RawSchema[][] | null;
  branches: RawSchema[] | null;
  bounds: Partial<Record<LowerBound | UpperBound, number>>;
  patterns: string[];
  format: string | undefined;
  multipleOf: number | undefined;
  uniqueItems: boolean;
  default: unknown;
  readOnly: boolean;
  writeOnly: boolean;
}

/** What the command line asked for. */
export interface Options {
  released: string;
  current: string;
  changesets: string;
  json: boolean;
  update: boolean;
  force: boolean;
  help: boolean;
}

/** A pending changeset: its file and the bump it declares for each package. */
export interface Changeset {
  file: string;
  releases: Record<string, string>;
}
