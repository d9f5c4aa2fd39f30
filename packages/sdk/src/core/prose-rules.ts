// What the documentation's prose says and a schema cannot: rules that need context (the domain's
// name) and the documented next step after an error.
import { HostupValidationError } from "../errors.js";
import { canonicalHostname } from "./hostname.js";
import type { CallContext, RequestOptions } from "./invoke.js";
import type { OperationSpec } from "./operation.js";
import { show } from "./validate.js";

/** Rules the prose of the docs states and a schema cannot: they need the domain's name. */
export function checkProseRules(ctx: CallContext, op: OperationSpec, args: ReadonlyArray<unknown>, options: RequestOptions): void {
  if (op.id !== "createDynDnsConfig") return;
  const domainId = args[0] as string;
  const domain = options.domainName ?? ctx.domainNames.get(domainId);
  const { hostname } = args[1] as { hostname: string };
  if (domain === undefined) return;
  const host = canonicalHostname(hostname);
  const apex = canonicalHostname(domain);
  if (host !== apex && !host.endsWith(`.${apex}`)) {
    throw new HostupValidationError(
      `${op.id}: body field \`/hostname\` ${show(hostname, ctx.redact.text)} is not ${show(domain, ctx.redact.text)} or a subdomain of it.`,
      op.id,
      "/hostname",
    );
  }
}

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
