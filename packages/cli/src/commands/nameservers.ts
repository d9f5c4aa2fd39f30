// `hostup domains nameservers <domain>`: the delegation and whether it may change now. The API
// documents no operation for changing nameservers (only a route it does not model), so this only shows them.
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { domainIdOf } from "../resolve.js";

export function addNameserverCommand(domains: Command, ctx: CommandContext): void {
  domains
    .command("nameservers <domain>")
    .description("show a domain's nameservers and whether they may change")
    .action(async (domain: string) => {
      const { hostup, asJson } = ctx.connect();
      const data = await hostup.getDomainNameservers(await domainIdOf(hostup, domain));
      ctx.print(asJson, data, () => {
        const gate = data.actions?.canChangeNameservers;
        const lock = data.registrarLock;
        return [
          ...(data.nameservers?.length ? data.nameservers : ["(none on record)"]).map(
            (ns, i) => `${i === 0 ? "nameservers:" : ""}`.padEnd(16) + ns,
          ),
          `changeable:     ${gate ? (gate.allowed ? "yes" : `no${gate.reason ? ` (${gate.reason})` : ""}`) : "-"}`,
          `registrar lock: ${lock ? (lock.enabled === null ? "unknown" : lock.enabled ? "on" : "off") : "-"}`,
          ...(lock?.unlockAction ? [`unlock first:   ${lock.unlockAction.href ?? JSON.stringify(lock.unlockAction)}`] : []),
        ].join("\n");
      });
    });
}
