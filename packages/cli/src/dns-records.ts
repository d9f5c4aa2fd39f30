// Records as the API lists them (full names, TXT values quoted) compared with and shown as people
// write them (names relative to the zone, `@` for the apex, Unicode where the name is an IDN; TXT
// values unquoted). The rules are @hostup/dns's: the SDK's ensureDnsRecord, `hostup dns apply` and
// the mock compare records the same way.
import { asciiName, type DnsRecordData, fromApiRecord, recordFindings, recordMatches, relativeName, unicodeName } from "@hostup/dns";
import type { DnsRecord, DnsRecordType } from "@hostup/sdk";
import { UsageError } from "./config.js";

/** The value as it was sent: TXT unquoted (and its 255-character strings joined), anything else as listed. */
export const shownValue = (record: DnsRecord) => fromApiRecord(record, "").value;

/** Whether a listed record is the one given by type, name (relative, full or absolute) and value (any written form). */
export function sameRecord(record: DnsRecord, zone: string, wanted: { type: string; name: string; value?: string }): boolean {
  const name = relativeName(wanted.name, zone);
  if (name === undefined) return false; // an absolute name outside the zone
  const listed = fromApiRecord(record, zone);
  if (wanted.value === undefined) return listed.type === wanted.type && asciiName(listed.name) === name;
  return recordMatches(listed, { type: wanted.type, name, value: wanted.value });
}

/** One table row per record: the name relative and readable (`räksmörgås` for `xn--rksmrgs-5wao1o`). */
export function recordRows(records: ReadonlyArray<DnsRecord>, zone: string): Record<string, unknown>[] {
  return records.map((record) => ({
    id: record.id,
    type: record.type,
    name: unicodeName(fromApiRecord(record, zone).name),
    value: shownValue(record),
    ttl: record.ttl,
    priority: record.priority,
    weight: record.weight,
    port: record.port,
    status: record.status,
  }));
}

/** The table's columns: WEIGHT and PORT only when a record (SRV) has them. */
export function recordColumns(records: ReadonlyArray<DnsRecord>): [string, string][] {
  const srv = records.some((r) => r.weight != null || r.port != null);
  return [
    ["id", "ID"],
    ["type", "TYPE"],
    ["name", "NAME"],
    ["value", "VALUE"],
    ["ttl", "TTL"],
    ["priority", "PRIORITY"],
    ...(srv
      ? ([
          ["weight", "WEIGHT"],
          ["port", "PORT"],
        ] as [string, string][])
      : []),
    ["status", "STATUS"],
  ];
}

export interface RecordChanges {
  value?: string;
  ttl?: number;
  priority?: number;
  weight?: number;
  port?: number;
}

/** Flags for the fields HostUp's rules name, so a refusal says which flag to fix. */
const FLAG: Record<string, string> = { value: "the value", ttl: "--ttl", priority: "--priority", weight: "--weight", port: "--port" };

/**
 * The update's body: PUT replaces the record, so what is not changed is sent as it is, the way the
 * route takes it (the name relative to the zone, a TXT value unquoted); fields the record does not use
 * are left out. What HostUp would refuse is a usage error, before anything is sent.
 */
export function replacement(record: DnsRecord, zone: string, changes: RecordChanges) {
  const current = fromApiRecord(record, zone);
  const next: DnsRecordData = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  const [finding] = recordFindings(next);
  if (finding)
    throw new UsageError(`HostUp would refuse this change (${FLAG[finding.field] ?? finding.field}): ${finding.message} Nothing was sent.`);
  const body: { type: DnsRecordType; name: string; value: string } & Omit<RecordChanges, "value"> = {
    type: next.type as DnsRecordType,
    name: next.name,
    value: next.value,
  };
  for (const field of ["ttl", "priority", "weight", "port"] as const) if (Number.isInteger(next[field])) body[field] = next[field];
  return body;
}
