// A domain's URL redirects (HTTP redirect rules, not DNS records).
import { domainIdOf } from "../resolve.js";
import { bool, DOMAIN, int, LIMIT, list, obj, oneOf, out, str, URL } from "../schema.js";
import { bounded, omittedNote, type Tool } from "../tool.js";

const RULE = str("redirect rule ID (redir_…)");
const STATUS_CODE = { type: "integer", enum: [301, 302, 307, 308] };
const SCOPE = oneOf(["exact", "root_www", "subdomains", "all"]);
const RULE_OUT = out({ id: str(), sourceUrl: str(), targetUrl: str(), httpStatusCode: int(), status: str() });
const FIELDS = {
  sourceUrl: URL("e.g. https://example.com/old"),
  targetUrl: URL("e.g. https://example.com/new"),
  httpStatusCode: STATUS_CODE,
  scope: SCOPE,
  preservePath: bool(),
  preserveQuery: bool(),
  includeSubdomains: bool(),
};

type Rule = { id?: string; sourceUrl?: string; targetUrl?: string; httpStatusCode?: number; status?: string };
const ruleOut = ({ id, sourceUrl, targetUrl, httpStatusCode, status }: Rule) => ({ id, sourceUrl, targetUrl, httpStatusCode, status });
const ruleLine = (r: Rule) => `${r.sourceUrl} -> ${r.targetUrl} (${r.httpStatusCode ?? "?"}, ${r.id})`;
const pick = (args: Record<string, unknown>, keys: ReadonlyArray<string>) =>
  Object.fromEntries(keys.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));

export const redirectTools: Tool[] = [
  {
    name: "list_redirects",
    description: "A domain's URL redirect rules with their IDs.",
    kind: "read",
    idempotent: true,
    input: obj({ domain: DOMAIN, limit: LIMIT }, ["domain"]),
    output: out({ domainId: str(), rules: list(RULE_OUT), omitted: int() }, ["domainId", "rules", "omitted"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const answer = await hostup.listDomainRedirects(domainId, undefined, { signal });
      const all = (answer.rules ?? []).map((r) => ruleOut(r as Rule));
      const { items: rules, omitted } = bounded(all, (args.limit as number | undefined) ?? 50);
      return {
        data: { domainId, rules, omitted },
        text: `${all.length} redirect(s)${omittedNote(omitted, "redirects")}\n${rules.map(ruleLine).join("\n")}`.trim(),
      };
    },
  },
  {
    name: "create_redirect",
    description: "Add a URL redirect rule to a domain (sourceUrl and targetUrl; 301 by default).",
    kind: "write",
    additive: true,
    idempotent: false,
    input: obj({ domain: DOMAIN, ...FIELDS }, ["domain", "sourceUrl", "targetUrl"]),
    output: out({ domainId: str(), rule: RULE_OUT }, ["domainId", "rule"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const body = pick(args, Object.keys(FIELDS)) as { sourceUrl: string; targetUrl: string };
      const rule = ruleOut((await hostup.createDomainRedirect(domainId, body, { signal })) as Rule);
      return { data: { domainId, rule }, text: `created: ${ruleLine(rule)}` };
    },
  },
  {
    name: "update_redirect",
    description: "Change a redirect rule's fields, or pause it (enabled: false).",
    kind: "write",
    idempotent: true,
    input: obj({ domain: DOMAIN, rule: RULE, ...FIELDS, enabled: bool() }, ["domain", "rule"]),
    output: out({ domainId: str(), rule: RULE_OUT }, ["domainId", "rule"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      const body = pick(args, [...Object.keys(FIELDS), "enabled"]);
      const rule = ruleOut((await hostup.updateDomainRedirect(domainId, args.rule as string, body, { signal })) as Rule);
      return { data: { domainId, rule }, text: `updated: ${ruleLine(rule)}` };
    },
  },
  {
    name: "delete_redirect",
    description: "Delete one redirect rule of a domain.",
    kind: "destructive",
    idempotent: true,
    input: obj({ domain: DOMAIN, rule: RULE }, ["domain", "rule"]),
    output: out({ domainId: str(), deleted: str() }, ["domainId", "deleted"]),
    async run(args, { hostup, signal }) {
      const domainId = await domainIdOf(hostup, args.domain as string, signal);
      await hostup.deleteDomainRedirect(domainId, args.rule as string, undefined, { signal });
      return { data: { domainId, deleted: args.rule as string }, text: `deleted redirect ${args.rule}` };
    },
  },
];
