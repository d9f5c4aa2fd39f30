// Domains: list, one by name or ID, and a status refresh from the registry.
import { bounded, omittedNote, type Tool } from "../tool.js";
import { DOMAIN, LIMIT, list, obj, out, str } from "../schema.js";
import { domainIdOf } from "../resolve.js";

const DOMAIN_ROW = out({ id: str(), name: str(), serviceStatus: str() }, ["id", "name"]);

export const domainTools: Tool[] = [
  {
    name: "list_domains",
    title: "List domains",
    description: "The account's domains with their IDs and status; filter by name (substring) or status.",
    kind: "read",
    idempotent: true,
    input: obj({ name: str("part of the name"), status: str("service status, e.g. active"), limit: LIMIT }),
    output: out({ domains: list(DOMAIN_ROW), omitted: { type: "integer" } }, ["domains", "omitted"]),
    async run(args, { hostup, signal }) {
      const name = (args.name as string | undefined)?.toLowerCase();
      const matches = [];
      for await (const domain of hostup.iterateDomains({}, { signal })) {
        if (name && !domain.name.toLowerCase().includes(name)) continue;
        if (args.status && domain.serviceStatus !== args.status) continue;
        matches.push({ id: domain.id, name: domain.name, serviceStatus: domain.serviceStatus });
      }
      const { items, omitted } = bounded(matches, (args.limit as number | undefined) ?? 50);
      const lines = items.map((d) => `${d.name} (${d.id}): ${d.serviceStatus}`);
      return {
        data: { domains: items, omitted },
        text: `${matches.length} domain(s)${omittedNote(omitted, "domains")}\n${lines.join("\n")}`.trim(),
      };
    },
  },
  {
    name: "get_domain",
    title: "Get a domain",
    description: "One domain by name or dom_ ID: status, lifecycle, renewal and what may be done with it.",
    kind: "read",
    idempotent: true,
    input: obj({ domain: DOMAIN }, ["domain"]),
    output: out({ domain: out({ id: str(), name: str() }) }, ["domain"]),
    async run(args, { hostup, signal }) {
      const domain = await hostup.getDomain(await domainIdOf(hostup, args.domain as string, signal), { signal });
      return { data: { domain }, text: `${domain.name} (${domain.id}): ${domain.serviceStatus ?? "status unknown"}` };
    },
  },
  {
    name: "sync_domain_status",
    title: "Refresh a domain's status",
    description: "Refresh a domain's status from the registry; says whether it changed.",
    kind: "read", // a refresh from the registry: nothing of the account changes
    idempotent: true,
    input: obj({ domain: DOMAIN }, ["domain"]),
    output: out({ id: str(), name: str(), previousStatus: str(), newStatus: str(), statusChanged: { type: "boolean" } }, [
      "id",
      "newStatus",
    ]),
    async run(args, { hostup, signal }) {
      const result = await hostup.syncDomainStatus(await domainIdOf(hostup, args.domain as string, signal), { signal });
      const { id, name, previousStatus, newStatus, statusChanged } = result;
      return {
        data: { id, name, previousStatus, newStatus, statusChanged },
        text: `${name}: ${previousStatus} -> ${newStatus}${statusChanged ? "" : " (unchanged)"}`,
      };
    },
  },
];
