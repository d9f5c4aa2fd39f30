// Sends a plan's writes one at a time, in the plan's order, and stops at the first one that fails
// (a refusal, a lost connection): what was applied and what was not is then known exactly, and a
// second `hostup dns apply` plans only what is left.
import type { DnsRecordType, HostupClient } from "@hostup/sdk";
import { TARGET_TYPES } from "./live.js";
import type { Change, Plan, RecordState } from "./plan.js";

export interface ApplyResult {
  applied: Change[];
  /** The change it stopped at (refused, or its answer lost), if any. */
  failed?: Change;
  /** The changes after it, not tried. */
  notApplied: Change[];
  /** Why it stopped; undefined when every change was applied. */
  error?: unknown;
}

export async function applyPlan(hostup: HostupClient, plan: Plan, onApplied: (change: Change) => void = () => {}): Promise<ApplyResult> {
  const applied: Change[] = [];
  for (const [i, change] of plan.changes.entries()) {
    try {
      await send(hostup, plan.zoneId, change);
    } catch (error) {
      return { applied, failed: change, notApplied: plan.changes.slice(i + 1), error };
    }
    applied.push(change);
    onApplied(change);
  }
  return { applied, notApplied: [] };
}

function send(hostup: HostupClient, zoneId: string, change: Change): Promise<unknown> {
  switch (change.action) {
    case "create":
      return hostup.createDnsRecord(zoneId, body(change.type, change.name, change.after!));
    case "update":
      // PUT replaces the record: the whole new content, with the TTL it keeps when only the value changes.
      return hostup.updateDnsRecord(zoneId, change.recordId!, body(change.type, change.name, change.after!));
    case "delete":
      return hostup.deleteDnsRecord(zoneId, change.recordId!);
  }
}

/**
 * The record routes' body: the name relative, TXT unquoted (the model's values already are), a target
 * without its trailing dot (as the API lists targets, and as `hostup dns add` sends them); unused fields left out.
 */
function body(type: string, name: string, state: RecordState) {
  return {
    type: type as DnsRecordType,
    name,
    value: TARGET_TYPES.has(type) ? state.value.replace(/(.)\.$/, "$1") : state.value,
    ...(state.ttl !== undefined && { ttl: state.ttl }),
    ...(state.priority !== undefined && { priority: state.priority }),
    ...(state.weight !== undefined && { weight: state.weight }),
    ...(state.port !== undefined && { port: state.port }),
  };
}
