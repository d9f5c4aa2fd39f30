// deleteDomain's 409: HostupConflictError carrying the gate (`canDelete`) and the documented next
// step (decline the renewal, or cancel the order), never retried.
import { describe, expect } from "vitest";
import { type HostupApiError, HostupConflictError } from "../../src/index.js";
import {
  clientFor,
  DOMAIN_ID,
  DOMAIN_PATH,
  DYNDNS_BODY,
  DYNDNS_PATH,
  failOnUnhandledRejections,
  problem,
  rejectionOf,
  test,
} from "../runtime/helpers.js";

failOnUnhandledRejections();

const GATE = {
  allowed: false,
  reason: "The domain has a pending renewal order.",
  code: "pending_order",
  orderId: "ord_01hxa3b4c5d6e7f8g9h0j1k2m3",
};
const blocked = (canDelete: unknown) => ({
  status: 409,
  problem: problem(409, "domain_delete_blocked", { detail: "Domain cannot be deleted right now.", extensions: { actions: { canDelete } } }),
});

describe.concurrent("deleteDomain 409 guidance", () => {
  test("409 with extensions.actions.canDelete → HostupConflictError with canDelete, and a hint naming both next steps", async ({ api }) => {
    api.script([blocked(GATE), { status: 204 }]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 2 }).deleteDomain(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupConflictError);
    const conflict = error as HostupConflictError;
    expect(conflict.status).toBe(409);
    expect(conflict.code).toBe("domain_delete_blocked");
    expect(conflict.canDelete).toEqual(GATE);
    for (const text of [conflict.hint ?? "", conflict.message]) {
      expect(text).toContain("respondToDomainRenewal");
      expect(text).toContain("{ accept: false }");
      expect(text).toContain("/api/v2/orders/{id}/actions/cancel");
    }
    expect(conflict.message).toContain("Domain cannot be deleted right now.");
    expect(conflict.message).toContain("DELETE /api/v2/domains/{id}");
    // A 409 is a real conflict: never retried, even with retries on.
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ method: "DELETE", path: DOMAIN_PATH });
  });

  test("the same guidance through deleteDomain.withResponse", async ({ api }) => {
    api.script([blocked(GATE)]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).deleteDomain.withResponse(DOMAIN_ID));
    expect((error as HostupConflictError).canDelete).toEqual(GATE);
    expect((error as HostupConflictError).hint).toContain("respondToDomainRenewal");
  });

  test("a 409 without a gate: canDelete undefined, the hint still there", async ({ api }) => {
    api.script([{ status: 409, problem: problem(409, "conflict") }]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).deleteDomain(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupConflictError);
    expect((error as HostupConflictError).canDelete).toBeUndefined();
    expect((error as HostupConflictError).hint).toContain("/api/v2/orders/{id}/actions/cancel");
  });

  test("a gate that is not an ActionGate (no boolean `allowed`) is not reported as canDelete", async ({ api }) => {
    api.script([blocked({ reason: "no allowed field" })]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).deleteDomain(DOMAIN_ID));
    expect((error as HostupConflictError).canDelete).toBeUndefined();
  });

  test("the deletion hint belongs to deleteDomain: another operation's 409 does not carry it", async ({ api }) => {
    api.script([{ status: 409, problem: problem(409, "hostname_taken") }]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupConflictError);
    expect((error as HostupApiError).hint).toBeUndefined();
    expect(error.message).not.toContain("respondToDomainRenewal");
    expect(api.requests[0]!.path).toBe(DYNDNS_PATH);
  });
});
