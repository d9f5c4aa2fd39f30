import type { HostupClient } from "@hostup/sdk";

/** A domain given by `dom_…` ID or by name: names resolve through the list endpoint. */
export async function domainIdOf(hostup: HostupClient, domain: string): Promise<string> {
  if (domain.startsWith("dom_")) return domain;
  return (await hostup.findDomainByName(domain)).id;
}
