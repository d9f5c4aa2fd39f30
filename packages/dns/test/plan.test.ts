import { describe, expect, test } from "vitest";
import { type Change, liveSets, planZone, readLiveZone, type ZoneFile, zoneFileOf } from "../src/index.js";
import { FakeZone, type Seed, systemRecords } from "./fake-api.js";
import { bind, yaml } from "./helpers.js";

const ZONE = "example.com";
const live = (seeds: Seed[]) => readLiveZone(new FakeZone(ZONE, seeds), "zone-1");
const a = (name: string, value: string, ttl = 300, id?: string): Seed => ({
  type: "A",
  name: name === "@" ? ZONE : `${name}.${ZONE}`,
  value,
  ttl,
  ...(id && { id }),
});
const summary = (changes: Change[]) =>
  changes.map(
    (c) => `${c.action} ${c.type} ${c.name} ${c.before?.value ?? ""}→${c.after?.value ?? ""}${c.reason === "prune" ? " (prune)" : ""}`,
  );

describe("readLiveZone", () => {
  test("names relative, TXT unquoted, SOA and apex NS left out", async () => {
    const zone = await live([
      ...systemRecords(ZONE),
      { type: "TXT", name: ZONE, value: '"v=spf1" " -all"', ttl: 300 },
      { type: "MX", name: ZONE, value: "mail.example.com", priority: 10, ttl: 300 },
      { type: "NS", name: `sub.${ZONE}`, value: "ns1.example.net", ttl: 300 },
      a("www", "192.0.2.1"),
      a("2", "192.0.2.2"),
    ]);
    expect(zone).toMatchObject({ id: "zone-1", name: ZONE });
    expect(zone.sets.map((s) => `${s.name} ${s.type}`)).toEqual(["@ TXT", "@ MX", "sub NS", "www A", "2 A"]);
    expect(zone.sets[0]?.records[0]?.value).toEqual({ value: "v=spf1 -all" });
    expect(zone.sets[1]?.records[0]?.value).toEqual({ value: "mail.example.com", priority: 10 });
  });

  test("liveSets groups one set's records in the API's order", () => {
    const sets = liveSets(
      [
        { id: "1", type: "A", name: "www.example.com", value: "192.0.2.1", ttl: 300 },
        { id: "2", type: "TXT", name: "www.example.com", value: '"x"', ttl: 300 },
        { id: "3", type: "A", name: "WWW.example.com.", value: "192.0.2.2", ttl: 300 },
      ],
      ZONE,
    );
    expect(sets.map((s) => [s.name, s.type, s.records.map((r) => r.id)])).toEqual([
      ["www", "A", ["1", "3"]],
      ["www", "TXT", ["2"]],
    ]);
  });

  test("zoneFileOf: the live zone as a file", async () => {
    const zone = await live([a("www", "192.0.2.1", 600), a("www", "192.0.2.2", 600)]);
    expect(zoneFileOf(zone)).toEqual({
      origin: ZONE,
      sets: [{ name: "www", type: "A", ttl: 600, values: [{ value: "192.0.2.1" }, { value: "192.0.2.2" }] }],
    });
  });
});

