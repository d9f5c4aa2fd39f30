import { describe, expect, it } from "vitest";
import { parseBindZone, writeBindZone } from "../src/zonefile/bind.js";
import { type RecordSet, type ZoneFile, ZoneFileError } from "../src/zonefile/model.js";
import { sortedSets } from "../src/zonefile/normalize.js";
import { parseYamlZone, writeYamlZone } from "../src/zonefile/yaml.js";

const plain = (zone: ZoneFile) => zone.sets.map(({ source: _, ...set }) => set);
const sorted = (sets: Omit<RecordSet, "source">[]) => sortedSets(sets as RecordSet[]);

const SAMPLE = `$ORIGIN Example.COM.
$TTL 1h
; a comment line
@   IN SOA ns1.example.com. hostmaster.example.com. (
        2024010101 ; serial
        7200 3600 1209600 300 )
@       IN  NS  ns1.hostup.se.
        IN  A   192.0.2.1
        MX  10 mail
        MX  20 mail.other.net.
www 300 IN CNAME @
txt     TXT "v=spf1 include:x.com ~all" " second; part" ; a trailing comment
long    TXT ( "part one "
              "part \\"two\\" \\\\ \\059" )
_sip._tcp  SRV 10 60 5060 sipserver
@ CAA 0 issue "letsencrypt.org"
mail.example.com. 60 A 192.0.2.2
sub IN 600 AAAA 2001:db8::1
2024._domainkey TXT "k=rsa; p=abc"
_25._tcp.mail TLSA 3 1 1 ( ABCD
   ef01 )
al ALIAS target.example.net.
`;

