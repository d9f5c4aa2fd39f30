// `hostup dns …` against the Prism mock: each command's table and --json, and the arguments refused
// before anything is sent. The workflows (state kept between commands, lost answers) are in
// dns-workflows.test.ts, against @hostup/mock's startZoneServer.
import { describe, expect, test } from "vitest";
import { toMock, withLocalApi } from "./local-api.js";
import { hostup } from "./run.js";

const ZONE = "zone_01hxa3b4c5d6e7f8g9h0j1k2m3";
const RECORDS = `/api/v2/dns-zones/${ZONE}/records`;
const ACME = "gfj9Xq-Mh2uVuE7oZ8nJxY3fCk1aLw0sTqRbPdV4eHs";
const LOOKUP = { method: "GET", path: "/api/v2/dns-zones?name=example.com" };

describe("dns zones and records", () => {
  test("zones prints a table, --json the zones", async () => {
    const run = await hostup(["dns", "zones"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^ID\s+NAME\s+STATUS\s+KIND\s+RECORDS$/);
    expect(run.stdout).toMatch(new RegExp(`${ZONE}\\s+example\\.com\\s+active\\s+linked\\s+12`));
    const json = await hostup(["dns", "zones", "--name", "example.com.", "--json"]);
    expect(JSON.parse(json.stdout)).toStrictEqual([
      { id: ZONE, name: "example.com", zoneStatus: "active", isDnsOnly: false, kind: "linked", recordCount: 12 },
    ]);
  });

  test("records shows names relative to the zone and TXT values unquoted; --json the records as the API sent them", async () => {
    const run = await hostup(["dns", "records", "example.com"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^ID\s+TYPE\s+NAME\s+VALUE\s+TTL\s+PRIORITY\s+STATUS$/);
    expect(run.stdout).toMatch(new RegExp(`drr_01hxa3b4c5d6e7f8g9h0j1k2m6\\s+TXT\\s+_acme-challenge\\s+${ACME}\\s+60\\s+-\\s+active`));
    const json = await hostup(["dns", "records", ZONE, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject([{ name: "_acme-challenge.example.com", value: `"${ACME}"` }]);
  });

  test("records --type/--name filter through the API (a name with a trailing dot sent without it)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const run = await hostup(["dns", "records", "example.com.", "--type", "txt", "--name", "_acme-challenge.example.com."], env);
      expect(run.code).toBe(0);
      expect(api.requests).toEqual([LOOKUP, { method: "GET", path: `${RECORDS}?type=TXT&name=_acme-challenge.example.com` }]);
    });
  });
});

describe("dns add, set and rm", () => {
  test("add says exists when the value is there (no create), created otherwise; --json { created, record }", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const exists = await hostup(["dns", "add", "example.com", "TXT", "_acme-challenge", ACME], env);
      expect(exists.code).toBe(0);
      expect(exists.stdout.trim()).toBe(`exists drr_01hxa3b4c5d6e7f8g9h0j1k2m6: TXT _acme-challenge.example.com "${ACME}" (ttl 60)`);
      expect(api.requests.map((r) => r.method)).toEqual(["GET", "GET"]);
      const created = await hostup(["dns", "add", ZONE, "TXT", "_acme-challenge", "another-token", "--ttl", "60", "--json"], env);
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({
        created: true,
        record: { id: "drr_01hxa3b4c5d6e7f8g9h0j1k2m6", status: "pending" },
      });
      expect(api.requests.slice(2)).toEqual([
        { method: "GET", path: `${RECORDS}?type=TXT&name=_acme-challenge` },
        { method: "POST", path: RECORDS },
      ]);
    });
  });

  test("add of a value that is there with another TTL keeps it and says so", async () => {
    const run = await hostup(["dns", "add", ZONE, "txt", "_acme-challenge.example.com", ACME, "--ttl", "300"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(ttl 60) (ttl 60 kept: use dns set)");
  });

  test("set by ID reads the zone and replaces the record (what is not changed sent as it was)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const run = await hostup(
        ["dns", "set", "example.com", "drr_01hxa3b4c5d6e7f8g9h0j1k2m3", "--value", "203.0.113.20", "--ttl", "3600"],
        env,
      );
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe('updated drr_01hxa3b4c5d6e7f8g9h0j1k2m3: A example.com "203.0.113.20" (ttl 3600)');
      expect(api.requests).toEqual([
        LOOKUP,
        { method: "GET", path: `/api/v2/dns-zones/${ZONE}` },
        { method: "PUT", path: `${RECORDS}/drr_01hxa3b4c5d6e7f8g9h0j1k2m3` },
      ]);
    });
    const json = await hostup(["dns", "set", ZONE, "TXT", "_acme-challenge", ACME, "--ttl", "120", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: "drr_01hxa3b4c5d6e7f8g9h0j1k2m3", type: "A" }); // Prism's example answer
  });

  test("set of a record ID the zone does not have is a usage error naming it (no PUT)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["dns", "set", ZONE, "drr_nothere", "--ttl", "60"], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`No record drr_nothere in the zone ${ZONE}`);
      expect(api.requests).toEqual([{ method: "GET", path: `/api/v2/dns-zones/${ZONE}` }]);
    });
  });

  test("rm by ID and by type, name and value print how many were deleted; --json { deleted }", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const byId = await hostup(["dns", "rm", ZONE, "drr_01hxa3b4c5d6e7f8g9h0j1k2m3"], env);
      expect(byId.code).toBe(0);
      expect(byId.stdout.trim()).toBe("deleted 1 record");
      const byValue = await hostup(["dns", "rm", "example.com", "TXT", "_acme-challenge", ACME, "--json"], env);
      expect(byValue.code).toBe(0);
      expect(JSON.parse(byValue.stdout)).toEqual({ deleted: 1 });
      const other = await hostup(["dns", "rm", ZONE, "TXT", "_acme-challenge", "not-this-one"], env);
      expect(other.stdout.trim()).toBe("deleted 0 records (none matched: nothing to do)");
      expect(api.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
        `${RECORDS}/drr_01hxa3b4c5d6e7f8g9h0j1k2m3`,
        `${RECORDS}/drr_01hxa3b4c5d6e7f8g9h0j1k2m6`,
      ]);
    });
  });
});

