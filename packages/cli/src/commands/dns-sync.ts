// `hostup dns export|plan|apply`: a zone as code. Export writes the zone's records as a zone file,
// plan compares a file with the live zone (exit 5 while changes are pending, for CI), apply makes the
// zone match it after a yes (or --yes) and stops at the first write the API refuses.
import { Option, type Command } from "commander";
import { UsageError } from "../config.js";
import type { CommandContext } from "../context.js";
import { zoneIdOf } from "../dns-zone.js";
import { EXIT } from "../exit-codes.js";
import { eprintln, json, println } from "../output.js";
import { applyPlan } from "../zone-sync/apply.js";
import { canAsk, confirm } from "../zone-sync/confirm.js";
import { writeBindZone, writeYamlZone } from "../zonefile/index.js";
import { readLiveZone, zoneFileOf } from "../zone-sync/live.js";
import { asUsageError, FORMATS, loadTarget, type ZoneFormat, zoneFormat } from "../zone-sync/load.js";
import { checkRecordLimit, planZone } from "../zone-sync/plan.js";
import { applyJson, applyText, describeChange, planJson, planText } from "../zone-sync/render.js";

const ZONE_ARG = "zone name (a trailing dot accepted) or zone_ ID";
const FILE_ARG = "zone file: octoDNS YAML (.yaml, .yml) or BIND (.zone, .db)";
const ZONE_OPTION = "the zone (name or zone_ ID); default: the file's name (example.com.yaml) or its $ORIGIN";
const PRUNE_OPTION = "also delete the sets the file does not name (never SOA or the apex NS)";
const formatOption = (what: string) => new Option("--format <format>", what).choices(FORMATS).argParser(zoneFormat);

const PLAN_HELP = `
Exit codes: 0 the zone matches the file, ${EXIT.changes} changes pending (CI: fail on drift), 2 bad file or arguments
(nothing sent), 3 API error, 4 network error. Sets the file does not name are listed as unmanaged, not as changes.`;
const APPLY_HELP = `
Asks before writing (y/N on a terminal); without a terminal it needs --yes, or refuses (exit 2, nothing sent).
Exit codes: 0 applied (or nothing to do), 2 refused before sending (bad file, the 200-record limit, no --yes),
3 the API refused a write: it stops there and lists what was applied and what was not, 4 network error
(likewise), ${EXIT.changes} declined at the prompt (changes still pending).`;

interface SyncOptions {
  zone?: string;
  prune?: boolean;
  format?: ZoneFormat;
}

export function addDnsSyncCommands(dns: Command, ctx: CommandContext): void {
  dns
    .command("export")
    .description("write a zone's records as a zone file to stdout (octoDNS YAML, or BIND); SOA and apex NS left out")
    .argument("<zone>", ZONE_ARG)
    .addOption(formatOption("yaml (octoDNS, the default) or bind").default("yaml"))
    .action(async (zone: string, options: { format: ZoneFormat }) => {
      const { hostup, asJson } = ctx.connect();
      const live = await readLiveZone(hostup, await zoneIdOf(hostup, zone), zone);
      const file = zoneFileOf(live);
      if (asJson) return println(ctx.io, json(file));
      ctx.io.stdout(asUsageError(() => (options.format === "bind" ? writeBindZone(file, live.name) : writeYamlZone(file))));
    });
  dns
    .command("plan")
    .description(`compare a zone file with the live zone: the records to create, update and delete (exit ${EXIT.changes} when any)`)
    .argument("<file>", FILE_ARG)
    .option("--zone <zone>", ZONE_OPTION)
    .option("--prune", PRUNE_OPTION)
    .addOption(formatOption("the file's format, when its name does not say"))
    .addHelpText("after", PLAN_HELP)
    .action(async (path: string, options: SyncOptions) => {
      const { hostup, asJson } = ctx.connect();
      const { file, live } = await loadTarget(hostup, path, options);
      const plan = planZone(file, live, { prune: options.prune });
      ctx.print(asJson, planJson(plan), () => planText(plan));
      checkRecordLimit(plan);
      if (plan.changes.length > 0) ctx.state.exitCode = EXIT.changes;
    });
  dns
    .command("apply")
    .description("make the live zone match a zone file: shows the plan, asks, then writes (stops at the first refusal)")
    .argument("<file>", FILE_ARG)
    .option("--zone <zone>", ZONE_OPTION)
    .option("--prune", PRUNE_OPTION)
    .option("--yes", "apply without asking (needed without a terminal)")
    .addOption(formatOption("the file's format, when its name does not say"))
    .addHelpText("after", APPLY_HELP)
    .action(async (path: string, options: SyncOptions & { yes?: boolean }) => {
      const { hostup, asJson } = ctx.connect();
      const { file, live } = await loadTarget(hostup, path, options);
      const plan = planZone(file, live, { prune: options.prune });
      if (!asJson) println(ctx.io, planText(plan));
      checkRecordLimit(plan);
      if (plan.changes.length === 0) {
        if (asJson) println(ctx.io, json(applyJson(plan, { applied: [], notApplied: [] })));
        return;
      }
      if (!options.yes) {
        if (!canAsk()) throw new UsageError("Refusing to apply without --yes: there is no terminal to ask on. Nothing was sent.");
        if (!(await confirm(`Apply ${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"} to ${plan.zone}?`))) {
          eprintln(ctx.io, "Not applied: nothing was sent.");
          ctx.state.exitCode = EXIT.changes;
          return;
        }
      }
      const result = await applyPlan(hostup, plan, (change) => asJson || println(ctx.io, `applied ${describeChange(change)}`));
      println(ctx.io, asJson ? json(applyJson(plan, result)) : applyText(plan, result));
      if (result.error !== undefined) throw result.error;
    });
}
