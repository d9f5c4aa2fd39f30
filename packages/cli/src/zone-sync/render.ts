// A plan for people (one line per record write, values before → after) and for programs (--json).
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
