// findDomainByName: the documented lookup GET /api/v2/domains?name=…, an exact (case-insensitive,
// Unicode/punycode-equivalent) match on data[].name, and what the client learns from it.
import { describe, expect } from "vitest";
import { HostupDomainNotFoundError, HostupError, HostupValidationError } from "../../src/index.js";
import { DYNDNS_CONFIG, failOnUnhandledRejections, rejectionOf, test } from "../runtime/helpers.js";
import type { RecordedRequest } from "../support/fetch-handler.js";
import { clientAt, domain, LIST_PATH, page } from "./support.js";

failOnUnhandledRejections();

const EXAMPLE = domain(1, "example.com");
const NEAR_MISSES = [domain(2, "example.com.au"), domain(3, "www.example.com"), domain(4, "example.co"), domain(5, "myexample.com")];
const names = (requests: ReadonlyArray<RecordedRequest>) => requests.map((r) => r.query.name);

describe.concurrent("findDomainByName", () => {
  test("found: returns the entry, after one GET /api/v2/domains?name=example.com", async ({ api }) => {
    api.handle(() => ({ json: page([...NEAR_MISSES, EXAMPLE], null) }));
    const found = await clientAt(api).findDomainByName("example.com");

    expect(found).toEqual(EXAMPLE);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ method: "GET", path: LIST_PATH, query: { name: "example.com" } });
    expect(api.handlerErrors).toEqual([]);
  });

  test("the match is case-insensitive: Example.COM finds example.com", async ({ api }) => {
    api.handle(() => ({ json: page([EXAMPLE], null) }));
    const found = await clientAt(api).findDomainByName("Example.COM");

    expect(found).toEqual(EXAMPLE);
    expect(names(api.requests)).toEqual(["Example.COM"]);
  });

  test("a case-sensitive server: the name as given finds nothing, the lower-cased retry finds it", async ({ api }) => {
    api.handle(({ query }) => ({ json: page(query.name === "example.com" ? [EXAMPLE] : [], null) }));
    const found = await clientAt(api).findDomainByName("Example.COM");

    expect(found).toEqual(EXAMPLE);
    expect(names(api.requests)).toEqual(["Example.COM", "example.com"]);
  });

  test("IDN: exämple.com matches an entry named xn--exmple-cua.com", async ({ api }) => {
    const idn = domain(7, "xn--exmple-cua.com");
    api.handle(() => ({ json: page([domain(8, "example.com"), idn], null) }));
    const found = await clientAt(api).findDomainByName("exämple.com");

    expect(found).toEqual(idn);
    expect(names(api.requests)).toEqual(["exämple.com"]);
  });

  test("IDN: xn--exmple-cua.com matches an entry named exämple.com", async ({ api }) => {
    const idn = domain(7, "exämple.com");
    api.handle(() => ({ json: page([domain(8, "example.com"), idn], null) }));
    const found = await clientAt(api).findDomainByName("xn--exmple-cua.com");

    expect(found).toEqual(idn);
    expect(names(api.requests)).toEqual(["xn--exmple-cua.com"]);
  });

  test("only near misses (example.com.au, www.example.com, …) → HostupDomainNotFoundError with domainName", async ({ api }) => {
    api.handle(() => ({ json: page(NEAR_MISSES, null) }));
    const error = await rejectionOf(clientAt(api).findDomainByName("example.com"));

    expect(error).toBeInstanceOf(HostupDomainNotFoundError);
    expect(error).toBeInstanceOf(HostupError);
    expect((error as HostupDomainNotFoundError).domainName).toBe("example.com");
    expect((error as HostupDomainNotFoundError).toJSON()).toMatchObject({ name: "HostupDomainNotFoundError", domainName: "example.com" });
    expect(error.message).toContain('"example.com"');
    expect(names(api.requests)).toEqual(["example.com"]); // lower case already: no second lookup
  });

  test("not found with a mixed-case name: both spellings are tried, then HostupDomainNotFoundError", async ({ api }) => {
    api.handle(() => ({ json: page(NEAR_MISSES, null) }));
    const error = await rejectionOf(clientAt(api).findDomainByName("Example.COM"));

    expect(error).toBeInstanceOf(HostupDomainNotFoundError);
    expect((error as HostupDomainNotFoundError).domainName).toBe("Example.COM");
    expect(names(api.requests)).toEqual(["Example.COM", "example.com"]);
  });

  test("an answer without data → HostupDomainNotFoundError", async ({ api }) => {
    api.handle(() => ({ json: { hasMore: false, nextCursor: null } }));
    await expect(clientAt(api).findDomainByName("example.com")).rejects.toBeInstanceOf(HostupDomainNotFoundError);
  });

  test.for(["", "   ", "dom_123", "a b.com", "example", "example.com/x", "ex?ample.com", "#x.com"])(
    "not a domain name: %j → HostupValidationError, zero requests",
    async (input, { api }) => {
      api.handle(() => ({ json: page([EXAMPLE], null) }));
      const error = await rejectionOf(clientAt(api).findDomainByName(input));

      expect(error).toBeInstanceOf(HostupValidationError);
      expect((error as HostupValidationError).field).toBe("query/name");
      expect(api.requests).toHaveLength(0);
    },
  );

  test.for([
    ["a name of 100 KB", `${"a".repeat(100_000)}.com`, /a label of 100000 octets; RFC 1035 allows 63/],
    ["a name of 100 KB in short labels", `${"a.".repeat(50_000)}com`, /is 100005 octets long; RFC 1035 allows 255/],
    ["a label of 64 octets", `${"a".repeat(64)}.example.com`, /a label of 64 octets; RFC 1035 allows 63/],
    ["a name of 254 characters", `${"abcdefghi.".repeat(25)}coms`, /is 256 octets long; RFC 1035 allows 255/],
    ["a label with a character no DNS name has", "exa_mple!.com", /characters a DNS name cannot have/],
  ])("beyond RFC 1035 (%s) → HostupValidationError with a short message, zero requests", async ([, input, reason], { api }) => {
    api.handle(() => ({ json: page([EXAMPLE], null) }));
    const error = await rejectionOf(clientAt(api).findDomainByName(input as string));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toBe("query/name");
    expect(error.message).toMatch(/^findDomainByName: .* is not a domain name/);
    expect(error.message).toMatch(reason as RegExp);
    expect(error.message.length).toBeLessThan(400); // the name is quoted cut short, never whole
    expect(api.requests).toHaveLength(0);
  });

  test("a name at RFC 1035's limits (63-octet labels, 253 octets) is looked up", async ({ api }) => {
    const longest = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.se`;
    expect(longest).toHaveLength(253);
    api.handle(() => ({ json: page([{ ...EXAMPLE, name: longest }], null) }));
    await expect(clientAt(api).findDomainByName(longest)).resolves.toMatchObject({ name: longest });
    expect(api.requests).toHaveLength(1);
  });

  test("with the found name as domainName, createDynDnsConfig refuses a foreign hostname client-side and sends a subdomain", async ({
    api,
  }) => {
    api.handle(({ method, path }) => {
      if (method === "GET" && path === LIST_PATH) return { json: page([EXAMPLE], null) };
      if (method === "POST" && path === `${LIST_PATH}/${EXAMPLE.id}/dyndns`) return { status: 201, json: DYNDNS_CONFIG };
      throw new Error(`unexpected ${method} ${path}`);
    });
    const hostup = clientAt(api);
    const found = await hostup.findDomainByName("example.com");
    expect(api.requests).toHaveLength(1);

    const domainName = found.name;
    const refused = await rejectionOf(hostup.createDynDnsConfig(found.id, { hostname: "x.other.org", recordType: "A" }, { domainName }));
    expect(refused).toBeInstanceOf(HostupValidationError);
    expect((refused as HostupValidationError).field).toBe("/hostname");
    expect((refused as HostupValidationError).operationId).toBe("createDynDnsConfig");
    expect(api.requests).toHaveLength(1); // nothing sent

    // A look-alike suffix is not a subdomain either.
    await expect(
      hostup.createDynDnsConfig(found.id, { hostname: "home.notexample.com", recordType: "A" }, { domainName }),
    ).rejects.toBeInstanceOf(HostupValidationError);
    expect(api.requests).toHaveLength(1);

    const created = await hostup.createDynDnsConfig(found.id, { hostname: "home.example.com", recordType: "A" }, { domainName });
    expect(created).toEqual(DYNDNS_CONFIG);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]).toMatchObject({
      method: "POST",
      path: `${LIST_PATH}/${EXAMPLE.id}/dyndns`,
      json: { hostname: "home.example.com", recordType: "A" },
    });
    expect(api.handlerErrors).toEqual([]);
  });
});
