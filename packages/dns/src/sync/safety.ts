// What stops a plan before its first write: the zone's 200-record limit, and, as octoDNS does, a plan
// that would update or delete more than a share of a zone's records (a wrong file, a file for another
// zone, a truncated export), unless forced. octoDNS's defaults: 30 %, for zones of 10 records or more.
import type { Plan } from "./plan.js";

export interface SafetyOptions {
  /** Let a plan through that changes more than `maxChangeShare` of the zone. */
  force?: boolean;
  /** The share of the zone's records a plan may update or delete (default 0.3). */
  maxChangeShare?: number;
  /** Zones with fewer records than this are never stopped for their share (default 10). */
  minRecordsForShare?: number;
}

/** Why a plan is refused before anything is sent: over the record limit, or too big a change without `force`. */
export class PlanRefusedError extends Error {
  override name = "PlanRefusedError";
  constructor(
    message: string,
    readonly reason: "record-limit" | "unsafe",
  ) {
    super(message);
  }
}

/** The plan's updates and deletes as a share of the zone's records before it. */
export function changeShare(plan: Plan): { changed: number; existing: number; share: number } {
  const changed = plan.changes.filter((change) => change.action !== "create").length;
  const existing = plan.records.before;
  return { changed, existing, share: existing === 0 ? 0 : changed / existing };
}

/** Throws PlanRefusedError when the plan must not be applied as it is; returns quietly otherwise. */
export function checkPlan(plan: Plan, options: SafetyOptions = {}): void {
  const { after, limit } = plan.records;
  if (after > limit) {
    const unmanaged = plan.unmanaged.reduce((sum, set) => sum + set.values.length, 0);
    throw new PlanRefusedError(
      `${plan.zone} would hold ${after} records after this plan (${unmanaged} of them in sets the file does not name), ` +
        `more than the ${limit} a zone may hold (SOA and apex NS not counted).` +
        (unmanaged > 0 ? " Prune the sets the file does not name, or remove records from the file." : ""),
      "record-limit",
    );
  }
  const maxShare = options.maxChangeShare ?? 0.3;
  const { changed, existing, share } = changeShare(plan);
  if (!options.force && existing >= (options.minRecordsForShare ?? 10) && share > maxShare) {
    throw new PlanRefusedError(
      `the plan updates or deletes ${changed} of ${plan.zone}'s ${existing} records (${Math.round(share * 100)} %), ` +
        `more than the ${Math.round(maxShare * 100)} % a plan may change without being forced: check that the file is the right one, then force it.`,
      "unsafe",
    );
  }
}