describe("planZone", () => {
  test("in sync: nothing to do", async () => {
    const zone = await live([a("www", "192.0.2.1")]);
    const plan = planZone(yaml("www: {type: A, ttl: 300, value: 192.0.2.1}\n"), zone);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.records).toEqual({ before: 1, after: 1, limit: 200 });
    expect(plan).toMatchObject({ zone: ZONE, zoneId: "zone-1" });
  });

  test("creates, updates and deletes within a set: kept values stay, old ones are updated into new ones", async () => {
    const zone = await live([a("www", "192.0.2.1", 300, "k"), a("www", "192.0.2.2", 300, "u"), a("www", "192.0.2.3", 300, "d")]);
    const plan = planZone(yaml("www: {type: A, ttl: 300, values: [192.0.2.1, 192.0.2.4]}\n"), zone);
    expect(plan.changes).toEqual([
      {
        action: "update",
        type: "A",
        name: "www",
        recordId: "u",
        before: { value: "192.0.2.2", ttl: 300 },
        after: { value: "192.0.2.4", ttl: 300 },
        reason: "file",
      },
      { action: "delete", type: "A", name: "www", recordId: "d", before: { value: "192.0.2.3", ttl: 300 }, reason: "file" },
    ]);
    expect(plan.records).toEqual({ before: 3, after: 2, limit: 200 });
  });

  test("new values are created; a new set is created", async () => {
    const zone = await live([a("www", "192.0.2.1")]);
    const plan = planZone(yaml("www: {type: A, ttl: 300, values: [192.0.2.1, 192.0.2.2]}\nftp: {type: A, value: 192.0.2.9}\n"), zone);
    expect(summary(plan.changes)).toEqual(["create A www →192.0.2.2", "create A ftp →192.0.2.9"]);
    expect(plan.changes[0]?.after).toEqual({ value: "192.0.2.2", ttl: 300 });
    // A set without a TTL in the file gets the API's default.
    expect(plan.changes[1]?.after).toEqual({ value: "192.0.2.9" });
    expect(plan.records).toEqual({ before: 1, after: 3, limit: 200 });
  });

  test("a TTL-only change is an update of each record", async () => {
    const zone = await live([a("www", "192.0.2.1", 300, "x"), a("www", "192.0.2.2", 300, "y")]);
    const plan = planZone(yaml("www: {type: A, ttl: 3600, values: [192.0.2.1, 192.0.2.2]}\n"), zone);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        action: "update",
        recordId: "x",
        before: { value: "192.0.2.1", ttl: 300 },
        after: { value: "192.0.2.1", ttl: 3600 },
      }),
      expect.objectContaining({
        action: "update",
        recordId: "y",
        before: { value: "192.0.2.2", ttl: 300 },
        after: { value: "192.0.2.2", ttl: 3600 },
      }),
    ]);
  });

  test("a set without a TTL in the file keeps the live TTL, for changed and new values too", async () => {
    const zone = await live([a("www", "192.0.2.1", 900, "x")]);
    expect(planZone(yaml("www: {type: A, value: 192.0.2.1}\n"), zone).changes).toEqual([]);
    const plan = planZone(yaml("www: {type: A, values: [192.0.2.5, 192.0.2.6]}\n"), zone);
    expect(plan.changes.map((c) => [c.action, c.after])).toEqual([
      ["update", { value: "192.0.2.5", ttl: 900 }],
      ["create", { value: "192.0.2.6", ttl: 900 }],
    ]);
  });

  test("sets the file does not name: unmanaged, or deleted when pruning", async () => {
    const zone = await live([a("www", "192.0.2.1"), { type: "TXT", name: `old.${ZONE}`, value: '"bye"', ttl: 300, id: "old" }]);
    const file = yaml("www: {type: A, ttl: 300, value: 192.0.2.1}\n");
    const kept = planZone(file, zone);
    expect(kept.changes).toEqual([]);
    expect(kept.unmanaged).toEqual([{ type: "TXT", name: "old", values: [{ value: "bye", ttl: 300 }] }]);
    const pruned = planZone(file, zone, { prune: true });
    expect(pruned.changes).toEqual([
      { action: "delete", type: "TXT", name: "old", recordId: "old", before: { value: "bye", ttl: 300 }, reason: "prune" },
    ]);
    expect(pruned.unmanaged).toEqual([]);
    expect(pruned.records).toEqual({ before: 2, after: 1, limit: 200 });
  });

  test("SOA and the apex NS are never pruned nor counted", async () => {
    const zone = await live([...systemRecords(ZONE), a("www", "192.0.2.1")]);
    const plan = planZone(yaml("www: {type: A, ttl: 300, value: 192.0.2.1}\n"), zone, { prune: true });
    expect(plan.changes).toEqual([]);
    expect(plan.records.before).toBe(1);
  });

  test("octoDNS-ignored sets are never pruned", async () => {
    const zone = await live([a("www", "192.0.2.1"), a("ftp", "192.0.2.2")]);
    const file = yaml("www:\n  type: A\n  value: 192.0.2.99\n  octodns: {ignored: true}\nftp: {type: A, ttl: 300, value: 192.0.2.2}\n");
    expect(file.skipped?.map((s) => s.set.name)).toEqual(["www"]);
    const plan = planZone(file, zone, { prune: true });
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((s) => s.name)).toEqual(["www"]);
  });

  test("a file's SOA or apex NS set is not planned", async () => {
    const zone = await live([...systemRecords(ZONE)]);
    const file: ZoneFile = { sets: [{ name: "@", type: "NS", values: [{ value: "ns.example.net" }] }] };
    expect(planZone(file, zone, { prune: true }).changes).toEqual([]);
  });

  test("order: updates, then deletes, then creates (a pruned CNAME is gone before the A on its name)", async () => {
    const zone = await live([
      { type: "CNAME", name: `www.${ZONE}`, value: "example.net", ttl: 300 },
      a("ftp", "192.0.2.1"),
      a("mail", "192.0.2.7"),
      a("mail", "192.0.2.8"),
    ]);
    const file = yaml(
      [
        "www: {type: A, ttl: 300, value: 192.0.2.5}",
        "ftp: {type: A, ttl: 300, value: 192.0.2.2}",
        "mail: {type: A, ttl: 300, value: 192.0.2.7}",
      ].join("\n"),
    );
    const plan = planZone(file, zone, { prune: true });
    expect(summary(plan.changes)).toEqual([
      "update A ftp 192.0.2.1→192.0.2.2",
      "delete A mail 192.0.2.8→",
      "delete CNAME www example.net→ (prune)",
      "create A www →192.0.2.5",
    ]);
  });

  test("the same records in other written forms plan nothing", async () => {
    const dkim = `v=DKIM1; k=rsa; p=${"A".repeat(400)}`;
    const zone = await live([
      { type: "TXT", name: ZONE, value: '"v=spf1 include:_spf.example.com -all"', ttl: 300 },
      { type: "TXT", name: `dkim._domainkey.${ZONE}`, value: `"${dkim.slice(0, 255)}" "${dkim.slice(255)}"`, ttl: 300 },
      { type: "AAAA", name: `www.${ZONE}`, value: "2001:db8::1", ttl: 300 },
      { type: "CNAME", name: `ftp.${ZONE}`, value: "target.example.net", ttl: 300 },
      { type: "MX", name: ZONE, value: "mail.example.com", priority: 10, ttl: 300 },
      { type: "SRV", name: `_sip._tcp.${ZONE}`, value: "sip.example.com", priority: 10, weight: 5, port: 5060, ttl: 300 },
      { type: "CAA", name: ZONE, value: '0 issue "letsencrypt.org"', ttl: 300 },
      { type: "A", name: `xn--smrgs-pra0j.${ZONE}`, value: "192.0.2.1", ttl: 300 },
      { type: "A", name: `2.${ZONE}`, value: "192.0.2.2", ttl: 300 },
    ]);
    const fromYaml = yaml(
      [
        "'':",
        "  - {type: TXT, ttl: 300, value: '\"v=spf1 include:_spf.example.com -all\"'}",
        "  - {type: MX, ttl: 300, value: {exchange: MAIL.example.com., preference: 10}}",
        "  - {type: CAA, ttl: 300, value: {flags: 0, tag: ISSUE, value: letsencrypt.org}}",
        `dkim._domainkey: {type: TXT, ttl: 300, value: '${dkim.replace(/;/g, "\\;")}'}`,
        "www: {type: AAAA, ttl: 300, value: '2001:0DB8:0000:0000:0000:0000:0000:0001'}",
        "ftp: {type: CNAME, ttl: 300, value: Target.Example.NET.}",
        "_sip._tcp: {type: SRV, ttl: 300, value: {priority: 10, weight: 5, port: 5060, target: sip.example.com.}}",
        "smörgås: {type: A, ttl: 300, value: 192.0.2.1}",
        "'2': {type: A, ttl: 300, value: 192.0.2.2}",
      ].join("\n"),
    );
    expect(planZone(fromYaml, zone, { prune: true }).changes).toEqual([]);
    const fromBind = bind(
      [
        "$TTL 300",
        '@ IN TXT v=spf1 " include:_spf.example.com" " -all"',
        "@ IN MX 10 mail",
        "@ IN CAA 0 issue letsencrypt.org",
        `dkim._domainkey IN TXT ( "${dkim.slice(0, 100)}"\n  "${dkim.slice(100)}" )`,
        "www IN AAAA 2001:db8:0:0::1",
        "ftp IN CNAME target.example.net.",
        "_sip._tcp IN SRV 10 5 5060 sip",
        "xn--smrgs-pra0j IN A 192.0.2.1",
        "2 IN A 192.0.2.2",
      ].join("\n"),
    );
    expect(planZone(fromBind, zone, { prune: true }).changes).toEqual([]);
  });

  test("two live records of one value: the second is an extra and goes", async () => {
    const zone = await live([
      { id: "t1", type: "TXT", name: `x.${ZONE}`, value: '"a"', ttl: 300 },
      { id: "t2", type: "TXT", name: `x.${ZONE}`, value: '"a"', ttl: 300 },
    ]);
    const plan = planZone(yaml("x: {type: TXT, ttl: 300, value: a}\n"), zone);
    expect(plan.changes).toEqual([
      { action: "delete", type: "TXT", name: "x", recordId: "t2", before: { value: "a", ttl: 300 }, reason: "file" },
    ]);
    expect(plan.records).toEqual({ before: 2, after: 1, limit: 200 });
  });

  test("a changed MX preference or SRV port is a change", async () => {
    const zone = await live([
      { type: "MX", name: ZONE, value: "mail.example.com", priority: 10, ttl: 300 },
      { type: "SRV", name: `_sip._tcp.${ZONE}`, value: "sip.example.com", priority: 10, weight: 5, port: 5060, ttl: 300 },
    ]);
    const file = yaml(
      [
        "'': {type: MX, ttl: 300, value: {exchange: mail.example.com., preference: 20}}",
        "_sip._tcp: {type: SRV, ttl: 300, value: {priority: 10, weight: 5, port: 5061, target: sip.example.com.}}",
      ].join("\n"),
    );
    expect(planZone(file, zone).changes.map((c) => [c.action, c.type, c.after?.priority, c.after?.port])).toEqual([
      ["update", "MX", 20, undefined],
      ["update", "SRV", 10, 5061],
    ]);
  });

  test("the record count after the plan", async () => {
    const zone = await live([a("x", "192.0.2.1")]);
    const text = Array.from({ length: 150 }, (_, i) => `h${i}: {type: A, value: 192.0.2.1}`).join("\n");
    const plan = planZone(yaml(text), zone, { prune: true });
    expect(plan.records).toEqual({ before: 1, after: 150, limit: 200 });
    expect(plan.changes.filter((c) => c.action === "create")).toHaveLength(150);
    expect(plan.changes.at(0)?.action).toBe("delete");
  });
});

