// Calls each of the five documented operations through @hostup/sdk against a local Prism mock of
// the bundled spec, and prints what came back. Run: `npm start` (root) or `pnpm --filter @hostup/examples demo`.
import { startMockServer } from "@hostup/mock";
import { createHostupClient, type components } from "@hostup/sdk";

const domainId = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const ruleId = "redir_01hxa3b4c5d6e7f8g9h0j1k2m3";

/** DynDNS tokens authorize public DNS updates: show only enough to recognise one. */
const mask = (secret: string | null) => (secret ? `${secret.slice(0, 4)}…(${secret.length} chars, store it securely)` : secret);

const mock = await startMockServer({ errors: true });
console.log(`Prism mock of the bundled spec listening on ${mock.url}\n`);
try {
  const hostup = createHostupClient({ apiKey: "demo-api-key", baseUrl: mock.url });

  const synced = await hostup.raw.POST("/api/v2/domains/{id}/actions/status-sync", {
    params: { path: { id: domainId } },
  });
  show("syncDomainStatus", 200, synced.response, synced.data && {
    domain: synced.data.name,
    status: `${synced.data.previousStatus} -> ${synced.data.newStatus}`,
    syncSuccess: synced.data.syncSuccess,
  });

  const queued = await hostup.raw.POST("/api/v2/domains/bulk/status-sync", {
    body: { domainIds: [domainId, "dom_01hxa3b4c5d6e7f8g9h0j1k2m4"] },
  });
  show("bulkSyncDomainStatus", 202, queued.response, queued.data && {
    job: queued.data.operation?.jobId,
    state: queued.data.operation?.status,
    poll: queued.data.operation?.pollUrl,
    domainsQueued: queued.data.domainsQueued,
  });

  const updated = await hostup.raw.PATCH("/api/v2/domains/{id}/redirects/{ruleId}", {
    params: { path: { id: domainId, ruleId } },
    body: { targetUrl: "https://example.com/new-home", httpStatusCode: 302 },
  });
  show("updateDomainRedirect", 200, updated.response, updated.data && {
    rule: updated.data.id,
    redirect: `${updated.data.sourceUrl} -> ${updated.data.targetUrl} (${updated.data.httpStatusCode})`,
    status: updated.data.status,
  });

  const created = await hostup.raw.POST("/api/v2/domains/{id}/dyndns", {
    params: { path: { id: domainId } },
    body: { hostname: "home.example.com", recordType: "A" },
  });
  show("createDynDnsConfig", 201, created.response, created.data && {
    config: created.data.id,
    hostname: `${created.data.hostname} (${created.data.recordType})`,
    token: mask(created.data.token),
  });

  const deleted = await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: domainId } } });
  show("deleteDomain", 204, deleted.response, "deleted (no body)");

  // A documented error, to show what Problem Details look like: Prism serves the 409 example on request.
  const blocked = await hostup.raw.DELETE("/api/v2/domains/{id}", {
    params: { path: { id: domainId } },
    headers: { Prefer: "code=409" },
  });
  // openapi-fetch types `error` as the union of all error bodies; the 409's is the conflict problem.
  const conflict = blocked.error as components["schemas"]["DomainDeleteConflictProblem"] | undefined;
  const canDelete = conflict?.extensions.actions.canDelete;
  show("deleteDomain (blocked)", 409, blocked.response, { detail: blocked.error?.detail, canDelete });
} finally {
  await mock.close();
}

function show(operation: string, expected: number, response: Response, summary: unknown) {
  console.log(`${operation}: HTTP ${response.status}`);
  if (response.status !== expected) throw new Error(`${operation}: expected HTTP ${expected}, got ${response.status}`);
  console.log(`  ${JSON.stringify(summary)}`);
}
