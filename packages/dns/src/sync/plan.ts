// The changes that make a live zone match a zone file, per record set (name, type): the set ends up
// with exactly the file's values and TTL. Sets the file does not name are left alone (unmanaged)
// unless pruning; SOA, the apex NS and the file's skipped sets are never touched. Pure: no requests.
//
// Within a set, values already there are kept (a TTL change is an update), then old values are paired
// with new ones and updated in place, and only the rest are created or deleted; so a set never has both
// creates and deletes, and never loses its last record on the way. Order of the writes: updates, then
// deletes, then creates, so the zone's record count only goes down and then up (the 200-record limit
// holds throughout when it holds at the end) and a name whose old set is pruned is free before a set of
// another type (CNAME → A) is created on it.
import { asciiName, excerpt, relativeName } from "../records/names.js";
import { MAX_ZONE_RECORDS } from "../records/rejections.js";
import type { RecordValue } from "../records/types.js";
import { valueKey } from "../records/values.js";
import { type ZoneFile, ZoneFileError } from "../zonefile/model.js";
import { systemSetReason } from "../zonefile/sets.js";
import { customerRecords, type LiveRecord, type LiveZone } from "./live.js";

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
  /** `prune`: the set is not in the file and pruning deletes it. */
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
  /** Sets in the zone that the file does not name (or skips), left alone. */
  unmanaged: UnmanagedSet[];
  /** Customer records before and after the plan, and the zone's limit. */
  records: { before: number; after: number; limit: number };
}

export function planZone(file: ZoneFile, live: LiveZone, options: { prune?: boolean } = {}): Plan {
  const updates: Change[] = [];
  const deletes: Change[] = [];
  const creates: Change[] = [];
  const managed = new Set<string>();
  const skipped = new Set((file.skipped ?? []).map(({ set }) => keyOf(set.name, set.type)));
  const liveSets = new Map(live.sets.map((set) => [keyOf(set.name, set.type), set]));

  for (const set of file.sets) {
    const type = set.type.toUpperCase();
    const name = modelName(set.name, live.name);
    if (systemSetReason({ name, type })) continue;
    managed.add(keyOf(name, type));
    const records = liveSets.get(keyOf(name, type))?.records ?? [];
    // A set without a TTL in the file keeps the TTL it has (new values get it too, or the API's default).
    const ttlOf = (record?: LiveRecord) => set.ttl ?? record?.ttl ?? records[0]?.ttl;
    const kept = new Set<LiveRecord>();
    const missing: RecordValue[] = [];
    const liveKeys = records.map((record) => valueKey(type, record.value));
    for (const { source: _, ...value } of set.values) {
      const key = valueKey(type, value);
      const match = records.find((record, i) => !kept.has(record) && liveKeys[i] === key);
      if (match) kept.add(match);
      else missing.push(value);
    }
    const stale = records.filter((record) => !kept.has(record));
    for (const record of kept)
      if (set.ttl !== undefined && record.ttl !== set.ttl)
        updates.push(change("update", type, name, record, { ...record.value, ttl: set.ttl }));
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
    const key = keyOf(set.name, set.type);
    if (managed.has(key) || systemSetReason(set)) continue;
    if (options.prune && !skipped.has(key))
      for (const record of set.records) deletes.push({ ...change("delete", set.type, set.name, record), reason: "prune" });
    else unmanaged.push({ type: set.type, name: set.name, values: set.records.map((record) => stateOf(record.value, record.ttl)) });
  }

  const before = customerRecords(live.sets);
  return {
    zone: live.name,
    zoneId: live.id,
    changes: [...updates, ...deletes, ...creates],
    unmanaged,
    records: { before, after: before + creates.length - deletes.length, limit: MAX_ZONE_RECORDS },
  };
}

const keyOf = (name: string, type: string) => `${name}\u0000${type}`;

/**
 * A set's name as the model keeps it (relative, A-labels, `@` for the apex), for a ZoneFile built by a
 * program rather than read: `WWW`, `www.example.com.` (absolute) and `räksmörgås` are normalised; a
 * name without the trailing dot is relative, as in a zone file (`www.example.com` in zone example.com is
 * `www.example.com.example.com`). An absolute name outside the zone is refused.
 */
function modelName(name: string, zone: string): string {
  if (!name.trim().endsWith(".")) return name.trim() === "" ? "@" : asciiName(name);
  const relative = relativeName(name, zone);
  if (relative === undefined)
    throw new ZoneFileError([{ message: `${excerpt(name)} is outside the zone ${zone}: the plan's names are relative to it.` }]);
  return relative;
}

const stateOf = (value: RecordValue, ttl: number | undefined): RecordState => ({ ...value, ...(ttl !== undefined && { ttl }) });

function change(action: "update" | "delete", type: string, name: string, record: LiveRecord, after?: RecordState): Change {
  return { action, type, name, recordId: record.id, before: stateOf(record.value, record.ttl), ...(after && { after }), reason: "file" };
}
