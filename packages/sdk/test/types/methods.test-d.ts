// Compile-time tests of the generated method signatures and of error narrowing (checked by tsc).
import { expectTypeOf } from "vitest";
import {
  createHostupClient,
  HostupApiError,
  HostupConflictError,
  type HostupError,
  HostupNotFoundError,
  HostupRateLimitError,
  HostupValidationError,
  type ActionGate,
  type components,
  type RateLimit,
  type RequestOptions,
  type WithResponse,
} from "../../src/index.js";

type Schemas = components["schemas"];
const hostup = createHostupClient({ apiKey: "hk_test" });
const id = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

export async function signatures() {
  expectTypeOf(hostup.syncDomainStatus).parameters.toEqualTypeOf<[id: string, options?: RequestOptions]>();
  expectTypeOf(hostup.syncDomainStatus(id)).resolves.toEqualTypeOf<Schemas["DomainStatusSyncResult"]>();
  expectTypeOf(hostup.bulkSyncDomainStatus).parameters.toEqualTypeOf<
    [body: Schemas["BulkDomainStatusSyncRequest"], options?: RequestOptions]
  >();
  expectTypeOf(hostup.deleteDomain(id)).resolves.toEqualTypeOf<void>();
  expectTypeOf(hostup.updateDomainRedirect).parameters.toEqualTypeOf<
    [id: string, ruleId: string, body: Schemas["RedirectRuleUpdate"], options?: RequestOptions]
  >();
  expectTypeOf(hostup.createDynDnsConfig(id, { hostname: "home.example.com", recordType: "A" })).resolves.toEqualTypeOf<
    Schemas["DynDnsConfig"]
  >();
  expectTypeOf(hostup.createDynDnsConfig.withResponse(id, { hostname: "h.example.com", recordType: "AAAA" })).resolves.toEqualTypeOf<
    WithResponse<Schemas["DynDnsConfig"]>
  >();
  const { rateLimit, requestId } = await hostup.deleteDomain.withResponse(id);
  expectTypeOf(rateLimit).toEqualTypeOf<RateLimit>();
  expectTypeOf(requestId).toEqualTypeOf<string | undefined>();
}

export async function wrongCallsDoNotCompile() {
  // @ts-expect-error: recordType is "A" | "AAAA"
  await hostup.createDynDnsConfig(id, { hostname: "h.example.com", recordType: "CNAME" });

  // @ts-expect-error: hostname is required
  await hostup.createDynDnsConfig(id, { recordType: "A" });

  // @ts-expect-error: unknown field (a typo of targetUrl) — caught here, unlike on the raw client
  await hostup.updateDomainRedirect(id, "redir_1", { targetURL: "https://example.com" });

  // @ts-expect-error: httpStatusCode is 301 | 302 | 307 | 308
  await hostup.updateDomainRedirect(id, "redir_1", { httpStatusCode: 303 });

  // @ts-expect-error: the ruleId is missing, so the body sits where ruleId belongs
  await hostup.updateDomainRedirect(id, { enabled: false });

  // @ts-expect-error: status sync takes no body
  await hostup.syncDomainStatus(id, { force: true });

  // @ts-expect-error: unknown per-request option
  await hostup.deleteDomain(id, { retries: 3 });

  // @ts-expect-error: no such operation
  await hostup.getDomainByName("example.com");
}

export async function errorsNarrow(error: unknown) {
  if (error instanceof HostupNotFoundError) {
    expectTypeOf(error.status).toEqualTypeOf<404>();
    expectTypeOf(error.code).toEqualTypeOf<string | undefined>();
  }
  if (error instanceof HostupConflictError) {
    expectTypeOf(error.status).toEqualTypeOf<409>();
    expectTypeOf(error.canDelete).toEqualTypeOf<ActionGate | undefined>();
  }
  if (error instanceof HostupRateLimitError) {
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
  }
  if (error instanceof HostupApiError) {
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.problem).toEqualTypeOf<Schemas["Problem"] | undefined>();
    expectTypeOf(error.errors).toEqualTypeOf<ReadonlyArray<Schemas["ProblemFieldError"]>>();
  }
  if (error instanceof HostupValidationError) {
    expectTypeOf(error.field).toEqualTypeOf<string>();
  }
  expectTypeOf<HostupApiError>().toMatchTypeOf<HostupError>();
  expectTypeOf<HostupValidationError>().toMatchTypeOf<HostupError>();
}

export async function companionsAndWorkflows() {
  expectTypeOf(hostup.listDomains).parameters.toEqualTypeOf<
    [query?: { limit?: number; cursor?: string; include?: string; name?: string }, options?: RequestOptions]
  >();
  for await (const domain of hostup.iterateDomains({ name: "example.com" }, { maxItems: 10 })) {
    expectTypeOf(domain).toEqualTypeOf<Schemas["DomainSummary"]>();
    expectTypeOf(domain.id).toEqualTypeOf<string>();
  }
  expectTypeOf(hostup.findDomainByName("example.com")).resolves.toEqualTypeOf<Schemas["DomainSummary"]>();
  expectTypeOf(hostup.getJob("dbj_1")).resolves.toEqualTypeOf<Schemas["JobStatus"]>();
  const state = await hostup.waitForJob({ jobId: "dbj_1", pollUrl: "/api/jobs/dbj_1" }, { maxWaitMs: 1000 });
  expectTypeOf(state.status).toEqualTypeOf<"pending" | "queued" | "in_progress" | "completed" | "failed" | "unknown">();
  const report = await hostup.bulkSyncDomainStatusInBatches(["dom_1"], { batchSize: 50, concurrency: 2 });
  expectTypeOf(report.refused[0]!.by).toEqualTypeOf<"client" | number>();

  // @ts-expect-error: limit is a number
  await hostup.listDomains({ limit: "10" });
  // @ts-expect-error: iterateDomains follows the cursor itself
  hostup.iterateDomains({ cursor: "abc" });
  // @ts-expect-error: decision is "accept" | "decline"
  await hostup.respondToDomainRenewal(id, { decision: "maybe" });
  // @ts-expect-error: include is "orphans"
  await hostup.listDomainRedirects(id, { include: "all" });
}
