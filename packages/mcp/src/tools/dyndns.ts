// DynDNS configurations. A configuration's token is its credential: it never enters the model's
// context. A result says where the user can read it instead.
import { domainIdOf } from "../resolve.js";
import { bool, DOMAIN, int, list, obj, oneOf, out, str } from "../schema.js";
import type { Tool } from "../tool.js";

const CONFIG = str("DynDNS configuration ID (ddns_…)");
const TOKEN_NOTE = "The update token is not shown here: read it with `hostup dyndns list --show-tokens` in a terminal.";
const CONFIG_OUT = out(
  { id: str(), hostname: str(), recordType: str(), enabled: bool(), lastIp: { type: ["string", "null"] }, updateCount: int() },
  ["id", "hostname"],
);

type Config = { id: string; hostname: string; recordType: string; enabled: boolean; lastIp: string | null; updateCount: number };
/** Every field but the token. */
const configOut = ({ id, hostname, recordType, enabled, lastIp, updateCount }: Config) => ({
  id,
  hostname,
  recordType,
  enabled,
  lastIp,
  updateCount,
});
const configLine = (c: ReturnType<typeof configOut>) =>
  `${c.hostname} ${c.recordType} (${c.id}): ${c.enabled ? "enabled" : "disabled"}, last ${c.lastIp ?? "never updated"}`;

export const dyndnsTools: Tool[] = [
  {
    name: "list_dyndns_configs",
    title: "List DynDNS configurations",
    description: "A domain's DynDNS configurations (hostname, record type, last address), without their tokens.",
    kind: "read",
    idempotent: true,
    input: obj({ domain: DOMAIN }, ["domain"]),
    output: out({ domainId: str(), available: bool(), configs: list(CONFIG_OUT) }, ["domainId", "configs"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const answer = await hostup.listDynDnsConfigs(domainId, { signal });
      const configs = answer.configs.map((c) => configOut(c as Config));
      const unavailable = answer.available ? "" : ` (DynDNS unavailable: ${answer.reason ?? "no reason given"})`;
      return {
        data: { domainId, available: answer.available, configs },
        text: `${configs.length} configuration(s)${unavailable}\n${configs.map(configLine).join("\n")}`.trim(),
      };
    },
  },
  {
    name: "create_dyndns_config",
    title: "Create a DynDNS configuration",
    description:
      "Create a DynDNS configuration for a hostname of the domain (A or AAAA). Its token is not returned; the result says where to read it.",
    kind: "write",
    additive: true,
    idempotent: false,
    input: obj({ domain: DOMAIN, hostname: str("e.g. home.example.com"), recordType: oneOf(["A", "AAAA"]) }, [
      "domain",
      "hostname",
      "recordType",
    ]),
    output: out({ domainId: str(), config: CONFIG_OUT, token: str() }, ["domainId", "config", "token"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const body = { hostname: args.hostname as string, recordType: args.recordType as "A" | "AAAA" };
      const config = configOut(
        (await hostup.createDynDnsConfig(domainId, body, { signal, domainName: domainNameOf(args.domain as string) })) as Config,
      );
      return { data: { domainId, config, token: TOKEN_NOTE }, text: `created: ${configLine(config)}\n${TOKEN_NOTE}` };
    },
  },
  {
    name: "set_dyndns_enabled",
    title: "Enable or disable DynDNS",
    description: "Enable or disable a DynDNS configuration (disabled: updates with its token are refused).",
    kind: "write",
    idempotent: true,
    input: obj({ domain: DOMAIN, config: CONFIG, enabled: bool() }, ["domain", "config", "enabled"]),
    output: out({ domainId: str(), config: CONFIG_OUT }, ["domainId", "config"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const config = configOut(
        (await hostup.updateDynDnsConfig(domainId, args.config as string, { enabled: args.enabled as boolean }, { signal })) as Config,
      );
      return { data: { domainId, config }, text: `${config.enabled ? "enabled" : "disabled"}: ${configLine(config)}` };
    },
  },
];

/** A domain given by name lets the SDK check the hostname is in it before sending. */
const domainNameOf = (domain: string) => (domain.startsWith("dom_") ? undefined : domain);
