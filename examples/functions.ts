// For apps that count their bytes (a browser page): a client without methods, and the operations
// imported one by one as functions. A bundler keeps only these two operations' routes; the page's
// first load stays the same however many operations the API has (BENCHMARKS.md §2).
import { createHostupCore, HostupValidationError } from "@hostup/sdk";
import { createDynDnsConfig, syncDomainStatus } from "@hostup/sdk/operations";

const hostup = createHostupCore({
  apiKey: process.env.HOSTUP_API_KEY ?? "test-key",
  baseUrl: process.env.HOSTUP_BASE_URL,
});
const id = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

const { data, response } = await syncDomainStatus.withResponse(hostup, id);
console.log(`${data.name}: ${data.previousStatus} -> ${data.newStatus} (HTTP ${response.status})`);

// The same checks as the methods: refused before anything is sent.
try {
  await createDynDnsConfig(hostup, id, { hostname: "home.example.com", recordType: "MX" as "A" });
} catch (error) {
  if (!(error instanceof HostupValidationError)) throw error;
  console.log(`refused before sending: ${error.field}`);
}
