// The provider: ExternalDNS's four calls on HostUp, through @hostup/dns's model (live zones, plans,
// exactly-once apply) and the SDK. A change set is turned into the desired state of the record sets it
// touches, planned against the live zone and applied; a write whose answer was lost is settled by
// reading the zone again and planning once more, so nothing is written twice and nothing is left half done.
import {
  applyPlan,
  customerRecords,
  liveSets,
  type LiveZone,
  MAX_ZONE_RECORDS,
  nameInZone,
  type Plan,
  planZone,
  type RecordSet,
  relativeName,
  sameValue,
  valueKey,
  zoneName,
} from "@hostup/dns";
import type { HostupClient } from "@hostup/sdk";
import { type Changes, type Endpoint, ENDPOINT_TYPES, endpointName, targetOf, recordValueOf } from "./endpoint.js";

export interface DomainFilter {
  include: string[];
  exclude: string[];
}

/** One JSON object per log line; never a secret. */
export type Log = (event: Record<string, unknown> & { msg: string }) => void;

export interface ProviderOptions {
  hostup: HostupClient;
  /** The zones to manage (`--domain-filter`); default: every zone of the account. */
  domainFilter?: Partial<DomainFilter>;
  /** Log the writes a change set needs, and make none. */
  dryRun?: boolean;
  log?: Log;
  /** Called with each zone's record count as read (the metrics' gauge). */
  onZoneRead?: (zone: string, records: number) => void;
}

/** A change set HostUp would refuse as a whole (a zone's 200-record limit), before any write. */
export class ChangeRefusedError extends Error {
  override name = "ChangeRefusedError";
}

interface Zone {
  id: string;
  name: string;
}

const setKey = (name: string, type: string) => `${name}\u0000${type}`;

