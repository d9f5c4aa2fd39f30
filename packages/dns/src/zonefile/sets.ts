// Record sets: order, the sets HostUp keeps for itself, and what the zone-level checks see.
import type { DnsRecordData } from "../records/types.js";
import type { RecordSet, SkippedSet } from "./model.js";

/** Names in order, the apex first; types in order within a name. */
export function sortedSets<T extends Pick<RecordSet, "name" | "type">>(sets: ReadonlyArray<T>): T[] {
  const nameOrder = (name: string) => (name === "@" ? "" : name);
  return [...sets].sort((a, b) => {
    const [x, y] = [nameOrder(a.name), nameOrder(b.name)];
    if (x !== y) return x < y ? -1 : 1;
    return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
  });
}

/** Why a set is never managed (SOA, the apex NS: HostUp's system records), or undefined. */
export function systemSetReason(set: Pick<RecordSet, "name" | "type">): string | undefined {
  if (set.type === "SOA") return "SOA is a system record: HostUp keeps it";
  if (set.type === "NS" && set.name === "@")
    return "the apex NS are system records: HostUp keeps them (the delegation is changed with the nameservers route)";
  return undefined;
}

/** Sets split into the managed ones and the system ones the file has. */
export function splitSystemSets(sets: RecordSet[]): { sets: RecordSet[]; skipped: SkippedSet[] } {
  const managed: RecordSet[] = [];
  const skipped: SkippedSet[] = [];
  for (const set of sets) {
    const reason = systemSetReason(set);
    if (reason) skipped.push({ set, reason });
    else managed.push(set);
  }
  return { sets: managed, skipped };
}

/** The records of the sets, one per value, each with the set's name, type and TTL. */
export const recordsOf = (sets: ReadonlyArray<RecordSet>): DnsRecordData[] =>
  sets.flatMap((set) =>
    set.values.map(({ source: _, ...value }) => ({
      ...value,
      type: set.type,
      name: set.name,
      ...(set.ttl !== undefined && { ttl: set.ttl }),
    })),
  );
