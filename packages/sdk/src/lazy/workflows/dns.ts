// DNS record workflows: add or remove records idempotently (zones: dns-zones.ts).
//
// A record create never replaces (a second create adds a second record), is not retry-safe, and its
// answer can be lost after the API applied it. So ensureDnsRecord lists first and creates only when the
// value is missing, and after an answer it could not read (timeout, dropped connection, 5xx) it lists
// again before it tries once more: the record is never created twice on its account.
//
// Names, values and what HostUp refuses are @hostup/dns's rules, the ones the CLI, its zone files and
// the mock zone server use: `hostup dns add` and `hostup dns apply` agree on whether a record exists.
import {
  asciiName,
  type DnsRecordData,
  filterName,
  fromApiRecord,
  isRecordType,
  nameProblem,
  RECORD_TYPES,
  recordBody,
  recordMatches,
  recordConflicts,
  recordFindings,
  relativeName,
} from "@hostup/dns/records";
import type { components, operations } from "@hostup/types";
import type { RequestOptions } from "../../eager/invoke.js";
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
  /** TXT: the text, unquoted (the API quotes it). Targets: a host name, with or without the trailing dot; the root `.` for a null MX. */
  value: string;
  /** Seconds (60–86,400); the API's default when left out. */
  ttl?: number;
  /** MX and SRV priority, SRV weight and port (0–65535): part of the record (MX 10 and MX 20 to one host are two records). Left out: a record with any is taken as present. */
  priority?: number;
  weight?: number;
  port?: number;
}

/** The records removeDnsRecords deletes: every one of this type and name, or only those with `value` (and the numbers given) too. */
export interface DnsRecordMatch {
  type: DnsRecordType;
  name: string;
  value?: string;
  priority?: number;
  weight?: number;
  port?: number;
}

const CREATE_ATTEMPTS = 2;

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
  // Now that the zone is known: what needed it (a CNAME at the apex given by its full name), and what
  // the records of this type and name already there make HostUp refuse (a second MX with one priority).
  const wanted = { ...spec, name: lookup.relative() };
  const [refused] = recordFindings(checkable(wanted, true), { create: true, zone: lookup.zone() });
  if (refused) throw new core.HostupValidationError(`ensureDnsRecord: ${refused.message}`, "createDnsRecord", `/${refused.field}`);
  const listed = lookup.listed();
  const conflict = recordConflicts([...listed, wanted]).find((found) => found.index === listed.length);
  if (conflict) throw new core.HostupValidationError(`ensureDnsRecord: ${conflict.message}`, "createDnsRecord", "/");
  const body = recordBody(wanted);
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
 * Deletes every record of this type and name (with `value`: only those with that value, compared as
 * @hostup/dns compares records) and only those. A record already gone (404) is not counted. `deleted`: how many this call deleted.
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
  let all: DnsRecordData[] = [];
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
    const answer = await core.api.listDnsZoneRecords(zoneId, { type: spec.type, name: filterName(spec.name) }, options);
    zoneName = answer.zone.name;
    const wanted: DnsRecordData = { ...spec, name: relative(), value: spec.value ?? "" };
    all = (answer.records ?? []).map((record) => fromApiRecord(record, zoneName ?? ""));
    return (answer.records ?? []).filter((_record, i) => {
      const listed = all[i] as DnsRecordData;
      if (spec.value !== undefined) return recordMatches(listed, wanted);
      return listed.type === spec.type && asciiName(listed.name) === wanted.name;
    });
  };
  /** The records of the type and name, as @hostup/dns has them, from the last find. */
  const listed = () => all;
  const zone = () => zoneName ?? "";
  return { find, relative, listed, zone };
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

/** What can be known wrong before any request: HostUp's rules for the record as given (the zone is learnt later). */
function checkSpec(core: WorkflowCore, workflow: string, spec: DnsRecordMatch & { ttl?: number }, create: boolean): void {
  const fail = (message: string, field: string): never => {
    throw new core.HostupValidationError(`${workflow}: ${message}`, create ? "createDnsRecord" : "listDnsZoneRecords", field);
  };
  if (typeof spec !== "object" || spec === null) fail("pass the record as { type, name, value }.", "/");
  if (typeof spec.type !== "string" || !isRecordType(spec.type)) {
    fail(
      `\`type\` must be one of ${RECORD_TYPES.join(", ")}, got ${JSON.stringify(String(spec.type).slice(0, 20))} (SPF policies are TXT records).`,
      "/type",
    );
  }
  if (typeof spec.name !== "string" || spec.name.trim() === "") fail("`name` must be a non-empty string (`@` for the apex).", "/name");
  const nameIssue = nameProblem(spec.name);
  if (nameIssue) fail(`the name: ${nameIssue}`, "/name");
  if ((create || spec.value !== undefined) && (typeof spec.value !== "string" || spec.value.trim() === "")) {
    fail("`value` must be a non-empty string.", "/value");
  }
  for (const field of ["ttl", "priority", "weight", "port"] as const) {
    const value = spec[field];
    if (value !== undefined && !Number.isInteger(value))
      fail(`\`${field}\` must be a whole number, got ${JSON.stringify(value)}.`, `/${field}`);
  }
  if (spec.value === undefined) return;
  // The name as given stands in for the relative one: every rule but the apex's holds either way.
  const [problem] = recordFindings(checkable({ ...spec, name: filterName(spec.name), value: spec.value }, create));
  if (problem) fail(problem.message, `/${problem.field}`);
}

/**
 * The record as HostUp's rules check it: an MX preference left out is the API's to choose (any value
 * passes), and so are all three SRV numbers of a record only being matched, not created.
 */
function checkable(record: DnsRecordData, create: boolean): DnsRecordData {
  const type = record.type.toUpperCase();
  if (type === "MX" || (type === "SRV" && !create)) return { priority: 0, weight: 0, port: 0, ...stripUndefined(record) };
  return record;
}

const stripUndefined = <T extends object>(object: T): T =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
