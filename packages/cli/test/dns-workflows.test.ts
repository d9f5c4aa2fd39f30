// `hostup dns …` against a zone that keeps its state between commands (@hostup/mock's startZoneServer):
// exactly-once adds, also when a create's answer is lost; removes that delete only what matches.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { hostup } from "./run.js";
import { startZoneServer, type ZoneServer } from "@hostup/mock";

let api: ZoneServer;
let zoneId: string;
let run: (...args: string[]) => ReturnType<typeof hostup>;

beforeEach(async () => {
  api = await startZoneServer();
  zoneId = api.addZone("example.com", [
    { type: "A", name: "@", value: "203.0.113.10" },
    { type: "MX", name: "@", value: "mail.example.com", priority: 10 },
    { type: "TXT", name: "_dmarc", value: "v=DMARC1; p=none" },
  ]);
  api.addZone("example.org");
  run = (...args) => hostup(args, { HOSTUP_BASE_URL: api.url });
});
afterEach(() => api.close());

const challenges = () => api.records("example.com", { type: "TXT", name: "_acme-challenge.www" });

describe("dns records", () => {
  test("lists every record of the zone, SOA and apex NS included, names relative and TXT unquoted", async () => {
    const listed = await run("dns", "records", "example.com");
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trim().split("\n").slice(1);
    expect(rows.map((row) => row.split(/\s{2,}/).slice(1, 4))).toEqual([
      ["SOA", "@", "ns1.hostup.se. hostmaster.hostup.se. 2026120101 3600 600 1209600 300"],
      ["NS", "@", "ns1.hostup.se"],
      ["NS", "@", "ns2.hostup.se"],
      ["A", "@", "203.0.113.10"],
      ["MX", "@", "mail.example.com"],
      ["TXT", "_dmarc", "v=DMARC1; p=none"],
    ]);
    const json = await run("--json", "dns", "records", zoneId, "--name", "_dmarc");
    expect(JSON.parse(json.stdout)).toMatchObject([{ type: "TXT", name: "_dmarc.example.com", value: '"v=DMARC1; p=none"' }]);
  });

  test("a zone name the account does not have is a usage error naming it (after the lookup only)", async () => {
    const missing = await run("dns", "records", "nope.example.net");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No DNS zone named "nope.example.net" on this account');
    expect(api.calls()).toEqual(["GET listDnsZones"]);
  });
});

describe("dns add", () => {
  test("creates once; a second add says exists and sends no second create", async () => {
    const first = await run("dns", "add", "example.com", "TXT", "_acme-challenge.www", "token-1", "--ttl", "60");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^created drr_\w+: TXT _acme-challenge\.www\.example\.com "token-1" \(ttl 60\)$/m);
    const again = await run("dns", "add", "example.com.", "txt", "_acme-challenge.www.example.com.", "token-1");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^exists drr_\w+: TXT _acme-challenge\.www\.example\.com "token-1"/m);
    expect(api.calls().filter((call) => call === "POST createDnsRecord")).toHaveLength(1);
    // the create went out relative and unquoted; the zone answers with the full name and the value quoted
    expect(api.requests.find((r) => r.operation === "createDnsRecord")?.body).toEqual({
      type: "TXT",
      name: "_acme-challenge.www",
      value: "token-1",
      ttl: 60,
    });
    expect(challenges()).toMatchObject([{ name: "_acme-challenge.www.example.com", value: '"token-1"', ttl: 60 }]);
  });

  test("an SRV record takes --priority, --weight and --port, sent with the create", async () => {
    const added = await run(
      "dns",
      "add",
      "example.com",
      "SRV",
      "_sip._tcp",
      "sip.example.com",
      "--priority",
      "10",
      "--weight",
      "5",
      "--port",
      "5060",
    );
    expect(added.code).toBe(0);
    expect(api.requests.find((r) => r.operation === "createDnsRecord")?.body).toEqual({
      type: "SRV",
      name: "_sip._tcp",
      value: "sip.example.com",
      priority: 10,
      weight: 5,
      port: 5060,
    });
    expect(api.records("example.com", { type: "SRV" })).toMatchObject([{ priority: 10, weight: 5, port: 5060 }]);
  });

  test("a create answered after --timeout leaves exactly one record (the add reads again instead of repeating it)", async () => {
    api.inject("createDnsRecord", { apply: true, delayMs: 3000 });
    const added = await run("--timeout", "500", "dns", "add", "example.com", "TXT", "_acme-challenge.www", "token-2");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^created drr_/);
    expect(api.calls()).toEqual(["GET listDnsZones", "GET listDnsZoneRecords", "POST createDnsRecord", "GET listDnsZoneRecords"]);
    expect(challenges()).toHaveLength(1);
  });

  test("a connection dropped after the create was applied leaves exactly one record", async () => {
    api.inject("createDnsRecord", { apply: true, drop: true });
    const added = await run("dns", "add", zoneId, "TXT", "_acme-challenge.www", "token-3", "--json");
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ created: true, record: { name: "_acme-challenge.www.example.com" } });
    expect(api.calls().filter((call) => call === "POST createDnsRecord")).toHaveLength(1);
    expect(challenges()).toHaveLength(1);
  });

  test("a create lost before it was applied is tried once more, then fails as a network error (exit 4)", async () => {
    api.inject("createDnsRecord", { apply: false, drop: true });
    api.inject("createDnsRecord", { apply: false, drop: true });
    const added = await run("dns", "add", zoneId, "TXT", "_acme-challenge.www", "token-4");
    expect(added.code).toBe(4);
    expect(api.calls().filter((call) => call === "POST createDnsRecord")).toHaveLength(2);
    expect(challenges()).toEqual([]);
  });
});

