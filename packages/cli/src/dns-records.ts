// Records as the API lists them (full names, TXT values quoted) compared with and shown as people
// write them (names relative to the zone, `@` for the apex; TXT values unquoted).
import { type DnsRecord, type DnsRecordType, dnsTxtValue, relativeDnsName } from "@hostup/sdk";

/** The name relative to `zone`; the name as listed if it is not in the zone. */
export function shownName(name: string | undefined, zone: string): string {
  if (name === undefined) return "@";
  try {
    return relativeDnsName(name, zone);
  } catch {
    return name;
  }
}

/** The value as it was sent: TXT unquoted (and its 255-character strings joined), anything else as listed. */
export const shownValue = (record: DnsRecord) =>
  record.type.toUpperCase() === "TXT" ? dnsTxtValue(record.value ?? "") : (record.value ?? "");

/** Whether a listed record has this name (relative, full or absolute: `relativeDnsName` refuses one outside the zone) and value. */
export function sameRecord(record: DnsRecord, zone: string, wanted: { type: string; name: string; value?: string }): boolean {
  if (record.type.toUpperCase() !== wanted.type || shownName(record.name, zone) !== relativeDnsName(wanted.name, zone)) return false;
  if (wanted.value === undefined) return true;
  if (wanted.type === "TXT") return shownValue(record) === dnsTxtValue(wanted.value);
  // Targets (CNAME, MX, …) may come back absolute or in another case.
  const plain = (value: string) => value.trim().replace(/\.$/, "").toLowerCase();
  return plain(record.value ?? "") === plain(wanted.value);
}

/** One table row per record. */
export function recordRows(records: ReadonlyArray<DnsRecord>, zone: string): Record<string, unknown>[] {
  return records.map((record) => ({
    id: record.id,
    type: record.type,
    name: shownName(record.name, zone),
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

/**
 * The update's body: PUT replaces the record, so what is not changed is sent as it is, the way the
 * route takes it (the name relative to the zone, a TXT value unquoted); fields the record does not use are left out.
 */
export function replacement(record: DnsRecord, zone: string, changes: RecordChanges) {
  const body: { type: DnsRecordType; name: string; value: string } & Omit<RecordChanges, "value"> = {
    type: record.type.toUpperCase() as DnsRecordType,
    name: shownName(record.name, zone),
    value: changes.value ?? shownValue(record),
  };
  for (const field of ["ttl", "priority", "weight", "port"] as const) {
    const value = changes[field] ?? record[field];
    if (Number.isInteger(value)) body[field] = value as number;
  }
  return body;
}
