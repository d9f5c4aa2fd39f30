// A zone as code for an agent: export it, plan a change from a zone file's text, and apply exactly the
// plan that was shown. apply_zone takes the plan's hash: when the zone or the file changed since the
// plan, the hash differs, nothing is written, and the new plan comes back to be shown again.
import { createHash } from "node:crypto";
import {
  type ApplyResult,
  applyPlan,
  checkPlan,
  describeChange,
  type Plan,
  planJson,
  planZone,
  readLiveZone,
  readZoneFile,
  writeZoneFile,
  type ZoneFileFormat,
  zoneFileOf,
} from "@hostup/dns";
import type { HostupClient } from "@hostup/sdk";
import { zoneIdOf } from "../resolve.js";
import { bool, int, list, obj, oneOf, out, str, ZONE } from "../schema.js";
import { type Tool, ToolError } from "../tool.js";

const FORMAT = oneOf(["yaml", "bind"], "yaml (octoDNS, default) or bind");
const PLAN_INPUT = {
  zone: ZONE,
  content: str("the zone file's text", { maxLength: 262144 }),
  format: FORMAT,
  prune: bool("also delete sets the file does not name"),
  force: bool("allow changing more than 30% of a zone of 10+ records"),
};
const CHANGE = out({ action: str(), type: str(), name: str(), recordId: str() }, ["action", "type", "name"]);
const PLAN_OUT = {
  zone: str(),
  zoneId: str(),
  inSync: bool(),
  summary: out({ create: int(), update: int(), delete: int(), unmanaged: int() }),
  changes: list(CHANGE),
  planHash: str("pass to apply_zone to apply exactly this plan"),
  warning: str("why apply_zone would refuse it"),
};

/** A hash of everything the plan would write and of what it was computed against. */
export function planHash(plan: Plan): string {
  return createHash("sha256")
    .update(JSON.stringify(planJson(plan)))
    .digest("hex")
    .slice(0, 16);
}

async function makePlan(hostup: HostupClient, args: Record<string, unknown>, signal: AbortSignal): Promise<Plan> {
  const live = await readLiveZone(hostup, await zoneIdOf(hostup, args.zone as string, signal));
  const file = readZoneFile(args.content as string, { format: (args.format as ZoneFileFormat | undefined) ?? "yaml", origin: live.name });
  return planZone(file, live, { prune: args.prune === true });
}

function planOutput(plan: Plan, force = false) {
  const { zone, zoneId, inSync, summary, changes } = planJson(plan);
  return {
    zone,
    zoneId,
    inSync,
    summary,
    changes,
    planHash: planHash(plan),
    ...(refusal(plan, force) && { warning: refusal(plan, force) }),
  };
}

/** Why apply_zone would refuse this plan (the 200-record limit, the 30 % rule without force), said with the plan. */
function refusal(plan: Plan, force: boolean): string | undefined {
  try {
    checkPlan(plan, { force });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const planText = (plan: Plan) =>
  plan.changes.length === 0
    ? `${plan.zone} matches the file: nothing to do.`
    : `${plan.zone}: ${plan.changes.length} change(s), planHash ${planHash(plan)}\n${plan.changes.map(describeChange).join("\n")}`;

export const zoneTools: Tool[] = [
  {
    name: "export_zone",
    description: "A zone's records as an octoDNS YAML or BIND zone file (SOA and apex NS left out): the starting point for plan_zone.",
    kind: "read",
    idempotent: true,
    input: obj({ zone: ZONE, format: FORMAT }, ["zone"]),
    output: out({ zone: str(), format: str(), content: str() }, ["zone", "content"]),
    async run(args, { hostup, signal }) {
      const live = await readLiveZone(hostup, await zoneIdOf(hostup, args.zone as string, signal));
      const format = (args.format as ZoneFileFormat | undefined) ?? "yaml";
      const content = writeZoneFile(zoneFileOf(live), { format, origin: live.name });
      return { data: { zone: live.name, format, content }, text: content };
    },
  },
  {
    name: "plan_zone",
    description:
      "Compare a zone file's text with the live zone: what would be created, updated, deleted. Changes nothing; show it, then apply_zone with its planHash.",
    kind: "read",
    idempotent: true,
    input: obj(PLAN_INPUT, ["zone", "content"]),
    output: out(PLAN_OUT, ["zone", "inSync", "changes", "planHash"]),
    async run(args, { hostup, signal }) {
      const plan = await makePlan(hostup, args, signal);
      const output = planOutput(plan, args.force === true);
      return { data: output, text: `${planText(plan)}${output.warning ? `\nWarning: apply_zone would refuse it: ${output.warning}` : ""}` };
    },
  },
  {
    name: "apply_zone",
    description:
      "Apply exactly the plan plan_zone showed (same arguments + planHash); if it changed since, nothing is written and the new plan returned.",
    kind: "destructive",
    idempotent: false,
    input: obj({ ...PLAN_INPUT, planHash: str("from plan_zone") }, ["zone", "content", "planHash"]),
    output: out(
      {
        ...PLAN_OUT,
        applied: bool("false: the plan changed, nothing was written"),
        written: int(),
        failed: out({ change: CHANGE, outcome: str(), error: str() }),
        notApplied: int(),
      },
      ["zone", "applied", "planHash"],
    ),
    async run(args, { hostup, signal }) {
      const plan = await makePlan(hostup, args, signal);
      const current = planOutput(plan);
      if (current.planHash !== args.planHash) {
        return {
          data: { ...current, applied: false, written: 0, notApplied: plan.changes.length },
          text: `Not applied: the plan changed since it was shown (now ${current.planHash}). Show this plan and apply it with its planHash.\n${planText(plan)}`,
        };
      }
      checkPlan(plan, { force: args.force === true });
      const result: ApplyResult = await applyPlan(hostup, plan, { force: args.force === true, signal });
      const failed = result.failed && {
        change: result.failed.change,
        outcome: result.failed.outcome,
        error: result.failed.error instanceof Error ? result.failed.error.message : String(result.failed.error),
      };
      if (failed) {
        throw new ToolError(
          `${result.applied.length} of ${plan.changes.length} change(s) applied, then ${describeChange(failed.change)} failed (${failed.outcome === "unknown" ? "its outcome is unknown" : "refused"}): ${failed.error}`,
          "plan_zone again shows what is left to do.",
        );
      }
      return {
        data: { ...current, applied: true, written: result.applied.length, notApplied: result.notApplied.length },
        text: `${result.applied.length} change(s) applied to ${plan.zone}.`,
      };
    },
  },
];
