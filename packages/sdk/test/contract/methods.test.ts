// The generated methods against the Prism mock (started with --errors, so a request the spec
// would reject fails here too): documented results come back as data, documented errors are thrown
// as the matching HostupApiError subclass.
import { describe, expect, expectTypeOf, test } from "vitest";
import {
  HostupApiError,
  HostupAuthenticationError,
  HostupBadRequestError,
  HostupConflictError,
  HostupNotFoundError,
  HostupPermissionDeniedError,
  HostupRateLimitError,
  HostupServerError,
  type components,
} from "../../src/index.js";
import { DOCUMENTED_ERROR_STATUSES, DOMAIN_ID, EXAMPLE_CODES, RULE_ID, mockClient, prefer } from "../support/mock.js";

const ERROR_CLASSES = {
  400: HostupBadRequestError,
  401: HostupAuthenticationError,
  403: HostupPermissionDeniedError,
  404: HostupNotFoundError,
  409: HostupConflictError,
  429: HostupRateLimitError,
  500: HostupServerError,
} as const;

const hostup = mockClient();

/** Each operation, called through its method with the documented example input. */
const CALLS = {
  syncDomainStatus: (o?: { headers: Record<string, string> }) => hostup.syncDomainStatus(DOMAIN_ID, o),
  bulkSyncDomainStatus: (o?: { headers: Record<string, string> }) =>
    hostup.bulkSyncDomainStatus({ domainIds: [DOMAIN_ID, "dom_01hxa3b4c5d6e7f8g9h0j1k2m4"] }, o),
  deleteDomain: (o?: { headers: Record<string, string> }) => hostup.deleteDomain(DOMAIN_ID, o),
  updateDomainRedirect: (o?: { headers: Record<string, string> }) =>
    hostup.updateDomainRedirect(DOMAIN_ID, RULE_ID, { targetUrl: "https://example.com/new-home", httpStatusCode: 302 }, o),
  createDynDnsConfig: (o?: { headers: Record<string, string> }) =>
    hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.example.com", recordType: "A" }, o),
  listDomains: (o?: { headers: Record<string, string> }) => hostup.listDomains({ limit: 100, name: "example.com" }, o),
  getDomain: (o?: { headers: Record<string, string> }) => hostup.getDomain(DOMAIN_ID, o),
  listDomainRedirects: (o?: { headers: Record<string, string> }) => hostup.listDomainRedirects(DOMAIN_ID, {}, o),
  listDynDnsConfigs: (o?: { headers: Record<string, string> }) => hostup.listDynDnsConfigs(DOMAIN_ID, o),
  respondToDomainRenewal: (o?: { headers: Record<string, string> }) => hostup.respondToDomainRenewal(DOMAIN_ID, { accept: false }, o),
  getJob: (o?: { headers: Record<string, string> }) => hostup.getJob("dbj_01hxa3b4c5d6e7f8g9h0j1k2m3", o),
};

describe("methods return the documented data", () => {
  test("syncDomainStatus(id)", async () => {
    const result = await hostup.syncDomainStatus(DOMAIN_ID);
    expectTypeOf(result).toEqualTypeOf<components["schemas"]["DomainStatusSyncResult"]>();
    expect(result).toMatchObject({ id: DOMAIN_ID, name: "example.com", previousStatus: "pending", newStatus: "active" });
  });

  test("bulkSyncDomainStatus({ domainIds })", async () => {
    const result = await CALLS.bulkSyncDomainStatus();
    expectTypeOf(result).toEqualTypeOf<components["schemas"]["BulkDomainStatusSyncAccepted"]>();
    expect(result.operation).toStrictEqual({
      status: "pending",
      jobId: "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3",
      pollUrl: "/api/jobs/dbj_01hxa3b4c5d6e7f8g9h0j1k2m3",
    });
  });

  test("deleteDomain(id) resolves to undefined (204)", async () => {
    const result = await hostup.deleteDomain(DOMAIN_ID);
    expectTypeOf(result).toEqualTypeOf<void>();
    expect(result).toBeUndefined();
  });

  test("updateDomainRedirect(id, ruleId, body)", async () => {
    const rule = await CALLS.updateDomainRedirect();
    expectTypeOf(rule).toEqualTypeOf<components["schemas"]["RedirectRule"]>();
    expect(rule).toMatchObject({ id: RULE_ID, targetUrl: "https://example.com/new-home", httpStatusCode: 302 });
  });

  test("createDynDnsConfig(id, body) returns the token to the caller", async () => {
    const config = await CALLS.createDynDnsConfig();
    expectTypeOf(config).toEqualTypeOf<components["schemas"]["DynDnsConfig"]>();
    expect(config).toMatchObject({ id: "ddns_01hxa3b4c5d6e7f8g9h0j1k2m3", hostname: "home.example.com", recordType: "A" });
    expect(config.token).toMatch(/^[0-9a-f]{64}$/);
  });

  test("withResponse() adds the HTTP response", async () => {
    const { data, response, rateLimit } = await hostup.syncDomainStatus.withResponse(DOMAIN_ID);
    expect(response.status).toBe(200);
    expect(data.id).toBe(DOMAIN_ID);
    expect(rateLimit).toStrictEqual({ limit: undefined, remaining: undefined, reset: undefined });
  });
});

