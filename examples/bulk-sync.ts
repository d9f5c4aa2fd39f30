// Sync many domains: batches of at most 100 IDs, two requests in flight, each batch's job awaited.
// IDs the API refuses are reported one by one; the rest of their batch still goes through.
import { createHostupClient } from "@hostup/sdk";

const hostup = createHostupClient({ apiKey: process.env.HOSTUP_API_KEY ?? "test-key", baseUrl: process.env.HOSTUP_BASE_URL });

const ids = ["dom_01hxa3b4c5d6e7f8g9h0j1k2m3", "dom_01hxa3b4c5d6e7f8g9h0j1k2m4", "example.org"];
const report = await hostup.bulkSyncDomainStatusInBatches(ids, {
  batchSize: 100,
  concurrency: 2,
  wait: { intervalMs: 500, maxWaitMs: 120_000 },
  onBatch: (batch) =>
    console.log(
      `batch ${batch.index}: ${batch.domainIds.length} id(s), job ${batch.operation?.jobId} ${batch.job?.status ?? batch.error?.message}`,
    ),
});
console.log(`queued ${report.queued.length}, failed ${report.failed.length}`);
for (const refused of report.refused) console.log(`refused #${refused.index} ${refused.domainId}: ${refused.detail}`);
