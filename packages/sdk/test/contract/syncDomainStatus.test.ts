import { describe, expect, expectTypeOf, test } from "vitest";
import type { components } from "../../src/index.js";
import { DOCUMENTED_ERROR_STATUSES, DOMAIN_ID, expectProblem, mockClient, prefer } from "../support/mock.js";

const path = "/api/v2/domains/{id}/actions/status-sync";

describe("POST /api/v2/domains/{id}/actions/status-sync (syncDomainStatus)", () => {
  const hostup = mockClient();

  test("without a body, returns the documented sync result, typed", async () => {
    const { data, error, response } = await hostup.raw.POST(path, { params: { path: { id: DOMAIN_ID } } });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["DomainStatusSyncResult"] | undefined>();
    expect(data).toStrictEqual({
      id: DOMAIN_ID,
      name: "example.com",
      previousStatus: "pending",
      newStatus: "active",
      statusChanged: true,
      statusChangedToActive: true,
      syncSuccess: true,
      info: "Domain status was updated.",
      error: null,
      revertAttempted: false,
      revertSucceeded: false,
      revertError: null,
      doubleSyncAttempted: false,
      doubleSyncSucceeded: false,
      doubleSyncError: null,
    });
  });

  test("accepts the empty object as body", async () => {
    const { response } = await hostup.raw.POST(path, { params: { path: { id: DOMAIN_ID } }, body: {} });
    expect(response.status).toBe(200);
  });

  test.each(DOCUMENTED_ERROR_STATUSES)("documented %i comes back as Problem Details", async (status) => {
    const result = await hostup.raw.POST(path, { params: { path: { id: DOMAIN_ID } }, ...prefer(status) });
    expectProblem(result, status);
  });
});
