// `hostup dns export|plan|apply`: a zone as code, on @hostup/dns's zone files, plan and apply. Export
// writes the zone's records as a zone file, plan compares a file with the live zone (exit 5 while
// changes are pending, for CI; --markdown for a pull-request comment), apply makes the zone match it
// after a yes (or --yes) and stops at the first write the API refuses, or at an interrupt once the
// write in flight is done.
import {
  type ApplyResult,
  applyJson,
  applyPlan,
  applyText,
  checkPlan,
  describeChange,
  planJson,
  planMarkdown,
  planText,
  planZone,
  readLiveZone,
  writeZoneFile,
  type ZoneFileFormat,
  zoneFileOf,
} from "@hostup/dns";
import { type Command, Option } from "commander";
import { UsageError } from "../config.js";
import type { CommandContext } from "../context.js";
import { zoneIdOf } from "../dns-zone.js";
import { EXIT } from "../exit-codes.js";
import { eprintln, json, println, untilInterrupted } from "../output.js";
import { asUsageError, FORMATS, loadTarget, zoneFormat } from "../zone-file.js";

const ZONE_ARG = "zone name (a trailing dot accepted) or zone_ ID";
const FILE_ARG = "zone file: octoDNS YAML (.yaml, .yml) or BIND (.zone, .db, .bind)";
const ZONE_OPTION = "the zone (name or zone_ ID); default: the file's name (example.com.yaml) or its $ORIGIN";
const PRUNE_OPTION = "also delete the sets the file does not name (never SOA, the apex NS or octoDNS-ignored sets)";
const FORCE_OPTION = "apply a plan that updates or deletes more than 30 % of a zone of 10 records or more";
const formatOption = (what: string) => new Option("--format <format>", what).choices(FORMATS).argParser(zoneFormat);

const PLAN_HELP = `
Exit codes: 0 the zone matches the file, ${EXIT.changes} changes pending (CI: fail on drift), 2 bad file or arguments
(nothing sent; every problem in the file is listed), 3 API error, 4 network error. Sets the file does not name are
listed as unmanaged, not as changes.`;
const APPLY_HELP = `
Asks before writing (y/N on a terminal); without a terminal it needs --yes, or refuses (exit 2, nothing sent).
A plan that would update or delete more than 30 % of a zone's records (10 or more) needs --force.
Exit codes: 0 applied (or nothing to do), 2 refused before sending (bad file, the 200-record limit, the 30 % rule,
no --yes), 3 the API refused a write: it stops there and lists what was applied and what was not, 4 network error
(likewise), ${EXIT.changes} declined at the prompt (changes still pending), 130 interrupted (Ctrl-C, SIGTERM): the
write in flight is finished, then what was applied and what was not is listed.`;

interface SyncOptions {
  zone?: string;
  prune?: boolean;
  format?: ZoneFileFormat;
}

export function addDnsSyncCommands(dns: Command, ctx: CommandContext): void {
  dns
    .command("export")
    .description("write a zone's records as a zone file to stdout (octoDNS YAML, or BIND); SOA and apex NS left out")
    .argument("<zone>", ZONE_ARG)
    .addOption(formatOption("yaml (octoDNS, the default) or bind").default("yaml"))
    .action(async (zone: string, options: { format: ZoneFileFormat }) => {
      const { hostup, asJson } = ctx.connect();
      const live = await readLiveZone(hostup, await zoneIdOf(hostup, zone));
      const file = zoneFileOf(live);
      if (asJson) return println(ctx.io, json(file));
      ctx.io.stdout(asUsageError(() => writeZoneFile(file, { format: options.format, origin: live.name })));
    });
  dns
    .command("plan")
    .description(`compare a zone file with the live zone: the records to create, update and delete (exit ${EXIT.changes} when any)`)
    .argument("<file>", FILE_ARG)
    .option("--zone <zone>", ZONE_OPTION)
    .option("--prune", PRUNE_OPTION)
    .option("--markdown", "print the plan as Markdown (a pull-request comment)")
    .addOption(formatOption("the file's format, when its name does not say"))
    .addHelpText("after", PLAN_HELP)
    .action(async (path: string, options: SyncOptions & { markdown?: boolean }) => {
      const { hostup, asJson } = ctx.connect();
      const { file, live } = await loadTarget(hostup, path, options);
      const plan = planZone(file, live, { prune: options.prune });
      ctx.print(asJson, planJson(plan), () => (options.markdown ? planMarkdown(plan).trimEnd() : planText(plan)));
      asUsageError(() => checkPlan(plan, { force: true }));
      if (plan.changes.length > 0) ctx.state.exitCode = EXIT.changes;
    });
  dns
    .command("apply")
    .description("make the live zone match a zone file: shows the plan, asks, then writes (stops at the first refusal)")
    .argument("<file>", FILE_ARG)
    .option("--zone <zone>", ZONE_OPTION)
    .option("--prune", PRUNE_OPTION)
    .option("--yes", "apply without asking (needed without a terminal)")
    .option("--force", FORCE_OPTION)
    .addOption(formatOption("the file's format, when its name does not say"))
    .addHelpText("after", APPLY_HELP)
    .action(async (path: string, options: SyncOptions & { yes?: boolean; force?: boolean }) => {
      const { hostup, asJson } = ctx.connect();
      const { file, live } = await loadTarget(hostup, path, options);
      const plan = planZone(file, live, { prune: options.prune });
      if (!asJson) println(ctx.io, planText(plan));
      asUsageError(() => checkPlan(plan, { force: options.force }));
      if (plan.changes.length === 0) {
        if (asJson) println(ctx.io, json(applyJson(plan, { applied: [], notApplied: [], interrupted: false })));
        return;
      }
      if (!options.yes) {
        if (!ctx.io.ask) throw new UsageError("Refusing to apply without --yes: there is no terminal to ask on. Nothing was sent.");
        const count = `${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"}`;
        if (!/^\s*y(es)?\s*$/i.test(await ctx.io.ask(`Apply ${count} to ${plan.zone}? [y/N] `))) {
          eprintln(ctx.io, "Not applied: nothing was sent.");
          ctx.state.exitCode = EXIT.changes;
          return;
        }
      }
      const { result, interrupt } = await untilInterrupted(ctx.io, (signal) =>
        applyPlan(hostup, plan, {
          force: true, // checked above, before the question
          signal,
          onEvent: (event) => {
            if (event.type === "applied" && !asJson) println(ctx.io, `applied ${describeChange(event.change)}`);
          },
        }),
      );
      println(ctx.io, asJson ? json(applyJson(plan, result)) : applyText(plan, result));
      finish(ctx, result, interrupt);
    });
}

/** The exit code of an apply: the interrupt's, the failed write's error, or 0. */
function finish(ctx: CommandContext, result: ApplyResult, interrupt: string | undefined): void {
  if (result.interrupted) {
    eprintln(
      ctx.io,
      `Interrupted (${interrupt ?? "signal"}): ${result.notApplied.length} change${result.notApplied.length === 1 ? "" : "s"} not applied; run hostup dns plan to see what is left.`,
    );
    ctx.state.exitCode = EXIT.interrupted;
    return;
  }
  if (result.failed) throw result.failed.error;
}
