// `hostup redirects …`: a domain's URL redirect rules.
import { type Command, Option } from "commander";
import { UsageError } from "../config.js";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";
import { domainIdOf } from "../resolve.js";

export function addRedirectCommands(program: Command, ctx: CommandContext): void {
  const redirects = program.command("redirects").description("list and update URL redirects");
  redirects
    .command("list <domain>")
    .description("list a domain's redirect rules")
    .action(async (domain: string) => {
      const { hostup, asJson } = ctx.connect();
      const list = await hostup.listDomainRedirects(await domainIdOf(hostup, domain));
      const rules = list.rules ?? [];
      ctx.print(asJson, rules, () =>
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
      const { hostup, asJson } = ctx.connect();
      const rule = await hostup.updateDomainRedirect(await domainIdOf(hostup, domain), ruleId, changes);
      ctx.print(asJson, rule, () => `${rule.id}: ${rule.sourceUrl} -> ${rule.targetUrl} (${rule.httpStatusCode}, ${rule.status})`);
    });
}