describe("parseBindZone", () => {
  it("reads $ORIGIN/$TTL, @, relative and absolute names, blank owners, optional class, multi-string TXT, parentheses, comments", () => {
    const zone = parseBindZone(SAMPLE, "example.com.zone");
    expect(zone.origin).toBe("example.com");
    expect(plain(zone)).toEqual<Omit<RecordSet, "source">[]>([
      { name: "@", type: "A", ttl: 3600, values: [{ value: "192.0.2.1" }] },
      {
        name: "@",
        type: "MX",
        ttl: 3600,
        values: [
          { value: "mail.example.com", priority: 10 },
          { value: "mail.other.net", priority: 20 },
        ],
      },
      { name: "www", type: "CNAME", ttl: 300, values: [{ value: "example.com" }] },
      { name: "txt", type: "TXT", ttl: 3600, values: [{ value: "v=spf1 include:x.com ~all second; part" }] },
      { name: "long", type: "TXT", ttl: 3600, values: [{ value: 'part one part "two" \\ ;' }] },
      { name: "_sip._tcp", type: "SRV", ttl: 3600, values: [{ value: "sipserver.example.com", priority: 10, weight: 60, port: 5060 }] },
      { name: "@", type: "CAA", ttl: 3600, values: [{ value: '0 issue "letsencrypt.org"' }] },
      { name: "mail", type: "A", ttl: 60, values: [{ value: "192.0.2.2" }] },
      { name: "sub", type: "AAAA", ttl: 600, values: [{ value: "2001:db8::1" }] },
      { name: "2024._domainkey", type: "TXT", ttl: 3600, values: [{ value: "k=rsa; p=abc" }] },
      { name: "_25._tcp.mail", type: "TLSA", ttl: 3600, values: [{ value: "3 1 1 ABCDef01" }] },
      { name: "al", type: "ALIAS", ttl: 3600, values: [{ value: "target.example.net" }] },
    ]);
    expect(zone.sets.map((s) => s.source?.line)).toEqual([8, 9, 11, 12, 13, 15, 16, 17, 18, 19, 20, 22]);
    expect(zone.skipped?.map((s) => [s.set.type, s.set.source?.line])).toEqual([
      ["SOA", 4],
      ["NS", 7],
    ]);
  });

  it("takes the zone's name from the caller when the file has no $ORIGIN, and no TTL when there is no $TTL", () => {
    const zone = parseBindZone("www A 192.0.2.1\n     A 192.0.2.2\n", "f.zone", { origin: "example.org" });
    expect(plain(zone)).toEqual([{ name: "www", type: "A", ttl: undefined, values: [{ value: "192.0.2.1" }, { value: "192.0.2.2" }] }]);
  });

  it.each([
    ["www A 192.0.2.1\n", "f.zone:1: the file has no $ORIGIN before its first record: give the zone's name."],
    ["$ORIGIN example.com.\n$INCLUDE other.zone\n", "f.zone:2: $INCLUDE is not supported (only $ORIGIN and $TTL are)."],
    ["$ORIGIN example.com.\nwww.other.org. A 192.0.2.1\n", "f.zone:2: www.other.org. is outside the zone example.com."],
    ["$ORIGIN example.com.\n\nwww A\n", "f.zone:3: not a record (owner, TTL, class, type, data): www A"],
    ["$ORIGIN example.com.\nwww 300 IN\n", "f.zone:2: not a record (owner, TTL, class, type, data): www 300 IN"],
    ["$ORIGIN example.com.\nwww CH A 192.0.2.1\n", "f.zone:2: only class IN is supported."],
    ["$ORIGIN example.com.\n@ MX mail\n", "f.zone:2: MX data is preference exchange."],
    ["$ORIGIN example.com.\n@ MX ten mail\n", "f.zone:2: MX preference ten is not a number."],
    ["$ORIGIN example.com.\n_s._tcp SRV 1 2 sip\n", "f.zone:2: SRV data is priority weight port target."],
    [
      "$ORIGIN example.com.\nwww 300 A 192.0.2.1\nwww 600 A 192.0.2.2\n",
      "f.zone:3: www A: TTL 600 here but 300 on line 2: the records of a set share one TTL.",
    ],
    ['$ORIGIN example.com.\nwww TXT ( "a"\n', 'f.zone:2: "(" is not closed by the end of the file.'],
    ['$ORIGIN example.com.\nwww TXT "a\nb"\n', "f.zone:2: a quoted string does not end on its line."],
    ["  A 192.0.2.1\n", "f.zone:1: the first record has no owner name."],
  ])("refuses %j, naming the line", (text, message) => {
    expect(() => parseBindZone(text, "f.zone", text.startsWith("  ") ? { origin: "example.com" } : {})).toThrow(ZoneFileError);
    expect(() => parseBindZone(text, "f.zone", text.startsWith("  ") ? { origin: "example.com" } : {})).toThrow(message);
  });

  it("puts UTF-8 written as \\DDD bytes back together, and refuses a $TTL that is not one", () => {
    expect(parseBindZone('$ORIGIN example.com.\nt TXT "caf\\195\\169 ok" "\\""\n', "f.zone").sets[0]?.values).toEqual([
      { value: 'café ok"' },
    ]);
    expect(() => parseBindZone("$ORIGIN example.com.\n$TTL soon\n", "f.zone")).toThrow(
      "f.zone:2: $TTL soon is not a TTL (seconds, or units such as 1h).",
    );
  });

  it("follows a second $ORIGIN for the names after it", () => {
    const zone = parseBindZone("$ORIGIN example.com.\nwww A 192.0.2.1\n$ORIGIN sub\nhost A 192.0.2.2\n", "f.zone");
    expect(zone.sets.map((s) => s.name)).toEqual(["www", "host.sub"]);
  });
});

