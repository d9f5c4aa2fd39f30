import { describe, expect, expectTypeOf, test } from "vitest";
import type { components } from "../../src/index.js";
import { DOCUMENTED_ERROR_STATUSES, DOMAIN_ID, expectProblem, mockClient, prefer } from "../support/mock.js";

const path = "/api/v2/domains/{id}";

describe("DELETE /api/v2/domains/{id} (deleteDomain)", () => {
  const hostup = mockClient();

  test("answers 204 with no body", async () => {
    const { data, error, response } = await hostup.raw.DELETE(path, { params: { path: { id: DOMAIN_ID } } });
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
    expectTypeOf(data).toEqualTypeOf<undefined>();
  });

  test("a blocked deletion is a 409 whose extensions.actions.canDelete gives the reason", async () => {
    const result = await hostup.raw.DELETE(path, { params: { path: { id: DOMAIN_ID } }, ...prefer(409) });
    expectProblem(result, 409);
    expectTypeOf(result.error).toMatchTypeOf<components["schemas"]["DomainDeleteConflictProblem"] | components["schemas"]["Problem"] | undefined>();
    const problem = result.error as components["schemas"]["DomainDeleteConflictProblem"];
    expect(problem.extensions.actions.canDelete).toStrictEqual({
      allowed: false,
      reason: "A pending renewal order blocks deletion. Cancel it first.",
      code: "pending_order",
    });
  });

  test.each(DOCUMENTED_ERROR_STATUSES)("documented %i comes back as Problem Details", async (status) => {
    const result = await hostup.raw.DELETE(path, { params: { path: { id: DOMAIN_ID } }, ...prefer(status) });
    expectProblem(result, status);
  });

  test("429 carries Retry-After and the X-RateLimit-* headers (Reset is an ISO timestamp)", async () => {
    const { response } = await hostup.raw.DELETE(path, { params: { path: { id: DOMAIN_ID } }, ...prefer(429) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
    expect(Number(response.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    const reset = response.headers.get("x-ratelimit-reset");
    expect(reset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Number.isNaN(Date.parse(reset!))).toBe(false);
  });
});
