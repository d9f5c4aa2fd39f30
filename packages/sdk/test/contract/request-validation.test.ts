// Prism validates every request against the spec. These requests break it on purpose (the types
// would not let them compile, hence the casts), to show the spec forbids what the pages forbid.
import { describe, expect, test } from "vitest";
import { DOMAIN_ID, RULE_ID, TEST_API_KEY, expectProblem, mockClient, mockUrl, violations } from "../support/mock.js";

describe("the mock rejects what the spec forbids", () => {
  const hostup = mockClient();

  test("a recordType other than A or AAAA", async () => {
    const result = await hostup.raw.POST("/api/v2/domains/{id}/dyndns", {
      params: { path: { id: DOMAIN_ID } },
      body: { hostname: "home.example.com", recordType: "CNAME" as "A" },
    });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "recordType"], code: "enum" }),
    );
  });

  test("an empty PATCH body", async () => {
    const result = await hostup.raw.PATCH("/api/v2/domains/{id}/redirects/{ruleId}", {
      params: { path: { id: DOMAIN_ID, ruleId: RULE_ID } },
      body: {},
    });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(expect.objectContaining({ code: "minProperties" }));
  });

  test("an unknown PATCH field", async () => {
    const result = await hostup.raw.PATCH("/api/v2/domains/{id}/redirects/{ruleId}", {
      params: { path: { id: DOMAIN_ID, ruleId: RULE_ID } },
      body: { targetURL: "https://example.com" } as never,
    });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(expect.objectContaining({ code: "additionalProperties" }));
  });

  test("an httpStatusCode outside 301/302/307/308", async () => {
    const result = await hostup.raw.PATCH("/api/v2/domains/{id}/redirects/{ruleId}", {
      params: { path: { id: DOMAIN_ID, ruleId: RULE_ID } },
      body: { httpStatusCode: 303 as 302 },
    });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "httpStatusCode"], code: "enum" }),
    );
  });

  test("a domain name where a dom_ id belongs", async () => {
    const result = await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: "example.com" } } });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(expect.objectContaining({ location: ["request", "path", "id"], code: "pattern" }));
  });

  test("a redirect rule id with the wrong prefix", async () => {
    const result = await hostup.raw.PATCH("/api/v2/domains/{id}/redirects/{ruleId}", {
      params: { path: { id: DOMAIN_ID, ruleId: "ddns_01hxa3b4c5d6e7f8g9h0j1k2m3" } },
      body: { enabled: true },
    });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(
      // Prism lower-cases parameter names in its report ("ruleid").
      expect.objectContaining({ code: "pattern", message: expect.stringContaining("^redir_") }),
    );
  });

  test("a non-empty status-sync body", async () => {
    const result = await hostup.raw.POST("/api/v2/domains/{id}/actions/status-sync", {
      params: { path: { id: DOMAIN_ID } },
      body: { force: true } as never,
    });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(expect.objectContaining({ code: "maxProperties" }));
  });

  test("a bulk batch with one malformed id points at that item", async () => {
    const result = await hostup.raw.POST("/api/v2/domains/bulk/status-sync", {
      body: { domainIds: [DOMAIN_ID, "example.com"] },
    });
    expectProblem(result, 400);
    expect(violations(result.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "domainIds", "1"], code: "pattern" }),
    );
  });

  test("a request without a bearer token", async () => {
    const response = await fetch(`${mockUrl()}/api/v2/domains/${DOMAIN_ID}`, {
      method: "DELETE",
      headers: { Accept: "application/json, application/problem+json" },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 401, code: "unauthorized" });
  });

  test("…while the same request with the SDK's bearer token is accepted", async () => {
    const response = await fetch(`${mockUrl()}/api/v2/domains/${DOMAIN_ID}`, {
      method: "DELETE",
      headers: { Accept: "application/json, application/problem+json", Authorization: `Bearer ${TEST_API_KEY}` },
    });
    expect(response.status).toBe(204);
  });
});
