// How to test your own code with @hostup/mock: start the mock, force documented scenarios, and check
// how your code handles them. A pattern to copy into your project's tests.
import { scenarioFetch, startMockServer, type MockServer } from "@hostup/mock";
import { createHostupClient, HostupConflictError, HostupRateLimitError } from "@hostup/sdk";
import { afterAll, beforeAll, expect, test } from "vitest";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
});

/** Your code under test: deletes a domain, or explains why it can't. */
async function deleteOrExplain(hostup: ReturnType<typeof createHostupClient>, id: string): Promise<string> {
  try {
    await hostup.deleteDomain(id);
    return "deleted";
  } catch (error) {
    if (error instanceof HostupConflictError) return `blocked: ${error.canDelete?.reason}`;
    if (error instanceof HostupRateLimitError) return `try again in ${error.retryAfterMs} ms`;
    throw error;
  }
}

const id = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

test("the happy path", async () => {
  const hostup = createHostupClient({ apiKey: "test", baseUrl: mock.url });
  expect(await deleteOrExplain(hostup, id)).toBe("deleted");
});

test("a blocked deletion (documented 409)", async () => {
  const hostup = createHostupClient({ apiKey: "test", baseUrl: mock.url, fetch: scenarioFetch({ deleteDomain: 409 }) });
  expect(await deleteOrExplain(hostup, id)).toBe("blocked: A pending renewal order blocks deletion. Cancel it first.");
});

test("a rate limit (documented 429)", async () => {
  const hostup = createHostupClient({ apiKey: "test", baseUrl: mock.url, maxRetries: 0, fetch: scenarioFetch({ "*": 429 }) });
  expect(await deleteOrExplain(hostup, id)).toBe("try again in 30000 ms");
});
