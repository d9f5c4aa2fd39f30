// The shape of the operation table that scripts/generate.mjs derives from the bundled spec.

/**
 * The subset of JSON Schema the client checks before sending (see validate.ts). The generator
 * fails on any other constraining keyword (scripts/lib/request-schema.mjs), so none is dropped.
 */
export interface BodySchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null" | Array<string>;
  enum?: ReadonlyArray<unknown>;
  const?: unknown;
  pattern?: RegExp;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  required?: ReadonlyArray<string>;
  minProperties?: number;
  maxProperties?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  additionalProperties?: false;
  properties?: Readonly<Record<string, BodySchema>>;
  items?: BodySchema;
  /** Every member applies (JSON Schema `allOf`). */
  allOf?: ReadonlyArray<BodySchema>;
}

export interface PathParamSpec {
  /** Name in the path template, e.g. `id` in `/api/v2/domains/{id}`. */
  name: string;
  /** The spec's pattern for the ID. */
  pattern: RegExp;
}

/** What every call needs to be sent (generated/operations.ts). */
export interface OperationSpec {
  id: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  params: ReadonlyArray<PathParamSpec>;
  /** The method's argument after the path parameters: query parameters as one object, or the JSON body. */
  input?: "query" | "body";
  /** Does the success response have a JSON body (200/201/202), or none (204)? */
  successBody: boolean;
  /** Is the success answer plain text, returned as it came (the DynDNS2 update: `good 203.0.113.7`)? */
  successText?: true;
  /** May the client repeat the request after a 5xx, timeout or lost connection (`x-hostup-retry-safe`)? */
  retrySafe: boolean;
  /** `false`: the operation does not take the API key (its credential is a parameter), so it is not sent. */
  apiKey?: false;
}

/** What the input checks need beyond that (generated/schemas.ts, loaded with lazy/validate.ts). */
export interface RequestSchema {
  /** Each path parameter's ID: its schema title (`DomainId`) and documented prefix (`dom_`; none for job references). */
  params: Readonly<Record<string, { kind: string; prefix?: string }>>;
  query?: BodySchema;
  body?: BodySchema;
}
