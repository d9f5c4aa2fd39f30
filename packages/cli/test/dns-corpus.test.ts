// A corpus of zone files (test/fixtures/zones/, written for these tests) of the kinds people publish:
// octoDNS test and production configs, BIND zones with null MX and SRV, numeric labels, multi-string
// TXT, DKIM keys and IDN names. Each goes through `hostup dns plan|apply|export` against a zone that
// keeps its state (@hostup/mock's startZoneServer, which refuses what HostUp refuses): planned,
// applied, planned again in sync, exported in both formats, each export planned in sync, and each
// export carried through the other format (YAML → BIND → YAML, BIND → YAML → BIND) without losing a
// record. Besides the round trips, each file has checks of its own, in the API's terms (full names,
// TXT quoted), for the constructs it is there for.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, test } from "vitest";
import {
  type DnsRecordData,
  fromApiRecord,
  readZoneFile,
  recordKey,
  recordsOf,
  writeZoneFile,
  type ZoneFile,
  type ZoneFileFormat,
  zoneFileFormat,
} from "@hostup/dns";
import { startZoneServer, type ZoneRecord, type ZoneRecordSeed, type ZoneServer } from "@hostup/mock";
import { hostup } from "./run.js";
import { zoneSession } from "./support/zone-session.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/zones/", import.meta.url));
const CORPUS = readdirSync(FIXTURES)
  .filter((name) => zoneFileFormat(name) !== undefined)
  .sort();
/** The TTL the zone server gives a record created without one (HostUp's default). */
const DEFAULT_TTL = 3600;

// No seed: the tests that need a zone add it.
const session = zoneSession("hostup-dns-corpus-");
const { run, writes } = session;
let api: ZoneServer;
let dir: string;
beforeEach(() => ({ api, dir } = session));

const fixture = (name: string) => join(FIXTURES, name);
const read = (text: string, format: ZoneFileFormat, origin: string): ZoneFile => readZoneFile(text, { format, origin });

/** A record as compared here: @hostup/dns's one equality (recordKey) and the TTL. */
const keyOf = (record: DnsRecordData) => `${recordKey(record)} ttl=${record.ttl ?? "-"}`;
const keysOf = (records: ReadonlyArray<DnsRecordData>) => records.map(keyOf).sort();

/** The zone's customer records (SOA and the apex NS left out), in the model's terms. */
function liveRecords(zone: string): DnsRecordData[] {
  return api
    .records(zone)
    .map((record) => fromApiRecord({ ...record }, zone))
    .filter((record) => record.type !== "SOA" && !(record.type === "NS" && record.name === "@"))
    .map(({ id: _, ...record }) => record);
}

/** A record listed by the API, found by type and full name: its values as listed (TXT quoted). */
const listed = (zone: string, type: string, name: string): ZoneRecord[] => api.records(zone, { type, name });
const values = (zone: string, type: string, name: string) => listed(zone, type, name).map((record) => record.value);
const ttls = (zone: string, type: string, name: string) => listed(zone, type, name).map((record) => record.ttl);

interface FileChecks {
  /** What the zone holds before the file is applied (the sets octoDNS is told to ignore). */
  seed?: ZoneRecordSeed[];
  /** Which sets the reader skips: SOA and the apex NS (HostUp's), octoDNS-ignored sets. */
  skipped: string[];
  /** The sets a BIND export leaves out, as a comment (HostUp's ALIAS has no BIND record type). */
  notInBind?: string[];
  /** Run on the zone once the file is applied. */
  check: (zone: string) => void;
}

const SOA_NS = ["@ SOA", "@ NS"];

