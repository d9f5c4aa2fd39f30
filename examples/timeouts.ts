// Timeouts and cancellation: `timeoutMs` bounds each attempt (body included); an AbortSignal stops
// the call at once, even while it waits to retry.
import { createHostupClient, HostupAbortError, HostupTimeoutError } from "@hostup/sdk";

const hostup = createHostupClient({
  apiKey: process.env.HOSTUP_API_KEY ?? "test-key",
  baseUrl: process.env.HOSTUP_BASE_URL,
  timeoutMs: 10_000, // per attempt; default 60 000
});
const id = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

try {
  await hostup.syncDomainStatus(id, { timeoutMs: 1, maxRetries: 0 }); // 1 ms: too short on purpose
} catch (error) {
  if (!(error instanceof HostupTimeoutError)) throw error;
  console.log(`timed out after ${error.timeoutMs} ms`);
}

const controller = new AbortController();
const pending = hostup.syncDomainStatus(id, { signal: controller.signal });
controller.abort(new Error("user navigated away"));
try {
  await pending;
} catch (error) {
  if (!(error instanceof HostupAbortError)) throw error;
  console.log(`aborted: ${(error.cause as Error).message}`);
}
