// Records between the model and HostUp's record routes. The routes take the name relative to the zone
// and a TXT value unquoted; they list full names and quoted TXT values, with `null` for the numbers a
// type does not use (observed from public clients, openapi DnsRecord).
import type { components } from "@hostup/types";
import { nameInZone } from "./names.js";
import { unquoteTxt } from "./txt.js";
import { type DnsRecordData, TARGET_TYPES } from "./types.js";

/** A record as the API lists it. */
export type ApiDnsRecord = components["schemas"]["DnsRecord"];
/** A create or update body. */
export type ApiDnsRecordBody = components["schemas"]["DnsRecordCreate"];

/** A listed record in the model's terms: the name relative to `zone` (as listed when outside it), TXT unquoted. */
export function fromApiRecord(record: ApiDnsRecord, zone: string): DnsRecordData & { id: string } {
  const type = record.type.toUpperCase();
  const listedName = record.name ?? "@";
  const data: DnsRecordData & { id: string } = {
    id: record.id,
    type,
    name: nameInZone(listedName, zone) ?? listedName,
    value: type === "TXT" || type === "SPF" ? unquoteTxt(record.value ?? "") : (record.value ?? ""),
  };
  if (Number.isInteger(record.ttl)) data.ttl = record.ttl as number;
  const fields = type === "SRV" ? (["priority", "weight", "port"] as const) : type === "MX" ? (["priority"] as const) : [];
  for (const field of fields) if (Number.isInteger(record[field])) data[field] = record[field] as number;
  return data;
}

/**
 * The create and update routes' body: the name relative (`@` for the apex), a TXT value as its text (unquoted),
 * a target without its trailing dot (as the API lists targets; the root `.` as it is), unused fields left out.
 */
export function recordBody(record: DnsRecordData): ApiDnsRecordBody {
  const type = record.type.toUpperCase();
  // A TXT value given quoted is the same record as its text (values.ts): sent as the text, as HostUp asks.
  const value = TARGET_TYPES.has(type)
    ? record.value.trim().replace(/(.)\.$/, "$1")
    : type === "TXT" || type === "SPF"
      ? unquoteTxt(record.value)
      : record.value;
  return {
    type: type as ApiDnsRecordBody["type"],
    name: record.name || "@",
    value,
    ...(record.ttl !== undefined && { ttl: record.ttl }),
    ...((type === "MX" || type === "SRV") && record.priority !== undefined && { priority: record.priority }),
    ...(type === "SRV" && record.weight !== undefined && { weight: record.weight }),
    ...(type === "SRV" && record.port !== undefined && { port: record.port }),
  };
}