describe("companion operations return the documented data", () => {
  test("listDomains(query) returns a page", async () => {
    const page = await CALLS.listDomains();
    expectTypeOf(page).toEqualTypeOf<components["schemas"]["DomainList"]>();
    expect(page).toStrictEqual({
      data: [
        {
          id: DOMAIN_ID,
          name: "example.com",
          serviceStatus: "active",
          orderId: "ord_01hxa3b4c5d6e7f8g9h0j1k2m3",
          lifecycle: { type: "standard" },
        },
      ],
      hasMore: false,
      nextCursor: null,
    });
  });

  test("getDomain(id) includes actions.canDelete", async () => {
    const domain = await hostup.getDomain(DOMAIN_ID);
    expectTypeOf(domain).toEqualTypeOf<components["schemas"]["Domain"]>();
    expect(domain.actions?.canDelete).toStrictEqual({ allowed: true, reason: null });
    expect(domain.lifecycle).toMatchObject({ type: "standard", autoRenewEnabled: true });
  });

  test("listDomainRedirects(id, { include })", async () => {
    const list = await hostup.listDomainRedirects(DOMAIN_ID, { include: "orphans" });
    expect(list.rules?.[0]).toMatchObject({ id: RULE_ID, httpStatusCode: 301, status: "active" });
  });

  test("listDynDnsConfigs(id) returns configs and gates", async () => {
    const list = await CALLS.listDynDnsConfigs();
    expect(list.available).toBe(true);
    expect(list.configs[0]).toMatchObject({ id: "ddns_01hxa3b4c5d6e7f8g9h0j1k2m3", hostname: "home.example.com" });
    expect(list.actions.canManage).toStrictEqual({ allowed: true, reason: null });
  });

  test("respondToDomainRenewal(id, { accept: false }) declines", async () => {
    const result = await CALLS.respondToDomainRenewal();
    expect(result).toMatchObject({ domainId: DOMAIN_ID, decision: "declined", newExpiresAt: null });
    await expect(hostup.respondToDomainRenewal(DOMAIN_ID, { decision: "decline" })).resolves.toMatchObject({ decision: "declined" });
  });

  test("getJob(jobId) returns the documented (legacy) job body", async () => {
    const job = await CALLS.getJob();
    expect(job).toMatchObject({ success: true, data: { jobId: "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3", isCompleted: true } });
  });

  test("the mock also serves the operation-shaped job body", async () => {
    const job = await CALLS.getJob({ headers: { Prefer: "example=OperationJobCompleted" } });
    expect(job).toMatchObject({ operation: { status: "completed", jobId: "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3" } });
  });

  test("waitForJob reads the mock's job to completion", async () => {
    const state = await hostup.waitForJob("/api/jobs/dbj_01hxa3b4c5d6e7f8g9h0j1k2m3");
    expect(state).toMatchObject({ jobId: "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3", status: "completed", progress: 100 });
  });

  test("findDomainByName asks the list endpoint for the name", async () => {
    await expect(hostup.findDomainByName("example.com")).resolves.toMatchObject({ id: DOMAIN_ID });
  });

  test("iterateDomains walks the (single-page) list", async () => {
    const names: string[] = [];
    for await (const domain of hostup.iterateDomains({ limit: 10 })) names.push(domain.name);
    expect(names).toStrictEqual(["example.com"]);
  });

  test("bulkSyncDomainStatusAndWait queues and waits", async () => {
    const { operation, job } = await hostup.bulkSyncDomainStatusAndWait([DOMAIN_ID], { intervalMs: 10 });
    expect(operation.jobId).toBe("dbj_01hxa3b4c5d6e7f8g9h0j1k2m3");
    expect(job.status).toBe("completed");
  });
});

describe.each(Object.entries(CALLS))("%s throws documented errors as typed HostupApiErrors", (operationId, call) => {
  const statuses = ["deleteDomain", "respondToDomainRenewal"].includes(operationId)
    ? [...DOCUMENTED_ERROR_STATUSES, 409]
    : DOCUMENTED_ERROR_STATUSES;
  test.each(statuses)("%i", async (status) => {
    const error = await call(prefer(status)).then(
      () => expect.unreachable(`HTTP ${status} must throw`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ERROR_CLASSES[status as keyof typeof ERROR_CLASSES]);
    const apiError = error as HostupApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.operationId).toBe(operationId);
    expect(apiError.code).toBe(status === 409 && operationId === "respondToDomainRenewal" ? "no_pending_renewal" : EXAMPLE_CODES[status]);
    expect(apiError.requestId).toBe("req_01hxa3b4c5d6e7f8g9h0j1k2m3");
    expect(apiError.problem?.status).toBe(status);
    expect(apiError.message).toContain(`HTTP ${status}`);
    if (status === 400) {
      expect(apiError.errors).toStrictEqual([
        { pointer: "/items/0/eppCode", detail: "`eppCode` is required for this transfer.", code: "missing_required" },
      ]);
    }
    if (status === 429) {
      const rateLimited = error as HostupRateLimitError;
      expect(rateLimited.retryAfterMs).toBe(30_000);
      expect(rateLimited.rateLimit).toMatchObject({ limit: 60, remaining: 0, reset: new Date("2026-04-27T12:35:26.000Z") });
    }
  });
});

test("deleteDomain's 409 says why deletion is blocked (canDelete)", async () => {
  const error = await hostup.deleteDomain(DOMAIN_ID, prefer(409)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HostupConflictError);
  expect((error as HostupConflictError).canDelete).toStrictEqual({
    allowed: false,
    reason: "A pending renewal order blocks deletion. Cancel it first.",
    code: "pending_order",
  });
});