describe("arguments refused before anything is sent (exit 2)", () => {
  test.each([
    [["dns", "add", ZONE, "SPF", "@", "v=spf1 -all"], "an SPF policy is a TXT record"],
    [["dns", "add", ZONE, "TXTX", "@", "v"], 'Unknown record type "TXTX": pass one of A, AAAA, CNAME, ALIAS, MX, TXT, NS, SRV, CAA, TLSA.'],
    [["dns", "records", ZONE, "--type", "SOA"], 'Unknown record type "SOA"'],
    [["dns", "add", ZONE, "TXT", "@", "v", "--ttl", "0"], "--ttl must be a whole number from 1 to 2147483647."],
    [["dns", "add", ZONE, "TXT", "@", "v", "--ttl", "5m"], "--ttl must be a whole number from 1 to 2147483647."],
    [["dns", "add", ZONE, "MX", "@", "mail.example.com", "--priority", "65536"], "--priority must be a whole number from 0 to 65535."],
    [["dns", "add", ZONE, "TXT", "@", " "], "must not be empty"],
    [["dns", "set", ZONE, "drr_1"], "Nothing to change: pass --value, --ttl, --priority, --weight or --port."],
    [["dns", "set", ZONE, "drr_1", "--port", "70000"], "--port must be a whole number from 0 to 65535."],
    [
      ["dns", "set", ZONE, "TXT", "_acme-challenge", "--ttl", "60"],
      "Pass dns set <zone> <drr_ID>, or dns set <zone> <type> <name> <value>.",
    ],
    [["dns", "set", ZONE, "www", "--ttl", "60"], '"www" is not a record ID (drr_…)'],
    [["dns", "rm", ZONE, "TXT", "_acme-challenge"], "Refusing to delete every TXT record named _acme-challenge without --all."],
    [["dns", "rm", ZONE, "TXT", "_acme-challenge", "v", "--all"], "pass the value or --all, not both"],
    [["dns", "rm", ZONE, "TXT", "a", "b", "c"], "got 4 arguments"],
    [["dns", "rm", ZONE], "missing required argument 'record'"],
  ])("hostup %j", async (args, message) => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(args, { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(api.requests).toEqual([]);
    });
  });

  test("a malformed zone ID is refused by the SDK before sending", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["dns", "records", "zone_bad/../x"], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("is not a valid DnsZoneId");
      expect(api.requests).toEqual([]);
    });
  });
});
