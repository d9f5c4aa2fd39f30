// DNS zone workflows: iterate the account's zones, find one by its name, and find the zone that
// holds a record name (the longest zone suffix, as HostUp's docs advise for names under a subdomain).
import { canonicalHostname } from "../hostname.js";
import type { WorkflowCore } from "./core.js";
import type { DnsWorkflowOptions, DnsZoneSummary, ListDnsZonesQuery } from "./dns.js";
import { type IterateOptions, paginate } from "./domains.js";

/** Every DNS zone matching `query`, page by page as the loop asks for more (`for await`). */
export function iterateDnsZones(
  core: WorkflowCore,
  query: Omit<ListDnsZonesQuery, "cursor"> = {},
  options: IterateOptions = {},
): AsyncGenerator<DnsZoneSummary, void, undefined> {
  return paginate(core, "iterateDnsZones", "listDnsZones", (q, o) => core.api.listDnsZones(q, o), query, options);
}

/**
 * The zone called `name` (case-insensitive, trailing dot ignored, Unicode or punycode), via one
 * `GET /api/v2/dns-zones?name=…`. Throws HostupError naming `name` when there is none.
 */
export async function findDnsZoneByName(core: WorkflowCore, name: string, options: DnsWorkflowOptions = {}): Promise<DnsZoneSummary> {
  if (typeof name !== "string" || !/^[^\s/?#]+\.[^\s/?#]+$/.test(name.trim())) {
    throw new core.HostupValidationError(
      `findDnsZoneByName: ${JSON.stringify(String(name)).slice(0, 80)} is not a zone name (e.g. "example.com").`,
      "listDnsZones",
      "query/name",
    );
  }
  const wanted = canonicalHostname(name);
  const page = await core.api.listDnsZones({ name: name.trim().replace(/\.$/, "") }, options);
  const match = page.data?.find((zone) => canonicalHostname(zone.name) === wanted);
  if (match) return match;
  throw new core.HostupError(
    `No DNS zone named ${JSON.stringify(name)} on this account (GET /api/v2/dns-zones?name=… found no exact match). ` +
      "For a name under a subdomain, try the longest zone suffix that matches.",
  );
}

/** Where a record name lives: its zone, and the name relative to it (`_acme-challenge.www`, `@` for the apex). */
export interface DnsZoneMatch {
  zone: DnsZoneSummary;
  recordName: string;
}

/**
 * The account's zone holding `name` (a full name, trailing dot allowed) with the longest suffix:
 * `_acme-challenge.www.example.com` is in `www.example.com` when the account has that zone, else in
 * `example.com`. One `GET /api/v2/dns-zones?name=…` per candidate suffix, longest first, stopping at
 * the first zone found. Throws HostupError naming `name` when no zone of the account holds it.
 */
export async function findDnsZoneFor(core: WorkflowCore, name: string, options: DnsWorkflowOptions = {}): Promise<DnsZoneMatch> {
  if (typeof name !== "string" || !/^[^\s/?#@]+\.[^\s/?#@]+\.?$/.test(name.trim())) {
    throw new core.HostupValidationError(
      `findDnsZoneFor: ${JSON.stringify(String(name)).slice(0, 80)} is not a full DNS name (e.g. "_acme-challenge.www.example.com").`,
      "listDnsZones",
      "query/name",
    );
  }
  const labels = canonicalHostname(name).split(".");
  // A zone has at least two labels: the last one alone is a TLD, never an account's zone.
  for (let first = 0; first < labels.length - 1; first++) {
    const candidate = labels.slice(first).join(".");
    const page = await core.api.listDnsZones({ name: candidate }, options);
    const zone = page.data?.find((listed) => canonicalHostname(listed.name) === candidate);
    if (zone) return { zone, recordName: first === 0 ? "@" : labels.slice(0, first).join(".") };
  }
  throw new core.HostupError(
    `No DNS zone on this account holds ${JSON.stringify(name)} (tried ${labels.length - 1} zone names, from ${JSON.stringify(labels.join("."))} to ${JSON.stringify(labels.slice(-2).join("."))}).`,
  );
}
