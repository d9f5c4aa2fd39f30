import { describe, expect, expectTypeOf, test } from "vitest";
import type { components } from "../../src/index.js";
import { DOCUMENTED_ERROR_STATUSES, expectProblem, mockClient, prefer } from "../support/mock.js";

const path = "/api/v2/domains/bulk/status-sync";
const body = { domainIds: ["dom_01hxa3b4c5d6e7f8g9h0j1k2m3", "dom_01hxa3b4c5d6e7f8g9h0j1k2m4"] };

describe("POST /api/v2/domains/bulk/status-sync (bulkSyncDomainStatus)", () => {
  const hostup = mockClient();

  test("queues the documented batch and returns 202 with the job to poll, typed", async () => {
    const { data, error, response } = await hostup.raw.POST(path, { body });
    expect(response.status).toBe(202);
    expect(error).toBeUndefined();
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["BulkDomainStatusSyncAccepted"] | undefined>();
    expect(data).toStrictEqual({
      operation: {
        status: "pending",
        jobId: "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3",
        pollUrl: "/api/jobs/dbj_01hxa3b4c5d6e7f8g9h0j1k2m3",
      },
      domainsQueued: 2,
    });
  });

  test("the schema-values example (job_ id, result null) is served too", async () => {
    const { data } = await hostup.raw.POST(path, {
      body,
      headers: { Prefer: "example=BulkDomainStatusSyncQueued" },
    });
    expect(data?.operation?.jobId).toBe("job_01hxa3b4c5d6e7f8g9h0j1k2m3");
    expect(data?.operation?.result).toBeNull();
  });

  test.each(DOCUMENTED_ERROR_STATUSES)("documented %i comes back as Problem Details", async (status) => {
    const result = await hostup.raw.POST(path, { body, ...prefer(status) });
    expectProblem(result, status);
  });
});
