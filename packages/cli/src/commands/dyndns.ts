// `hostup dyndns …`: a domain's DynDNS configurations (the tokens stay hidden unless asked for).
import { type Command, Option } from "commander";
import { UsageError } from "../config.js";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";
import { domainIdOf } from "../resolve.js";
import { addDynDnsUpdateCommand } from "./dyndns-update.js";

export function addDynDnsCommands(program: Command, ctx: CommandContext): void {
  const dyndns = program
    .command("dyndns")
    .description(
      "list, create, enable, disable and delete DynDNS configurations; show their logs; update an address with a token (update)",
    );
  dyndns
    .command("list <domain>")
    .description("list a domain's DynDNS configurations (tokens hidden)")
    .option("--show-tokens", "print the tokens too")
    .action(async (domain: string, options: { showTokens?: boolean }) => {
      const { hostup, asJson } = ctx.connect();
      const list = await hostup.listDynDnsConfigs(await domainIdOf(hostup, domain));
      const configs = list.configs.map((c) => ({ ...c, token: options.showTokens ? c.token : c.token === null ? null : "(hidden)" }));
      ctx.print(asJson, { ...list, configs }, () =>
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
      const { hostup, asJson } = ctx.connect();
      // Given the domain's name, the SDK checks the hostname is on it before sending; given its ID, the API does.
      const byName = domain.startsWith("dom_") ? {} : { domainName: domain };
      const body = { hostname: options.hostname, recordType: options.type };
      const config = await hostup.createDynDnsConfig(await domainIdOf(hostup, domain), body, byName);
      const shown = { ...config, token: options.showToken || config.token === null ? config.token : "(hidden)" };
      ctx.print(asJson, shown, () =>
        [
          `created ${config.id}: ${config.hostname} (${config.recordType})`,
          `token: ${shown.token ?? "-"}${options.showToken ? "" : "  (pass --show-token to print it)"}`,
        ].join("\n"),
      );
    });
  for (const [name, enabled] of [
    ["enable", true],
    ["disable", false],
  ] as const) {
    dyndns
      .command(`${name} <domain> <configId>`)
      .description(enabled ? "resume public updates of a configuration" : "pause public updates without deleting the token")
      .action(async (domain: string, configId: string) => {
        checkConfigId(domain, configId);
        const { hostup, asJson } = ctx.connect();
        const config = await hostup.updateDynDnsConfig(await domainIdOf(hostup, domain), configId, { enabled });
        // The answer may carry the token (the configuration object): it is not what was asked for here.
        const shown = { ...config, ...("token" in config && { token: config.token === null ? null : "(hidden)" }) };
        const hostname = typeof config.hostname === "string" ? ` (${config.hostname})` : "";
        ctx.print(asJson, shown, () => `${enabled ? "enabled" : "disabled"} ${config.id ?? configId}${hostname}`);
      });
  }
  dyndns
    .command("delete <domain> <configId>")
    .description("delete a configuration, its token and its update logs (to only pause it: dyndns disable)")
    .option("--yes", "confirm the deletion (required)")
    .action(async (domain: string, configId: string, options: { yes?: boolean }) => {
      checkConfigId(domain, configId);
      if (!options.yes) throw new UsageError(`Refusing to delete DynDNS configuration ${configId} of ${domain} without --yes.`);
      const { hostup, asJson } = ctx.connect();
      const id = await domainIdOf(hostup, domain);
      await hostup.deleteDynDnsConfig(id, configId);
      ctx.print(asJson, { domainId: id, configId, deleted: true }, () => `deleted DynDNS configuration ${configId} of ${domain}`);
    });
  dyndns
    .command("logs <domain> <configId>")
    .description("show a configuration's recent update attempts (all of them: the API has no paging)")
    .addOption(
      new Option("--status <status>", "only attempts with this outcome (filtered here: the API has no filter)").choices(LOG_STATUSES),
    )
    .action(async (domain: string, configId: string, options: { status?: string }) => {
      checkConfigId(domain, configId);
      const { hostup, asJson } = ctx.connect();
      const list = await hostup.listDynDnsLogs(await domainIdOf(hostup, domain), configId);
      const logs = options.status ? list.logs.filter((log) => log.status === options.status) : list.logs;
      ctx.print(asJson, { ...list, logs }, () =>
        table(logs, [
          ["createdAt", "TIME"],
          ["status", "STATUS"],
          ["oldIp", "OLD IP"],
          ["newIp", "NEW IP"],
          ["sourceIp", "FROM"],
          ["userAgent", "USER AGENT"],
          ["errorMessage", "ERROR"],
        ]),
      );
    });
  addDynDnsUpdateCommand(dyndns, ctx);
}

const LOG_STATUSES = ["success", "no_change", "failed", "unknown"];

/**
 * Refuses a configuration ID that cannot be one before anything (even a name lookup) is sent. The value is
 * not echoed: a token pasted in its place (both come from `dyndns list`) would end up in the error.
 */
function checkConfigId(domain: string, configId: string): void {
  if (!/^ddns_[0-9A-Za-z]+$/.test(configId)) {
    throw new UsageError(`<configId> is not a DynDNS configuration ID: pass the ddns_… ID from \`hostup dyndns list ${domain}\`.`);
  }
}
