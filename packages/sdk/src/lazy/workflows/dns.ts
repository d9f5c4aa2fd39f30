// DNS record workflows: add or remove records idempotently (zones: dns-zones.ts).
//
// A record create never replaces (a second create adds a second record), is not retry-safe, and its
// answer can be lost after the API applied it. So ensureDnsRecord lists first and creates only when the
// value is missing, and after an answer it could not read (timeout, dropped connection, 5xx) it lists
// again before it tries once more: the record is never created twice on its account.
import type { components, operations } from "@hostup/types";
import type { RequestOptions } from "../../eager/invoke.js";
import { relativeName, unquoteTxt } from "../dns-names.js";
import type { WorkflowCore } from "./core.js";

export type DnsZoneSummary = components["schemas"]["DnsZoneSummary"];
export type DnsRecord = components["schemas"]["DnsRecord"];
export type DnsRecordType = components["schemas"]["DnsRecordType"];
export type ListDnsZonesQuery = NonNullable<operations["listDnsZones"]["parameters"]["query"]>;
export type DnsWorkflowOptions = Omit<RequestOptions, "domainName">;

/** The record ensureDnsRecord makes sure exists. `name`: relative (`_acme-challenge`, `@`), full, or absolute with a trailing dot. */
export interface DnsRecordSpec {
  type: DnsRecordType;
  name: string;
  /** TXT: the text, unquoted (the API quotes it). */
  value: string;
  /** Seconds; the API's default when left out. */
  ttl?: number;
  /** MX and SRV priority, SRV weight and port (0–65535). Sent with the create only: a record with this value already there counts as present whatever these are. */
  priority?: number;
  weight?: number;
  port?: number;
}

/** The records removeDnsRecords deletes: every one of this type and name, or only those with `value` too. */
export interface DnsRecordMatch {
  type: DnsRecordType;
  name: string;
  value?: string;
}

// The record-filter enum (openapi DnsRecordType): the workflows list by type before they write.
const RECORD_TYPES = ["A", "AAAA", "CNAME", "ALIAS", "MX", "TXT", "NS", "SRV", "CAA", "TLSA"];
const CREATE_ATTEMPTS = 2;
const NUMBER_FIELDS = ["priority", "weight", "port"] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/**
 * Makes sure the zone has this record: lists the records of its type and name, and creates it only
 * when the value is not there. `created` says whether this call added it.
 */
