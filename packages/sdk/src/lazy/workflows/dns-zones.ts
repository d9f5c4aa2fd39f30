// DNS zone workflows: iterate the account's zones, find one by its name, and find the zone that
// holds a record name (the longest zone suffix, as HostUp's docs advise for names under a subdomain).
import { asciiName, nameProblem } from "@hostup/dns/records";
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
  if (typeof name !== "string" || !/^[^\s/?#]+\.[^\s/?#]+$/.test(name.trim()) || nameProblem(name)) {
    throw new core.HostupValidationError(
      `findDnsZoneByName: ${JSON.stringify(String(name).slice(0, 80))} is not a zone name (e.g. "example.com")${typeof name === "string" && nameProblem(name) ? `: ${nameProblem(name)}` : "."}`,
      "listDnsZones",
      "query/name",
    );
  }
  const wanted = asciiName(name);
  // The API names zones in punycode: `räksmörgås.se` is asked for as `xn--rksmrgs-5wao1o.se`.
  const page = await core.api.listDnsZones({ name: wanted }, options);
  const match = page.data?.find((zone) => asciiName(zone.name) === wanted);
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
 * The account's zone holding `name` (a full name, trailing dot allowed, Unicode or punycode) with the
 * longest suffix: `_acme-challenge.www.example.com` is in `www.example.com` when the account has that
 * zone, else in `example.com`. Reads the account's zones (`GET /api/v2/dns-zones?limit=1000`, one
 * request for up to 1,000 zones) rather than asking for each candidate suffix: the API is rate-limited,
 * and a DNS-01 challenge then costs three requests in all (this, the record lookup, the create).
 * Throws HostupError naming `name` when no zone of the account holds it.
 */
export async function findDnsZoneFor(core: WorkflowCore, name: string, options: DnsWorkflowOptions = {}): Promise<DnsZoneMatch> {
  const problem = typeof name === "string" ? nameProblem(name) : undefined;
  if (typeof name !== "string" || !/^[^\s/?#@]+\.[^\s/?#@]+\.?$/.test(name.trim()) || problem) {
    throw new core.HostupValidationError(
      `findDnsZoneFor: ${JSON.stringify(String(name).slice(0, 80))} is not a full DNS name (e.g. "_acme-challenge.www.example.com")${problem ? `: ${problem}` : "."}`,
      "listDnsZones",
      "query/name",
    );
  }
  const wanted = asciiName(name);
  let best: DnsZoneMatch | undefined;
  for await (const zone of iterateDnsZones(core, { limit: ZONES_PER_PAGE }, options)) {
    const apex = asciiName(zone.name);
    const inZone = wanted === apex || wanted.endsWith(`.${apex}`);
    if (inZone && (!best || apex.length > asciiName(best.zone.name).length))
      best = { zone, recordName: wanted === apex ? "@" : wanted.slice(0, -apex.length - 1) };
  }
  if (best) return best;
  throw new core.HostupError(
    `No DNS zone on this account holds ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)} (no zone is it or a suffix of it).`,
  );
}

/** The API's largest page of zones. */
const ZONES_PER_PAGE = 1000;
