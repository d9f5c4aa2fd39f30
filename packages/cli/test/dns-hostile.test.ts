// Hostile and broken zone files given to `hostup dns plan|apply`: each ends with exit 2 and a clear,
// short message naming the line, and nothing is sent (the file is read and checked before the first
// request, so not even the zone lookup goes out). Then plans HostUp would refuse part-way, or that
// change too much of a zone: refused after the zone is read, before any write.
import { closeSync, ftruncateSync, openSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { hostup } from "./run.js";
import { zoneSession } from "./support/zone-session.js";

const session = zoneSession("hostup-dns-hostile-", (api) => {
  api.addZone("example.com", [{ type: "A", name: "www", value: "192.0.2.80", ttl: 300 }]);
});
const { run, write, writes } = session;
let api: ZoneServer;
let dir: string;
beforeEach(() => ({ api, dir } = session));
const customerRecords = () => api.records("example.com").filter((record) => record.type !== "SOA" && record.type !== "NS");

/**
 * `dns apply <file> --yes` (and `dns plan <file>`): exit 2, the message on stderr ending with
 * "Nothing was sent.", no request at all; the zone as it was. Returns the message.
 */
async function refused(name: string, text: string): Promise<string> {
  const path = write(name, text);
  const before = customerRecords();
  const applied = await run("dns", "apply", path, "--yes");
  expect(applied.code).toBe(2);
  expect(applied.stdout).toBe("");
  expect(applied.stderr).toMatch(/^Error: [\s\S]*\nNothing was sent\.\n$/);
  const plan = await run("dns", "plan", path);
  expect(plan.code).toBe(2);
  expect(plan.stderr).toBe(applied.stderr);
  expect(api.calls()).toEqual([]);
  expect(customerRecords()).toEqual(before);
  return applied.stderr;
}

describe("YAML tags: refused with their line, never read as text", () => {
  test("!include /etc/passwd: named with its line; no TXT whose value is the path (or the file) is created", async () => {
    const message = await refused(
      "example.com.yaml",
      ["---", "www:", "  type: A", "  value: 192.0.2.80", "_secret:", "  type: TXT", "  value: !include /etc/passwd", ""].join("\n"),
    );
    expect(message).toBe(
      `Error: ${join(dir, "example.com.yaml")}:7: the tag "!include" is not read (octoDNS's !include reads another file: put its records in this file).\nNothing was sent.\n`,
    );
    expect(message).not.toMatch(/root:|\/bin\/(?:ba)?sh/);
    expect(api.records("example.com", { type: "TXT" })).toEqual([]);
  });

  test.each([
    ["a whole name", ["'': !include /etc/passwd", "www: {type: A, value: 192.0.2.80}"], 1],
    ["a value in a list", ["_secret:", "  type: TXT", "  values:", "    - harmless", "    - !include /etc/passwd"], 5],
    ["a record in a list", ["www:", "  - type: A", "    value: 192.0.2.80", "  - !include other.yaml"], 4],
  ])("!include as %s: refused on its line", async (_, lines, line) => {
    const message = await refused("example.com.yaml", `${lines.join("\n")}\n`);
    expect(message).toContain(`example.com.yaml:${line}: the tag "!include" is not read`);
  });

  test.each([
    ["!Ref", "value: !Ref WebAddress", '"!Ref"'],
    ["!!binary", "value: !!binary MTkyLjAuMi44MA==", '"tag:yaml.org,2002:binary"'],
    ["!!python/object/apply", "value: !!python/object/apply:os.system [id]", '"tag:yaml.org,2002:python/objec…"'],
    ["!!float", "ttl: !!float 300", '"tag:yaml.org,2002:float"'],
  ])("an unknown tag (%s) is refused with its line", async (_, line, shown) => {
    const message = await refused(
      "example.com.yaml",
      ["www:", "  type: A", `  ${line}`, ...(line.startsWith("value") ? [] : ["  value: 192.0.2.80"]), ""].join("\n"),
    );
    expect(message).toContain(`example.com.yaml:3: the tag ${shown}`);
    expect(message).toContain("is not read");
  });

  test("an alias without its anchor, and an alias bomb, are refused (not expanded)", async () => {
    expect(await refused("example.com.yaml", "www: *nowhere\n")).toContain(
      'example.com.yaml:1: the alias "*nowhere" has no anchor (&) before it.',
    );
    // A billion-laughs list inside a record: each level nine aliases of the one before.
    const levels = ["&a [x, x, x, x, x, x, x, x, x]"];
    for (const [name, from] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
      ["f", "e"],
      ["g", "f"],
    ])
      levels.push(`&${name} [${Array(9).fill(`*${from}`).join(", ")}]`);
    const message = await refused("example.com.yaml", `x:\n  type: TXT\n  values: [${levels.join(", ")}]\n`);
    expect(message).toContain("not valid YAML");
    expect(message.length).toBeLessThan(300);
  });
});

