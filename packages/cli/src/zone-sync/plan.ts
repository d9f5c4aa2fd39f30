// The changes that make a live zone match a zone file, per record set (name, type): the set ends up
// with exactly the file's values and TTL. Sets the file does not name are left alone (unmanaged)
// unless pruning; SOA and the apex NS set are never touched. Pure: no requests.
//
// Within a set, values already there are kept (a TTL change is an update), then old values are paired
// with new ones and updated in place, and only the rest are created or deleted; so a set never has both
// creates and deletes, and never loses its last record on the way. Order of the writes: updates, then
// deletes, then creates, so the zone's record count only goes down and then up (the 200-record limit
// holds throughout when it holds at the end) and a name whose old set is pruned is free before a set of
// another type (CNAME → A) is created on it.
import { relativeDnsName } from "@hostup/sdk";
import { UsageError } from "../config.js";
import type { RecordValue, ZoneFile } from "../zonefile/model.js";
import { sameValue } from "../zonefile/index.js";
import { customerRecords, isSystemSet, type LiveRecord, type LiveZone } from "./live.js";

/** HostUp's limit: customer-managed records per zone, SOA and NS excluded. */
export const RECORD_LIMIT = 200;

/** One record's content as shown in a plan. */
export interface RecordState extends RecordValue {
  ttl?: number;
}

export interface Change {
  action: "create" | "update" | "delete";
  type: string;
  /** Relative to the zone, `@` for the apex. */
  name: string;
  /** The live record an update or delete acts on. */
  recordId?: string;
  before?: RecordState;
  after?: RecordState;
  /** `prune`: the set is not in the file and --prune deletes it. */
  reason: "file" | "prune";
}

export interface UnmanagedSet {
  type: string;
  name: string;
  values: RecordState[];
}

export interface Plan {
  zone: string;
  zoneId: string;
  changes: Change[];
  unmanaged: UnmanagedSet[];
  /** Customer records before and after the plan, and the zone's limit. */
  records: { before: number; after: number; limit: number };
}

export function planZone(file: ZoneFile, live: LiveZone, options: { prune?: boolean } = {}): Plan {
  const updates: Change[] = [];
  const deletes: Change[] = [];
  const creates: Change[] = [];
  const managed = new Set<string>();
  const liveSets = new Map(live.sets.map((set) => [keyOf(set.name, set.type), set]));

  for (const set of file.sets) {
    const name = relativeDnsName(set.name, live.name);
    const type = set.type.toUpperCase();
    if (isSystemSet(name, type)) continue; // HostUp's own records: not the file's to change
    managed.add(keyOf(name, type));
    const records = liveSets.get(keyOf(name, type))?.records ?? [];
    const wanted = set.values;
    // A set without a TTL in the file keeps the TTL it has (new values get it too, or the API's default).
    const ttlOf = (record?: LiveRecord) => set.ttl ?? record?.ttl ?? records[0]?.ttl;

    const kept = new Set<LiveRecord>();
    const missing: RecordValue[] = [];
    for (const value of wanted) {
      const match = records.find((record) => !kept.has(record) && sameValue(type, record.value, value));
      if (match) kept.add(match);
      else missing.push(value);
    }
    const stale = records.filter((record) => !kept.has(record));
    for (const record of kept) {
      if (set.ttl !== undefined && record.ttl !== set.ttl) {
        updates.push(change("update", type, name, record, { ...record.value, ttl: set.ttl }));
      }
    }
    missing.forEach((value, i) => {
      const old = stale[i];
      const after = stateOf(value, ttlOf(old));
      if (old) updates.push(change("update", type, name, old, after));
      else creates.push({ action: "create", type, name, after, reason: "file" });
    });
    for (const old of stale.slice(missing.length)) deletes.push(change("delete", type, name, old));
  }

  const unmanaged: UnmanagedSet[] = [];
  for (const set of live.sets) {
    if (managed.has(keyOf(set.name, set.type)) || isSystemSet(set.name, set.type)) continue;
    if (options.prune) for (const record of set.records) deletes.push({ ...change("delete", set.type, set.name, record), reason: "prune" });
    else unmanaged.push({ type: set.type, name: set.name, values: set.records.map((record) => stateOf(record.value, record.ttl)) });
  }

  const before = customerRecords(live.sets);
  const after = before + creates.length - deletes.length;
  return {
    zone: live.name,
    zoneId: live.id,
    changes: [...updates, ...deletes, ...creates],
    unmanaged,
    records: { before, after, limit: RECORD_LIMIT },
  };
}

/** The zone after the plan (the file's sets and the unmanaged ones left) must fit: refused before anything is sent. */
export function checkRecordLimit(plan: Plan): void {
  const { after, limit } = plan.records;
  if (after <= limit) return;
  const unmanaged = plan.unmanaged.reduce((sum, set) => sum + set.values.length, 0);
  throw new UsageError(
    `${plan.zone} would hold ${after} records after this plan (${unmanaged} of them in sets the file does not name), ` +
      `more than the ${limit} a zone may hold (SOA and apex NS not counted). Nothing was sent.` +
      (unmanaged > 0 ? " Add --prune to delete the sets the file does not name, or remove records from the file." : ""),
  );
}

const keyOf = (name: string, type: string) => `${name}\u0000${type}`;

const stateOf = (value: RecordValue, ttl: number | undefined): RecordState => ({ ...value, ...(ttl !== undefined && { ttl }) });

function change(action: "update" | "delete", type: string, name: string, record: LiveRecord, after?: RecordState): Change {
  return {
    action,
    type,
    name,
    recordId: record.id,
    before: stateOf(record.value, record.ttl),
    ...(after && { after }),
    reason: "file",
  };
}