describe("dns rm", () => {
  beforeEach(() => {
    api.seed("example.com", { type: "TXT", name: "_acme-challenge.www", value: "token-a" });
    api.seed("example.com", { type: "TXT", name: "_acme-challenge.www", value: "token-b" });
  });

  test("by value removes only the record with that value when two TXT values share a name", async () => {
    const removed = await run("dns", "rm", "example.com", "TXT", "_acme-challenge.www", "token-a");
    expect(removed.code).toBe(0);
    expect(removed.stdout.trim()).toBe("deleted 1 record");
    expect(challenges().map((r) => r.value)).toEqual(['"token-b"']);
  });

  test("an absent record is not an error: exit 0, deleted 0 (by value and by ID)", async () => {
    const byValue = await run("dns", "rm", "example.com", "TXT", "_acme-challenge.www", "token-z", "--json");
    expect(byValue.code).toBe(0);
    expect(JSON.parse(byValue.stdout)).toEqual({ deleted: 0 });
    const [gone] = challenges();
    expect((await run("dns", "rm", zoneId, gone!.id)).stdout.trim()).toBe("deleted 1 record");
    const again = await run("dns", "rm", zoneId, gone!.id);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe("deleted 0 records (none matched: nothing to do)");
    expect(api.calls().filter((call) => call.startsWith("DELETE"))).toHaveLength(2);
  });

  test("a zone_ ID that does not exist is an API error (exit 3), not a record already gone", async () => {
    const removed = await run("dns", "rm", "zone_nothere", "drr_00000001t");
    expect(removed.code).toBe(3);
    expect(removed.stderr).toContain("Error: HTTP 404 not_found: No DNS zone zone_nothere.");
    expect(api.calls()).toEqual(["DELETE deleteDnsRecord", "GET getDnsZone"]);
  });

  test("by type and name: refused without --all (nothing sent), every value with it", async () => {
    const refused = await run("dns", "rm", "example.com", "TXT", "_acme-challenge.www");
    expect(refused.code).toBe(2);
    expect(api.requests).toEqual([]);
    const all = await run("dns", "rm", "example.com", "TXT", "_acme-challenge.www", "--all");
    expect(all.stdout.trim()).toBe("deleted 2 records");
    expect(challenges()).toEqual([]);
    expect(api.records("example.com", { type: "TXT" })).toHaveLength(1); // _dmarc is still there
  });
});

