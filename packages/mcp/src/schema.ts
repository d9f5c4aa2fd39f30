// Compact JSON Schemas for the tools, written by hand: `tools/list` is sent into every conversation,
// and a schema converter's output (a `$schema` per schema, ±2^53 bounds on integers) would cost it
// several times the bytes. Each tool's input schema is also what its arguments are checked with
// (server.ts, with Ajv), so the list and the checks cannot disagree.
export type Schema = Record<string, unknown>;

export const str = (description?: string, extra: Schema = {}): Schema => ({
  type: "string",
  ...(description && { description }),
  ...extra,
});
export const int = (description?: string, extra: Schema = {}): Schema => ({
  type: "integer",
  ...(description && { description }),
  ...extra,
});
export const bool = (description?: string): Schema => ({ type: "boolean", ...(description && { description }) });
export const oneOf = (values: ReadonlyArray<string>, description?: string): Schema => ({
  type: "string",
  enum: values,
  ...(description && { description }),
});
export const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type as string, "null"] });
export const list = (items: Schema, description?: string): Schema => ({ type: "array", items, ...(description && { description }) });

/** An object of these properties; `required` names the ones that must be there. Unknown keys are refused (a typo is not ignored). */
export function obj(properties: Record<string, Schema>, required: ReadonlyArray<string> = [], extra: Schema = {}): Schema {
  return { type: "object", properties, ...(required.length && { required }), additionalProperties: false, ...extra };
}

/**
 * An output object: the fields every result has (`required`), by name and type, and others allowed
 * (the API's objects are open). Optional and nested fields are left to the result's text: every field
 * of every result spelt out would cost `tools/list`, sent into every conversation, more than all the
 * tools' inputs. `properties` documents the rest for the reader of this code.
 */
export function out(properties: Record<string, Schema>, required: ReadonlyArray<string> = []): Schema {
  const shallow = (schema: Schema): Schema =>
    schema.type === "array" ? { type: "array", items: { type: (schema.items as Schema).type } } : schema.type ? { type: schema.type } : {};
  return {
    type: "object",
    properties: Object.fromEntries(required.map((k) => [k, shallow(properties[k] ?? {})])),
    ...(required.length && { required }),
  };
}

// The arguments every tool names the same way.
// Bounds: what a name (RFC 1035), a record value or a URL can be, so nothing unbounded reaches the API.
export const DOMAIN = str("domain name or dom_ ID", { maxLength: 253 });
export const ZONE = str("zone name or zone_ ID", { maxLength: 253 });
export const URL = (description: string): Schema => str(description, { maxLength: 2048 });
export const RECORD_TYPES = ["A", "AAAA", "CNAME", "ALIAS", "MX", "TXT", "SPF", "SRV", "CAA", "NS", "TLSA"] as const;
export const TYPE = oneOf(RECORD_TYPES);
export const NAME = str("name relative to the zone, @ for the apex", { maxLength: 253 });
export const VALUE = str("value as written in a zone file; TXT without quotes", { maxLength: 16384 });
export const TTL = int("seconds", { minimum: 60, maximum: 86400 });
export const LIMIT = int("at most this many (default 50)", { minimum: 1, maximum: 500 });