const CHECKS: Record<string, FileChecks> = {
  "example.com.yaml": {
    skipped: [],
    check(zone) {
      // YAML 1.1 would read these as numbers, booleans, null and a date: they stay the text written.
      expect(values(zone, "TXT", zone).sort()).toEqual(
        ["yes", "no", "1.10", "0x10", "~", "null", "2001-12-14", "on", "1e3", "08"].map((text) => `"${text}"`).sort(),
      );
      expect(values(zone, "A", "1.10.example.com")).toEqual(["192.0.2.110"]);
      expect(values(zone, "A", "1.10.mirror.example.com")).toEqual(["192.0.2.111"]);
      expect(values(zone, "A", "2.example.com")).toEqual(["192.0.2.2"]);
      expect(values(zone, "CNAME", "2.mirror.example.com")).toEqual(["2.example.com"]);
      for (const [name, address] of [
        ["no", "192.0.2.3"],
        ["yes", "192.0.2.4"],
        ["null", "192.0.2.5"],
        ["0x10", "192.0.2.16"],
        ["1e3", "192.0.2.103"],
        ["08", "192.0.2.8"],
      ])
        expect(values(zone, "A", `${name}.example.com`)).toEqual([address]);
      expect(values(zone, "CNAME", "on.example.com")).toEqual(["example.com"]);
      expect(values(zone, "TXT", "true.example.com")).toEqual(['"false"']);
      expect(listed(zone, "MX", "0o17.example.com")).toMatchObject([{ value: "2.example.com", priority: 10 }]);
      // no label was taken for an address (0.0.0.2, 1.0.0.10)
      expect(api.records(zone).some((record) => /^(?:\d+\.){3}\d+$/.test(record.name))).toBe(false);
    },
  },
  "example.de.zone": {
    skipped: SOA_NS,
    check(zone) {
      expect(values(zone, "A", "xn--mnchen-3ya.example.de")).toEqual(["203.0.113.101"]);
      expect(values(zone, "CNAME", "www.xn--mnchen-3ya.example.de")).toEqual(["xn--mnchen-3ya.example.de"]);
      expect(values(zone, "AAAA", "xn--bcher-kva.example.de")).toEqual(["2001:db8:de::b"]);
      expect(values(zone, "TXT", "xn--gre-6ka8l.example.de")).toEqual(['"Grüße aus München"']);
      expect(ttls(zone, "A", "example.de")).toEqual([7200]);
    },
  },
  "example.dk.zone": {
    skipped: SOA_NS,
    check(zone) {
      // No $TTL: the SOA's minimum until a TTL is stated, then the last one stated (RFC 1035 §5.1), then $TTL.
      expect(ttls(zone, "A", zone)).toEqual([600]);
      expect(ttls(zone, "A", "www.example.dk")).toEqual([300]);
      expect(ttls(zone, "AAAA", "www.example.dk")).toEqual([300]);
      expect(ttls(zone, "CNAME", "ftp.example.dk")).toEqual([300]);
      expect(ttls(zone, "MX", zone)).toEqual([3600]);
      expect(ttls(zone, "TXT", zone)).toEqual([3600]);
      expect(ttls(zone, "TXT", "_dmarc.example.dk")).toEqual([900]);
      expect(ttls(zone, "CNAME", "blog.example.dk")).toEqual([120]);
      expect(ttls(zone, "CNAME", "news.example.dk")).toEqual([900]);
    },
  },
  "example.fi.zone": {
    skipped: SOA_NS,
    check(zone) {
      // no $ORIGIN: the zone is the file's name; no $TTL: the SOA's minimum
      expect(listed(zone, "SRV", "_sip._tls.example.fi")).toMatchObject([
        { value: "sipdir.online.lync.com", priority: 100, weight: 1, port: 443, ttl: 3600 },
      ]);
      expect(values(zone, "A", "intranet.example.fi")).toEqual(["10.1.0.11", "10.1.0.12"]);
      expect(values(zone, "TXT", zone)).toEqual(['"v=spf1 include:spf.protection.outlook.com -all"']);
      expect(listed(zone, "MX", zone)).toMatchObject([{ value: "example-fi.mail.protection.outlook.com", priority: 0 }]);
      // no record's value or name kept a carriage return
      expect(api.records(zone).some((record) => `${record.name}${record.value}`.includes("\r"))).toBe(false);
    },
  },
  "example.io.zone": {
    skipped: SOA_NS,
    check(zone) {
      const txt = (name: string) =>
        values(zone, "TXT", `${name}.example.io`).map((value) => fromApiRecord({ id: "", type: "TXT", value }, zone).value);
      // quoted strings byte for byte: runs of spaces and tabs kept, strings joined, escapes undone
      expect(txt("spaces")).toEqual(["two  spaces, then   three"]);
      expect(txt("tabs")).toEqual(["a\ttab\tbetween words"]);
      expect(txt("mixed")).toEqual([" \tleading blanks and trailing ones  \t"]);
      expect(txt("multi")).toEqual(["first stringsecond string third, with a leading space"]);
      expect(txt("quotes")).toEqual(['say "hello" twice']);
      expect(txt("utf8")).toEqual(["blåbär och smörgås"]);
      expect(txt("raw")).toEqual(["blåbär och smörgås"]);
      expect(txt("semicolons")).toEqual(["a;bc;d"]);
      expect(txt("parentheses")).toEqual(["(not a group))("]);
      expect(txt("backslash")).toEqual(["C:\\Temp\\new"]);
      expect(txt("unquoted")).toEqual(["unquoted-word"]);
      expect(txt("newline")).toEqual(["line one\nline two"]);
      expect(txt("exact255")).toEqual(["x".repeat(255)]);
      expect(txt("over255")).toEqual([`${"x".repeat(255)}y`]);
      const dkim = txt("s2._domainkey")[0] ?? "";
      expect(dkim).toMatch(/^v=DKIM1; k=rsa; p=MIICIjANBgkqhkiG9w0BAQEFAAOCAg8A[A-Za-z0-9+/]{660,}={0,2}$/);
      expect(dkim.length).toBeGreaterThan(700);
      expect(txt("s1._domainkey")[0]).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/]{384}$/);
      // labels of digits are names, never addresses
      expect(values(zone, "A", "2.example.io")).toEqual(["198.51.100.2"]);
      expect(values(zone, "A", "1.2.example.io")).toEqual(["198.51.100.12"]);
      expect(values(zone, "A", "0x10.example.io")).toEqual(["198.51.100.16"]);
      expect(values(zone, "CNAME", "10.example.io")).toEqual(["2.example.io"]);
      expect(listed(zone, "MX", "3.example.io")).toMatchObject([{ value: "1.2.example.io", priority: 10 }]);
      expect(values(zone, "TXT", "4.3.2.1.example.io")).toEqual(['"a reverse-looking name"']);
      expect(listed(zone, "SRV", "_sip._tcp.2.example.io")).toMatchObject([
        { value: "2.example.io", priority: 10, weight: 60, port: 5060 },
      ]);
    },
  },
  "example.net.yaml": {
    // octoDNS-ignored sets: the zone's own values stay, whatever the file says
    seed: [
      { type: "TXT", name: "_acme-challenge", value: "live-certbot-token", ttl: 60 },
      { type: "CNAME", name: "status", value: "example-net.status.example.com", ttl: 300 },
    ],
    skipped: ["_acme-challenge TXT", "status CNAME"],
    check(zone) {
      expect(listed(zone, "TXT", "_acme-challenge.example.net")).toMatchObject([{ value: '"live-certbot-token"', ttl: 60 }]);
      expect(values(zone, "CNAME", "status.example.net")).toEqual(["example-net.status.example.com"]);
      // an anchor reused as a record, a merge key, a merge list (the first mapping wins), an anchored list
      expect(values(zone, "A", "www.example.net")).toEqual(["198.51.100.20", "198.51.100.21"]);
      expect(ttls(zone, "A", "www.example.net")).toEqual([300, 300]);
      expect(values(zone, "A", "blog.example.net")).toEqual(["198.51.100.20", "198.51.100.21"]);
      expect(ttls(zone, "A", "blog.example.net")).toEqual([60, 60]);
      expect(listed(zone, "A", "api-v2.example.net")).toMatchObject([{ value: "198.51.100.30", ttl: 120 }]);
      expect(values(zone, "A", "shop.example.net")).toEqual(["198.51.100.20", "198.51.100.21"]);
      expect(listed(zone, "MX", "lists.example.net").map((r) => `${r.priority} ${r.value}`)).toEqual([
        "1 aspmx.l.google.com",
        "5 alt1.aspmx.l.google.com",
        "6 alt2.aspmx.l.google.com",
        "10 alt3.aspmx.l.google.com",
        "11 alt4.aspmx.l.google.com",
      ]);
      // `\;` is octoDNS's escape: the record has `;`
      expect(values(zone, "TXT", "_dmarc.example.net")).toEqual(['"v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.net; fo=1"']);
      // a 2048-bit DKIM key: one record, listed in 255-character strings
      const [dkim] = values(zone, "TXT", "google._domainkey.example.net");
      expect(dkim).toMatch(/^"v=DKIM1; k=rsa; p=MIIB[^"]{233}" "[^"]+"$/);
      expect(values(zone, "CAA", zone)).toContain('0 issue "pki.goog; cansignhttpexchanges=yes"');
    },
  },
  "example.nu.zone": {
    skipped: SOA_NS,
    check(zone) {
      expect(liveRecords(zone)).toHaveLength(179);
      expect(values(zone, "A", "lb.example.nu")).toEqual(["203.0.113.200", "203.0.113.201", "203.0.113.202"]);
      expect(ttls(zone, "AAAA", "web40.example.nu")).toEqual([300]);
    },
  },
  "example.org.zone": {
    skipped: SOA_NS,
    check(zone) {
      // RFC 7505 null MX and RFC 2782 "no service": the root target `.`, not an empty value
      expect(listed(zone, "MX", zone)).toMatchObject([{ value: ".", priority: 0 }]);
      expect(listed(zone, "MX", "mail.example.org")).toMatchObject([{ value: ".", priority: 0 }]);
      for (const service of ["_submission._tcp", "_submissions._tcp", "_imap._tcp", "_imaps._tcp", "_pop3._tcp", "_pop3s._tcp"])
        expect(listed(zone, "SRV", `${service}.example.org`)).toMatchObject([{ value: ".", priority: 0, weight: 0, port: 0 }]);
      expect(values(zone, "TXT", "*._domainkey.example.org")).toEqual(['"v=DKIM1; p="']);
      expect(ttls(zone, "A", zone)).toEqual([86400]);
    },
  },
  "example.se.zone": {
    skipped: SOA_NS,
    check(zone) {
      expect(values(zone, "CNAME", "www.example.se")).toEqual(["example.se"]);
      expect(listed(zone, "MX", zone).map((r) => `${r.priority} ${r.value}`)).toEqual(["10 mail.example.se", "20 mx2.example.net"]);
      // inherited owners; TTLs stated, from $TTL with units, and in units
      expect(listed(zone, "AAAA", "mail.example.se")).toMatchObject([{ value: "2001:db8:5e::25", ttl: 3600 }]);
      expect(ttls(zone, "A", "mail.example.se")).toEqual([300]);
      expect(ttls(zone, "A", "ftp.example.se")).toEqual([300]);
      expect(ttls(zone, "A", "www.intranet.example.se")).toEqual([300]);
      expect(ttls(zone, "CNAME", "autodiscover.example.se")).toEqual([600]);
      expect(ttls(zone, "CNAME", "shop.example.se")).toEqual([86400]);
      expect(values(zone, "CAA", zone)).toEqual(['0 issue "letsencrypt.org"', '0 issuewild ";"', '0 iodef "mailto:hostmaster@example.se"']);
      // the TLSA digest in two halves, inside parentheses with comments
      expect(listed(zone, "TLSA", "_25._tcp.mail.example.se")).toMatchObject([
        { value: "3 1 1 d75fe2320eae05dae166b70105647555a94a9fc197af8fcc8c1631ff865dd739", ttl: 86400 },
      ]);
      expect(listed(zone, "SRV", "_pop3._tcp.example.se")).toMatchObject([{ value: ".", priority: 0, weight: 0, port: 0 }]);
      // a delegation and its glue, under a second $ORIGIN
      expect(values(zone, "NS", "lab.example.se")).toEqual(["ns1.lab.example.se", "ns2.lab.example.se"]);
      expect(values(zone, "A", "ns2.lab.example.se")).toEqual(["203.0.113.54"]);
      expect(values(zone, "A", "printer.example.se")).toEqual(["10.20.0.9"]);
    },
  },
  "räksmörgås.se.yaml": {
    skipped: [],
    notInBind: ["@ ALIAS"],
    check(zone) {
      expect(zone).toBe("xn--rksmrgs-5wao1o.se");
      // U-labels in the file, A-labels to HostUp
      expect(listed(zone, "A", "xn--smrgsbord-82a8p.xn--rksmrgs-5wao1o.se")).toMatchObject([{ value: "203.0.113.59", ttl: 600 }]);
      expect(values(zone, "CNAME", "xn--bestllning-t5a.xn--smrgsbord-82a8p.xn--rksmrgs-5wao1o.se")).toEqual([
        "bokning.xn--blbr-noae.example",
      ]);
      expect(values(zone, "AAAA", "xn--l-0ga.xn--rksmrgs-5wao1o.se")).toEqual(["2001:db8:5e::a1"]);
      expect(values(zone, "TXT", "xn--4cab6c.xn--rksmrgs-5wao1o.se")).toEqual(['"versaler blir gemener i namn"']);
      expect(values(zone, "CNAME", "www.xn--rksmrgs-5wao1o.se")).toEqual(["xn--rksmrgs-5wao1o.se"]);
      expect(values(zone, "ALIAS", zone)).toEqual(["xn--rksmrgs-se-q5ar2t.pages.example.net"]);
      expect(listed(zone, "MX", zone)).toMatchObject([{ value: "post.xn--rksmrgs-5wao1o.se", priority: 10 }]);
      expect(values(zone, "TXT", zone)).toContain('"Välkommen till räksmörgås.se – smörgåsar sedan 1987"');
    },
  },
  "unit.tests.yaml": {
    skipped: ["@ NS"],
    check(zone) {
      expect(listed(zone, "MX", zone).map((r) => `${r.priority} ${r.value}`)).toEqual([
        "10 mx1.unit.tests",
        "20 mx2.unit.tests",
        "40 mx.backup.example.net",
      ]);
      expect(values(zone, "CAA", zone)).toEqual(['0 issue "ca.example.net"', '0 issuewild ";"', '128 iodef "mailto:security@unit.tests"']);
      expect(values(zone, "TXT", zone)).toContain('"semicolons; escaped; as octoDNS writes them"');
      expect(listed(zone, "SRV", "_srv._tcp.unit.tests").map((r) => [r.priority, r.weight, r.port, r.value, r.ttl])).toEqual([
        [10, 20, 30, "foo-1.unit.tests", 600],
        [12, 30, 30, "foo-2.unit.tests", 600],
      ]);
      expect(listed(zone, "SRV", "_imap._tcp.unit.tests")).toMatchObject([{ value: ".", priority: 0, weight: 0, port: 0 }]);
      expect(listed(zone, "MX", "nomail.unit.tests")).toMatchObject([{ value: ".", priority: 0 }]);
      const tlsa = values(zone, "TLSA", "_443._tcp.www.unit.tests");
      expect(tlsa).toHaveLength(2);
      expect(tlsa[0]).toMatch(/^3 1 1 [0-9a-f]{64}$/);
      expect(tlsa[1]).toMatch(/^2 0 2 [0-9a-fA-F]{128}$/);
      expect(values(zone, "NS", "sub.unit.tests")).toEqual(["ns1.dns-host.example.net", "ns2.dns-host.example.net"]);
      expect(values(zone, "CNAME", "*.wildcard.unit.tests")).toEqual(["www.unit.tests"]);
      expect(ttls(zone, "MX", zone)).toEqual([3600, 3600, 3600]);
    },
  },
  "xn--rksmrgs-5wao1o.se.zone": {
    skipped: SOA_NS,
    check(zone) {
      expect(listed(zone, "A", "xn--smrgsbord-82a8p.xn--rksmrgs-5wao1o.se")).toMatchObject([{ value: "203.0.113.59", ttl: 600 }]);
      // \DDD escapes of UTF-8 octets: the text in Unicode
      expect(values(zone, "TXT", zone)).toContain('"Välkommen till räksmörgås.se – smörgåsar sedan 1987"');
      expect(values(zone, "CNAME", "xn--bestllning-t5a.xn--smrgsbord-82a8p.xn--rksmrgs-5wao1o.se")).toEqual([
        "bokning.xn--blbr-noae.example",
      ]);
    },
  },
};

