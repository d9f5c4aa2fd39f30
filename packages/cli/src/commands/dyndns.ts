// `hostup dyndns …`: a domain's DynDNS configurations (the tokens stay hidden unless asked for).
import { type Command, Option } from "commander";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";
import { domainIdOf } from "../resolve.js";
import { addDynDnsUpdateCommand } from "./dyndns-update.js";

export function addDynDnsCommands(program: Command, ctx: CommandContext): void {
  const dyndns = program.command("dyndns").description("list and create DynDNS configurations");
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
  addDynDnsUpdateCommand(dyndns, ctx);
}
