// Against the Prism mock, what the generated per-operation tests (generated/operations.test.ts)
// cannot express as a table: response metadata, the typed extras of some errors (`canDelete`, the
// rate-limit headers read into numbers and dates), and the workflows built on the methods.
import { describe, expect, expectTypeOf, test } from "vitest";
import { HostupConflictError, HostupRateLimitError, type components } from "../../src/index.js";
import { DOMAIN_ID, mockClient, prefer } from "../support/mock.js";

const hostup = mockClient();
const JOB_ID = "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3";

describe("what a method returns besides its data", () => {
  test("withResponse() adds the HTTP response, the request id and the rate-limit headers", async () => {
    const { data, response, requestId, rateLimit } = await hostup.syncDomainStatus.withResponse(DOMAIN_ID);
    expect(response.status).toBe(200);
    expect(data.id).toBe(DOMAIN_ID);
    expect(requestId).toBeUndefined();
    expect(rateLimit).toStrictEqual({ limit: undefined, remaining: undefined, reset: undefined });
  });

  test("deleteDomain's 409 says why deletion is blocked (canDelete)", async () => {
    const error = await hostup.deleteDomain(DOMAIN_ID, prefer(409)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostupConflictError);
    expectTypeOf((error as HostupConflictError).canDelete).toEqualTypeOf<components["schemas"]["ActionGate"] | undefined>();
    expect((error as HostupConflictError).canDelete).toStrictEqual({
      allowed: false,
      reason: "A pending renewal order blocks deletion. Cancel it first.",
      code: "pending_order",
    });
  });

  test("a 429 carries Retry-After and X-RateLimit-* (Reset is an ISO timestamp), read into the error", async () => {
    const { response } = await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: DOMAIN_ID } }, ...prefer(429) });
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
    expect(Number(response.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    const reset = response.headers.get("x-ratelimit-reset");
    expect(reset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    const error = await hostup.deleteDomain(DOMAIN_ID, prefer(429)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostupRateLimitError);
    const rateLimited = error as HostupRateLimitError;
    expect(rateLimited.retryAfterMs).toBe(30_000);
    expect(rateLimited.rateLimit).toMatchObject({ limit: 60, remaining: 0, reset: new Date("2026-04-27T12:35:26.000Z") });
  });
});

describe("workflows against the mock", () => {
  test("waitForJob reads the mock's job to completion", async () => {
    const state = await hostup.waitForJob(`/api/jobs/${JOB_ID}`);
    expect(state).toMatchObject({ jobId: JOB_ID, status: "completed", progress: 100 });
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
    expect(operation.jobId).toBe(JOB_ID);
    expect(job.status).toBe("completed");
  });

  test("bulkDnsRecordsInBatches sends bodies the spec accepts, in batches, and waits for each job", async () => {
    const records = [{ type: "TXT" as const, name: "_dmarc", value: "v=DMARC1; p=none" }];
    const request = { action: "add" as const, domainNames: ["example.se", "example.nu", "example.com"], records };
    const report = await hostup.bulkDnsRecordsInBatches(request, { batchSize: 2, wait: { intervalMs: 10 } });
    expect(report.refused).toStrictEqual([]);
    expect(report.queued).toStrictEqual(request.domainNames);
    expect(report.batches.map((b) => b.job?.status)).toStrictEqual(["completed", "completed"]);
  });

  test("bulkDomainRedirectsInBatches sends bodies the spec accepts, for create and delete", async () => {
    const domainNames = ["example.se", "example.nu"];
    const redirect = { sourceUrl: "https://{domain}/old", targetUrl: "https://www.example.com/new", statusCode: 301 as const };
    const created = await hostup.bulkDomainRedirectsInBatches({ action: "create", domainNames, redirect });
    const deleted = await hostup.bulkDomainRedirectsInBatches({
      action: "delete",
      domainNames,
      ruleIds: ["redir_01hxa3b4c5d6e7f8g9h0j1k2m3"],
    });
    for (const report of [created, deleted]) {
      expect(report.queued).toStrictEqual(domainNames);
      expect(report.batches[0]!.operation?.pollUrl).toMatch(/^\/api\/jobs\//);
    }
  });
});