describe("writeBindZone", () => {
  const zone: ZoneFile = {
    sets: [
      { name: "www", type: "CNAME", ttl: 300, values: [{ value: "example.com" }] },
      { name: "@", type: "A", ttl: 3600, values: [{ value: "192.0.2.1" }, { value: "192.0.2.2" }] },
      { name: "@", type: "MX", ttl: 3600, values: [{ value: "mx.example.net", priority: 10 }] },
      { name: "_sip._tcp", type: "SRV", ttl: 3600, values: [{ value: "sip.example.com", priority: 1, weight: 2, port: 3 }] },
      { name: "@", type: "TXT", ttl: 3600, values: [{ value: 'say "hi" \\ ok; fine' }] },
      { name: "@", type: "CAA", ttl: 3600, values: [{ value: '0 issue "letsencrypt.org"' }] },
    ],
  };

  it("writes $ORIGIN, $TTL (the most common), relative names, absolute targets, quoted TXT", () => {
    expect(writeBindZone(zone, "example.com.")).toBe(`$ORIGIN example.com.
$TTL 3600
@                IN A     192.0.2.1
@                IN A     192.0.2.2
@                IN CAA   0 issue "letsencrypt.org"
@                IN MX    10 mx.example.net.
@                IN TXT   "say \\"hi\\" \\\\ ok; fine"
_sip._tcp        IN SRV   1 2 3 sip.example.com.
www       300    IN CNAME example.com.
`);
  });

  it("reads back what it writes", () => {
    const again = parseBindZone(writeBindZone(zone, "example.com"), "f.zone");
    expect(plain(again)).toEqual(sorted(zone.sets));
  });

  it("splits a long TXT in strings of at most 255 bytes, and joins them on reading", () => {
    const long = `v=DKIM1; k=rsa; p=${"A".repeat(300)}ü${"B".repeat(300)}`;
    const text = writeBindZone({ sets: [{ name: "key._domainkey", type: "TXT", ttl: 600, values: [{ value: long }] }] }, "example.com");
    const strings = /TXT\s+(.*)$/m.exec(text)?.[1]?.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(strings.length).toBe(3);
    for (const s of strings) expect(Buffer.byteLength(s.slice(1, -1))).toBeLessThanOrEqual(255);
    expect(parseBindZone(text, "f.zone").sets[0]?.values).toEqual([{ value: long }]);
  });

  it("writes no $TTL when a set has no TTL, so that it stays without one", () => {
    const text = writeBindZone({ sets: [{ name: "www", type: "A", values: [{ value: "192.0.2.1" }] }] }, "example.com");
    expect(text).not.toContain("$TTL");
    expect(plain(parseBindZone(text, "f.zone"))).toEqual([{ name: "www", type: "A", ttl: undefined, values: [{ value: "192.0.2.1" }] }]);
  });

  it("round-trips the sample", () => {
    const first = parseBindZone(SAMPLE, "example.com.zone");
    const second = parseBindZone(writeBindZone(first, "example.com"), "example.com.zone");
    expect(plain(second)).toEqual(sorted(plain(first)));
  });
});

describe("between the formats", () => {
  it("YAML → BIND → YAML gives the same zone and the same YAML", () => {
    const yaml = `---
'':
  - ttl: 3600
    type: A
    values:
      - 192.0.2.1
      - 192.0.2.2
  - ttl: 3600
    type: CAA
    value:
      flags: 0
      tag: issue
      value: letsencrypt.org
  - ttl: 3600
    type: MX
    values:
      - exchange: mx1.example.net.
        preference: 10
      - exchange: mx2.example.net.
        preference: 20
  - ttl: 300
    type: TXT
    value: v=spf1 -all\\; with semicolon
_25._tcp.mail:
  ttl: 3600
  type: TLSA
  value:
    certificate_association_data: abcdef
    certificate_usage: 3
    matching_type: 1
    selector: 1
_sip._tcp:
  ttl: 3600
  type: SRV
  value:
    port: 5060
    priority: 10
    target: sip.example.com.
    weight: 20
www:
  ttl: 3600
  type: CNAME
  value: example.com.
`;
    const fromYaml = parseYamlZone(yaml, "example.com.yaml");
    const fromBind = parseBindZone(writeBindZone(fromYaml, "example.com"), "example.com.zone");
    expect(plain(fromBind)).toEqual(plain(fromYaml));
    expect(writeYamlZone(fromBind)).toBe(yaml);
  });
});
