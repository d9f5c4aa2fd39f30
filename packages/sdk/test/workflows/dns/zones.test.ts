// findDnsZoneByName (one GET /api/v2/dns-zones?name=…, an exact match) and iterateDnsZones (every page).
import { describe, expect } from "vitest";
import { HostupError, HostupValidationError } from "../../../src/index.js";
import { failOnUnhandledRejections, rejectionOf, test } from "../../runtime/helpers.js";
import { clientAt, page } from "../support.js";
import { ZONES_PATH } from "./zone.js";

failOnUnhandledRejections();

const zone = (n: number, name: string) => ({
  id: `zone_${String(n).padStart(4, "0")}abc`,
  name,
  zoneStatus: "active",
  isDnsOnly: false,
  kind: "linked",
});
const EXAMPLE = zone(1, "example.com");
const NEAR_MISSES = [zone(2, "example.com.au"), zone(3, "sub.example.com"), zone(4, "myexample.com")];

describe.concurrent("findDnsZoneByName", () => {
  test("found: the exact match among near misses, after one request (the name asked for in lower case)", async ({ api }) => {
    api.handle(() => ({ json: page([...NEAR_MISSES, EXAMPLE], null) }));
    expect(await clientAt(api).findDnsZoneByName("Example.COM")).toEqual(EXAMPLE);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ method: "GET", path: ZONES_PATH, query: { name: "example.com" } });
  });

  test("a trailing dot is ignored, in the name sent too", async ({ api }) => {
    api.handle(() => ({ json: page([EXAMPLE], null) }));
    expect(await clientAt(api).findDnsZoneByName("example.com.")).toEqual(EXAMPLE);
    expect(api.requests[0]!.query).toEqual({ name: "example.com" });
  });

  test("Unicode and punycode match each other", async ({ api }) => {
    const idn = zone(7, "xn--exmple-cua.com");
    api.handle(() => ({ json: page([EXAMPLE, idn], null) }));
    expect(await clientAt(api).findDnsZoneByName("exämple.com")).toEqual(idn);
    // The API names zones in punycode: a Unicode name is asked for in it.
    expect(api.requests[0]!.query).toEqual({ name: "xn--exmple-cua.com" });
  });

  test("not found: a HostupError whose message names the name", async ({ api }) => {
    api.handle(() => ({ json: page(NEAR_MISSES, null) }));
    const error = await rejectionOf(clientAt(api).findDnsZoneByName("example.com"));

    expect(error).toBeInstanceOf(HostupError);
    expect(error.message).toContain('"example.com"');
    expect(api.requests).toHaveLength(1);
  });

  test("not a zone name → HostupValidationError, nothing sent", async ({ api }) => {
    for (const name of ["", "example", "exa mple.com", 42]) {
      expect(await rejectionOf(clientAt(api).findDnsZoneByName(name as never))).toBeInstanceOf(HostupValidationError);
    }
    expect(api.requests).toEqual([]);
  });
});

describe.concurrent("iterateDnsZones", () => {
  test("follows the cursors over every page, passing the query on", async ({ api }) => {
    api.script([
      { json: page([EXAMPLE, NEAR_MISSES[0]], "c2") },
      { json: page([NEAR_MISSES[1]], "c3") },
      { json: page([NEAR_MISSES[2]], null) },
    ]);
    const names: string[] = [];
    for await (const z of clientAt(api).iterateDnsZones({ limit: 2 })) names.push(z.name);

    expect(names).toEqual(["example.com", "example.com.au", "sub.example.com", "myexample.com"]);
    expect(api.requests.map((r) => r.query)).toEqual([{ limit: "2" }, { limit: "2", cursor: "c2" }, { limit: "2", cursor: "c3" }]);
    expect(api.unscripted).toBe(0);
  });

  test("maxItems stops early; a repeated cursor stops with a HostupError naming iterateDnsZones", async ({ api }) => {
    api.handle(() => ({ json: page([EXAMPLE], "same") }));
    const taken: string[] = [];
    for await (const z of clientAt(api).iterateDnsZones({}, { maxItems: 1 })) taken.push(z.id);
    expect(taken).toEqual([EXAMPLE.id]);

    const error = await rejectionOf(
      (async () => {
        for await (const _ of clientAt(api).iterateDnsZones()) {
          // reading every page
        }
      })(),
    );
    expect(error).toBeInstanceOf(HostupError);
    expect(error.message).toMatch(/^iterateDnsZones: the API returned the cursor "same" twice/);
  });
});

