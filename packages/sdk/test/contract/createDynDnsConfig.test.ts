import { describe, expect, expectTypeOf, test } from "vitest";
import type { components } from "../../src/index.js";
import { DOCUMENTED_ERROR_STATUSES, DOMAIN_ID, expectProblem, mockClient, prefer } from "../support/mock.js";

const path = "/api/v2/domains/{id}/dyndns";
const params = { path: { id: DOMAIN_ID } };

describe("POST /api/v2/domains/{id}/dyndns (createDynDnsConfig)", () => {
  const hostup = mockClient();

  test("creates the documented IPv4 config and returns 201 with its token, typed", async () => {
    const { data, error, response } = await hostup.raw.POST(path, {
      params,
      body: { hostname: "home.example.com", recordType: "A" },
    });
    expect(response.status).toBe(201);
    expect(error).toBeUndefined();
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["DynDnsConfig"] | undefined>();
    expect(data).toStrictEqual({
      id: "ddns_01hxa3b4c5d6e7f8g9h0j1k2m3",
      hostname: "home.example.com",
      recordType: "A",
      token: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      lastIp: null,
      lastUpdatedAt: null,
      updateCount: 0,
      enabled: true,
      createdAt: "2026-04-27T12:00:00.000Z",
      updatedAt: null,
    });
  });

  test("the documented IPv6 request (AAAA) is accepted", async () => {
    const { response } = await hostup.raw.POST(path, { params, body: { hostname: "ipv6.example.com", recordType: "AAAA" } });
    expect(response.status).toBe(201);
  });

  test.each(DOCUMENTED_ERROR_STATUSES)("documented %i comes back as Problem Details", async (status) => {
    const result = await hostup.raw.POST(path, {
      params,
      body: { hostname: "home.example.com", recordType: "A" },
      ...prefer(status),
    });
    expectProblem(result, status);
  });
});
