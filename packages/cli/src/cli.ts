// `hostup`: domains, redirects and DynDNS from a terminal, a cron job or a CI step.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { createHostupClient, type DomainSummary } from "@hostup/sdk";
import { loadSettings, UsageError } from "./config.js";
import { EXIT } from "./exit-codes.js";
import { json, println, progressBar, reportError, table, type Io } from "./output.js";
import { domainIdOf } from "./resolve.js";

// Replaced with package.json's version by the build (tsup.config.ts).
declare const __HOSTUP_CLI_VERSION__: string;
/** What the CLI adds to the SDK's User-Agent, so HostUp can tell its requests apart. */
export const CLI_PRODUCT = `hostup-cli/${__HOSTUP_CLI_VERSION__}`;

interface GlobalOptions {
  baseUrl?: string;
  json?: boolean;
  timeout?: number;
}

const positiveInt = (name: string) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1.`);
  return number;
};

const EXIT_HELP = `
Exit codes: 0 ok, 2 usage error (nothing changed; a domain name may have been looked up), 3 API error, 4 network error or timeout, 1 unexpected.
The API key comes from HOSTUP_API_KEY or the config file ($HOSTUP_CONFIG, default ~/.config/hostup/config.json, mode 600).`;

/** `exitCode` lets an action that printed its result still fail the process (e.g. refused IDs). */
export function buildProgram(io: Io, state: { exitCode: number } = { exitCode: EXIT.ok }): Command {
  const program = new Command("hostup")
    .description("HostUp domains, redirects and DynDNS from the command line.")
    .version(__HOSTUP_CLI_VERSION__, "--version", "print the version")
    .option("--base-url <url>", "API origin (default https://cloud.hostup.se; HOSTUP_BASE_URL)")
    .option("--json", "machine-readable JSON output")
    .option("--timeout <ms>", "per-request timeout in ms", positiveInt("--timeout"))
    .addHelpText("after", EXIT_HELP)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const context = () => {
    const globals = program.opts<GlobalOptions>();
    const settings = loadSettings(io.env, globals.baseUrl);
    const hostup = createHostupClient({
      apiKey: settings.apiKey,
      baseUrl: settings.baseUrl,
      userAgent: CLI_PRODUCT,
      ...(globals.timeout ? { timeoutMs: globals.timeout } : {}),
    });
    return { hostup, asJson: Boolean(globals.json) };
  };
  const print = (asJson: boolean, data: unknown, human: () => string) => println(io, asJson ? json(data) : human());

  const domains = program.command("domains").description("list, inspect, sync and delete domains");
  domains
    .command("list")
    .description("list the account's domains (all pages)")
    .option("--name <name>", "only the domain with this exact name")
    .option("--limit <n>", "stop after n domains", positiveInt("--limit"))
    .action(async (options: { name?: string; limit?: number }) => {
      const { hostup, asJson } = context();
      const rows: DomainSummary[] = [];
      for await (const domain of hostup.iterateDomains(options.name ? { name: options.name } : {}, { maxItems: options.limit }))
        rows.push(domain);
      print(asJson, rows, () =>
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
      const { hostup, asJson } = context();
      const data = await hostup.getDomain(await domainIdOf(hostup, domain));
      print(asJson, data, () =>
        [
          `id:        ${data.id}`,
          `name:      ${data.name}`,
          `status:    ${data.serviceStatus}`,
          `lifecycle: ${data.lifecycle?.type ?? "-"}`,
          `deletable: ${data.actions?.canDelete ? (data.actions.canDelete.allowed ? "yes" : `no (${data.actions.canDelete.reason})`) : "-"}`,
        ].join("\n"),
      );
    });
  domains
    .command("sync <domain>")
    .description("refresh a domain's status from the registry")
    .action(async (domain: string) => {
      const { hostup, asJson } = context();
      const result = await hostup.syncDomainStatus(await domainIdOf(hostup, domain));
      print(
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
      const { hostup, asJson } = context();
      const id = await domainIdOf(hostup, domain);
      await hostup.deleteDomain(id);
      print(asJson, { id, deleted: true }, () => `deleted ${domain}`);
    });
  domains
    .command("bulk-sync <domains...>")
    .description("queue a status sync for many domains (names or dom_ IDs)")
    .option("--wait", "wait for the jobs to finish (progress bar on a terminal)")
    .option("--batch-size <n>", "IDs per request", positiveInt("--batch-size"), 100)
    .option("--concurrency <n>", "requests in flight", positiveInt("--concurrency"), 2)
    .action(async (names: string[], options: { wait?: boolean; batchSize: number; concurrency: number }) => {
      const { hostup, asJson } = context();
      const ids: string[] = [];
      for (const name of names) ids.push(await domainIdOf(hostup, name));
      const bar = options.wait && !asJson ? progressBar(io, "syncing") : undefined;
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
      print(asJson, summary, () =>
        [
          `queued ${report.queued.length}, refused ${report.refused.length}, failed ${report.failed.length}`,
          ...summary.jobs.map((j) => `  job ${j.jobId ?? "-"}: ${j.error ?? j.status}`),
          ...report.refused.map((r) => `  refused ${r.domainId}: ${r.detail ?? r.code}`),
        ].join("\n"),
      );
      if (report.failed.length > 0 || report.refused.length > 0) state.exitCode = EXIT.api;
    });

  const redirects = program.command("redirects").description("list and update URL redirects");
  redirects
    .command("list <domain>")
    .description("list a domain's redirect rules")
    .action(async (domain: string) => {
      const { hostup, asJson } = context();
      const list = await hostup.listDomainRedirects(await domainIdOf(hostup, domain));
      const rules = list.rules ?? [];
      print(asJson, rules, () =>
        table(rules, [
          ["id", "ID"],
          ["sourceUrl", "SOURCE"],
          ["targetUrl", "TARGET"],
          ["httpStatusCode", "CODE"],
          ["status", "STATUS"],
        ]),
      );
    });
  redirects
    .command("update <domain> <ruleId>")
    .description("change a redirect rule (at least one option)")
    .option("--target <url>", "new target URL")
    .option("--source <url>", "new source URL (must stay on the domain)")
    .addOption(new Option("--status <code>", "HTTP status of the redirect").choices(["301", "302", "307", "308"]))
    .addOption(new Option("--scope <scope>", "which hosts match").choices(["exact", "root_www", "subdomains", "all"]))
    .option("--enable", "serve the redirect")
    .option("--disable", "pause the redirect without deleting it")
    .option("--description <text>", "free-text note")
    .action(async (domain: string, ruleId: string, options: Record<string, string | boolean | undefined>) => {
      if (options.enable && options.disable) throw new UsageError("Pass --enable or --disable, not both.");
      const changes = {
        ...(options.target !== undefined && { targetUrl: String(options.target) }),
        ...(options.source !== undefined && { sourceUrl: String(options.source) }),
        ...(options.status !== undefined && { httpStatusCode: Number(options.status) as 301 | 302 | 307 | 308 }),
        ...(options.scope !== undefined && { scope: options.scope as "exact" | "root_www" | "subdomains" | "all" }),
        ...(options.enable && { enabled: true }),
        ...(options.disable && { enabled: false }),
        ...(options.description !== undefined && { description: String(options.description) }),
      };
      if (Object.keys(changes).length === 0) {
        throw new UsageError("Nothing to change: pass --target, --source, --status, --scope, --enable/--disable or --description.");
      }
      const { hostup, asJson } = context();
      const rule = await hostup.updateDomainRedirect(await domainIdOf(hostup, domain), ruleId, changes);
      print(asJson, rule, () => `${rule.id}: ${rule.sourceUrl} -> ${rule.targetUrl} (${rule.httpStatusCode}, ${rule.status})`);
    });

  const dyndns = program.command("dyndns").description("list and create DynDNS configurations");
  dyndns
    .command("list <domain>")
    .description("list a domain's DynDNS configurations (tokens hidden)")
    .option("--show-tokens", "print the tokens too")
    .action(async (domain: string, options: { showTokens?: boolean }) => {
      const { hostup, asJson } = context();
      const list = await hostup.listDynDnsConfigs(await domainIdOf(hostup, domain));
      const configs = list.configs.map((c) => ({ ...c, token: options.showTokens ? c.token : c.token === null ? null : "(hidden)" }));
      print(asJson, { ...list, configs }, () =>
        list.available
          ? table(configs, [
              ["id", "ID"],
              ["hostname", "HOSTNAME"],
              ["recordType", "TYPE"],
              ["lastIp", "LAST IP"],
              ["enabled", "ENABLED"],
              ["token", "TOKEN"],
            ])
          : `DynDNS is not available for ${domain}: ${list.reason ?? "no reason given"}`,
      );
    });
  dyndns
    .command("create <domain>")
    .description("create a DynDNS updater for a hostname on the domain")
    .requiredOption("--hostname <host>", "the domain or a subdomain of it")
    .addOption(new Option("--type <type>", "record type").choices(["A", "AAAA"]).makeOptionMandatory())
    .option("--show-token", "print the token (it authorizes DNS updates: keep it secret)")
    .action(async (domain: string, options: { hostname: string; type: "A" | "AAAA"; showToken?: boolean }) => {
      const { hostup, asJson } = context();
      // Given the domain's name, the SDK checks the hostname is on it before sending; given its ID, the API does.
      const byName = domain.startsWith("dom_") ? {} : { domainName: domain };
      const body = { hostname: options.hostname, recordType: options.type };
      const config = await hostup.createDynDnsConfig(await domainIdOf(hostup, domain), body, byName);
      const shown = { ...config, token: options.showToken || config.token === null ? config.token : "(hidden)" };
      print(asJson, shown, () =>
        [
          `created ${config.id}: ${config.hostname} (${config.recordType})`,
          `token: ${shown.token ?? "-"}${options.showToken ? "" : "  (pass --show-token to print it)"}`,
        ].join("\n"),
      );
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const state = { exitCode: EXIT.ok as number };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync(argv, { from: "user" });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help ends here with exit code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, io, argv.includes("--json"));
  }
}

function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}
