// Sends a plan's writes one at a time, in the plan's order, and stops at the first one that fails
// (a refusal, a lost answer): what was applied and what was not is then known exactly, and a second
// plan shows only what is left. An abort signal (SIGINT in the CLI) stops it between two writes: the
// write in flight is finished and reported, never cut off with its outcome unknown.
import { recordBody } from "../records/api.js";
import type { DnsRecordsApi } from "./client.js";
import type { Change, Plan } from "./plan.js";
import { checkPlan, type SafetyOptions } from "./safety.js";

/** `refused`: the API answered with an error, nothing of that change was made. `unknown`: the answer was lost; the next plan shows whether it was made. */
export type WriteOutcome = "refused" | "unknown";

export type ApplyEvent =
  | { type: "write"; change: Change; index: number }
  | { type: "applied"; change: Change; index: number }
  | { type: "failed"; change: Change; index: number; outcome: WriteOutcome; error: unknown };

export interface ApplyOptions extends SafetyOptions {
  /** Called before and after each write. */
  onEvent?: (event: ApplyEvent) => void;
  /** Aborted: no write is started after the one in flight. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  applied: Change[];
  /** The change it stopped at (refused, or its answer lost), if any. */
  failed?: { change: Change; outcome: WriteOutcome; error: unknown };
  /** The changes not tried. */
  notApplied: Change[];
  /** Stopped by the signal before the end. */
  interrupted: boolean;
}

/** Whether a failed write may have been made although its answer was not read (time-out, lost connection, 5xx). */
export function outcomeOf(error: unknown): WriteOutcome {
  const name = error instanceof Error ? error.name : "";
  const status = (error as { status?: unknown } | null)?.status;
  if (["HostupConnectionError", "HostupTimeoutError", "HostupUnexpectedResponseError"].includes(name)) return "unknown";
  return typeof status === "number" && status >= 500 ? "unknown" : "refused";
}

/** Applies the plan (checked first: checkPlan) and returns what was done; never throws for a failed write. */
export async function applyPlan(api: DnsRecordsApi, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  checkPlan(plan, options);
  const applied: Change[] = [];
  for (const [index, change] of plan.changes.entries()) {
    if (options.signal?.aborted) return { applied, notApplied: plan.changes.slice(index), interrupted: true };
    options.onEvent?.({ type: "write", change, index });
    try {
      await send(api, plan.zoneId, change);
    } catch (error) {
      const outcome = outcomeOf(error);
      options.onEvent?.({ type: "failed", change, index, outcome, error });
      return { applied, failed: { change, outcome, error }, notApplied: plan.changes.slice(index + 1), interrupted: false };
    }
    applied.push(change);
    options.onEvent?.({ type: "applied", change, index });
  }
  return { applied, notApplied: [], interrupted: false };
}

function send(api: DnsRecordsApi, zoneId: string, change: Change): Promise<unknown> {
  const body = () => recordBody({ type: change.type, name: change.name, ...change.after! });
  switch (change.action) {
    case "create":
      return api.createDnsRecord(zoneId, body());
    case "update":
      // PUT replaces the record: the whole new content, with the TTL it keeps when only the value changes.
      return api.updateDnsRecord(zoneId, change.recordId!, body());
    case "delete":
      return api.deleteDnsRecord(zoneId, change.recordId!);
  }
}
