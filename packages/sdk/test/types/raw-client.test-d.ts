// Compile-time tests, checked by `tsc --noEmit` (the package's lint task). Each `@ts-expect-error`
// sits on the exact line that must not compile; if that line ever compiles, tsc fails.
import { expectTypeOf } from "vitest";
import { createHostupClient, type components } from "../../src/index.js";

const hostup = createHostupClient({ apiKey: "hk_test" });
const id = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

export async function successBodiesAreTyped() {
  const synced = await hostup.raw.POST("/api/v2/domains/{id}/actions/status-sync", { params: { path: { id } } });
  expectTypeOf(synced.data).toEqualTypeOf<components["schemas"]["DomainStatusSyncResult"] | undefined>();
  if (synced.data) {
    expectTypeOf(synced.data.newStatus).toEqualTypeOf<
      "active" | "suspended" | "terminated" | "pending" | "cancelled" | "expired" | "fraud" | "unknown"
    >();
    expectTypeOf(synced.data.info).toEqualTypeOf<string | null>();
  }

  const created = await hostup.raw.POST("/api/v2/domains/{id}/dyndns", {
    params: { path: { id } },
    body: { hostname: "home.example.com", recordType: "AAAA" },
  });
  expectTypeOf(created.data).toEqualTypeOf<components["schemas"]["DynDnsConfig"] | undefined>();
  // Errors are typed from the spec's Problem Details responses.
  if (created.error) expectTypeOf(created.error.code).toEqualTypeOf<string | undefined>();

  const deleted = await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id } } });
  expectTypeOf(deleted.data).toEqualTypeOf<undefined>();
  if (deleted.error) {
    expectTypeOf(deleted.error.status).toEqualTypeOf<number | undefined>();
    // The 409's canDelete gate is part of the error union.
    expectTypeOf<components["schemas"]["DomainDeleteConflictProblem"]>().toMatchTypeOf<NonNullable<typeof deleted.error>>();
  }

  const queued = await hostup.raw.POST("/api/v2/domains/bulk/status-sync", { body: { domainIds: [id] } });
  expectTypeOf(queued.data).toEqualTypeOf<components["schemas"]["BulkDomainStatusSyncAccepted"] | undefined>();
}

export async function wrongRequestsDoNotCompile() {
  await hostup.raw.POST("/api/v2/domains/{id}/dyndns", {
    params: { path: { id } },
    // @ts-expect-error: recordType is "A" | "AAAA"
    body: { hostname: "h.example.com", recordType: "CNAME" },
  });

  // @ts-expect-error: hostname is required
  await hostup.raw.POST("/api/v2/domains/{id}/dyndns", { params: { path: { id } }, body: { recordType: "A" } });

  await hostup.raw.PATCH("/api/v2/domains/{id}/redirects/{ruleId}", {
    params: { path: { id, ruleId: "redir_1" } },
    // @ts-expect-error: httpStatusCode is 301 | 302 | 307 | 308
    body: { httpStatusCode: 303 },
  });

  // Not caught here: openapi-fetch's Writable<> body type loses excess-property checks for bodies whose
  // fields are all optional (RedirectRuleUpdate), so `{ targetURL: … }` compiles on the raw client.
  // Prism rejects it at run time (request-validation.test.ts).

  await hostup.raw.PATCH("/api/v2/domains/{id}/redirects/{ruleId}", {
    // @ts-expect-error: ruleId is required
    params: { path: { id } },
    body: { enabled: false },
  });

  // @ts-expect-error: the status-sync body must be empty
  await hostup.raw.POST("/api/v2/domains/{id}/actions/status-sync", { params: { path: { id } }, body: { force: true } });

  // @ts-expect-error: domainIds must be strings
  await hostup.raw.POST("/api/v2/domains/bulk/status-sync", { body: { domainIds: [1, 2] } });

  // @ts-expect-error: the bulk body is required
  await hostup.raw.POST("/api/v2/domains/bulk/status-sync", {});
}

export async function unknownPathsAndMethodsDoNotCompile() {
  // @ts-expect-error: no such path
  await hostup.raw.GET("/api/v2/domainz");

  // @ts-expect-error: DELETE is the only method of /api/v2/domains/{id} in the spec
  await hostup.raw.PUT("/api/v2/domains/{id}", { params: { path: { id } } });

  // @ts-expect-error: status sync is a POST
  await hostup.raw.GET("/api/v2/domains/{id}/actions/status-sync", { params: { path: { id } } });
}
