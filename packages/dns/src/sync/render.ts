// A plan for people (a line per write), for programs (JSON) and for pull requests (Markdown).
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
  return `${what} ${detail}${change.reason === "prune" ? " (not in the file: pruned)" : ""}`;
}

export function planSummary(plan: Plan) {
  const count = (action: Change["action"]) => plan.changes.filter((change) => change.action === action).length;
  return { create: count("create"), update: count("update"), delete: count("delete"), unmanaged: plan.unmanaged.length };
}

/** The plan as data (`hostup dns plan --json`). */
export function planJson(plan: Plan) {
  return {
    zone: plan.zone,
    zoneId: plan.zoneId,
    inSync: plan.changes.length === 0,
    summary: planSummary(plan),
    changes: plan.changes,
    unmanaged: plan.unmanaged,
    records: plan.records,
  };
}

export function planText(plan: Plan): string {
  const lines = plan.changes.map(describeChange);
  for (const set of plan.unmanaged)
    lines.push(
      `  unmanaged ${set.type} ${set.name}: ${set.values.map((v) => describeState(set.type, v)).join(", ")} (not in the file: left alone)`,
    );
  const { create, update, delete: deletes, unmanaged } = planSummary(plan);
  const counts = `${create} to create, ${update} to update, ${deletes} to delete, ${unmanaged} unmanaged set${unmanaged === 1 ? "" : "s"} left alone`;
  const head = plan.changes.length === 0 ? `${plan.zone}: in sync with the file (${counts})` : `${plan.zone}: ${counts}`;
  return [head, ...lines, `records: ${plan.records.before} → ${plan.records.after} of ${plan.records.limit}`].join("\n");
}

// Code spans keep runs of spaces (CommonMark), so `"a  b"` and `"a b"` stay apart; only line ends would break the table.
const cell = (text: string) => `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}\``;

/** The plan as a Markdown comment for a pull request: a summary line and a table of the writes. */
export function planMarkdown(plan: Plan): string {
  const { create, update, delete: deletes, unmanaged } = planSummary(plan);
  const head = `### DNS plan for \`${plan.zone}\``;
  if (plan.changes.length === 0)
    return `${head}\n\nIn sync with the file: nothing to change (${unmanaged} unmanaged set${unmanaged === 1 ? "" : "s"} left alone).\n`;
  const rows = plan.changes.map((change) => {
    const before = change.before ? cell(describeState(change.type, change.before)) : "";
    const after = change.after ? cell(describeState(change.type, change.after)) : "";
    return `| ${SIGN[change.action]} ${change.action}${change.reason === "prune" ? " (prune)" : ""} | ${change.type} | ${cell(change.name)} | ${before} | ${after} |`;
  });
  return [
    head,
    "",
    `**${create}** to create, **${update}** to update, **${deletes}** to delete; ${unmanaged} unmanaged set${unmanaged === 1 ? "" : "s"} left alone. Records: ${plan.records.before} → ${plan.records.after} of ${plan.records.limit}.`,
    "",
    "| | Type | Name | Before | After |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/** What apply did, as data. */
export function applyJson(plan: Plan, result: ApplyResult) {
  return {
    plan: planJson(plan),
    applied: result.applied,
    ...(result.failed && { failed: { ...result.failed.change, outcome: result.failed.outcome } }),
    notApplied: result.notApplied,
    interrupted: result.interrupted,
  };
}

export function applyText(plan: Plan, result: ApplyResult): string {
  const done = result.applied.length;
  const rest = result.notApplied.map((change) => `not applied: ${describeChange(change)}`);
  if (result.interrupted)
    return [`${plan.zone}: interrupted after ${done} of ${plan.changes.length} changes (the write in flight was finished).`, ...rest].join(
      "\n",
    );
  if (!result.failed) return `${plan.zone}: ${done} change${done === 1 ? "" : "s"} applied.`;
  const failed =
    result.failed.outcome === "unknown"
      ? `unknown: ${describeChange(result.failed.change)} (the answer was lost: a new plan shows whether it was made)`
      : `refused: ${describeChange(result.failed.change)}`;
  return [`${plan.zone}: stopped after ${done} of ${plan.changes.length} changes.`, failed, ...rest].join("\n");
}