export async function ensureDnsRecord(
  core: WorkflowCore,
  zoneId: string,
  spec: DnsRecordSpec,
  options: DnsWorkflowOptions = {},
): Promise<{ record: DnsRecord; created: boolean }> {
  checkSpec(core, "ensureDnsRecord", spec, true);
  const lookup = recordLookup(core, "ensureDnsRecord", zoneId, spec, options);
  const existing = await lookup.find();
  if (existing[0]) return { record: existing[0], created: false };
  const body = { type: spec.type, name: lookup.relative(), value: spec.value, ...pick(spec, ["ttl", "priority", "weight", "port"]) };
  for (let attempt = 1; ; attempt++) {
    try {
      // createDnsRecord is not retry-safe, so the transport repeats it only after a 429 (refused,
      // not applied); every other repeat is decided here, after reading the records again.
      return { record: await core.api.createDnsRecord(zoneId, body, options), created: true };
    } catch (error) {
      if (!outcomeUnknown(core, error)) throw error;
      const applied = await lookup.find();
      if (applied[0]) return { record: applied[0], created: true };
      if (attempt >= CREATE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Deletes every record of this type and name (with `value`: only those with that value, TXT compared
 * unquoted) and only those. A record already gone (404) is not counted. `deleted`: how many this call deleted.
 */
export async function removeDnsRecords(
  core: WorkflowCore,
  zoneId: string,
  match: DnsRecordMatch,
  options: DnsWorkflowOptions = {},
): Promise<{ deleted: number }> {
  checkSpec(core, "removeDnsRecords", match, false);
  let deleted = 0;
  for (const record of await recordLookup(core, "removeDnsRecords", zoneId, match, options).find()) {
    try {
      await core.api.deleteDnsRecord(zoneId, record.id, options);
      deleted++;
    } catch (error) {
      if (!(error instanceof core.HostupApiError && error.status === 404)) throw error;
    }
  }
  return { deleted };
}

/** Lists the records of the spec's type and name and keeps those that match it; learns the zone's name on the way. */
function recordLookup(core: WorkflowCore, workflow: string, zoneId: string, spec: DnsRecordMatch, options: DnsWorkflowOptions) {
  let zoneName: string | undefined;
  const relative = () => {
    const found = relativeName(spec.name, zoneName ?? "");
    if (found !== undefined) return found;
    throw new core.HostupValidationError(
      `${workflow}: the name ${JSON.stringify(spec.name)} is not in the zone ${JSON.stringify(zoneName)} (${zoneId}).`,
      "createDnsRecord",
      "/name",
    );
  };
  const find = async (): Promise<DnsRecord[]> => {
    // The filter takes relative and full names; a trailing dot it is not documented to take.
    const name = spec.name.trim().replace(/(.)\.$/, "$1") || "@";
    const answer = await core.api.listDnsZoneRecords(zoneId, { type: spec.type, name }, options);
    zoneName = answer.zone.name;
    const wanted = relative();
    return (answer.records ?? []).filter(
      (record) =>
        record.type.toUpperCase() === spec.type &&
        relativeName(record.name ?? "", zoneName!) === wanted &&
        (spec.value === undefined || sameValue(spec.type, record.value ?? "", spec.value)),
    );
  };
  return { find, relative };
}

function sameValue(type: string, listed: string, wanted: string): boolean {
  if (type === "TXT") return unquoteTxt(listed) === unquoteTxt(wanted);
  // Targets (CNAME, MX, …) may come back absolute or in another case.
  const plain = (value: string) => value.trim().replace(/\.$/, "").toLowerCase();
  return plain(listed) === plain(wanted);
}

/** Whether the create may have been applied although its answer was not read. */
function outcomeUnknown(core: WorkflowCore, error: unknown): boolean {
  if (error instanceof core.HostupApiError) return error.status >= 500;
  // By name: the classes stay out of WorkflowCore, which every first load carries.
  return (
    error instanceof core.HostupError &&
    ["HostupConnectionError", "HostupTimeoutError", "HostupUnexpectedResponseError"].includes(error.name)
  );
}

/** The fields of `spec` among `keys` that were given: a field left out is left to the API's default. */
function pick<T extends object, K extends keyof T>(spec: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => spec[key] !== undefined).map((key) => [key, spec[key]])) as Partial<Pick<T, K>>;
}

function checkSpec(
  core: WorkflowCore,
  workflow: string,
  spec: DnsRecordMatch & Partial<Record<"ttl" | NumberField, unknown>>,
  create: boolean,
): void {
  const fail = (message: string, field: string): never => {
    throw new core.HostupValidationError(`${workflow}: ${message}`, create ? "createDnsRecord" : "listDnsZoneRecords", field);
  };
  if (typeof spec !== "object" || spec === null) fail("pass the record as { type, name, value }.", "/");
  if (!RECORD_TYPES.includes(spec.type)) {
    fail(`\`type\` must be one of ${RECORD_TYPES.join(", ")}, got ${JSON.stringify(spec.type)} (SPF policies are TXT records).`, "/type");
  }
  if (typeof spec.name !== "string" || spec.name.trim() === "") fail("`name` must be a non-empty string (`@` for the apex).", "/name");
  if ((create || spec.value !== undefined) && (typeof spec.value !== "string" || spec.value.trim() === "")) {
    fail("`value` must be a non-empty string.", "/value");
  }
  if (spec.ttl !== undefined && !(Number.isInteger(spec.ttl) && (spec.ttl as number) > 0)) {
    fail(`\`ttl\` must be a whole number of seconds > 0, got ${JSON.stringify(spec.ttl)}.`, "/ttl");
  }
  for (const field of NUMBER_FIELDS) {
    const value = spec[field];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535)) {
      fail(`\`${field}\` must be a whole number from 0 to 65535, got ${JSON.stringify(value)}.`, `/${field}`);
    }
  }
}
