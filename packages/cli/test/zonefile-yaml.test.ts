import { describe, expect, it } from "vitest";
import { type RecordSet, type ZoneFile, ZoneFileError } from "../src/zonefile/model.js";
import { sortedSets } from "../src/zonefile/normalize.js";
import { parseYamlZone, writeYamlZone } from "../src/zonefile/yaml.js";

const plain = (zone: ZoneFile) => zone.sets.map(({ source: _, ...set }) => set);
const sorted = (sets: Omit<RecordSet, "source">[]) => sortedSets(sets as RecordSet[]);

// The shapes of octoDNS's own examples and record docs.
const SAMPLE = `---
'':
  - type: A
    values:
      - 203.0.113.42
      - 203.0.113.43
  - type: MX
    ttl: 3600
    values:
      - exchange: mx1.example.net.
        preference: 10
      - exchange: MX2.example.net.
        preference: 20
  - type: TXT
    values:
      - v=spf1 include:_spf.example.net ~all
      - some-verification=abc\\; with a semicolon
  - type: CAA
    value:
      flags: 0
      tag: issue
      value: letsencrypt.org
  - type: NS
    values: [ns1.hostup.se., ns2.hostup.se.]
_sip._tcp:
  type: SRV
  ttl: 600
  value:
    priority: 10
    weight: 20
    port: 5060
    target: sip.example.com.
www:
  type: CNAME
  value: example.com.
_443._tcp.www:
  type: TLSA
  value:
    certificate_usage: 3
    selector: 1
    matching_type: 1
    certificate_association_data: ABCDEF0123
Mixed:
  type: AAAA
  value: 2001:db8::44
`;