export function createExternalDnsProvider(options: ProviderOptions) {
  const { hostup, dryRun = false } = options;
  const log: Log = options.log ?? (() => {});
  const include = (options.domainFilter?.include ?? []).map(zoneName);
  const exclude = (options.domainFilter?.exclude ?? []).map(zoneName);
  const inFilter = (zone: string) =>
    (include.length === 0 || include.some((name) => zone === name || zone.endsWith(`.${name}`))) &&
    !exclude.some((name) => zone === name || zone.endsWith(`.${name}`));

  /** The account's zones in the filter (one request per 1,000 zones). */
  async function zones(signal?: AbortSignal): Promise<Zone[]> {
    const found: Zone[] = [];
    // Pages of the API's largest size: one request for up to 1,000 zones, the cursor followed past that.
    for await (const z of hostup.iterateDnsZones({ limit: 1000 }, { signal })) {
      const name = zoneName(z.name);
      if (inFilter(name)) found.push({ id: z.id, name });
    }
    return found;
  }

  /** A zone's records as @hostup/dns's live zone (one request, stopped by `signal`). */
  async function liveZone(id: string, signal?: AbortSignal): Promise<LiveZone> {
    const answer = await hostup.listDnsZoneRecords(id, undefined, { signal });
    const name = zoneName(answer.zone?.name ?? "");
    return { id: answer.zone?.id ?? id, name, sets: liveSets(answer.records ?? [], name) };
  }

  /** The zone holding a full name: the longest suffix among `known`. */
  const zoneFor = (name: string, known: ReadonlyArray<Zone>) =>
    known.filter((z) => nameInZone(name, z.name) !== undefined).sort((a, b) => b.name.length - a.name.length)[0];

  /** A live zone's record sets as endpoints: one per name and type, every value in `targets`. */
  function endpointsOf(live: LiveZone): Endpoint[] {
    const endpoints: Endpoint[] = [];
    for (const set of live.sets) {
      // The apex ALIAS is the CNAME ExternalDNS wrote there.
      const type = set.type === "ALIAS" && set.name === "@" ? "CNAME" : set.type;
      if (!ENDPOINT_TYPES.has(type)) continue;
      const dnsName = set.name === "@" ? live.name : `${set.name}.${live.name}`;
      const ttl = set.records[0]?.ttl;
      endpoints.push({
        dnsName: endpointName(dnsName),
        targets: set.records.map((r) => targetOf(type, r.value)),
        recordType: type,
        ...(ttl !== undefined && { recordTTL: ttl }),
      });
    }
    return endpoints;
  }

  return {
    /** `GET /`: the filter ExternalDNS plans with. With `--domain-filter` given, no request is made. */
    async negotiate(signal?: AbortSignal): Promise<DomainFilter> {
      if (include.length) return { include, exclude };
      return { include: (await zones(signal)).map((z) => z.name), exclude };
    },

    /** `GET /records`: every managed zone's records (one request for the zones, one per zone). */
    async records(signal?: AbortSignal): Promise<Endpoint[]> {
      const endpoints: Endpoint[] = [];
      for (const zone of await zones(signal)) {
        const live = await liveZone(zone.id, signal);
        options.onZoneRead?.(live.name, customerRecords(live.sets));
        endpoints.push(...endpointsOf(live));
      }
      return endpoints;
    },

    /** `POST /records`: applies the change set; every write of it, or, on a refusal, a ChangeRefusedError before any. */
    async apply(changes: Changes, signal?: AbortSignal): Promise<{ writes: number }> {
      const all = [...changes.create, ...changes.updateOld, ...changes.updateNew, ...changes.delete];
      if (all.length === 0) return { writes: 0 };
      const known = await zones(signal);
      const byZone = new Map<string, { zone: Zone; changes: Changes }>();
      for (const [kind, list] of Object.entries(changes) as Array<[keyof Changes, Endpoint[]]>) {
        for (const endpoint of list) {
          const name = endpointName(endpoint.dnsName);
          const zone = zoneFor(name, known);
          if (!zone) {
            log({ level: "warn", msg: "endpoint in no managed zone: skipped", dnsName: name, recordType: endpoint.recordType });
            continue;
          }
          if (!ENDPOINT_TYPES.has(endpoint.recordType.toUpperCase())) {
            log({ level: "warn", msg: "record type not supported: skipped", dnsName: name, recordType: endpoint.recordType });
            continue;
          }
          // A target this provider cannot write is skipped with its reason, not refused with a 4xx: on
          // anything but a 5xx ExternalDNS exits, and would meet the same plan after every restart.
          const bad = unmappable(endpoint);
          if (bad) {
            log({
              level: "error",
              msg: "endpoint skipped: a target cannot be written",
              dnsName: name,
              recordType: endpoint.recordType,
              error: bad,
            });
            continue;
          }
          const entry = byZone.get(zone.id) ?? { zone, changes: { create: [], updateOld: [], updateNew: [], delete: [] } };
          entry.changes[kind].push(endpoint);
          byZone.set(zone.id, entry);
        }
      }
      // Every zone is planned, and checked against its limit, before the first write.
      const plans: Plan[] = [];
      for (const { zone, changes: zoneChanges } of byZone.values()) {
        const live = await liveZone(zone.id, signal);
        const plan = planChanges(live, zoneChanges);
        const after =
          customerRecords(live.sets) +
          plan.changes.filter((c) => c.action === "create").length -
          plan.changes.filter((c) => c.action === "delete").length;
        if (after > MAX_ZONE_RECORDS) {
          log({
            level: "error",
            msg: "change set refused: the zone would pass HostUp's record limit",
            zone: zone.name,
            records: after,
            limit: MAX_ZONE_RECORDS,
          });
          throw new ChangeRefusedError(`${zone.name} would hold ${after} records, over HostUp's limit of ${MAX_ZONE_RECORDS}`);
        }
        plans.push(plan);
      }
      let writes = 0;
      const refused: string[] = [];
      for (const [i, plan] of plans.entries()) {
        if (dryRun) {
          for (const change of plan.changes)
            log({
              level: "info",
              msg: "would write (dry run)",
              zone: plan.zone,
              action: change.action,
              type: change.type,
              name: change.name,
            });
          continue;
        }
        if (plan.changes.length === 0) continue;
        const result = await applyExactlyOnce(plan, [...byZone.values()][i]!.changes);
        writes += result.writes;
        refused.push(...result.refused);
      }
      // The rest was written; what HostUp refused is tried again at ExternalDNS's next interval.
      if (refused.length) throw new ChangeRefusedError(`HostUp refused ${refused.join(", ")}`);
      return { writes };
    },
  };

  /**
   * Applies the plan, one write at a time, each logged once made. After a failed write the zone is read
   * again and the same changes planned once more: a write whose answer was lost (a timeout, or a retried
   * delete that found the record gone) is then no longer planned, and the rest goes on. A write HostUp
   * still refuses is logged, its set left as it is, and the rest of the change set applied all the same.
   */
  async function applyExactlyOnce(first: Plan, changes: Changes): Promise<{ writes: number; refused: string[] }> {
    let plan = ordered(first);
    let writes = 0;
    const refused: string[] = [];
    const skip = new Set<string>();
    for (let round = 0; round <= first.changes.length + 1; round++) {
      const zone = plan.zone;
      const result = await applyPlan(hostup, plan, {
        force: true,
        onEvent: (event) => {
          if (event.type === "applied")
            log({ level: "info", msg: "written", zone, action: event.change.action, type: event.change.type, name: event.change.name });
        },
      });
      writes += result.applied.length;
      if (!result.failed) return { writes, refused };
      const { change, outcome, error } = result.failed;
      const again = planChanges(await liveZone(plan.zoneId), changes);
      // The same write still planned: the same record (update, delete) or the same value (create).
      const same = (c: Plan["changes"][number]) =>
        JSON.stringify([c.action, c.type, c.name, c.recordId, c.after && valueKey(c.type, c.after)]);
      const still = again.changes.some((c) => same(c) === same(change));
      if (still) {
        skip.add(setKey(change.name, change.type));
        refused.push(`${change.action} ${change.type} ${change.name} in ${zone}`);
        log({
          level: "error",
          msg: "HostUp refused a write: its set is left as it is",
          zone,
          action: change.action,
          type: change.type,
          name: change.name,
          outcome,
          error: (error as Error)?.message,
        });
      } else {
        log({
          level: "info",
          msg: "a write whose answer was lost had been made",
          zone,
          action: change.action,
          type: change.type,
          name: change.name,
        });
      }
      plan = ordered({ ...again, changes: again.changes.filter((c) => !skip.has(setKey(c.name, c.type))) });
      if (plan.changes.length === 0) return { writes, refused };
    }
    return { writes, refused };
  }
}

