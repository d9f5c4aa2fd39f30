import { describe, expect, expectTypeOf, test } from "vitest";
import type { components } from "../../src/index.js";
import { DOCUMENTED_ERROR_STATUSES, DOMAIN_ID, RULE_ID, expectProblem, mockClient, prefer } from "../support/mock.js";

const path = "/api/v2/domains/{id}/redirects/{ruleId}";
const params = { path: { id: DOMAIN_ID, ruleId: RULE_ID } };

describe("PATCH /api/v2/domains/{id}/redirects/{ruleId} (updateDomainRedirect)", () => {
  const hostup = mockClient();

  test("sends the documented change and returns the updated rule, typed", async () => {
    const { data, error, response } = await hostup.raw.PATCH(path, {
      params,
      body: { targetUrl: "https://example.com/new-home", httpStatusCode: 302 },
    });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["RedirectRule"] | undefined>();
    expect(data).toStrictEqual({
      id: RULE_ID,
      domainId: DOMAIN_ID,
      sourceHost: "www.example.com",
      sourcePath: null,
      sourceUrl: "https://www.example.com",
      targetUrl: "https://example.com/new-home",
      httpStatusCode: 302,
      scope: "root_www",
      preservePath: false,
      preserveQuery: false,
      includeSubdomains: false,
      status: "active",
      reason: null,
      description: "Temporary campaign redirect",
      createdAt: "2026-04-27T12:00:00.000Z",
      updatedAt: "2026-04-27T12:30:00.000Z",
    });
  });

  test("pausing a redirect (`enabled: false`) is a valid update", async () => {
    const { response } = await hostup.raw.PATCH(path, { params, body: { enabled: false } });
    expect(response.status).toBe(200);
  });

  test.each(DOCUMENTED_ERROR_STATUSES)("documented %i comes back as Problem Details", async (status) => {
    const result = await hostup.raw.PATCH(path, { params, body: { enabled: false }, ...prefer(status) });
    expectProblem(result, status);
  });
});