describe("parseYamlZone", () => {
  it("reads octoDNS's shapes: the apex '', lists, MX/SRV/CAA/TLSA objects, \\; in TXT", () => {
    const zone = parseYamlZone(SAMPLE, "zones/example.com.yaml");
    expect(zone.origin).toBe("example.com");
    expect(plain(zone)).toEqual<Omit<RecordSet, "source">[]>([
      { name: "@", type: "A", ttl: undefined, values: [{ value: "203.0.113.42" }, { value: "203.0.113.43" }] },
      {
        name: "@",
        type: "MX",
        ttl: 3600,
        values: [
          { value: "mx1.example.net", priority: 10 },
          { value: "mx2.example.net", priority: 20 },
        ],
      },
      {
        name: "@",
        type: "TXT",
        ttl: undefined,
        values: [{ value: "v=spf1 include:_spf.example.net ~all" }, { value: "some-verification=abc; with a semicolon" }],
      },
      { name: "@", type: "CAA", ttl: undefined, values: [{ value: '0 issue "letsencrypt.org"' }] },
      { name: "_sip._tcp", type: "SRV", ttl: 600, values: [{ value: "sip.example.com", priority: 10, weight: 20, port: 5060 }] },
      { name: "www", type: "CNAME", ttl: undefined, values: [{ value: "example.com" }] },
      { name: "_443._tcp.www", type: "TLSA", ttl: undefined, values: [{ value: "3 1 1 ABCDEF0123" }] },
      { name: "mixed", type: "AAAA", ttl: undefined, values: [{ value: "2001:db8::44" }] },
    ]);
    expect(zone.skipped?.map((s) => [s.set.name, s.set.type, s.set.source?.line])).toEqual([["@", "NS", 23]]);
  });

  it("keeps the line and key path of every set", () => {
    const zone = parseYamlZone(SAMPLE, "example.com.yaml");
    const at = (name: string, type: string) => zone.sets.find((s) => s.name === name && s.type === type)?.source;
    expect(at("@", "A")).toEqual({ file: "example.com.yaml", line: 3, key: "'' [0]" });
    expect(at("@", "MX")).toEqual({ file: "example.com.yaml", line: 7, key: "'' [1]" });
    expect(at("_sip._tcp", "SRV")).toEqual({ file: "example.com.yaml", line: 25, key: "_sip._tcp" });
  });

  it("reads the older MX form {priority, value}, and numbers and booleans as written", () => {
    const zone = parseYamlZone(
      "mail:\n  type: MX\n  value: {priority: 5, value: mx.example.org.}\n1.10:\n  type: TXT\n  values: [1.10, no, 0x1F]\n",
      "example.com.yaml",
    );
    expect(plain(zone)).toEqual([
      { name: "mail", type: "MX", ttl: undefined, values: [{ value: "mx.example.org", priority: 5 }] },
      { name: "1.10", type: "TXT", ttl: undefined, values: [{ value: "1.10" }, { value: "no" }, { value: "0x1F" }] },
    ]);
  });

  it("takes an absolute key inside the zone and refuses one outside it", () => {
    expect(plain(parseYamlZone("www.example.com.:\n  type: A\n  value: 192.0.2.1\n", "example.com.yaml"))[0]?.name).toBe("www");
    expect(() => parseYamlZone("www.other.org.:\n  type: A\n  value: 192.0.2.1\n", "example.com.yaml")).toThrow(
      "example.com.yaml:1 (www.other.org.): www.other.org. is outside the zone example.com.",
    );
  });

  it.each([
    ["www:\n  type: A\n  vaule: 192.0.2.1\n", "f.yaml:1 (www): unknown key vaule (a record has type, ttl, value or values)."],
    ["www:\n  value: 192.0.2.1\n", "f.yaml:1 (www): the record has no type."],
    ["www:\n  type: A\n", "f.yaml:1 (www): the record has no value."],
    [
      "'':\n  - type: A\n    value: 192.0.2.1\n  - type: MX\n    values:\n      - exchange: mx.example.net.\n      - {exchange: b., preference: 1}\n",
      "f.yaml:6 ('' [1].values[0]): the MX value has no preference.",
    ],
    ["www:\n  type: A\n  ttl: soon\n  value: 192.0.2.1\n", 'f.yaml:1 (www): ttl "soon" is not a number.'],
    ["www: 192.0.2.1\n", "f.yaml:1 (www): a record is a mapping with type and value or values."],
    ["- www\n", "f.yaml:1: an octoDNS zone file is a mapping of names to records."],
    ["www:\n  type: A\n  value: 1\nwww:\n  type: A\n  value: 2\n", "f.yaml:4: not valid YAML: Map keys must be unique"],
    ["www:\n  type: A\n   value: [\n", "f.yaml:2: not valid YAML: Nested mappings are not allowed in compact mappings"],
  ])("refuses %j, naming the line and key", (text, message) => {
    const error = (() => {
      try {
        parseYamlZone(text, "f.yaml", { origin: "example.com" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ZoneFileError);
    expect((error as Error).message.slice(0, message.length)).toBe(message);
  });

  it("reads an empty file as an empty zone", () => {
    expect(parseYamlZone("---\n", "example.com.yaml").sets).toEqual([]);
  });
});

describe("writeYamlZone", () => {
  const zone: ZoneFile = {
    origin: "example.com",
    sets: [
      { name: "www", type: "CNAME", ttl: 300, values: [{ value: "example.com" }] },
      { name: "@", type: "TXT", values: [{ value: "a;b" }] },
      { name: "@", type: "A", ttl: 3600, values: [{ value: "192.0.2.2" }, { value: "192.0.2.1" }] },
      { name: "_sip._tcp", type: "SRV", values: [{ value: "sip.example.com", priority: 1, weight: 2, port: 3 }] },
      { name: "@", type: "MX", values: [{ value: "mx.example.net", priority: 10 }] },
      { name: "@", type: "CAA", values: [{ value: '128 issuewild ";"' }] },
    ],
  };

  it("writes as octoDNS does: apex '' first, names and types sorted, one record a mapping, value for one value", () => {
    expect(writeYamlZone(zone)).toBe(`---
'':
  - ttl: 3600
    type: A
    values:
      - 192.0.2.2
      - 192.0.2.1
  - type: CAA
    value:
      flags: 128
      tag: issuewild
      value: ;
  - type: MX
    value:
      exchange: mx.example.net.
      preference: 10
  - type: TXT
    value: a\\;b
_sip._tcp:
  type: SRV
  value:
    port: 3
    priority: 1
    target: sip.example.com.
    weight: 2
www:
  ttl: 300
  type: CNAME
  value: example.com.
`);
  });

  it("reads back what it writes", () => {
    const again = parseYamlZone(writeYamlZone(zone), "example.com.yaml");
    expect(sorted(plain(again))).toEqual(sorted(zone.sets.map((s) => ({ ...s, ttl: s.ttl }))));
    expect(writeYamlZone(again)).toBe(writeYamlZone(zone));
  });

  it("quotes what YAML 1.1 (octoDNS's PyYAML) would not read as a string", () => {
    const text = writeYamlZone({
      sets: [{ name: "1.10", type: "TXT", values: [{ value: "no" }, { value: "1.10" }, { value: "on" }, { value: "12:30" }] }],
    });
    expect(text).toBe("---\n'1.10':\n  type: TXT\n  values:\n    - 'no'\n    - '1.10'\n    - 'on'\n    - '12:30'\n");
    expect(parseYamlZone(text, "example.com.yaml").sets[0]?.values).toEqual([
      { value: "no" },
      { value: "1.10" },
      { value: "on" },
      { value: "12:30" },
    ]);
  });

  it("round-trips the octoDNS sample", () => {
    const first = parseYamlZone(SAMPLE, "example.com.yaml");
    const second = parseYamlZone(writeYamlZone(first), "example.com.yaml");
    expect(plain(second)).toEqual(sorted(plain(first)));
  });
});