const setNames = (file: ZoneFile) => (file.skipped ?? []).map(({ set }) => `${set.name} ${set.type}`).sort();

describe(`the zone file corpus: ${CORPUS.length} files in test/fixtures/zones`, () => {
  test("holds octoDNS YAML and BIND files, each with checks of its own, each under HostUp's 200 records", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(12);
    expect(CORPUS.filter((name) => zoneFileFormat(name) === "yaml").length).toBeGreaterThanOrEqual(4);
    expect(CORPUS.filter((name) => zoneFileFormat(name) === "bind").length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(CHECKS).sort()).toEqual(CORPUS);
    for (const name of CORPUS) {
      const file = readZoneFile(readFileSync(fixture(name), "utf8"), { file: name });
      expect(recordsOf(file.sets).length, name).toBeLessThan(200);
      expect(file.sets.length, name).toBeGreaterThan(5);
    }
  });

  // The constructs the corpus is there for: a test fails if a file loses one (an editor's save, git's line ends).
  test.each([
    [
      "example.fi.zone",
      "CRLF line ends",
      (raw: Buffer) => raw.toString("latin1").split("\r\n").length > 20 && !/[^\r]\n/.test(raw.toString("latin1")),
    ],
    ["example.de.zone", "a byte-order mark", (raw: Buffer) => raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf],
    ["example.io.zone", "tabs inside quotes", (raw: Buffer) => raw.toString("utf8").includes('"a\ttab\tbetween words"')],
    [
      "example.io.zone",
      '\\DDD and \\" escapes',
      (raw: Buffer) => raw.toString("utf8").includes("bl\\195\\165b") && raw.includes('\\"hello\\"'),
    ],
    [
      "example.org.zone",
      "null MX and SRV 0 0 0 .",
      (raw: Buffer) => /MX\s+0 \.\n/.test(raw.toString()) && /SRV\s+0 0 0 \.\n/.test(raw.toString()),
    ],
    [
      "example.net.yaml",
      "anchors, aliases, merge keys, octodns ignored",
      (raw: Buffer) => /www: \*apex-a\n/.test(raw.toString()) && raw.includes("<<: [*api, *apex-a]") && raw.includes("ignored: true"),
    ],
    ["räksmörgås.se.yaml", "Unicode names", (raw: Buffer) => raw.toString("utf8").includes("smörgåsbord:")],
  ])("%s has %s", (name, _construct, has) => {
    expect(has(readFileSync(fixture(name)))).toBe(true);
  });

  test.each(CORPUS.map((name, i) => [`${i + 1}/${CORPUS.length}`, name] as const))(
    "corpus %s %s: plan (5), apply (0), plan in sync (0); exported as YAML and BIND, each in sync; YAML → BIND → YAML and BIND → YAML → BIND keep every record",
    async (_, name) => {
      const checks = CHECKS[name]!;
      const path = fixture(name);
      const file = readZoneFile(readFileSync(path, "utf8"), { file: name });
      const zone = file.origin!;
      api.addZone(zone, checks.seed ?? []);
      expect(setNames(file)).toEqual([...checks.skipped].sort());
      const fileRecords = recordsOf(file.sets);
      const seeded = checks.seed?.length ?? 0;

      // plan: every record of the file to create, nothing sent
      const plan = await run("--json", "dns", "plan", path);
      expect(plan.stderr).toBe("");
      expect(plan.code).toBe(5);
      const planned = JSON.parse(plan.stdout);
      expect(planned.summary).toEqual({
        create: fileRecords.length,
        update: 0,
        delete: 0,
        unmanaged: checks.seed ? checks.seed.length : 0,
      });
      expect(planned.records).toEqual({ before: seeded, after: seeded + fileRecords.length, limit: 200 });
      expect(api.calls()).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);

      // apply: one create per record, each accepted by a zone that refuses what HostUp refuses
      const applied = await run("dns", "apply", path, "--yes");
      expect(applied.stderr).toBe("");
      expect(applied.code).toBe(0);
      expect(applied.stdout).toMatch(new RegExp(`\\n${zone.replace(/\./g, "\\.")}: ${fileRecords.length} changes applied\\.\\n$`));
      expect(writes()).toEqual(Array(fileRecords.length).fill("POST createDnsRecord"));
      const expected = [
        ...fileRecords.map((r) => ({ ...r, ttl: r.ttl ?? DEFAULT_TTL })),
        ...(checks.seed ?? []).map((s) => ({ ...s, ttl: s.ttl ?? DEFAULT_TTL })),
      ];
      expect(keysOf(liveRecords(zone))).toEqual(keysOf(expected));
      checks.check(zone);

      // plan again: in sync, nothing sent
      const sent = writes().length;
      const again = await run("dns", "plan", path);
      expect(again.stderr).toBe("");
      expect(again.stdout).toMatch(
        new RegExp(`^${zone.replace(/\./g, "\\.")}: in sync with the file \\(0 to create, 0 to update, 0 to delete`),
      );
      expect(again.code).toBe(0);

      // export in both formats; each export planned against the zone is in sync
      const exports: Record<ZoneFileFormat, string> = { yaml: "", bind: "" };
      for (const to of ["yaml", "bind"] as const) {
        const exported = await run("dns", "export", zone, "--format", to);
        expect(exported.stderr).toBe("");
        expect(exported.code).toBe(0);
        exports[to] = exported.stdout;
        const exportPath = join(dir, `${zone}.${to === "yaml" ? "yaml" : "zone"}`);
        writeFileSync(exportPath, exported.stdout);
        const replanned = await run("dns", "plan", exportPath);
        expect(replanned.stderr, `${name} exported as ${to}`).toBe("");
        expect(replanned.stdout, `${name} exported as ${to}`).toMatch(
          /^\S+: in sync with the file \(0 to create, 0 to update, 0 to delete/,
        );
        expect(replanned.code).toBe(0);
      }
      expect(exports.bind).toMatch(new RegExp(`^\\$ORIGIN ${zone.replace(/\./g, "\\.")}\\.\\n`));
      expect(exports.bind).not.toMatch(/\bSOA\b/);
      expect(writes()).toHaveLength(sent);

      // each export is the zone; through the other format and back it keeps every record
      const live = keysOf(liveRecords(zone));
      const notInBind = new Set(checks.notInBind ?? []);
      const bindable = (records: DnsRecordData[]) => records.filter((r) => !notInBind.has(`${r.name} ${r.type}`));
      const fromYaml = read(exports.yaml, "yaml", zone);
      const fromBind = read(exports.bind, "bind", zone);
      expect(keysOf(recordsOf(fromYaml.sets))).toEqual(live);
      expect(keysOf(recordsOf(fromBind.sets))).toEqual(keysOf(bindable(liveRecords(zone))));
      for (const set of checks.notInBind ?? [])
        expect(exports.bind).toContain(`; ${set.split(" ")[0]} ALIAS: HostUp's apex alias has no BIND record type`);

      const yamlToBind = writeZoneFile(fromYaml, { format: "bind", origin: zone });
      const yamlBack = writeZoneFile(read(yamlToBind, "bind", zone), { format: "yaml" });
      expect(keysOf(recordsOf(read(yamlToBind, "bind", zone).sets))).toEqual(keysOf(bindable(recordsOf(fromYaml.sets))));
      expect(keysOf(recordsOf(read(yamlBack, "yaml", zone).sets))).toEqual(keysOf(bindable(recordsOf(fromYaml.sets))));
      const bindToYaml = writeZoneFile(fromBind, { format: "yaml" });
      const bindBack = writeZoneFile(read(bindToYaml, "yaml", zone), { format: "bind", origin: zone });
      expect(keysOf(recordsOf(read(bindToYaml, "yaml", zone).sets))).toEqual(keysOf(recordsOf(fromBind.sets)));
      expect(bindBack).toBe(exports.bind.replace(/^; .*\n/gm, ""));

      // the converted files, planned against the zone: in sync too (the ALIAS left alone where BIND cannot say it)
      for (const [via, text] of [
        ["via-bind", yamlBack],
        ["via-yaml", bindBack],
      ] as const) {
        mkdirSync(join(dir, via));
        const converted = join(dir, via, `${zone}.${via === "via-bind" ? "yaml" : "zone"}`);
        writeFileSync(converted, text);
        const replanned = await run("dns", "plan", converted);
        expect(replanned.stderr, via).toBe("");
        expect(replanned.stdout, via).toMatch(/^\S+: in sync with the file/);
        expect(replanned.code).toBe(0);
      }
      expect(writes()).toHaveLength(sent);
    },
  );
});