/**
 * The plan's writes in an order that leaves ownership intact if it is cut short: ExternalDNS's registry
 * TXT records are created before the records they own and deleted after them (a record without its TXT
 * has no owner, and ExternalDNS would never touch it again; a TXT without its record is recreated around).
 */
function ordered(plan: Plan): Plan {
  const rank = (c: Plan["changes"][number]) => (c.type === "TXT" ? (c.action === "create" ? 0 : c.action === "delete" ? 2 : 1) : 1);
  return { ...plan, changes: [...plan.changes].sort((a, b) => rank(a) - rank(b)) };
}

/** Why an endpoint's targets cannot be written, or undefined. */
function unmappable(endpoint: Endpoint): string | undefined {
  try {
    for (const target of endpoint.targets) recordValueOf(endpoint.recordType.toUpperCase(), target);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The plan that makes the sets a change set touches what it asks for: the live sets of those names and
 * types, less what is deleted or updated away, plus what is created or updated to. Nothing else of the
 * zone is planned (no prune beyond the touched sets).
 */
export function planChanges(live: LiveZone, changes: Changes): Plan {
  const desired = new Map<string, RecordSet>();
  const touched = new Set<string>();
  const keyOf = (endpoint: Endpoint) => {
    const type = endpoint.recordType.toUpperCase();
    const name = relativeName(endpointName(endpoint.dnsName), live.name) ?? endpointName(endpoint.dnsName);
    // An apex CNAME is HostUp's ALIAS.
    return { name, type: type === "CNAME" && name === "@" ? "ALIAS" : type };
  };
  for (const endpoint of [...changes.create, ...changes.updateOld, ...changes.updateNew, ...changes.delete]) {
    const { name, type } = keyOf(endpoint);
    const key = setKey(name, type);
    if (touched.has(key)) continue;
    touched.add(key);
    const set = live.sets.find((s) => s.name === name && s.type === type);
    desired.set(key, {
      name,
      type,
      ...(set?.records[0]?.ttl !== undefined && { ttl: set.records[0].ttl }),
      values: set ? set.records.map((r) => r.value) : [],
    });
  }
  const remove = (endpoint: Endpoint) => {
    const { name, type } = keyOf(endpoint);
    const set = desired.get(setKey(name, type))!;
    const gone = endpoint.targets.map((t) => recordValueOf(endpoint.recordType.toUpperCase(), t));
    set.values = set.values.filter((v) => !gone.some((g) => sameValue(type, v, g)));
  };
  const add = (endpoint: Endpoint) => {
    const { name, type } = keyOf(endpoint);
    const set = desired.get(setKey(name, type))!;
    for (const target of endpoint.targets) {
      const value = recordValueOf(endpoint.recordType.toUpperCase(), target);
      if (!set.values.some((v) => sameValue(type, v, value))) set.values.push(value);
    }
    if (endpoint.recordTTL) set.ttl = endpoint.recordTTL;
  };
  changes.delete.forEach(remove);
  changes.updateOld.forEach(remove);
  changes.updateNew.forEach(add);
  changes.create.forEach(add);
  const sets = [...desired.values()].filter((s) => s.values.length > 0);
  const scope: LiveZone = { ...live, sets: live.sets.filter((s) => touched.has(setKey(s.name, s.type))) };
  return planZone({ origin: live.name, sets }, scope, { prune: true });
}