describe("dns set", () => {
  test("by type, name and value: changes that record, keeping what was not given (the MX priority)", async () => {
    const ttl = await run("dns", "set", "example.com", "MX", "@", "mail.example.com.", "--ttl", "600");
    expect(ttl.code).toBe(0);
    expect(api.requests.find((r) => r.operation === "updateDnsRecord")?.body).toEqual({
      type: "MX",
      name: "@",
      value: "mail.example.com",
      ttl: 600,
      priority: 10,
    });
    const txt = await run("dns", "set", "example.com", "TXT", "_dmarc", "v=DMARC1; p=none", "--value", "v=DMARC1; p=reject");
    expect(txt.code).toBe(0);
    expect(txt.stdout).toMatch(/^updated drr_\w+: TXT _dmarc\.example\.com "v=DMARC1; p=reject" \(ttl 3600\)$/m);
    expect(api.records("example.com", { type: "TXT", name: "_dmarc" })).toMatchObject([{ value: '"v=DMARC1; p=reject"', ttl: 3600 }]);
    expect(api.records("example.com", { type: "MX" })).toMatchObject([{ ttl: 600, priority: 10 }]);
  });

  test("by type, name and value with no match or two matches is a usage error saying how many (no update sent)", async () => {
    const none = await run("dns", "set", "example.com", "TXT", "_dmarc", "v=DMARC1; p=quarantine", "--ttl", "60");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No record matches TXT _dmarc "v=DMARC1; p=quarantine" in example.com');
    api.seed("example.com", { type: "TXT", name: "_dmarc", value: '"v=DMARC1; p=none"' }); // the same value again
    const two = await run("dns", "set", "example.com", "TXT", "_dmarc", "v=DMARC1; p=none", "--ttl", "60");
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("2 records match TXT _dmarc");
    expect(two.stderr).toContain("pass one record's drr_ ID");
    expect(api.calls().filter((call) => call.startsWith("PUT"))).toEqual([]);
  });

  test("refused before sending (exit 2), by the API (exit 3, with the field pointer), or retried after a 5xx (a PUT may be repeated)", async () => {
    const empty = await run("dns", "set", "example.com", "A", "@", "203.0.113.10", "--value", "");
    expect(empty.code).toBe(2);
    const [soa] = api.records("example.com", { type: "SOA" });
    const system = await run("dns", "set", zoneId, soa!.id, "--ttl", "60");
    expect(system.code).toBe(2); // SOA is not a type the update takes: the SDK refuses the body
    expect(api.calls().filter((call) => call.startsWith("PUT"))).toEqual([]);
    // What HostUp refuses in the record itself is known before sending (@hostup/dns's rules)…
    const quotes = await run("dns", "set", zoneId, "TXT", "_dmarc", "v=DMARC1; p=none", "--value", 'v=DMARC1; p="none');
    expect(quotes.code).toBe(2);
    expect(quotes.stderr).toContain("HostUp would refuse this change (the value):");
    expect(quotes.stderr).toContain("mismatched TXT quotes");
    const ip = await run("dns", "set", zoneId, "A", "@", "203.0.113.10", "--value", "203.0.113.300");
    expect(ip.code).toBe(2);
    expect(ip.stderr).toContain('"203.0.113.300" is not an IPv4 address');
    expect(api.calls().filter((call) => call.startsWith("PUT"))).toEqual([]);
    // …what depends on the rest of the zone is the API's to refuse: exit 3.
    api.seed("example.com", { type: "A", name: "@", value: "203.0.113.12" });
    const duplicate = await run("dns", "set", zoneId, "A", "@", "203.0.113.10", "--value", "203.0.113.12");
    expect(duplicate.code).toBe(3);
    expect(duplicate.stderr).toContain("Error: HTTP 400 duplicate_record:");
    api.inject("updateDnsRecord", { apply: false, status: 500 });
    const retried = await run("dns", "set", zoneId, "A", "@", "203.0.113.10", "--value", "203.0.113.11");
    expect(retried.code).toBe(0);
    expect(api.calls().filter((call) => call.startsWith("PUT"))).toHaveLength(3);
    expect(api.records("example.com", { type: "A" })).toMatchObject([{ value: "203.0.113.11" }, { value: "203.0.113.12" }]);
  });
});
