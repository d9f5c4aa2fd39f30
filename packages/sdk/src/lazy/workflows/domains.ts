// Domain workflows on top of the generated methods: iterate every domain (cursor pagination),
// and find a domain's public ID from its name.
import type { components, operations } from "@hostup/types";
import { asciiName, nameProblem } from "@hostup/dns/records";
import type { RequestOptions } from "../../eager/invoke.js";
import type { WorkflowCore } from "./core.js";

export type DomainSummary = components["schemas"]["DomainSummary"];
export type ListDomainsQuery = NonNullable<operations["listDomains"]["parameters"]["query"]>;

export interface IterateOptions extends Omit<RequestOptions, "domainName"> {
  /** Stop after this many items (default: all of them). */
  maxItems?: number;
}

/**
 * Every domain matching `query`, fetched page by page as the loop asks for more (`for await`).
 * Stops at the last page (`nextCursor` null or `hasMore` false) or after `maxItems`.
 */
export function iterateDomains(
  core: WorkflowCore,
  query: Omit<ListDomainsQuery, "cursor"> = {},
  options: IterateOptions = {},
): AsyncGenerator<DomainSummary, void, undefined> {
  return paginate(core, "iterateDomains", "listDomains", (q, o) => core.api.listDomains(q, o), query, options);
}

/** One page of a cursor-paginated list (`GET /api/v2/domains`, `GET /api/v2/dns-zones`). */
export interface Page<T> {
  data?: T[];
  hasMore?: boolean;
  nextCursor?: string | null;
}

/**
 * Every item of a cursor-paginated list, fetched page by page as the loop asks for more.
 * Stops at the last page (`nextCursor` null or `hasMore` false) or after `maxItems`.
 */
export async function* paginate<T, Q extends object>(
  core: WorkflowCore,
  workflow: string,
  operationId: string,
  listPage: (query: Q & { cursor?: string }, options: Omit<IterateOptions, "maxItems">) => Promise<Page<T>>,
  query: Q,
  options: IterateOptions,
): AsyncGenerator<T, void, undefined> {
  const { maxItems = Infinity, ...requestOptions } = options;
  if (!(maxItems === Infinity || (Number.isInteger(maxItems) && maxItems >= 0))) {
    throw new core.HostupValidationError(`${workflow}: \`maxItems\` must be a whole number ≥ 0.`, operationId, "options.maxItems");
  }
  if ("cursor" in query) {
    throw new core.HostupValidationError(
      `${workflow}: pass no \`cursor\`; the iterator follows the cursors itself.`,
      operationId,
      "query/cursor",
    );
  }
  let cursor: string | undefined;
  const seen = new Set<string>();
  let yielded = 0;
  while (yielded < maxItems) {
    const page = await listPage(cursor === undefined ? query : { ...query, cursor }, requestOptions);
    for (const item of page.data ?? []) {
      if (yielded >= maxItems) return;
      core.throwIfAborted(requestOptions.signal);
      yield item;
      yielded++;
    }
    const next = page.nextCursor;
    if (!next || page.hasMore === false || !page.data?.length) return;
    // A server that hands back a cursor it gave before would make this loop forever.
    if (seen.has(next)) throw new core.HostupError(`${workflow}: the API returned the cursor ${JSON.stringify(next)} twice; stopping.`);
    seen.add(next);
    cursor = next;
  }
}

/**
 * The domain called `name` (case-insensitive; Unicode or punycode), via the documented lookup
 * `GET /api/v2/domains?name=…`. Throws HostupDomainNotFoundError when there is none, and
 * HostupValidationError, sending nothing, for a name no domain can have (RFC 1035's limits included).
 */
export async function findDomainByName(
  core: WorkflowCore,
  name: string,
  options: Omit<RequestOptions, "domainName"> = {},
): Promise<DomainSummary> {
  // Quoted cut short: a message never repeats a whole hostile input (a name of 100 KB).
  const problem = typeof name === "string" ? nameProblem(name) : undefined;
  if (typeof name !== "string" || !/^[^\s/?#]+\.[^\s/?#]+$/.test(name.trim()) || problem) {
    throw new core.HostupValidationError(
      `findDomainByName: ${JSON.stringify(String(name)).slice(0, 80)} is not a domain name (e.g. "example.com")${problem ? `: ${problem}` : "."}`,
      "listDomains",
      "query/name",
    );
  }
  const wanted = asciiName(name);
  const sent = name.trim().replace(/\.$/, "");
  for (const query of new Set([sent, sent.toLowerCase()])) {
    const page = await core.api.listDomains({ name: query }, options);
    const match = page.data?.find((domain) => asciiName(domain.name) === wanted);
    if (match) return match;
  }
  throw new core.HostupDomainNotFoundError(
    `No domain named ${JSON.stringify(name)} on this account (GET /api/v2/domains?name=… found no exact match). ` +
      "Check the spelling, and that the API key belongs to the account that holds the domain.",
    name,
  );
}
