import { type HostupClient, HostupError } from "@hostup/sdk";
import { UsageError } from "./config.js";

/**
 * A zone given by `zone_…` ID (passed on as it is) or by name (`example.com`, a trailing dot
 * accepted), looked up with one request. A name the account has no zone for is a usage error.
 */
export async function zoneIdOf(hostup: HostupClient, zone: string): Promise<string> {
  if (zone.startsWith("zone_")) return zone;
  try {
    return (await hostup.findDnsZoneByName(zone)).id;
  } catch (error) {
    // findDnsZoneByName's "no such zone" is a plain HostupError (its API and network failures are
    // subclasses): the same case as a domain name that is not on the account, so the same exit code.
    if (error instanceof HostupError && error.name === "HostupError") throw new UsageError(error.message);
    throw error;
  }
}
