// A zone as the API lists it (full names, TXT quoted, one record per value) read into record sets
// in the zone-file model's terms, each value keeping its record's ID and TTL for the plan's writes.
import type { DnsRecord, HostupClient } from "@hostup/sdk";
import { shownName, shownValue } from "../dns-records.js";
import type { RecordSet, RecordValue, ZoneFile } from "../zonefile/model.js";

export interface LiveRecord {
  id: string;
  ttl?: number;
  value: RecordValue;
}

export interface LiveSet {
  /** Relative, lower case, `@` for the apex. */
  name: string;
  type: string;
  records: LiveRecord[];
}

export interface LiveZone {
  id: string;
  name: string;
  /** The customer's sets: SOA and the apex NS set left out (HostUp manages them; the routes refuse to change them). */
  sets: LiveSet[];
}

/** SOA and the apex NS records: listed by the API, never exported, planned or pruned. */
export const isSystemSet = (name: string, type: string) => type === "SOA" || (type === "NS" && name === "@");

export async function readLiveZone(hostup: HostupClient, zoneId: string, fallbackName: string): Promise<LiveZone> {
  const answer = await hostup.listDnsZoneRecords(zoneId);
  const name = (answer.zone.name ?? fallbackName).toLowerCase().replace(/\.$/, "");
  return { id: answer.zone.id ?? zoneId, name, sets: recordSets(answer.records ?? [], name) };
}

/** The records grouped by (name, type), in the order the API lists them. */
export function recordSets(records: ReadonlyArray<DnsRecord>, zone: string): LiveSet[] {
  const sets = new Map<string, LiveSet>();
  for (const record of records) {
    const type = record.type.toUpperCase();
    const name = shownName(record.name, zone).toLowerCase();
    if (isSystemSet(name, type)) continue;
    const key = `${name}\u0000${type}`;
    if (!sets.has(key)) sets.set(key, { name, type, records: [] });
    sets.get(key)!.records.push({
      id: record.id,
      ...(Number.isInteger(record.ttl) && { ttl: record.ttl }),
      value: liveValue(record),
    });
  }
  return [...sets.values()];
}

function liveValue(record: DnsRecord): RecordValue {
  const value: RecordValue = { value: shownValue(record) };
  for (const field of ["priority", "weight", "port"] as const) {
    const number = record[field];
    if (Number.isInteger(number)) value[field] = number as number;
  }
  return value;
}

/** Types whose value is (or ends with) a host name: the API lists it full, without the trailing dot. */
export const TARGET_TYPES = new Set(["CNAME", "ALIAS", "MX", "NS", "SRV"]);

/**
 * What `hostup dns export` writes: each set with its first record's TTL (a set has one TTL in a zone
 * file), and targets absolute (`mail.example.com.`), as both formats need them (in BIND a name
 * without the dot is relative to $ORIGIN; octoDNS refuses one).
 */
export function zoneFileOf(live: LiveZone): ZoneFile {
  const absolute = (type: string, value: RecordValue) =>
    TARGET_TYPES.has(type) && value.value && !value.value.endsWith(".") ? { ...value, value: `${value.value}.` } : value;
  const sets: RecordSet[] = live.sets.map((set) => ({
    name: set.name,
    type: set.type,
    ...(set.records[0]?.ttl !== undefined && { ttl: set.records[0].ttl }),
    values: set.records.map((record) => absolute(set.type, record.value)),
  }));
  return { origin: live.name, sets };
}

/** Customer records in the zone (what the 200-record limit counts). */
export const customerRecords = (sets: ReadonlyArray<LiveSet>) => sets.reduce((sum, set) => sum + set.records.length, 0);