describe("BIND directives a zone given to HostUp cannot follow", () => {
  test("$INCLUDE is refused with its line (the included file is never opened)", async () => {
    const message = await refused(
      "example.com.zone",
      ["$ORIGIN example.com.", "$TTL 300", "www IN A 192.0.2.80", "$INCLUDE /etc/passwd", ""].join("\n"),
    );
    expect(message).toContain("example.com.zone:4: $INCLUDE is not read: a zone file given to HostUp holds its records itself");
    expect(message).not.toContain("root:");
  });

  test("$GENERATE is refused with its line", async () => {
    const message = await refused("example.com.zone", ["$ORIGIN example.com.", "$GENERATE 1-150 host$ A 192.0.2.$", ""].join("\n"));
    expect(message).toContain("example.com.zone:2: $GENERATE is not read: write the records it would make.");
  });
});

describe("RFC 1035 limits", () => {
  const label63 = "a".repeat(63);

  test("a name over 255 octets is refused, owner and target, with the line", async () => {
    const owner = [label63, label63, label63, label63].join(".");
    const message = await refused(
      "example.com.zone",
      ["$ORIGIN example.com.", "$TTL 300", `${owner} IN A 192.0.2.1`, `ok IN CNAME ${owner}.example.net.`, ""].join("\n"),
    );
    expect(message).toContain("2 problems:");
    expect(message).toMatch(/example\.com\.zone:3: .*is 269 octets long; RFC 1035 allows 255\./);
    expect(message).toMatch(/example\.com\.zone:4: ok CNAME: the target: .*octets long; RFC 1035 allows 255\./);
  });

  test("a label over 63 octets is refused, in YAML and BIND, also when it is only that long in punycode", async () => {
    expect(await refused("example.com.yaml", `${"b".repeat(64)}:\n  type: A\n  value: 192.0.2.1\n`)).toMatch(
      /example\.com\.yaml:3 \(b{64}\.value\): b{40}… A: the name: .*has a label of 64 octets; RFC 1035 allows 63\./,
    );
    expect(await refused("example.com.zone", `$ORIGIN example.com.\nwww.${"c".repeat(64)} 300 IN A 192.0.2.1\n`)).toMatch(
      /example\.com\.zone:2: .*has a label of 64 octets; RFC 1035 allows 63\./,
    );
    // 60 characters, 70 octets as an A-label
    expect(await refused("example.com.yaml", `${"räksmörgås".repeat(6)}:\n  type: A\n  value: 192.0.2.1\n`)).toMatch(
      /\((?:räksmörgås){6}\.value\): xn--rksmrgs.*has a label of 70 octets; RFC 1035 allows 63\./,
    );
  });

  test("a TXT over 65,535 octets of record data is refused; one of exactly 65,535 is planned, applied and listed back whole", async () => {
    // 65,280 characters are 256 strings of 255 and their 256 length octets: 65,536.
    const message = await refused("example.com.yaml", `big:\n  type: TXT\n  value: ${"x".repeat(65_280)}\n`);
    expect(message).toContain(
      "example.com.yaml:3 (big.value): big TXT: the text makes 65536 octets of record data; a record holds at most 65535.",
    );
    expect(message.length).toBeLessThan(400);
    const path = write("example.com.yaml", `big:\n  type: TXT\n  value: ${"x".repeat(65_279)}\n`);
    expect((await run("dns", "plan", path)).code).toBe(5);
    expect((await run("dns", "apply", path, "--yes")).code).toBe(0);
    const [big] = api.records("example.com", { type: "TXT", name: "big" });
    expect(big?.value.replace(/" "|"/g, "")).toBe("x".repeat(65_279));
    expect((await run("dns", "plan", path)).code).toBe(0);
  });
});

describe("size", () => {
  test("a file over the 4 MiB limit is refused by its size before it is read (an 8 GiB sparse file), naming the limit", async () => {
    const path = join(dir, "example.com.zone");
    const fd = openSync(path, "w");
    ftruncateSync(fd, 8 * 1024 ** 3);
    closeSync(fd);
    expect(statSync(path).size).toBe(8 * 1024 ** 3);
    for (const args of [["plan"], ["apply", "--yes"]]) {
      const result = await run("dns", args[0]!, path, ...args.slice(1));
      expect(result.code).toBe(2);
      // Read, 8 GiB would have failed as "Cannot read … ERR_FS_FILE_TOO_LARGE" (or taken the memory): this is the size check.
      expect(result.stderr).toBe(
        `Error: ${path}: the file is 8192.0 MiB, over the 4.0 MiB limit (a HostUp zone holds at most 200 records): is it the right file?\nNothing was sent.\n`,
      );
    }
    expect(api.calls()).toEqual([]);
  });

  test("a 5 MiB file of valid records is refused the same way; one just under 4 MiB is read (and refused for its records, not its size)", async () => {
    const line = `host IN TXT "${"z".repeat(200)}"\n`;
    const over = write("example.com.zone", `$ORIGIN example.com.\n${line.repeat(Math.ceil((5 * 1024 ** 2) / line.length))}`);
    const message = (await run("dns", "apply", over, "--yes")).stderr;
    expect(message).toContain("over the 4.0 MiB limit");
    const under = write("example.com.zone", `$ORIGIN example.com.\n${line.repeat(Math.floor((4 * 1024 ** 2 - 100) / line.length))}`);
    const read = await run("dns", "plan", under);
    expect(read.code).toBe(2);
    expect(read.stderr).not.toContain("MiB limit");
    // 19,507 problems: the first 50 listed, the rest counted, each line short
    expect(read.stderr).toMatch(
      /^Error: 19507 problems:\n\S+example\.com\.zone: the file has 19507 records \(each value is one\); HostUp allows 200 in a zone/,
    );
    expect(read.stderr).toContain("example.com.zone:3: TXT host zzzz");
    expect(read.stderr).toContain("\n… and 19457 more.\n");
    expect(read.stderr.length).toBeLessThan(10_000);
    expect(api.calls()).toEqual([]);
  });

  test.each([
    ["an A value", "example.com.yaml", `www:\n  type: A\n  value: ${"9".repeat(100_000)}\n`, /is not an IPv4 address/],
    [
      "a CNAME target",
      "example.com.yaml",
      `www2:\n  type: CNAME\n  value: ${"t".repeat(100_000)}.\n`,
      /the target: "t{60}…" \(100000 characters\) has a label of 100000 octets/,
    ],
    ["a TXT value", "example.com.yaml", `txt:\n  type: TXT\n  value: ${"v".repeat(100_000)}\n`, /octets of record data/],
    ["a BIND owner", "example.com.zone", `$ORIGIN example.com.\n${"o".repeat(100_000)} 300 IN A 192.0.2.1\n`, /label of 100000 octets/],
    [
      "a BIND type",
      "example.com.zone",
      `$ORIGIN example.com.\nwww 300 IN ${"Q".repeat(100_000)} x\n`,
      /HostUp has no "Q+…" \(100000 characters\) records/,
    ],
    ["a YAML key", "example.com.yaml", `${"k".repeat(100_000)}:\n  type: A\n  value: 192.0.2.1\n`, /not valid YAML/],
  ])("a 100 KB value (%s): the message quotes a short excerpt, under 2,000 characters in all", async (_, name, text, pattern) => {
    const message = await refused(name, text);
    expect(message).toMatch(pattern);
    expect(message.length).toBeLessThan(2_000);
  });
});

describe("every problem in one run, each with its line", () => {
  test("a BIND file with eleven problems lists all eleven, in line order, each with its line", async () => {
    const message = await refused(
      "example.com.zone",
      [
        "$ORIGIN example.com.",
        "$TTL 300",
        "a        IN A     192.0.2",
        "b        IN AAAA  2001:db8::g",
        "c        IN MX    high mail",
        "d        IN SSHFP 1 1 0123abcd",
        "e        CH A     192.0.2.5",
        'f        IN TXT   "no end',
        "g        IN CAA   0 issue",
        "$INCLUDE other.zone",
        "h  99999999999 IN A 192.0.2.8",
        "ok       IN A     192.0.2.9",
        "$TTL forever",
        'i        IN SPF   "v=spf1 -all"',
        "",
      ].join("\n"),
    );
    const file = join(dir, "example.com.zone");
    expect(message.replaceAll(file, "example.com.zone")).toBe(
      [
        "Error: 11 problems:",
        'example.com.zone:3: a A: "192.0.2" is not an IPv4 address.',
        'example.com.zone:4: b AAAA: "2001:db8::g" is not an IPv6 address.',
        'example.com.zone:5: MX preference "high" is not a whole number.',
        'example.com.zone:6: HostUp has no "SSHFP" records (it has A, AAAA, CNAME, ALIAS, MX, TXT, NS, SRV, CAA, TLSA).',
        "example.com.zone:7: class CH: only IN records are read.",
        "example.com.zone:8: a quoted string does not end on its line.",
        'example.com.zone:9: CAA data is flags tag "value"; got 2 parts.',
        "example.com.zone:10: $INCLUDE is not read: a zone file given to HostUp holds its records itself (paste the included file in).",
        'example.com.zone:11: not a record (owner, TTL, class, type, data): "h 99999999999 IN A 192.0.2.8".',
        'example.com.zone:13: $TTL "forever" is not a TTL (seconds, or units such as 1h).',
        "example.com.zone:14: SPF records are obsolete (RFC 7208): HostUp keeps SPF policies as TXT records; write this one as TXT.",
        "Nothing was sent.",
        "",
      ].join("\n"),
    );
  });

  test("an octoDNS file with nine problems lists all nine, each with its line and key", async () => {
    const message = await refused(
      "example.com.yaml",
      [
        "a:", //  1
        "  type: A",
        "  value: 192.0.2", //  3
        "b:",
        "  type: SSHFP",
        "  value: 1 1 abc", //  6
        "c:",
        "  type: MX",
        "  value: {exchange: mail.example.com.}", //  9
        "d:",
        "  - type: A", // 11
        "    value: 192.0.2.1",
        "  - type: A", // 13
        "    value: 192.0.2.2",
        "e:", // 15
        "  type: A",
        "  ttl: soon",
        "  value: 192.0.2.1",
        "f:", // 19
        "  type: A",
        "  geo: {EU: [192.0.2.1]}",
        "  value: 192.0.2.1",
        "g:", // 23
        "  type: SPF",
        "  value: v=spf1 -all",
        "h:", // 26
        "  type: CNAME",
        "  values: [a.example.net., b.example.net.]",
        "_i._tcp:",
        "  type: SRV",
        "  value: {priority: 1, weight: 1, port: 99999, target: x.example.net.}", // 31
        "",
      ].join("\n"),
    );
    const lines = message.split("\n");
    expect(lines[0]).toBe("Error: 9 problems:");
    const located = lines.slice(1, -2).map((line) => /example\.com\.yaml:(\d+) \(([^)]+)\): /.exec(line)?.slice(1, 3).join(" "));
    expect(located).toEqual(["3 a.value", "6 b.value", "9 c.value", "13 d [1]", "15 e", "19 f", "23 g", "26 h", "31 _i._tcp.value"]);
    expect(message).toContain('a A: "192.0.2" is not an IPv4 address.');
    expect(message).toContain('HostUp has no "SSHFP" records');
    expect(message).toContain("the MX value has no preference.");
    expect(message).toContain("a second A set for d (the first is on line 11): give one set with all its values.");
    expect(message).toContain('ttl "soon" is not a whole number of seconds.');
    expect(message).toContain("dynamic and geo records are octoDNS features HostUp has no equivalent of");
    expect(message).toContain("SPF records are obsolete");
    expect(message).toContain("a CNAME set has one value.");
    expect(message).toContain("port 99999 is not a whole number in 0–65535.");
  });
});

describe("what HostUp's create page says it refuses, found in the file before anything is sent", () => {
  test("root CNAME, IP targets, duplicate MX priority, CNAME beside another record, bad A/AAAA, SRV and TLSA parts, unmatched quotes, duplicates: one run, each with its line", async () => {
    const message = await refused(
      "example.com.zone",
      [
        "$ORIGIN example.com.", //  1
        "$TTL 300", //  2
        "@          IN NS    ns1.hostup.se.", //  3 apex NS: skipped, not a problem
        "@          IN CNAME www.example.net.", //  4 root CNAME
        "alias      IN CNAME 192.0.2.1.", //  5 IP as a CNAME target
        "mail       IN MX    10 mx1.example.net.", //  6
        "mail       IN MX    10 mx2.example.net.", //  7 duplicate MX priority
        "both       IN CNAME www.example.net.", //  8
        'both       IN TXT   "beside"', //  9 CNAME beside another record
        "bad4       IN A     192.0.2.300", // 10 invalid A
        "bad6       IN AAAA  2001:db8::12345", // 11 invalid AAAA
        "sip._tcp   IN SRV   10 5 5060 sip.example.com.", // 12 SRV name not _service._proto
        "_443._tcp  IN TLSA  3 1 1 abcdef0123", // 13 SHA-256 digest of 5 octets
        "mx         IN MX    10 192.0.2.25.", // 14 IP as an MX target
        "sub        IN NS    192.0.2.53.", // 15 IP as an NS target
        'quote      IN TXT   "one \\" quote"', // 16 an unmatched double quote
        "dup        IN AAAA  2001:db8::1", // 17
        "dup        IN AAAA  2001:DB8:0:0::1", // 18 the same record in another form
        "",
      ].join("\n"),
    );
    const file = join(dir, "example.com.zone");
    expect(message.replaceAll(file, "example.com.zone")).toBe(
      [
        "Error: 12 problems:",
        "example.com.zone:4: @ CNAME: a CNAME cannot be at the apex (HostUp refuses root CNAMEs): use ALIAS there.",
        'example.com.zone:5: alias CNAME: the target "192.0.2.1" is an IP address; HostUp refuses addresses as CNAME targets (give a host name).',
        "example.com.zone:7: two MX records of mail have preference 10 (HostUp refuses duplicate MX priorities).",
        "example.com.zone:9: both has a CNAME: no other record can be beside it (HostUp refuses CNAME conflicts).",
        'example.com.zone:10: bad4 A: "192.0.2.300" is not an IPv4 address.',
        'example.com.zone:11: bad6 AAAA: "2001:db8::12345" is not an IPv6 address.',
        'example.com.zone:12: sip._tcp SRV: an SRV name is _service._proto (RFC 2782), e.g. _sip._tcp; got "sip._tcp".',
        "example.com.zone:13: _443._tcp TLSA: matching type 1 is a 256-bit digest: 64 hex digits, got 10.",
        'example.com.zone:14: mx MX: the exchange "192.0.2.25" is an IP address; HostUp refuses addresses as MX targets (give a host name).',
        'example.com.zone:15: sub NS: the target "192.0.2.53" is an IP address; HostUp refuses addresses as NS targets (give a host name).',
        'example.com.zone:16: quote TXT: "one \\" quote" has an unmatched double quote; HostUp refuses mismatched TXT quotes.',
        "example.com.zone:18: AAAA dup 2001:DB8:0:0::1 is given twice (HostUp refuses duplicates).",
        "Nothing was sent.",
        "",
      ].join("\n"),
    );
  });

  test("the same in octoDNS YAML, with an ALIAS to an address", async () => {
    const message = await refused(
      "example.com.yaml",
      [
        "'':",
        "  - type: CNAME", // 2
        "    value: www.example.net.",
        "  - type: ALIAS", // 4
        "    value: 192.0.2.1",
        "  - type: NS", // 6: the apex NS, skipped
        "    values: [ns1.hostup.se., ns2.hostup.se.]",
        "mail:",
        "  type: MX",
        "  values:",
        "    - {exchange: mx1.example.net., preference: 10}",
        "    - {exchange: mx2.example.net., preference: 10}", // 12
        "",
      ].join("\n"),
    );
    expect(message.replaceAll(join(dir, "example.com.yaml"), "example.com.yaml")).toBe(
      [
        "Error: 4 problems:",
        "example.com.yaml:3 ('' [0].value): @ CNAME: a CNAME cannot be at the apex (HostUp refuses root CNAMEs): use ALIAS there.",
        "example.com.yaml:5 ('' [1].value): @ ALIAS: the target \"192.0.2.1\" is an IP address; HostUp refuses addresses as ALIAS targets (give a host name).",
        "example.com.yaml:5 ('' [1].value): @ has a CNAME: no other record can be beside it (HostUp refuses CNAME conflicts).",
        "example.com.yaml:12 (mail.values[1]): two MX records of mail have preference 10 (HostUp refuses duplicate MX priorities).",
        "Nothing was sent.",
        "",
      ].join("\n"),
    );
  });

  test("the apex NS in a file is skipped, not refused: the rest is applied, the NS records are HostUp's and untouched", async () => {
    const path = write(
      "example.com.zone",
      ["$ORIGIN example.com.", "$TTL 300", "@ IN NS ns1.example.net.", "@ IN NS ns2.example.net.", "api IN A 192.0.2.90", ""].join("\n"),
    );
    const plan = await run("--json", "dns", "plan", path);
    expect(plan.code).toBe(5);
    expect(JSON.parse(plan.stdout).changes).toEqual([
      { action: "create", type: "A", name: "api", after: { value: "192.0.2.90", ttl: 300 }, reason: "file" },
    ]);
    const applied = await run("dns", "apply", path, "--yes", "--prune");
    expect(applied.code).toBe(0);
    expect(writes()).toEqual(["DELETE deleteDnsRecord", "POST createDnsRecord"]);
    expect(api.records("example.com", { type: "NS" }).map((record) => record.value)).toEqual(["ns1.hostup.se", "ns2.hostup.se"]);
  });
});

describe("plans refused before the first write", () => {
  const host = (i: number) => `host${String(i).padStart(3, "0")}`;
  const hosts = (count: number, from = 0) =>
    [
      "$ORIGIN example.com.",
      "$TTL 300",
      ...Array.from({ length: count }, (_, i) => `${host(from + i)} IN A 192.0.2.${(i % 250) + 1}`),
      "",
    ].join("\n");

  test("a file of 201 records: refused on reading, no request", async () => {
    const message = await refused("example.com.zone", hosts(201));
    expect(message).toContain("the file has 201 records (each value is one); HostUp allows 200 in a zone, SOA and apex NS not counted.");
  });

  test("a plan that would leave a zone over 200 records: refused after reading the zone, no write; with --prune and --force it fits", async () => {
    for (let i = 0; i < 60; i++) api.seed("example.com", { type: "A", name: `old${i}`, value: "192.0.2.250", ttl: 300 });
    const path = write("example.com.zone", hosts(150));
    const applied = await run("dns", "apply", path, "--yes");
    expect(applied.code).toBe(2);
    expect(applied.stderr).toContain(
      "example.com would hold 211 records after this plan (61 of them in sets the file does not name), more than the 200 a zone may hold",
    );
    expect(applied.stderr).toContain("Nothing was sent.");
    expect(api.calls()).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);
    // pruning the 61 the file does not name is itself a change of all the zone's records: --force as well
    const pruned = await run("dns", "apply", path, "--yes", "--prune");
    expect(pruned.code).toBe(2);
    expect(pruned.stderr).toContain("the plan updates or deletes 61 of example.com's 61 records (100 %)");
    expect(writes()).toEqual([]);
    const forced = await run("dns", "apply", path, "--yes", "--prune", "--force");
    expect(forced.code).toBe(0);
    expect(writes().filter((call) => call === "DELETE deleteDnsRecord")).toHaveLength(61);
    expect(writes().filter((call) => call === "POST createDnsRecord")).toHaveLength(150);
    expect(customerRecords()).toHaveLength(150);
  });

  test("a plan deleting more than 30 % of a 12-record zone: --prune --yes refuses without --force (nothing written), applies with it", async () => {
    const zone = await startZoneServer();
    try {
      const records = Array.from({ length: 12 }, (_, i) => ({ type: "A", name: host(i), value: `192.0.2.${i + 1}`, ttl: 300 }));
      zone.addZone("example.net", records);
      const env = { HOSTUP_BASE_URL: zone.url };
      const keep = (count: number) =>
        write(
          "example.net.zone",
          ["$ORIGIN example.net.", "$TTL 300", ...records.slice(0, count).map((r) => `${r.name} IN A ${r.value}`), ""].join("\n"),
        );
      const zoneWrites = () => zone.calls().filter((call) => !call.startsWith("GET "));

      // 4 of 12 (33 %): refused
      const path = keep(8);
      const plan = await hostup(["dns", "plan", path, "--prune"], env);
      expect(plan.code).toBe(5); // plan shows it; only apply refuses
      expect(plan.stdout).toContain("0 to create, 0 to update, 4 to delete");
      const refusedApply = await hostup(["dns", "apply", path, "--prune", "--yes"], env);
      expect(refusedApply.code).toBe(2);
      expect(refusedApply.stderr).toContain(
        "the plan updates or deletes 4 of example.net's 12 records (33 %), more than the 30 % a plan may change without being forced: check that the file is the right one, then force it.",
      );
      expect(refusedApply.stderr).toContain("Nothing was sent.");
      expect(zoneWrites()).toEqual([]);
      expect(zone.records("example.net", { type: "A" })).toHaveLength(12);

      // without --prune the same file deletes nothing, and needs no force
      const unpruned = await hostup(["dns", "apply", path, "--yes"], env);
      expect(unpruned.code).toBe(0);
      expect(unpruned.stdout).toContain("in sync with the file");
      expect(zoneWrites()).toEqual([]);

      const forced = await hostup(["dns", "apply", path, "--prune", "--yes", "--force"], env);
      expect(forced.code).toBe(0);
      expect(zoneWrites()).toEqual(Array(4).fill("DELETE deleteDnsRecord"));
      expect(zone.records("example.net", { type: "A" }).map((r) => r.name)).toEqual(
        records.slice(0, 8).map((r) => `${r.name}.example.net`),
      );

      // the zone now holds 8 records, under the 10 the rule starts at: 3 deletes of 8 (37 %) need no --force
      const small = await hostup(["dns", "apply", keep(5), "--prune", "--yes"], env);
      expect(small.code).toBe(0);
      expect(zone.records("example.net", { type: "A" })).toHaveLength(5);
    } finally {
      await zone.close();
    }
  });

  test("3 deletes of a 12-record zone (25 %) need no --force", async () => {
    const records = Array.from({ length: 11 }, (_, i) => ({ type: "A", name: host(i), value: `192.0.2.${i + 1}`, ttl: 300 }));
    for (const record of records) api.seed("example.com", record);
    // the zone: www and host000–host010, 12 records; the file keeps 9 of them
    const path = write(
      "example.com.zone",
      ["$ORIGIN example.com.", "www 300 IN A 192.0.2.80", ...records.slice(0, 8).map((r) => `${r.name} 300 IN A ${r.value}`), ""].join(
        "\n",
      ),
    );
    const applied = await run("dns", "apply", path, "--prune", "--yes");
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(writes()).toEqual(Array(3).fill("DELETE deleteDnsRecord"));
  });
});
