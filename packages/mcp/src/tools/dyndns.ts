// DynDNS configurations. A configuration's token is its credential: it never enters the model's
// context. A result says where the user can read it instead.
import { domainIdOf } from "../resolve.js";
import { bool, DOMAIN, int, list, obj, oneOf, out, str } from "../schema.js";
import { bounded, omittedNote, type Tool } from "../tool.js";

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
  `${[c.hostname, c.recordType].filter(Boolean).join(" ") || "configuration"} (${c.id}): ${c.enabled ? "enabled" : "disabled"}, last ${c.lastIp ?? "never updated"}`;

export const dyndnsTools: Tool[] = [
  {
    name: "list_dyndns_configs",
    description: "A domain's DynDNS configurations (hostname, record type, last address), without their tokens.",
    kind: "read",
    idempotent: true,
    input: obj({ domain: DOMAIN }, ["domain"]),
    output: out({ domainId: str(), available: bool(), configs: list(CONFIG_OUT) }, ["domainId", "configs"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const answer = await hostup.listDynDnsConfigs(domainId, { signal });
      const { items: configs, omitted } = bounded(
        answer.configs.map((c) => configOut(c as Config)),
        100,
      );
      const unavailable = answer.available ? "" : ` (DynDNS unavailable: ${answer.reason ?? "no reason given"})`;
      return {
        data: { domainId, available: answer.available, configs },
        text: `${answer.configs.length} configuration(s)${omittedNote(omitted, "configurations")}${unavailable}\n${configs.map(configLine).join("\n")}`.trim(),
      };
    },
  },
  {
    name: "create_dyndns_config",
    description: "Create a DynDNS configuration for a hostname of the domain (A or AAAA); its token is not shown.",
    kind: "write",
    additive: true,
    idempotent: false,
    input: obj({ domain: DOMAIN, hostname: str("e.g. home.example.com"), recordType: oneOf(["A", "AAAA"]) }, [
      "domain",
      "hostname",
      "recordType",
    ]),
    output: out({ domainId: str(), config: CONFIG_OUT, tokenNote: str() }, ["domainId", "config", "tokenNote"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const body = { hostname: args.hostname as string, recordType: args.recordType as "A" | "AAAA" };
      const config = configOut(
        (await hostup.createDynDnsConfig(domainId, body, { signal, domainName: domainNameOf(args.domain as string) })) as Config,
      );
      return { data: { domainId, config, tokenNote: TOKEN_NOTE }, text: `created: ${configLine(config)}\n${TOKEN_NOTE}` };
    },
  },
  {
    name: "set_dyndns_enabled",
    description: "Enable or disable a DynDNS configuration (disabled: updates with its token are refused).",
    kind: "write",
    idempotent: true,
    input: obj({ domain: DOMAIN, config: CONFIG, enabled: bool() }, ["domain", "config", "enabled"]),
    output: out({ domainId: str(), config: CONFIG_OUT }, ["domainId", "config"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const answer = (await hostup.updateDynDnsConfig(
        domainId,
        args.config as string,
        { enabled: args.enabled as boolean },
        { signal },
      )) as Partial<Config>;
      // The answer promises only the ID: what was asked for fills the rest.
      const config = configOut({
        hostname: "",
        recordType: "",
        lastIp: null,
        updateCount: 0,
        ...answer,
        id: answer.id ?? (args.config as string),
        enabled: answer.enabled ?? (args.enabled as boolean),
      });
      return { data: { domainId, config }, text: `${config.enabled ? "enabled" : "disabled"}: ${configLine(config)}` };
    },
  },
];

/** A domain given by name lets the SDK check the hostname is in it before sending. */
const domainNameOf = (domain: string) => (domain.startsWith("dom_") ? undefined : domain);
