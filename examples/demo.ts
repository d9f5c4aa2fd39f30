// Calls each of the five documented operations through @hostup/sdk against a local Prism mock of
// the bundled spec, and prints what came back; then runs the DNS loop people automate (find the zone
// of a name, add a record exactly once, plan and apply a zone file) against the mock's stateful zone
// server. Run: `npm start` (root) or `pnpm --filter @hostup/examples demo`.
import { applyPlan, planText, planZone, readLiveZone, readZoneFile } from "@hostup/dns";
import { startMockServer, startZoneServer } from "@hostup/mock";
import { createHostupClient, HostupConflictError } from "@hostup/sdk";

const domainId = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const ruleId = "redir_01hxa3b4c5d6e7f8g9h0j1k2m3";

/** DynDNS tokens authorize public DNS updates: show only enough to recognise one. */
const mask = (secret: string | null) => (secret ? `${secret.slice(0, 4)}…(${secret.length} chars, store it securely)` : secret);

const mock = await startMockServer({ errors: true });
console.log(`Prism mock of the bundled spec listening on ${mock.url}\n`);
try {
  const hostup = createHostupClient({ apiKey: "demo-api-key", baseUrl: mock.url });

  const synced = await hostup.syncDomainStatus.withResponse(domainId);
  show("syncDomainStatus", synced.response, {
    domain: synced.data.name,
    status: `${synced.data.previousStatus} -> ${synced.data.newStatus}`,
    syncSuccess: synced.data.syncSuccess,
  });

  const queued = await hostup.bulkSyncDomainStatus.withResponse({ domainIds: [domainId, "dom_01hxa3b4c5d6e7f8g9h0j1k2m4"] });
  show("bulkSyncDomainStatus", queued.response, {
    job: queued.data.operation?.jobId,
    state: queued.data.operation?.status,
    poll: queued.data.operation?.pollUrl,
    domainsQueued: queued.data.domainsQueued,
  });

  const updated = await hostup.updateDomainRedirect.withResponse(domainId, ruleId, {
    targetUrl: "https://example.com/new-home",
    httpStatusCode: 302,
  });
  show("updateDomainRedirect", updated.response, {
    rule: updated.data.id,
    redirect: `${updated.data.sourceUrl} -> ${updated.data.targetUrl} (${updated.data.httpStatusCode})`,
    status: updated.data.status,
  });

  const created = await hostup.createDynDnsConfig.withResponse(domainId, { hostname: "home.example.com", recordType: "A" });
  show("createDynDnsConfig", created.response, {
    config: created.data.id,
    hostname: `${created.data.hostname} (${created.data.recordType})`,
    token: mask(created.data.token),
  });

  const deleted = await hostup.deleteDomain.withResponse(domainId);
  show("deleteDomain", deleted.response, "deleted (no body)");

  // A documented error, to show what it looks like: the mock serves the 409 example on request.
  try {
    await hostup.deleteDomain(domainId, { headers: { Prefer: "code=409" } });
    throw new Error("deleteDomain with Prefer: code=409 should have thrown");
  } catch (error) {
    if (!(error instanceof HostupConflictError)) throw error;
    console.log(`deleteDomain (blocked): ${error.name} HTTP ${error.status}`);
    console.log(`  ${JSON.stringify({ detail: error.detail, canDelete: error.canDelete })}`);
  }
} finally {
  await mock.close();
}

// The DNS loop, against a zone that keeps its records and refuses what HostUp refuses.
const zones = await startZoneServer();
console.log(`\nZone server (stateful, HostUp's record rules) listening on ${zones.url}`);
try {
  zones.addZone("example.com", [{ type: "A", name: "@", value: "203.0.113.10", ttl: 300 }]);
  const dns = createHostupClient({ apiKey: "demo-api-key", baseUrl: zones.url });
  const requests = () => zones.requests.length;

  // What an ACME DNS-01 hook does: the zone of the name, then the TXT record, exactly once.
  const { zone, recordName } = await dns.findDnsZoneFor("_acme-challenge.www.example.com");
  const challenge = { type: "TXT", name: recordName, value: "gfj9Xq-Mh2uVuE7oZ8nJxY3fCk1aLw0sTqRbPdV4eHs", ttl: 60 } as const;
  const added = await dns.ensureDnsRecord(zone.id, challenge);
  console.log(`findDnsZoneFor + ensureDnsRecord: ${recordName} in ${zone.name}, created: ${added.created} (${requests()} requests)`);
  const again = await dns.ensureDnsRecord(zone.id, { ...challenge, value: `"${challenge.value}"` });
  console.log(`ensureDnsRecord again (the value quoted, as the API lists it): created: ${again.created}`);

  // A zone file planned against the live zone, applied, and planned again.
  const yaml = [
    "---",
    "'':",
    "  type: A",
    "  ttl: 300",
    "  value: 203.0.113.20",
    "www:",
    "  type: CNAME",
    "  ttl: 300",
    "  value: example.com.",
    "",
  ];
  const file = readZoneFile(yaml.join("\n"), { file: "example.com.yaml" });
  const plan = planZone(file, await readLiveZone(dns, zone.id));
  console.log(`planZone:\n  ${planText(plan).split("\n").join("\n  ")}`);
  const result = await applyPlan(dns, plan);
  console.log(`applyPlan: ${result.applied.length} changes applied`);
  const replanned = planZone(file, await readLiveZone(dns, zone.id));
  console.log(`planZone again: ${replanned.changes.length === 0 ? "in sync" : `${replanned.changes.length} changes left`}`);
} finally {
  await zones.close();
}

function show(operation: string, response: Response, summary: unknown) {
  console.log(`${operation}: HTTP ${response.status}`);
  console.log(`  ${JSON.stringify(summary)}`);
}