describe("one zone in two files: räksmörgås.se in Unicode YAML and in punycode BIND", () => {
  test("applied from the YAML file, the BIND file plans in sync (the ALIAS, which BIND cannot say, left alone); and the other way round", async () => {
    api.addZone("räksmörgås.se");
    const yaml = fixture("räksmörgås.se.yaml");
    const bind = fixture("xn--rksmrgs-5wao1o.se.zone");
    expect((await run("dns", "apply", yaml, "--yes")).code).toBe(0);
    const plan = await run("dns", "plan", bind);
    expect(plan.stdout).toMatch(
      /^xn--rksmrgs-5wao1o\.se: in sync with the file \(0 to create, 0 to update, 0 to delete, 1 unmanaged set left alone\)/,
    );
    expect(plan.stdout).toContain("unmanaged ALIAS @: xn--rksmrgs-se-q5ar2t.pages.example.net (ttl 3600) (not in the file: left alone)");
    expect(plan.code).toBe(0);

    // a zone made from the BIND file: the YAML file adds only the ALIAS
    const other = await startZoneServer();
    try {
      other.addZone("xn--rksmrgs-5wao1o.se");
      const env = { HOSTUP_BASE_URL: other.url };
      expect((await hostup(["dns", "apply", bind, "--yes"], env)).code).toBe(0);
      const fromYaml = await hostup(["--json", "dns", "plan", yaml], env);
      expect(fromYaml.code).toBe(5);
      expect(JSON.parse(fromYaml.stdout).changes).toEqual([
        { action: "create", type: "ALIAS", name: "@", after: { value: "xn--rksmrgs-se-q5ar2t.pages.example.net" }, reason: "file" },
      ]);
    } finally {
      await other.close();
    }
  });
});
