// Bulk DNS records and bulk redirects: the two bulk routes that take plain domain names. Each takes
// the body of its method (bulkDnsRecords, bulkDomainRedirects) with any number of `domainNames`,
// checks before sending what the spec states but leaves to the server (which fields each action
// needs), and sends the same operation in batches of names (batches.ts).
import type { components } from "@hostup/types";
import { asciiName, nameProblem } from "@hostup/dns/records";
import { inBatches, type BulkBatch, type BulkBatchOptions, type BulkRefusal, type BulkReport, type BulkRoute } from "./batches.js";
import type { WorkflowCore } from "./core.js";

export type BulkDnsRequest = components["schemas"]["BulkDnsRequest"];
export type BulkRedirectsRequest = components["schemas"]["BulkRedirectsRequest"];

/** A batch of bulkDnsRecordsInBatches or bulkDomainRedirectsInBatches. */
export interface DomainNamesBatch extends BulkBatch {
  /** The names this batch finally queued (refused ones removed). */
  domainNames: string[];
}

/** A domain name refused by the SDK (not a plain name, e.g. a `dom_` ID) or by the API (e.g. not yours). */
export interface RefusedDomainName extends BulkRefusal {
  domainName: string;
}

export interface BulkDomainNamesOptions extends BulkBatchOptions<DomainNamesBatch> {}

/** What a bulk workflow by name did with every name (queued, refused or failed). */
export interface BulkDomainNamesReport extends BulkReport<DomainNamesBatch, RefusedDomainName> {}

const DOMAIN_ID = /^dom_/i;
const PLAIN_NAME = /^[^\s/?#:@]+\.[^\s/?#:@]+$/;

/** Why a value is not a plain domain name, or `undefined` when it is one. */
function refuseName(value: unknown): { code: string; detail: string } | undefined {
  if (typeof value === "string" && DOMAIN_ID.test(value)) {
    return {
      code: "domain_id_not_name",
      detail:
        "A domain ID (`dom_…`), where this route takes plain domain names such as example.com: " +
        "the name is the domain's `name` in GET /api/v2/domains.",
    };
  }
  if (typeof value !== "string" || !PLAIN_NAME.test(value)) {
    return { code: "invalid_domain_name", detail: "Not a plain domain name such as example.com (no scheme, path, port or spaces)." };
  }
  // RFC 1035's limits (63 octets a label, 253 a name) and the characters a label may have; the detail
  // quotes the name cut short.
  const problem = nameProblem(value);
  return problem ? { code: "invalid_domain_name", detail: `Not a domain name: ${problem}` } : undefined;
}

/** The route's fields, for one workflow: the body minus its names is sent with every batch. */
function byName(workflow: string, operationId: string, submit: BulkRoute<"domainNames", "domainName">["submit"]) {
  return {
    workflow,
    operationId,
    list: "domainNames",
    item: "domainName",
    refuse: refuseName,
    // Names differing only in case or a trailing dot are one domain: sent once.
    key: asciiName,
    submit,
  } as const;
}

/** Throws the HostupValidationError for the first field `request` lacks or must not have, given its action. */
function checkRequest(
  core: WorkflowCore,
  workflow: string,
  operationId: string,
  request: unknown,
  rules: Record<string, { needs?: string[]; without?: string[] }>,
): asserts request is Record<string, unknown> & { domainNames: unknown[] } {
  const fail = (message: string, field: string) => {
    throw new core.HostupValidationError(`${workflow}: ${message}`, operationId, field);
  };
  if (typeof request !== "object" || request === null || Array.isArray(request)) return fail("pass the request body (an object).", "body");
  const body = request as Record<string, unknown>;
  if (!Array.isArray(body.domainNames)) return fail("`domainNames` must be an array of domain names.", "/domainNames");
  const rule = typeof body.action === "string" && Object.hasOwn(rules, body.action) ? rules[body.action]! : undefined;
  if (!rule) return fail(`\`action\` must be one of ${Object.keys(rules).join(", ")}.`, "/action");
  for (const field of rule.needs ?? []) {
    const value = body[field];
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
      fail(`action \`${body.action}\` needs \`${field}\`.`, `/${field}`);
    }
  }
  for (const field of rule.without ?? []) {
    if (body[field] !== undefined) fail(`action \`${body.action}\` takes no \`${field}\`.`, `/${field}`);
  }
}

const DNS_DELETE_FIELD: Record<string, string> = { by_type: "recordType", by_name: "recordName", by_value: "recordValue" };

/**
 * One bulk DNS operation (add, update or delete records) for any number of zones, by domain name:
 * queued in batches, each batch's job waited for when asked, refused names mapped back to `request.domainNames`.
 */
export async function bulkDnsRecordsInBatches(
  core: WorkflowCore,
  request: BulkDnsRequest,
  options: BulkDomainNamesOptions = {},
): Promise<BulkDomainNamesReport> {
  const workflow = "bulkDnsRecordsInBatches";
  const deleteField = DNS_DELETE_FIELD[(request as { deleteType?: string } | null)?.deleteType ?? ""];
  checkRequest(core, workflow, "bulkDnsRecords", request, {
    add: { needs: ["records"] },
    update: { needs: ["records"] },
    delete: { needs: ["deleteType", ...(deleteField ? [deleteField] : [])], without: ["records"] },
  });
  const { domainNames, ...rest } = request;
  return inBatches(
    core,
    byName(workflow, "bulkDnsRecords", (names, requestOptions) => core.api.bulkDnsRecords({ ...rest, domainNames: names }, requestOptions)),
    domainNames,
    options,
  );
}

/**
 * One bulk redirect operation (create or delete) for any number of domains, by name: queued in
 * batches, each batch's job waited for when asked, refused names mapped back to `request.domainNames`.
 */
export async function bulkDomainRedirectsInBatches(
  core: WorkflowCore,
  request: BulkRedirectsRequest,
  options: BulkDomainNamesOptions = {},
): Promise<BulkDomainNamesReport> {
  const workflow = "bulkDomainRedirectsInBatches";
  checkRequest(core, workflow, "bulkDomainRedirects", request, {
    create: { needs: ["redirect"], without: ["ruleIds"] },
    delete: { without: ["redirect"] },
  });
  const { domainNames, ...rest } = request;
  return inBatches(
    core,
    byName(workflow, "bulkDomainRedirects", (names, requestOptions) =>
      core.api.bulkDomainRedirects({ ...rest, domainNames: names }, requestOptions),
    ),
    domainNames,
    options,
  );
}
