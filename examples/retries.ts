// Retries: 429 is retried after Retry-After (seconds or a date; else X-RateLimit-Reset); 5xx,
// timeouts and connection errors only for operations that are safe to repeat (never
// createDynDnsConfig). Two retries by default, with exponential backoff and jitter.
import { createHostupClient, HostupRateLimitError } from "@hostup/sdk";

const hostup = createHostupClient({
  apiKey: process.env.HOSTUP_API_KEY ?? "test-key",
  baseUrl: process.env.HOSTUP_BASE_URL,
  maxRetries: 3, // default 2; 0 disables
  maxRetryWaitMs: 10_000, // a server asking for a longer pause gets its 429 back at once
});

try {
  // The mock's 429 asks for Retry-After: 30 s, longer than we accept: the error comes back at once.
  await hostup.syncDomainStatus("dom_01hxa3b4c5d6e7f8g9h0j1k2m3", { headers: { Prefer: "code=429" } });
} catch (error) {
  if (!(error instanceof HostupRateLimitError)) throw error;
  console.log(`rate limited: retry in ${error.retryAfterMs} ms; limit ${error.rateLimit.limit}, remaining ${error.rateLimit.remaining}`);
}

// Per call: turn retries off for one request.
const synced = await hostup.syncDomainStatus("dom_01hxa3b4c5d6e7f8g9h0j1k2m3", { maxRetries: 0 });
console.log(`synced ${synced.name}: ${synced.newStatus}`);
