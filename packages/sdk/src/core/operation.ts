// The shape of the operation table that scripts/generate.mjs derives from the bundled spec.

/** The subset of JSON Schema the client checks before sending (see validate.ts). */
export interface BodySchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null" | Array<string>;
  enum?: ReadonlyArray<unknown>;
  pattern?: RegExp;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  required?: ReadonlyArray<string>;
  properties?: Readonly<Record<string, BodySchema>>;
  additionalProperties?: false;
  minProperties?: number;
  maxProperties?: number;
  items?: BodySchema;
}

export interface PathParamSpec {
  /** Name in the path template, e.g. `id` in `/api/v2/domains/{id}`. */
  name: string;
  /** Schema title of the ID, e.g. `DomainId`. */
  kind: string;
  /** The ID's documented prefix, e.g. `dom_` (none for job references). */
  prefix?: string;
  /** The spec's pattern for the ID. */
  pattern: RegExp;
}

export interface OperationSpec {
  id: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  params: ReadonlyArray<PathParamSpec>;
  /** Query parameters as one object schema; the method then takes an optional `query` argument. */
  query?: BodySchema;
  /** Request body schema; `undefined` when the method takes no body argument. */
  body?: BodySchema;
  /** Does the success response have a JSON body (200/201/202), or none (204)? */
  successBody: boolean;
  /** May the client repeat the request after a 5xx, timeout or lost connection (`x-hostup-retry-safe`)? */
  retrySafe: boolean;
}
