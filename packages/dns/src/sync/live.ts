// A zone as the API lists it (full names, TXT quoted, one record per value) read into record sets,
// each value keeping its record's ID and TTL for the plan's writes.
import { fromApiRecord } from "../records/api.js";
import { zoneName } from "../records/names.js";
import type { RecordValue } from "../records/types.js";
import type { RecordSet, ZoneFile } from "../zonefile/model.js";
import { systemSetReason } from "../zonefile/sets.js";
import type { DnsRecordsApi } from "./client.js";

export interface LiveRecord {
  id: string;
  ttl?: number;
  value: RecordValue;
}

export interface LiveSet {
  /** Relative, A-labels, `@` for the apex. */
  name: string;
  type: string;
  records: LiveRecord[];
}

export interface LiveZone {
  id: string;
  name: string;
  /** The customer's sets: SOA and the apex NS set left out (HostUp keeps them; the routes refuse to change them). */
  sets: LiveSet[];
}

/** Reads the zone's records with one request. */
export async function readLiveZone(api: DnsRecordsApi, zoneId: string): Promise<LiveZone> {
  const answer = await api.listDnsZoneRecords(zoneId);
  const name = zoneName(answer.zone.name ?? "");
  return { id: answer.zone.id ?? zoneId, name, sets: liveSets(answer.records ?? [], name) };
}

/** Listed records grouped by (name, type), in the order the API lists them. */
export function liveSets(records: ReadonlyArray<Parameters<typeof fromApiRecord>[0]>, zone: string): LiveSet[] {
  const sets = new Map<string, LiveSet>();
  for (const listed of records) {
    const { id, type, name, ttl, ...value } = fromApiRecord(listed, zone);
    if (systemSetReason({ name, type })) continue;
    const key = `${name}\u0000${type}`;
    if (!sets.has(key)) sets.set(key, { name, type, records: [] });
    sets.get(key)?.records.push({ id, ...(ttl !== undefined && { ttl }), value });
  }
  return [...sets.values()];
}

/** Customer records in the zone (what the 200-record limit counts). */
export const customerRecords = (sets: ReadonlyArray<LiveSet>): number => sets.reduce((sum, set) => sum + set.records.length, 0);

/** The zone as a zone file: each set with its first record's TTL (a set has one TTL in a zone file). */
export function zoneFileOf(live: LiveZone): ZoneFile {
  const sets: RecordSet[] = live.sets.map((set) => ({
    name: set.name,
    type: set.type,
    ...(set.records[0]?.ttl !== undefined && { ttl: set.records[0].ttl }),
    values: set.records.map((record) => record.value),
  }));
  return { origin: live.name, sets };
}
