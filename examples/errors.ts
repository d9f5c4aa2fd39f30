// Errors: every failure is a HostupError; HTTP errors are HostupApiError subclasses carrying
// HostUp's stable `code`, the request id and the whole Problem Details document.
import { createHostupClient, HostupApiError, HostupConflictError, HostupError } from "@hostup/sdk";

const hostup = createHostupClient({
  apiKey: process.env.HOSTUP_API_KEY ?? "test-key",
  baseUrl: process.env.HOSTUP_BASE_URL, // unset: https://cloud.hostup.se
});

try {
  // Against the mock, `Prefer: code=409` asks for the documented "deletion blocked" answer.
  await hostup.deleteDomain("dom_01hxa3b4c5d6e7f8g9h0j1k2m3", { headers: { Prefer: "code=409" } });
} catch (error) {
  if (error instanceof HostupConflictError) {
    // deleteDomain's 409 says why: a pending renewal is unblocked by declining it or cancelling the order.
    console.log(`blocked: ${error.canDelete?.reason} (${error.canDelete?.code})`);
    console.log(`request id for support: ${error.requestId}`);
  } else if (error instanceof HostupApiError) {
    console.log(`HTTP ${error.status} ${error.code}: ${error.detail}`);
    for (const field of error.errors) console.log(`  ${field.pointer}: ${field.detail}`);
  } else if (error instanceof HostupError) {
    console.log(`${error.name}: ${error.message}`); // validation, connection, timeout, abort
  } else {
    throw error;
  }
}
