// The documented next step after an error, where the documentation's prose gives one.
import type { OperationSpec } from "../eager/operation.js";

const HINTS: Record<string, Record<number, string>> = {
  deleteDomain: {
    409:
      "Deletion is blocked (see canDelete). If a pending renewal order is the blocker, decline it with " +
      "respondToDomainRenewal(id, { accept: false }) (needs write:billing too) or cancel the order with " +
      "POST /api/v2/orders/{id}/actions/cancel; GET /api/v2/domains/{id} shows actions.canDelete.",
  },
  respondToDomainRenewal: {
    409: "There is no pending renewal to respond to: check GET /api/v2/domains/{id} pendingRenewalOrder first.",
  },
};

/** The documented next step after `status` from this operation, if there is one. */
export function errorHint(op: OperationSpec, status: number): string | undefined {
  return HINTS[op.id]?.[status];
}
