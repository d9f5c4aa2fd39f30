// The DNS tools against the zone server (a stateful local API that answers as the live one does):
// records listed in the zone's terms, ensure exactly once (also after a lost answer), update and
// remove, and a zone changed through plan and apply with a planHash that must still be current.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { planHash } from "../src/index.js";
import { API_KEY, connect, type Connected, textOf } from "./support.js";

let api: ZoneServer;
let mcp: Connected;
let zoneId: string;
beforeEach(async () => {
  api = await startZoneServer();
  zoneId = api.addZone("example.com", [
    { type: "A", name: "www", value: "192.0.2.1", ttl: 300 },
    { type: "TXT", name: "@", value: '"v=spf1 -all"', ttl: 300 },
    { type: "MX", name: "@", value: "mail.example.com", priority: 10, ttl: 300 },
  ]);
  mcp = await connect(api.url);
});
afterEach(async () => {
  await mcp.close();
  await api.close();
});

const customer = (type: string, name?: string) => api.records("example.com", { type, ...(name && { name }) });
const writes = () => api.calls().filter((call) => !call.startsWith("GET"));

describe("list_dns_records", () => {
  test("names relative to the zone, TXT unquoted, filters by type and name, by zone name or ID", async () => {
    const all = await mcp.call("list_dns_records", { zone: "example.com" });
    expect(all.isError).toBeFalsy();
    const records = (all.structuredContent as { records: Array<{ type: string; name: string; value: string }> }).records;
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "A", name: "www", value: "192.0.2.1" }),
        expect.objectContaining({ type: "TXT", name: "@", value: "v=spf1 -all" }),
      ]),
    );
    const txt = await mcp.call("list_dns_records", { zone: zoneId, type: "TXT" });
    expect((txt.structuredContent as { records: unknown[] }).records).toHaveLength(1);
    expect(textOf(txt)).toContain('TXT @ "v=spf1 -all"');
    for (const name of ["www", "WWW", "www.example.com", "www.example.com."]) {
      const byName = await mcp.call("list_dns_records", { zone: "example.com", name });
      expect(
        (byName.structuredContent as { records: Array<{ name: string }> }).records.map((r) => r.name),
        name,
      ).toEqual(["www"]);
    }
  });

  test("a zone the account does not have is an error result naming it, with no structured content", async () => {
    const result = await mcp.call("list_dns_records", { zone: "example.org" });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toContain("example.org");
  });
});

describe("ensure_dns_record", () => {
  const dkim = { zone: "example.com", type: "TXT", name: "sel._domainkey", value: "v=DKIM1; k=rsa; p=MIGf", ttl: 3600 };

  test("twice: one record, created then already there; the second call writes nothing", async () => {
    const first = await mcp.call("ensure_dns_record", dkim);
    expect(first.structuredContent).toMatchObject({ created: true, record: { type: "TXT", name: "sel._domainkey", value: dkim.value } });
    const before = writes().length;
    const second = await mcp.call("ensure_dns_record", dkim);
    expect(second.structuredContent).toMatchObject({ created: false });
    expect(writes()).toHaveLength(before);
    expect(customer("TXT", "sel._domainkey.example.com")).toHaveLength(1);
  });

  test("a create whose answer is lost (applied, answered after the timeout) still leaves one record", async () => {
    await mcp.close();
    mcp = await connect(api.url, {}, { timeoutMs: 300 });
    api.inject("createDnsRecord", { apply: true, delayMs: 1_000 });
    const result = await mcp.call("ensure_dns_record", dkim);
    expect(result.isError).toBeFalsy();
    expect(customer("TXT", "sel._domainkey.example.com")).toHaveLength(1);
  });

  test("by zone_ ID: the zone's name is read once, and the record shown relative to it", async () => {
    const result = await mcp.call("ensure_dns_record", { ...dkim, zone: zoneId });
    expect(result.structuredContent).toMatchObject({ zone: { id: zoneId, name: "example.com" }, record: { name: "sel._domainkey" } });
    expect(textOf(result)).toContain("in example.com");
  });

  test("what HostUp would refuse is refused before sending (a CNAME at the apex), and bad arguments by the schema", async () => {
    const cname = await mcp.call("ensure_dns_record", { zone: "example.com", type: "CNAME", name: "@", value: "other.example.net" });
    expect(cname.isError).toBe(true);
    expect(textOf(cname)).toMatch(/^Refused before sending/);
    const ttl = await mcp.call("ensure_dns_record", { ...dkim, ttl: 5 });
    expect(ttl.isError).toBe(true);
    expect(textOf(ttl)).toContain("/ttl must be >= 60");
    const typo = await mcp.call("ensure_dns_record", { ...dkim, valeu: "x" });
    expect(textOf(typo)).toContain("must NOT have additional properties: valeu");
    expect(writes()).toEqual([]);
  });
});

