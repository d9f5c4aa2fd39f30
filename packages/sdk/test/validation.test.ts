// Bad input fails before anything is sent: every case asserts the error and that fetch was never called.
import { describe, expect, test } from "vitest";
import { createHostupClient, HostupError, HostupValidationError } from "../src/index.js";
import { DOMAIN_ID, RULE_ID, mockUrl } from "./support/mock.js";

function countingClient() {
  let calls = 0;
  const hostup = createHostupClient({
    apiKey: "hk_test_validation",
    baseUrl: mockUrl(),
    maxRetries: 0,
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
  });
  return { hostup, calls: () => calls };
}

async function rejected(promise: Promise<unknown>): Promise<HostupValidationError> {
  const error = await promise.then(
    () => expect.unreachable("must reject"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostupValidationError);
  expect(error).toBeInstanceOf(HostupError);
  return error as HostupValidationError;
}

describe("IDs", () => {
  test("a domain name where a dom_ id belongs says how to find the id", async () => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.deleteDomain("example.com"));
    expect(error.field).toBe("id");
    expect(error.operationId).toBe("deleteDomain");
    expect(error.message).toContain('"example.com" looks like a domain name');
    expect(error.message).toContain("GET /api/v2/domains");
    expect(calls()).toBe(0);
  });

  test.each([
    ["a slash (another endpoint)", "dom_1/redirects"],
    ["a dot-dot segment", "dom_1/../../orders"],
    ["a bare ..", ".."],
    ["a query", "dom_1?force=true"],
    ["a fragment", "dom_1#x"],
    ["a percent escape", "dom_1%2Fx"],
    ["whitespace", "dom_1 "],
    ["a newline", "dom_1\n"],
    ["an empty string", ""],
    ["the wrong prefix", "redir_01hxa3b4c5d6e7f8g9h0j1k2m3"],
  ])("an id with %s never reaches the network", async (_, id) => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.syncDomainStatus(id));
    expect(error.field).toBe("id");
    expect(error.message).toContain("is not a valid DomainId");
    expect(calls()).toBe(0);
  });

  test.each([[undefined], [null], [42], [{ id: DOMAIN_ID }]])("a non-string id (%s)", async (id) => {
    const { hostup, calls } = countingClient();
    await rejected(hostup.deleteDomain(id as never));
    expect(calls()).toBe(0);
  });

  test("the second path parameter is checked too (ruleId)", async () => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.updateDomainRedirect(DOMAIN_ID, "ddns_1", { enabled: false }));
    expect(error.field).toBe("ruleId");
    expect(error.message).toContain("RedirectRuleId (`redir_…`)");
    expect(calls()).toBe(0);
  });
});

describe("bodies", () => {
  test.each([
    ["no fields", {}, "/", "needs at least 1 field(s), got 0 (fields: sourceUrl, targetUrl"],
    ["only undefined fields", { enabled: undefined }, "/", "needs at least 1 field(s)"],
    ["an unknown field", { targetURL: "https://example.com" }, "/targetURL", "is not a known field"],
    ["an httpStatusCode outside the enum", { httpStatusCode: 303 }, "/httpStatusCode", "must be one of 301, 302, 307, 308"],
    ["a scope outside the enum", { scope: "everything" }, "/scope", 'must be one of "exact", "root_www", "subdomains", "all"'],
    ["a wrongly typed field", { enabled: "no" }, "/enabled", "must be boolean"],
    ["a wrongly typed nullable field", { description: 5 }, "/description", "must be string or null"],
  ])("updateDomainRedirect with %s", async (_, body, field, message) => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.updateDomainRedirect(DOMAIN_ID, RULE_ID, body as never));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
    expect(calls()).toBe(0);
  });

  test("a null description is allowed (it clears the note)", async () => {
    const { hostup, calls } = countingClient();
    await hostup.updateDomainRedirect(DOMAIN_ID, RULE_ID, { description: null });
    expect(calls()).toBe(1);
  });

  test.each([
    ["a recordType other than A/AAAA", { hostname: "home.example.com", recordType: "CNAME" }, "/recordType", 'must be one of "A", "AAAA"'],
    ["no hostname", { recordType: "A" }, "/hostname", "is required"],
    ["an empty hostname", { hostname: "", recordType: "A" }, "/hostname", "must not be empty"],
  ])("createDynDnsConfig with %s", async (_, body, field, message) => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.createDynDnsConfig(DOMAIN_ID, body as never));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
    expect(calls()).toBe(0);
  });

  test("bulkSyncDomainStatus points at the offending id", async () => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.bulkSyncDomainStatus({ domainIds: [DOMAIN_ID, "example.com"] }));
    expect(error.field).toBe("/domainIds/1");
    expect(calls()).toBe(0);
  });

  test("bulkSyncDomainStatus without domainIds", async () => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.bulkSyncDomainStatus({} as never));
    expect(error.field).toBe("/domainIds");
    expect(calls()).toBe(0);
  });
});

