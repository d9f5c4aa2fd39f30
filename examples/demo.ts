// Calls each of the five documented operations through @hostup/sdk against a local Prism mock of
// the bundled spec, and prints what came back. Run: `npm start` (root) or `pnpm --filter @hostup/examples demo`.
import { startMockServer } from "@hostup/mock";
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

function show(operation: string, response: Response, summary: unknown) {
  console.log(`${operation}: HTTP ${response.status}`);
  console.log(`  ${JSON.stringify(summary)}`);
}
