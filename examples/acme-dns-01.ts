// Certificates from an ACME CA (Let's Encrypt, ZeroSSL…) with the `acme-client` package, proving
// domain ownership through HostUp DNS (DNS-01). Pass these to `client.auto()`:
//
//   const client = new acme.Client({ directoryUrl: acme.directory.letsencrypt.production, accountKey });
//   const cert = await client.auto({ csr, email, termsOfServiceAgreed: true, ...hostupDns01(hostup) });
//
// Each challenge is a TXT record at `_acme-challenge.<name>` in the account's zone with the longest
// matching suffix. Adding it is idempotent and never duplicates it after a lost answer (ensureDnsRecord);
// removing it deletes that value only, so the challenges of a wildcard and its apex, which share one
// name and run at the same time, do not remove each other's records.
import type { Authorization, ClientAutoOptions } from "acme-client";
import type { HostupClient } from "@hostup/sdk";

type Challenge = Parameters<ClientAutoOptions["challengeCreateFn"]>[1];

/** acme-client's DNS-01 hooks, backed by HostUp DNS. `ttl`: seconds the TXT record is cached (default 60). */
export function hostupDns01(
  hostup: HostupClient,
  { ttl = 60 }: { ttl?: number } = {},
): Pick<ClientAutoOptions, "challengePriority" | "challengeCreateFn" | "challengeRemoveFn"> {
  // For dns-01, acme-client hands over the TXT value itself (the key authorization's SHA-256, base64url).
  const recordFor = async (authz: Authorization, challenge: Challenge) => {
    if (challenge.type !== "dns-01") throw new Error(`hostupDns01 answers dns-01 challenges only, not ${challenge.type}.`);
    // A wildcard's identifier comes without its `*.`: its record is the apex's, `_acme-challenge.example.com`.
    return hostup.findDnsZoneFor(`_acme-challenge.${authz.identifier.value}`);
  };
  return {
    challengePriority: ["dns-01"],
    async challengeCreateFn(authz, challenge, value) {
      const { zone, recordName } = await recordFor(authz, challenge);
      await hostup.ensureDnsRecord(zone.id, { type: "TXT", name: recordName, value, ttl });
    },
    async challengeRemoveFn(authz, challenge, value) {
      const { zone, recordName } = await recordFor(authz, challenge);
      await hostup.removeDnsRecords(zone.id, { type: "TXT", name: recordName, value });
    },
  };
}