describe("the DynDNS hostname must be the domain or a subdomain of it", () => {
  test("when the caller names the domain", async () => {
    const { hostup, calls } = countingClient();
    const error = await rejected(
      hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.example.org", recordType: "A" }, { domainName: "example.com" }),
    );
    expect(error.field).toBe("/hostname");
    expect(error.message).toContain('"home.example.org" is not "example.com" or a subdomain of it');
    expect(calls()).toBe(0);
  });

  test("a look-alike suffix is not a subdomain", async () => {
    const { hostup } = countingClient();
    await rejected(hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "evilexample.com", recordType: "A" }, { domainName: "example.com" }));
  });

  test.each([
    ["the apex", "example.com", "example.com"],
    ["a subdomain, any case, trailing dot", "Home.EXAMPLE.com.", "example.com"],
    ["an IDN given in Unicode and in punycode", "home.xn--exmple-cua.com", "exämple.com"],
  ])("accepts %s", async (_, hostname, domainName) => {
    const { hostup, calls } = countingClient();
    await hostup.createDynDnsConfig(DOMAIN_ID, { hostname, recordType: "A" }, { domainName });
    expect(calls()).toBe(1);
  });

  test("the outcome depends on the call's input alone, not on what earlier calls returned", async () => {
    const { hostup, calls } = countingClient();
    const synced = await hostup.syncDomainStatus(DOMAIN_ID); // the mock answers name "example.com"
    expect(synced.name).toBe("example.com");
    // The client saw the domain's name, yet without `domainName` the same call is sent as on a fresh client.
    await hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.other.net", recordType: "AAAA" });
    expect(calls()).toBe(2);
    const error = await rejected(
      hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.other.net", recordType: "AAAA" }, { domainName: synced.name }),
    );
    expect(error.field).toBe("/hostname");
    expect(calls()).toBe(2);
  });

  test("without a known name the server decides", async () => {
    const { hostup, calls } = countingClient();
    await hostup.createDynDnsConfig(DOMAIN_ID, { hostname: "home.other.net", recordType: "A" });
    expect(calls()).toBe(1);
  });
});

describe("options and arguments", () => {
  test.each([
    ["an unknown option", { retries: 3 }, "options.retries"],
    ["a negative timeout", { timeoutMs: -1 }, "options.timeoutMs"],
    ["a fractional maxRetries", { maxRetries: 1.5 }, "options.maxRetries"],
  ])("%s is refused, not ignored", async (_, options, field) => {
    const { hostup, calls } = countingClient();
    const error = await rejected(hostup.deleteDomain(DOMAIN_ID, options as never));
    expect(error.field).toBe(field);
    expect(calls()).toBe(0);
  });

  test("too many arguments are refused", async () => {
    const { hostup, calls } = countingClient();
    const error = await rejected((hostup.deleteDomain as (...args: unknown[]) => Promise<void>)(DOMAIN_ID, {}, {}));
    expect(error.field).toBe("arguments");
    expect(calls()).toBe(0);
  });
});