describe("update_dns_record and remove_dns_record", () => {
  test("update by type, name and current value changes only the fields given", async () => {
    const result = await mcp.call("update_dns_record", {
      zone: "example.com",
      type: "A",
      name: "www",
      currentValue: "192.0.2.1",
      value: "192.0.2.9",
    });
    expect(result.structuredContent).toMatchObject({ before: { value: "192.0.2.1" }, record: { value: "192.0.2.9", ttl: 300 } });
    expect(customer("A", "www.example.com").map((r) => r.value)).toEqual(["192.0.2.9"]);
  });

  test("update finds a record given by its full name; without a name it refuses rather than guess the apex", async () => {
    const full = await mcp.call("update_dns_record", {
      zone: "example.com",
      type: "A",
      name: "www.example.com",
      currentValue: "192.0.2.1",
      ttl: 600,
    });
    expect(full.structuredContent).toMatchObject({ record: { name: "www", value: "192.0.2.1", ttl: 600 } });
    const nameless = await mcp.call("update_dns_record", {
      zone: "example.com",
      type: "TXT",
      currentValue: "v=spf1 -all",
      value: "v=spf1 ~all",
    });
    expect(textOf(nameless)).toContain("give the record's id, or its type, name and currentValue");
    expect(customer("TXT").map((r) => r.value)).toEqual(['"v=spf1 -all"']);
  });

  test("update of a record that is not there, or without a way to find it, is refused with the next step", async () => {
    const missing = await mcp.call("update_dns_record", {
      zone: "example.com",
      type: "A",
      name: "www",
      currentValue: "198.51.100.1",
      value: "192.0.2.9",
    });
    expect(textOf(missing)).toMatch(/no record matches\.\nNext: list_dns_records/);
    const vague = await mcp.call("update_dns_record", { zone: "example.com", value: "192.0.2.9" });
    expect(textOf(vague)).toContain("give the record's id");
    expect(writes()).toEqual([]);
  });

  test("remove deletes that value only; again, nothing more; a remove without value or all is refused", async () => {
    api.seed("example.com", { type: "A", name: "www", value: "192.0.2.2" });
    expect(
      (await mcp.call("remove_dns_record", { zone: "example.com", type: "A", name: "www", value: "192.0.2.2" })).structuredContent,
    ).toMatchObject({ deleted: 1 });
    expect(customer("A", "www.example.com").map((r) => r.value)).toEqual(["192.0.2.1"]);
    expect(
      (await mcp.call("remove_dns_record", { zone: "example.com", type: "A", name: "www", value: "192.0.2.2" })).structuredContent,
    ).toMatchObject({ deleted: 0 });
    const bare = await mcp.call("remove_dns_record", { zone: "example.com", type: "A", name: "www" });
    expect(textOf(bare)).toContain("all: true");
    const both = await mcp.call("remove_dns_record", { zone: "example.com", type: "A", name: "www", value: "192.0.2.1", all: true });
    expect(textOf(both)).toContain("not both");
    expect(customer("A", "www.example.com")).toHaveLength(1);
  });
});

