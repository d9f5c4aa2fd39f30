// Every tool names a domain and a zone the same way: a name, or the API's ID. One lookup each.
import type { HostupClient } from "@hostup/sdk";
import { ToolError } from "./tool.js";

/** The `dom_…` ID of a domain given by name or ID (a name costs one lookup). */
export async function domainIdOf(hostup: HostupClient, domain: string, signal?: AbortSignal): Promise<string> {
  return domain.startsWith("dom_") ? domain : (await hostup.findDomainByName(domain, { signal })).id;
}

/** The zone (ID and name) given by name or `zone_` ID (one request either way), for tools whose other requests do not name it. */
export async function zoneOf(hostup: HostupClient, zone: string, signal?: AbortSignal): Promise<{ id: string; name: string }> {
  if (!zone.startsWith("zone_")) {
    const found = await hostup.findDnsZoneByName(zone, { signal });
    return { id: found.id, name: found.name };
  }
  const found = (await hostup.getDnsZone(zone, { signal })).zone;
  if (!found?.name) throw new ToolError(`the API did not name zone ${zone}.`, "give the zone by name.");
  return { id: found.id ?? zone, name: found.name };
}

/** The `zone_…` ID of a zone given by name or ID: no request for an ID, one for a name. */
export async function zoneIdOf(hostup: HostupClient, zone: string, signal?: AbortSignal): Promise<string> {
  return zone.startsWith("zone_") ? zone : (await hostup.findDnsZoneByName(zone, { signal })).id;
}
