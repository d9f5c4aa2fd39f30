// Domains: list, one by name or ID, and a status refresh from the registry.
import { bounded, omittedNote, type Tool } from "../tool.js";
import { DOMAIN, LIMIT, list, obj, out, str } from "../schema.js";
import { domainIdOf } from "../resolve.js";

/** Matches read before a list stops: the note then says "more than". */
export const MAX_SCANNED = 5000;
const DOMAIN_ROW = out({ id: str(), name: str(), serviceStatus: str() }, ["id", "name"]);

export const domainTools: Tool[] = [
  {
    name: "list_domains",
    description: "The account's domains with their IDs and status; filter by name (substring) or status.",
    kind: "read",
    idempotent: true,
    input: obj({ name: str("part of the name"), status: str("service status, e.g. active"), limit: LIMIT }),
    output: out({ domains: list(DOMAIN_ROW), omitted: { type: "integer" } }, ["domains", "omitted"]),
    async run(args, { hostup, signal }) {
      const name = (args.name as string | undefined)?.toLowerCase();
      const matches = [];
      // Pages of the API's largest size (fewest requests), stopping once the result would be cut anyway.
      for await (const domain of hostup.iterateDomains({ limit: 1000 }, { signal })) {
        if (matches.length >= MAX_SCANNED) break;
        if (name && !domain.name.toLowerCase().includes(name)) continue;
        if (args.status && domain.serviceStatus !== args.status) continue;
        matches.push({ id: domain.id, name: domain.name, serviceStatus: domain.serviceStatus });
      }
      const { items, omitted } = bounded(matches, (args.limit as number | undefined) ?? 50);
      const lines = items.map((d) => `${d.name} (${d.id}): ${d.serviceStatus}`);
      const stopped = matches.length >= MAX_SCANNED ? ` (stopped reading after ${MAX_SCANNED}: narrow the filter)` : "";
      return {
        data: { domains: items, omitted },
        text: `${matches.length} domain(s)${stopped}${omittedNote(omitted, "domains")}\n${lines.join("\n")}`.trim(),
      };
    },
  },
  {
    name: "get_domain",
    description: "One domain by name or dom_ ID: status, lifecycle, renewal and what may be done with it.",
    kind: "read",
    idempotent: true,
    input: obj({ domain: DOMAIN }, ["domain"]),
    output: out({ domain: out({ id: str(), name: str() }) }, ["domain"]),
    async run(args, { hostup, signal }) {
      const answer = await hostup.getDomain(await domainIdOf(hostup, args.domain as string, signal), { signal });
      // What a model needs to act on it, and no more: the API's object is open (contacts, transfer state).
      const { id, name, serviceStatus, lifecycle, actions, pendingRenewalOrder } = answer;
      const domain = { id, name, serviceStatus, lifecycle, actions, pendingRenewalOrder };
      return { data: { domain }, text: `${name} (${id}): ${serviceStatus ?? "status unknown"}` };
    },
  },
  {
    name: "sync_domain_status",
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