describe("export, plan and apply", () => {
  const file = (extra: string) =>
    `'':\n  - type: MX\n    ttl: 300\n    value:\n      exchange: mail.example.com.\n      preference: 10\n  - type: TXT\n    ttl: 300\n    value: v=spf1 -all\nwww:\n  type: A\n  ttl: 300\n  value: 192.0.2.1\n${extra}`;

  test("export gives a file that plans as in sync", async () => {
    const exported = await mcp.call("export_zone", { zone: "example.com" });
    const content = (exported.structuredContent as { content: string }).content;
    expect(content).toContain("192.0.2.1");
    const plan = await mcp.call("plan_zone", { zone: "example.com", content });
    expect(plan.structuredContent).toMatchObject({ inSync: true, changes: [] });
  });

  test("plan shows the change and writes nothing; apply with its planHash makes it; a stale planHash is refused with the new plan", async () => {
    const content = file("api:\n  type: A\n  ttl: 300\n  value: 192.0.2.7\n");
    const plan = await mcp.call("plan_zone", { zone: "example.com", content });
    const { planHash: hash, changes } = plan.structuredContent as { planHash: string; changes: Array<{ action: string; name: string }> };
    expect(changes).toEqual([expect.objectContaining({ action: "create", name: "api" })]);
    expect(writes()).toEqual([]);

    // The zone changes between the plan and the apply: the shown plan is no longer what would happen.
    api.seed("example.com", { type: "A", name: "api", value: "192.0.2.8", ttl: 300 });
    const stale = await mcp.call("apply_zone", { zone: "example.com", content, planHash: hash });
    const fresh = stale.structuredContent as { applied: boolean; planHash: string; changes: Array<{ action: string }> };
    expect(fresh.applied).toBe(false);
    expect(fresh.planHash).not.toBe(hash);
    expect(fresh.changes.map((c) => c.action)).toEqual(["update"]);
    expect(writes()).toEqual([]);

    const applied = await mcp.call("apply_zone", { zone: "example.com", content, planHash: fresh.planHash });
    expect(applied.structuredContent).toMatchObject({ applied: true, written: 1 });
    expect(customer("A", "api.example.com").map((r) => r.value)).toEqual(["192.0.2.7"]);
    expect((await mcp.call("plan_zone", { zone: "example.com", content })).structuredContent).toMatchObject({ inSync: true });
  });

  test("a plan apply_zone would refuse (over 30 % of a zone of 10 or more changed) says so with the plan", async () => {
    for (let i = 0; i < 10; i++) api.seed("example.com", { type: "A", name: `h${i}`, value: `192.0.2.${i + 10}`, ttl: 300 });
    const plan = await mcp.call("plan_zone", { zone: "example.com", content: file(""), prune: true });
    const data = plan.structuredContent as { warning?: string; changes: unknown[]; planHash: string };
    expect(data.changes).toHaveLength(10);
    expect(data.warning).toMatch(/30/);
    expect(textOf(plan)).toContain("Warning: apply_zone would refuse it");
    const refused = await mcp.call("apply_zone", { zone: "example.com", content: file(""), prune: true, planHash: data.planHash });
    expect(refused.isError).toBe(true);
    expect(writes()).toEqual([]);
  });

  test("a bad zone file is an error listing its problems by line", async () => {
    const result = await mcp.call("plan_zone", {
      zone: "example.com",
      content: "$ORIGIN example.com.\nwww 300 IN A 999.1.1.1\n",
      format: "bind",
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/line 2: .*999\.1\.1\.1/);
    const many = Array.from({ length: 30 }, (_, i) => `h${i} 300 IN A 999.1.1.${i}`).join("\n");
    const long = textOf(await mcp.call("plan_zone", { zone: "example.com", content: `$ORIGIN example.com.\n${many}\n`, format: "bind" }));
    expect(long.split("\n").filter((line) => line.startsWith("  line "))).toHaveLength(20);
    expect(long).toContain("… and 10 more");
  });

  test("the same file against the same zone plans with the same planHash; another file, another", async () => {
    const hashOf = async (content: string) =>
      ((await mcp.call("plan_zone", { zone: "example.com", content })).structuredContent as { planHash: string }).planHash;
    const one = file("api:\n  type: A\n  ttl: 300\n  value: 192.0.2.7\n");
    expect(await hashOf(one)).toBe(await hashOf(one));
    expect(await hashOf(one)).not.toBe(await hashOf(file("api:\n  type: A\n  ttl: 300\n  value: 192.0.2.70\n")));
    expect(await hashOf(one)).toMatch(/^[0-9a-f]{16}$/);
    expect(planHash).toBeTypeOf("function");
  });
});

test("requests per tool call: as few as the job allows (the API is rate-limited)", async () => {
  const count = async (name: string, args: Record<string, unknown>) => {
    const before = api.calls().length;
    const result = await mcp.call(name, args);
    expect(result.isError, textOf(result)).toBeFalsy();
    return api.calls().slice(before);
  };
  expect(await count("list_dns_records", { zone: zoneId })).toEqual(["GET listDnsZoneRecords"]);
  expect(await count("list_dns_records", { zone: "example.com" })).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);
  const txt = { zone: "example.com", type: "TXT", name: "_acme-challenge", value: "token-1" };
  expect(await count("ensure_dns_record", txt)).toEqual(["GET listDnsZones", "GET listDnsZoneRecords", "POST createDnsRecord"]);
  expect(await count("ensure_dns_record", txt)).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);
  expect(await count("plan_zone", { zone: zoneId, content: "www:\n  type: A\n  value: 192.0.2.1\n" })).toEqual(["GET listDnsZoneRecords"]);
});

test("no result or error shows the API key", async () => {
  const results = [
    await mcp.call("list_dns_records", { zone: "example.com" }),
    await mcp.call("list_dns_records", { zone: "nope.example" }),
    await mcp.call("ensure_dns_record", { zone: "example.com", type: "CNAME", name: "@", value: "x.example.net" }),
  ];
  for (const result of results) expect(JSON.stringify(result)).not.toContain(API_KEY);
});