describe("a ZoneFile built by a program", () => {
  const live = {
    id: "zone_1",
    name: "example.com",
    sets: [{ name: "www", type: "A", records: [{ id: "drr_1", ttl: 300, value: { value: "203.0.113.1" } }] }],
  };
  test("absolute, upper-case and lower-case-type names are the model's: in sync", () => {
    for (const [name, type] of [
      ["www.example.com.", "A"],
      ["WWW", "a"],
    ] as const) {
      const plan = planZone({ sets: [{ name, type, ttl: 300, values: [{ value: "203.0.113.1" }] }] }, live);
      expect(plan.changes).toEqual([]);
      expect(plan.unmanaged).toEqual([]);
    }
  });
  test("a name without the trailing dot is relative, as in a zone file; an absolute one outside the zone is refused", () => {
    const plan = planZone({ sets: [{ name: "www.example.com", type: "A", ttl: 300, values: [{ value: "203.0.113.1" }] }] }, live);
    expect(plan.changes.map((c) => [c.action, c.name])).toEqual([["create", "www.example.com"]]);
    expect(() => planZone({ sets: [{ name: "www.example.org.", type: "A", values: [{ value: "203.0.113.1" }] }] }, live)).toThrow(
      /outside the zone example\.com/,
    );
  });
});
