import { type DnsZoneMatch, type HostupClient, HostupError } from "@hostup/sdk";
import { UsageError } from "./config.js";

/**
 * A zone given by `zone_…` ID (passed on as it is) or by name (`example.com`, a trailing dot
 * accepted), looked up with one request. A name the account has no zone for is a usage error.
 */
export async function zoneIdOf(hostup: HostupClient, zone: string): Promise<string> {
  if (zone.startsWith("zone_")) return zone;
  return (await noZoneIsUsage(hostup.findDnsZoneByName(zone))).id;
}

/**
 * The account's zone holding a record name (the longest suffix) and the name relative to it. A name
 * no zone holds is a usage error naming it, found before anything is written.
 */
export function zoneFor(hostup: HostupClient, name: string): Promise<DnsZoneMatch> {
  return noZoneIsUsage(hostup.findDnsZoneFor(name), " Add the zone to the account, or check the name.");
}

async function noZoneIsUsage<T>(lookup: Promise<T>, advice = ""): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    // The zone lookups' "no such zone" is a plain HostupError (their API and network failures are
    // subclasses): the same case as a domain name that is not on the account, so the same exit code.
    if (error instanceof HostupError && error.name === "HostupError") throw new UsageError(`${error.message}${advice}`);
    throw error;
  }
}