describe.concurrent("findDnsZoneFor", () => {
  const account = [EXAMPLE, zone(5, "shop.example.com"), ...NEAR_MISSES.filter((z) => z.name !== "sub.example.com")];
  // The account's zones, two to a page, so the lookup must read every page to find the longest suffix.
  const listing = (api: Parameters<typeof clientAt>[0], zones = account) =>
    api.handle((request) => {
      const at = Number(request.query.cursor ?? 0);
      return { json: page(zones.slice(at, at + 2), at + 2 < zones.length ? String(at + 2) : null) };
    });

  test("the longest zone suffix wins, and the name comes back relative to it; one listing of the zones, no lookup per suffix", async ({
    api,
  }) => {
    listing(api);
    expect(await clientAt(api).findDnsZoneFor("_acme-challenge.www.example.com.")).toEqual({
      zone: EXAMPLE,
      recordName: "_acme-challenge.www",
    });
    expect(api.requests.map((r) => r.query)).toEqual([{ limit: "1000" }, { limit: "1000", cursor: "2" }]);

    expect(await clientAt(api).findDnsZoneFor("_acme-challenge.Shop.Example.com")).toEqual({
      zone: account[1],
      recordName: "_acme-challenge",
    });
  });

  test("with one page of zones, one request", async ({ api }) => {
    api.handle(() => ({ json: page([EXAMPLE], null) }));
    expect(await clientAt(api).findDnsZoneFor("_acme-challenge.www.example.com")).toEqual({
      zone: EXAMPLE,
      recordName: "_acme-challenge.www",
    });
    expect(api.requests).toHaveLength(1);
  });

  test("the zone's own name is its apex, `@`; Unicode and punycode names are one name", async ({ api }) => {
    const idn = zone(6, "xn--rksmrgs-5wao1o.se");
    listing(api, [EXAMPLE, idn]);
    expect(await clientAt(api).findDnsZoneFor("example.com")).toEqual({ zone: EXAMPLE, recordName: "@" });
    expect(await clientAt(api).findDnsZoneFor("_dmarc.Räksmörgås.se")).toEqual({ zone: idn, recordName: "_dmarc" });
  });

  test("numeric labels are labels: 2.example.com is in example.com", async ({ api }) => {
    listing(api);
    expect(await clientAt(api).findDnsZoneFor("1.2.example.com")).toEqual({ zone: EXAMPLE, recordName: "1.2" });
  });

  test("in no zone of the account: a HostupError naming the name", async ({ api }) => {
    listing(api);
    const error = await rejectionOf(clientAt(api).findDnsZoneFor("_acme-challenge.example.org"));
    expect(error).toBeInstanceOf(HostupError);
    expect(error).not.toBeInstanceOf(HostupValidationError);
    expect(error.message).toContain('"_acme-challenge.example.org"');
  });

  test("not a full DNS name, or over RFC 1035's limits → HostupValidationError, nothing sent", async ({ api }) => {
    for (const name of ["", "com", "exa mple.com", "@", "example.com/x", 7, `${"a".repeat(64)}.example.com`, `${"abc.".repeat(70)}com`]) {
      expect(await rejectionOf(clientAt(api).findDnsZoneFor(name as never))).toBeInstanceOf(HostupValidationError);
    }
    const long = await rejectionOf(clientAt(api).findDnsZoneFor(`${"x".repeat(100_000)}.com`));
    expect(long.message.length).toBeLessThan(400);
    expect(api.requests).toEqual([]);
  });
});
