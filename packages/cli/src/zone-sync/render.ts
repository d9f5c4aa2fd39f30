// A plan for people (one line per record write, values before → after) and for programs (--json).
import { HostupConnectionError } from "@hostup/sdk";
import type { ApplyResult } from "./apply.js";
import type { Change, Plan, RecordState } from "./plan.js";

const SIGN = { create: "+", update: "~", delete: "-" } as const;

/** `10 mail.example.com (ttl 300)`: MX/SRV numbers first, as in a zone file; TXT quoted so spaces show. */
export function describeState(type: string, state: RecordState): string {
  const numbers = [state.priority, state.weight, state.port].filter((n) => n !== undefined).join(" ");
  const value = type === "TXT" ? JSON.stringify(state.value) : state.value;
  return `${numbers ? `${numbers} ` : ""}${value}${state.ttl === undefined ? "" : ` (ttl ${state.ttl})`}`;
}

export function describeChange(change: Change): string {
  const what = `${SIGN[change.action]} ${change.action} ${change.type} ${change.name}`;
  const before = change.before && describeState(change.type, change.before);
  const after = change.after && describeState(change.type, change.after);
  const detail = change.action === "update" ? `${before} → ${after}` : (after ?? before);
  return `${what} ${detail}${change.reason === "prune" ? " (not in the file: --prune)" : ""}`;
}

export function summaryOf(plan: Plan) {
  const count = (action: Change["action"]) => plan.changes.filter((change) => change.action === action).length;
  return { create: count("create"), update: count("update"), delete: count("delete"), unmanaged: plan.unmanaged.length };
}

/** The plan as `hostup dns plan --json` prints it. */
export function planJson(plan: Plan) {
  return {
    zone: plan.zone,
    zoneId: plan.zoneId,
    inSync: plan.changes.length === 0,
    summary: summaryOf(plan),
    changes: plan.changes,
    unmanaged: plan.unmanaged,
    records: plan.records,
  };
}

export function planText(plan: Plan): string {
  const lines = plan.changes.map(describeChange);
  for (const set of plan.unmanaged) {
    lines.push(
      `  unmanaged ${set.type} ${set.name}: ${set.values.map((v) => describeState(set.type, v)).join(", ")} (not in the file: left alone)`,
    );
  }
  const { create, update, delete: deletes, unmanaged } = summaryOf(plan);
  const counts = `${create} to create, ${update} to update, ${deletes} to delete, ${unmanaged} unmanaged set${unmanaged === 1 ? "" : "s"} left alone`;
  const head = plan.changes.length === 0 ? `${plan.zone}: in sync with the file (${counts})` : `${plan.zone}: ${counts}`;
  return [head, ...lines, `records: ${plan.records.before} → ${plan.records.after} of ${plan.records.limit}`].join("\n");
}

/**
 * `refused`: the API answered with an error, nothing of that change was made. `unknown`: the answer was
 * lost (timeout, dropped connection), so the write may have been made; the next plan shows which.
 */
export const outcomeOf = (error: unknown) => (error instanceof HostupConnectionError ? "unknown" : "refused");

/** `hostup dns apply --json`'s answer. */
export function applyJson(plan: Plan, result: ApplyResult) {
  return {
    plan: planJson(plan),
    applied: result.applied,
    ...(result.failed && { failed: { ...result.failed, outcome: outcomeOf(result.error) } }),
    notApplied: result.notApplied,
  };
}

export function applyText(plan: Plan, result: ApplyResult): string {
  const done = result.applied.length;
  if (!result.failed) return `${plan.zone}: ${done} change${done === 1 ? "" : "s"} applied.`;
  const failed =
    outcomeOf(result.error) === "unknown"
      ? `unknown: ${describeChange(result.failed)} (the answer was lost: hostup dns plan shows whether it was made)`
      : `refused: ${describeChange(result.failed)}`;
  const rest = result.notApplied.map((change) => `not applied: ${describeChange(change)}`);
  return [`${plan.zone}: stopped after ${done} of ${plan.changes.length} changes.`, failed, ...rest].join("\n");
}
