import { type DnsZoneMatch, type HostupClient, HostupError } from "@hostup/sdk";
import { UsageError } from "../config.js";

/**
 * The account's zone holding `name` (the longest suffix) and the name relative to it. A name no zone
 * holds is a usage error naming it, found before anything is written.
 */
export async function zoneFor(hostup: HostupClient, name: string): Promise<DnsZoneMatch> {
  try {
    return await hostup.findDnsZoneFor(name);
  } catch (error) {
    // findDnsZoneFor's "no zone holds it" is a plain HostupError (its API and network failures are
    // subclasses), the same case as an unknown zone name for `hostup dns`.
    if (error instanceof HostupError && error.name === "HostupError") {
      throw new UsageError(`${error.message} Add the zone to the account, or check the name.`);
    }
    throw error;
  }
}
