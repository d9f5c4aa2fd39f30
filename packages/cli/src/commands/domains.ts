// `hostup domains …`: list, inspect, sync (one or many) and delete domains.
import type { Command } from "commander";
import type { DomainSummary } from "@hostup/sdk";
import { UsageError } from "../config.js";
import { type CommandContext, wholeNumber } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { progressBar, table } from "../output.js";
import { domainIdOf } from "../resolve.js";
import { addNameserverCommand } from "./nameservers.js";

export function addDomainCommands(program: Command, ctx: CommandContext): void {
  const domains = program.command("domains").description("list, inspect, sync and delete domains; show their nameservers");
  domains
    .command("list")
    .description("list the account's domains (all pages)")
    .option("--name <name>", "only the domain with this exact name")
    .option("--limit <n>", "stop after n domains", wholeNumber("--limit"))
    .action(async (options: { name?: string; limit?: number }) => {
      const { hostup, asJson } = ctx.connect();
      const rows: DomainSummary[] = [];
      for await (const domain of hostup.iterateDomains(options.name ? { name: options.name } : {}, { maxItems: options.limit }))
        rows.push(domain);
      ctx.print(asJson, rows, () =>
        table(
          rows.map((d) => ({ ...d, lifecycle: d.lifecycle?.type })),
          [
            ["id", "ID"],
            ["name", "NAME"],
            ["serviceStatus", "STATUS"],
            ["lifecycle", "LIFECYCLE"],
          ],
        ),
      );
    });
  domains
    .command("get <domain>")
    .description("show one domain (by name or dom_ ID)")
    .action(async (domain: string) => {
      const { hostup, asJson } = ctx.connect();
      const data = await hostup.getDomain(await domainIdOf(hostup, domain));
      ctx.print(asJson, data, () =>
        [
          `id:        ${data.id}`,
          `name:      ${data.name}`,
          `status:    ${data.serviceStatus}`,
          `lifecycle: ${data.lifecycle?.type ?? "-"}`,
          `deletable: ${data.actions?.canDelete ? (data.actions.canDelete.allowed ? "yes" : `no (${data.actions.canDelete.reason})`) : "-"}`,
        ].join("\n"),
      );
    });
  addNameserverCommand(domains, ctx);
  domains
    .command("sync <domain>")
    .description("refresh a domain's status from the registry")
    .action(async (domain: string) => {
      const { hostup, asJson } = ctx.connect();
      const result = await hostup.syncDomainStatus(await domainIdOf(hostup, domain));
      ctx.print(
        asJson,
        result,
        () =>
          `${result.name}: ${result.previousStatus} -> ${result.newStatus}${result.syncSuccess ? "" : ` (sync failed: ${result.error})`}`,
      );
    });
  domains
    .command("delete <domain>")
    .description("delete a domain")
    .option("--yes", "confirm the deletion (required)")
    .action(async (domain: string, options: { yes?: boolean }) => {
      if (!options.yes) throw new UsageError(`Refusing to delete ${domain} without --yes.`);
      const { hostup, asJson } = ctx.connect();
      const id = await domainIdOf(hostup, domain);
      await hostup.deleteDomain(id);
      ctx.print(asJson, { id, deleted: true }, () => `deleted ${domain}`);
    });
  domains
    .command("bulk-sync <domains...>")
    .description("queue a status sync for many domains (names or dom_ IDs)")
    .option("--wait", "wait for the jobs to finish (progress bar on a terminal)")
    .option("--batch-size <n>", "IDs per request", wholeNumber("--batch-size"), 100)
    .option("--concurrency <n>", "requests in flight", wholeNumber("--concurrency"), 2)
    .action(async (names: string[], options: { wait?: boolean; batchSize: number; concurrency: number }) => {
      const { hostup, asJson } = ctx.connect();
      const ids: string[] = [];
      for (const name of names) ids.push(await domainIdOf(hostup, name));
      const bar = options.wait && !asJson ? progressBar(ctx.io, "syncing") : undefined;
      let settled = 0;
      const batches = Math.ceil(new Set(ids).size / options.batchSize);
      bar?.update(0, batches);
      const report = await hostup.bulkSyncDomainStatusInBatches(ids, {
        batchSize: options.batchSize,
        concurrency: options.concurrency,
        wait: options.wait ? { intervalMs: 1000 } : false,
        onBatch: () => bar?.update(++settled, batches),
      });
      bar?.end();
      const summary = {
        queued: report.queued,
        refused: report.refused,
        failed: report.failed,
        jobs: report.batches.map((b) => ({
          jobId: b.operation?.jobId,
          status: b.job?.status ?? b.operation?.status,
          error: b.error?.message,
        })),
      };
      ctx.print(asJson, summary, () =>
        [
          `queued ${report.queued.length}, refused ${report.refused.length}, failed ${report.failed.length}`,
          ...summary.jobs.map((j) => `  job ${j.jobId ?? "-"}: ${j.error ?? j.status}`),
          ...report.refused.map((r) => `  refused ${r.domainId}: ${r.detail ?? r.code}`),
        ].join("\n"),
      );
      if (report.failed.length > 0 || report.refused.length > 0) ctx.state.exitCode = EXIT.api;
    });
}
