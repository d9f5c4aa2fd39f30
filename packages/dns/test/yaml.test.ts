import { describe, expect, test } from "vitest";
import { readYamlZone, readZoneFile, writeYamlZone, writeZoneFile, type ZoneFile } from "../src/index.js";
import { bind, canonicalSets, comparable, errorOf, problemsOf, setOf, valuesOf, yaml } from "./helpers.js";

const FILE = "example.com.yaml";

describe("records", () => {
  test("a single record and a list of records", () => {
    const zone = yaml(
      [
        "---",
        "'':",
        "  - type: A",
        "    value: 192.0.2.1",
        "  - type: MX",
        "    values:",
        "      - exchange: mx1.example.com.",
        "        preference: 10",
        "      - exchange: mx2.example.com.",
        "        preference: 20",
        "www:",
        "  type: CNAME",
        "  ttl: 600",
        "  value: example.com.",
      ].join("\n"),
    );
    expect(zone.origin).toBe("example.com");
    expect(valuesOf(setOf(zone, "@", "A"))).toEqual([{ value: "192.0.2.1" }]);
    expect(valuesOf(setOf(zone, "@", "MX"))).toEqual([
      { value: "mx1.example.com", priority: 10 },
      { value: "mx2.example.com", priority: 20 },
    ]);
    const www = setOf(zone, "www", "CNAME");
    expect(www.ttl).toBe(600);
    expect(valuesOf(www)).toEqual([{ value: "example.com" }]);
    expect(setOf(zone, "@", "A").ttl).toBeUndefined();
  });

  test("value and values", () => {
    const zone = yaml(
      [
        "a:",
        "  type: A",
        "  value: 192.0.2.1",
        "b:",
        "  type: A",
        "  values:",
        "    - 192.0.2.2",
        "    - 192.0.2.3",
        "c:",
        "  type: A",
        "  values: 192.0.2.4",
      ].join("\n"),
    );
    expect(valuesOf(setOf(zone, "a", "A"))).toEqual([{ value: "192.0.2.1" }]);
    expect(valuesOf(setOf(zone, "b", "A"))).toEqual([{ value: "192.0.2.2" }, { value: "192.0.2.3" }]);
    expect(valuesOf(setOf(zone, "c", "A"))).toEqual([{ value: "192.0.2.4" }]);
  });

  test("MX, SRV, CAA, TLSA as mappings; MX also in the legacy {priority, value} form", () => {
    const hex = "AB".repeat(32);
    const zone = yaml(
      [
        "'':",
        "  - type: MX",
        "    value: {exchange: mail.example.com., preference: 10}",
        "  - type: CAA",
        "    values:",
        "      - {flags: 0, tag: issue, value: letsencrypt.org}",
        "      - {tag: IODEF, value: 'mailto:security@example.com'}",
        "legacy:",
        "  type: MX",
        "  value: {priority: 5, value: mx.example.net.}",
        "_sip._tcp:",
        "  type: SRV",
        "  values:",
        "    - {priority: 10, weight: 5, port: 5060, target: sip.example.com.}",
        "    - {priority: 20, weight: 0, port: 5060, target: .}",
        "_443._tcp.www:",
        "  type: TLSA",
        `  value: {certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: ${hex}}`,
      ].join("\n"),
    );
    expect(valuesOf(setOf(zone, "@", "MX"))).toEqual([{ value: "mail.example.com", priority: 10 }]);
    expect(valuesOf(setOf(zone, "@", "CAA"))).toEqual([
      { value: '0 issue "letsencrypt.org"' },
      { value: '0 iodef "mailto:security@example.com"' },
    ]);
    expect(valuesOf(setOf(zone, "legacy", "MX"))).toEqual([{ value: "mx.example.net", priority: 5 }]);
    expect(valuesOf(setOf(zone, "_sip._tcp", "SRV"))).toEqual([
      { value: "sip.example.com", priority: 10, weight: 5, port: 5060 },
      { value: ".", priority: 20, weight: 0, port: 5060 },
    ]);
    expect(valuesOf(setOf(zone, "_443._tcp.www", "TLSA"))).toEqual([{ value: `3 1 1 ${hex}` }]);
  });

  test("null MX", () => {
    const zone = yaml("'':\n  type: MX\n  value: {exchange: ., preference: 0}\n");
    expect(valuesOf(setOf(zone, "@", "MX"))).toEqual([{ value: ".", priority: 0 }]);
  });

  test("\\; in TXT is ;", () => {
    const zone = yaml("'':\n  type: TXT\n  values:\n    - v=spf1 include:_spf.example.com -all\n    - 'v=DKIM1\\; k=rsa\\; p=MIIB'\n");
    expect(valuesOf(setOf(zone, "@", "TXT"))).toEqual([
      { value: "v=spf1 include:_spf.example.com -all" },
      { value: "v=DKIM1; k=rsa; p=MIIB" },
    ]);
  });

  test("names in Unicode, absolute in the zone, upper case", () => {
    const zone = yaml(
      ["smörgås: {type: A, value: 192.0.2.1}", "www.example.com.: {type: A, value: 192.0.2.2}", "FTP: {type: A, value: 192.0.2.3}"].join(
        "\n",
      ),
    );
    expect(zone.sets.map((s) => s.name).sort()).toEqual(["ftp", "www", "xn--smrgs-pra0j"]);
  });

  test("a name outside the zone is refused with its line", () => {
    const problems = problemsOf(() => yaml("ok: {type: A, value: 192.0.2.1}\nwww.example.net.: {type: A, value: 192.0.2.2}\n"));
    expect(problems).toEqual([
      { message: expect.stringMatching(/outside the zone example\.com/), source: { file: FILE, line: 2, key: "www.example.net." } },
    ]);
  });
});

describe("names and values stay strings", () => {
  test("names such as 1.10, no, 2, 0x10, ~ and true", () => {
    const zone = yaml(
      [
        "1.10: {type: A, value: 192.0.2.1}",
        "no: {type: A, value: 192.0.2.1}",
        "2: {type: A, value: 192.0.2.1}",
        "0x10: {type: A, value: 192.0.2.1}",
        "on: {type: A, value: 192.0.2.1}",
      ].join("\n"),
    );
    expect(zone.sets.map((s) => s.name).sort()).toEqual(["0x10", "1.10", "2", "no", "on"]);
  });

  test("TXT values such as no, 1.10, 0o17 and null", () => {
    const zone = yaml("t:\n  type: TXT\n  values: [no, 1.10, 0o17, null, 1e3]\n");
    expect(valuesOf(setOf(zone, "t", "TXT")).map((v) => v.value)).toEqual(["no", "1.10", "0o17", "null", "1e3"]);
  });

  test("a __proto__ name is data", () => {
    const zone = yaml("__proto__: {type: TXT, value: hello}\nconstructor: {type: TXT, value: there}\n");
    expect(valuesOf(setOf(zone, "__proto__", "TXT"))).toEqual([{ value: "hello" }]);
    expect(valuesOf(setOf(zone, "constructor", "TXT"))).toEqual([{ value: "there" }]);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  test("a __proto__ key in a record is an unknown key", () => {
    const problems = problemsOf(() => yaml("www: {type: TXT, value: hi, __proto__: {type: A}}\n"));
    expect(problems[0]?.message).toMatch(/unknown key "__proto__"/);
  });
});

describe("anchors, aliases and merge keys", () => {
  test("an anchor reused as a record (www: *web)", () => {
    const zone = yaml(
      ["web: &web", "  type: A", "  value: 192.0.2.1", "www: *web", "list:", "  - *web", "  - {type: TXT, value: x}"].join("\n"),
    );
    expect(valuesOf(setOf(zone, "web", "A"))).toEqual([{ value: "192.0.2.1" }]);
    expect(valuesOf(setOf(zone, "www", "A"))).toEqual([{ value: "192.0.2.1" }]);
    expect(valuesOf(setOf(zone, "list", "A"))).toEqual([{ value: "192.0.2.1" }]);
  });

  test("an anchored value list reused", () => {
    const zone = yaml(
      ["a:", "  type: A", "  values: &ips", "    - 192.0.2.1", "    - 192.0.2.2", "b:", "  type: A", "  values: *ips"].join("\n"),
    );
    expect(valuesOf(setOf(zone, "b", "A"))).toEqual([{ value: "192.0.2.1" }, { value: "192.0.2.2" }]);
  });

  test("merge keys (<<: *base), the record's own keys winning", () => {
    const zone = yaml(
      [
        "base: &base",
        "  type: A",
        "  ttl: 300",
        "  value: 192.0.2.1",
        "www:",
        "  <<: *base",
        "  ttl: 600",
        "ftp:",
        "  <<: [*base]",
        "  value: 192.0.2.9",
      ].join("\n"),
    );
    const www = setOf(zone, "www", "A");
    expect(www.ttl).toBe(600);
    expect(valuesOf(www)).toEqual([{ value: "192.0.2.1" }]);
    expect(setOf(zone, "ftp", "A").ttl).toBe(300);
    expect(valuesOf(setOf(zone, "ftp", "A"))).toEqual([{ value: "192.0.2.9" }]);
  });

  test("an alias without its anchor is a problem with its line, not a crash", () => {
    for (const text of ["ok: {type: A, value: 192.0.2.1}\nwww: *nowhere\n", "ok: {type: A, value: 192.0.2.1}\nwww:\n  <<: *nowhere\n"]) {
      const problems = problemsOf(() => yaml(text));
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]?.source?.line).toBe(text.startsWith("ok") && text.includes("<<") ? 3 : 2);
      expect(problems[0]?.message).toMatch(/nowhere/);
    }
  });

  test("a merge key on something that is not a mapping is a problem, not a crash", () => {
    const problems = problemsOf(() => yaml("ok: {type: A, value: 192.0.2.1}\nwww:\n  <<: text\n  type: A\n  value: 192.0.2.1\n"));
    expect(problems[0]?.source?.line).toBe(3);
    expect(problems[0]?.message).toMatch(/merge/i);
  });

  test("a merge key at the top level is a problem, not a crash", () => {
    const problems = problemsOf(() => yaml("base: &base\n  www: {type: A, value: 192.0.2.1}\n<<: *base\n"));
    expect(problems.some((p) => p.source?.line === 3)).toBe(true);
  });
});

describe("tags are refused with their line, never read as text", () => {
  test("!include", () => {
    const text = ["ok: {type: A, value: 192.0.2.1}", "secret:", "  type: TXT", "  value: !include /etc/passwd"].join("\n");
    const problems = problemsOf(() => yaml(text));
    expect(problems).toEqual([{ message: expect.stringMatching(/!include.*not read/), source: { file: FILE, line: 4 } }]);
    const { zone } = readYamlZone(text, { origin: "example.com" });
    expect(JSON.stringify(zone)).not.toContain("/etc/passwd");
  });

  test("!include of a whole record", () => {
    const problems = problemsOf(() => yaml("www: !include www.yaml\n"));
    expect(problems).toEqual([{ message: expect.stringMatching(/!include/), source: { file: FILE, line: 1 } }]);
  });

  test("other unknown tags, every one of them", () => {
    const problems = problemsOf(() =>
      yaml(["a: {type: A, value: !custom 192.0.2.1}", "b: {type: A, value: !!int 5}", "c: !ref {x: y}"].join("\n")),
    );
    expect(problems.map((p) => p.source?.line)).toEqual([1, 2, 3]);
    for (const problem of problems) expect(problem.message).toMatch(/the tag .* is not read/);
  });

  test("!!str and the plain tags are read", () => {
    const zone = yaml("a: !!map {type: !!str A, value: !!str 192.0.2.1}\nb: {type: A, values: !!seq [192.0.2.2]}\n");
    expect(zone.sets.map((s) => s.name).sort()).toEqual(["a", "b"]);
  });
});

describe("octodns: ignored", () => {
  test("an ignored set is in skipped, not in sets", () => {
    const zone = yaml(
      ["www:", "  type: A", "  value: 192.0.2.1", "  octodns:", "    ignored: true", "ftp: {type: A, value: 192.0.2.2}"].join("\n"),
    );
    expect(zone.sets.map((s) => s.name)).toEqual(["ftp"]);
    expect(zone.skipped?.map((s) => [s.set.name, s.set.type, s.reason])).toEqual([["www", "A", expect.stringMatching(/ignored/)]]);
  });

  test.each(["True", "yes", "on"])("ignored: %s is true, as octoDNS (YAML 1.1) reads it", (word) => {
    const zone = yaml(`www:\n  type: A\n  value: 192.0.2.1\n  octodns:\n    ignored: ${word}\n`);
    expect(zone.sets).toEqual([]);
    expect(zone.skipped?.map((s) => s.set.name)).toEqual(["www"]);
  });

  test.each(["false", "no"])("ignored: %s manages the set", (word) => {
    const zone = yaml(`www:\n  type: A\n  value: 192.0.2.1\n  octodns:\n    ignored: ${word}\n`);
    expect(zone.sets.map((s) => s.name)).toEqual(["www"]);
  });

  test("other octodns keys leave the set managed", () => {
    const zone = yaml("www:\n  type: A\n  value: 192.0.2.1\n  octodns:\n    healthcheck: {port: 443}\n");
    expect(zone.sets.map((s) => s.name)).toEqual(["www"]);
  });
});

describe("problems", () => {
  test("unknown record keys, with the key path", () => {
    const problems = problemsOf(() =>
      yaml(
        [
          "www:",
          "  type: A",
          "  value: 192.0.2.1",
          "  geo: {EU: [192.0.2.2]}",
          "ftp:",
          "  - type: A",
          "    value: 192.0.2.3",
          "  - type: TXT",
          "    valu: x",
        ].join("\n"),
      ),
    );
    expect(problems).toEqual([
      { message: expect.stringMatching(/unknown key "geo".*octoDNS features/), source: { file: FILE, line: 1, key: "www" } },
      { message: expect.stringMatching(/unknown key "valu"/), source: { file: FILE, line: 8, key: "ftp [1]" } },
    ]);
  });

  test("duplicate top-level names", () => {
    const problems = problemsOf(() =>
      yaml(["www: {type: A, value: 192.0.2.1}", "ftp: {type: A, value: 192.0.2.2}", "www: {type: TXT, value: x}"].join("\n")),
    );
    expect(problems).toEqual([
      { message: expect.stringMatching(/"www" is given twice \(first on line 1\)/), source: { file: FILE, line: 3, key: "www" } },
    ]);
  });

  test("value errors name the bad value's line and key", () => {
    const problems = problemsOf(() =>
      yaml(
        [
          "www:",
          "  type: A",
          "  values:",
          "    - 192.0.2.1",
          "    - 192.0.2.300",
          "mx:",
          "  type: MX",
          "  value: {exchange: mail.example.com.}",
        ].join("\n"),
      ),
    );
    expect(problems).toEqual([
      { message: expect.stringMatching(/not an IPv4 address/), source: { file: FILE, line: 5, key: "www.values[1]" } },
      { message: expect.stringMatching(/no preference/), source: { file: FILE, line: 8, key: "mx.value" } },
    ]);
  });

  test("shape problems, all of them at once", () => {
    const problems = problemsOf(() =>
      yaml(
        [
          "a: just text",
          "b: {value: x}",
          "c: {type: A, ttl: soon, value: 192.0.2.1}",
          "d: {type: A, value: 192.0.2.1, values: [192.0.2.2]}",
          "e: {type: A}",
          "f: {type: SPF, value: v=spf1 -all}",
          "g: {type: MX, value: mail.example.com.}",
          "h: {type: A, value: {a: b}}",
        ].join("\n"),
      ),
    );
    const lines = problems.map((p) => p.source?.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(problems.find((p) => p.source?.line === 6)?.message).toMatch(/SPF records are obsolete/);
    expect(problems.find((p) => p.source?.line === 7)?.message).toMatch(/MX value is a mapping/);
  });

  test("not YAML, and not a mapping", () => {
    expect(problemsOf(() => yaml("www: [unclosed\n"))[0]?.message).toMatch(/not valid YAML/);
    expect(problemsOf(() => yaml("- a\n- b\n"))[0]?.message).toMatch(/mapping of names/);
  });

  test("an empty file has no sets", () => {
    for (const text of ["", "---\n", "# nothing\n", "\n\n"]) expect(yaml(text)).toEqual({ origin: "example.com", sets: [], skipped: [] });
  });

  test("HostUp's rules apply (root CNAME, CNAME beside another type)", () => {
    const problems = problemsOf(() =>
      yaml(
        [
          "'': {type: CNAME, value: example.net.}",
          "www:",
          "  - {type: CNAME, value: example.net.}",
          "  - {type: A, value: 192.0.2.1}",
        ].join("\n"),
      ),
    );
    expect(problems.map((p) => [p.source?.line, p.message])).toEqual([
      [1, expect.stringMatching(/root CNAMEs/)],
      [4, expect.stringMatching(/CNAME conflicts/)],
    ]);
  });

  test("the 200-record limit", () => {
    const text = Array.from({ length: 201 }, (_, i) => `h${i}: {type: A, value: 192.0.2.1}`).join("\n");
    const problems = problemsOf(() => yaml(text));
    expect(problems).toEqual([{ message: expect.stringMatching(/201 records.*200/), source: { file: FILE } }]);
    const ok = Array.from({ length: 200 }, (_, i) => `h${i}: {type: A, value: 192.0.2.1}`).join("\n");
    expect(yaml(ok).sets).toHaveLength(200);
  });

  test("messages quote a short excerpt of a long key", () => {
    const long = "a".repeat(5000);
    const error = errorOf(() =>
      yaml(`? ${long}\n: {type: A, value: 1.2.3}\n"${"b".repeat(1000)}": {type: ${"X".repeat(5000)}, value: {a: b}}\n`),
    );
    for (const line of error.message.split("\n")) expect(line.length).toBeLessThan(400);
  });
});

describe("writing YAML", () => {
  const zone: ZoneFile = {
    origin: "example.com",
    sets: [
      { name: "@", type: "A", ttl: 300, values: [{ value: "192.0.2.1" }, { value: "192.0.2.2" }] },
      { name: "@", type: "MX", ttl: 300, values: [{ value: "mail.example.com", priority: 10 }] },
      { name: "@", type: "TXT", values: [{ value: "v=DKIM1; k=rsa; p=MIIB" }, { value: "no" }, { value: "1.10" }] },
      { name: "@", type: "CAA", values: [{ value: '0 issue "letsencrypt.org"' }] },
      { name: "nomail", type: "MX", values: [{ value: ".", priority: 0 }] },
      { name: "www", type: "CNAME", ttl: 600, values: [{ value: "example.com" }] },
      { name: "2", type: "A", values: [{ value: "192.0.2.3" }] },
      { name: "1.10", type: "A", values: [{ value: "192.0.2.4" }] },
      { name: "no", type: "A", values: [{ value: "192.0.2.5" }] },
      { name: "_sip._tcp", type: "SRV", values: [{ value: ".", priority: 0, weight: 0, port: 0 }] },
      { name: "_443._tcp", type: "TLSA", values: [{ value: `3 1 1 ${"ab".repeat(32)}` }] },
      { name: "lb", type: "ALIAS", values: [{ value: "lb.example.net" }] },
      { name: "*", type: "A", values: [{ value: "192.0.2.6" }] },
      { name: "*.dev", type: "TXT", ttl: 60, values: [{ value: "a  b\tc" }] },
    ],
  };

  test("re-read gives the same sets", () => {
    const text = writeZoneFile(zone, { format: "yaml" });
    expect(comparable(yaml(text))).toEqual(comparable(zone));
  });

  test("as octoDNS writes it: value for one, values for several, targets absolute, ; escaped, YAML 1.1 words quoted", () => {
    const text = writeZoneFile(zone, { format: "yaml" });
    expect(text.startsWith("---\n")).toBe(true);
    expect(text).toContain("'':\n");
    expect(text).toContain("value: example.com.\n");
    expect(text).toContain("v=DKIM1\\; k=rsa\\; p=MIIB");
    expect(text).toMatch(/^'2':$/m);
    expect(text).toMatch(/^'1\.10':$/m);
    expect(text).toMatch(/^'no':$/m);
    expect(text).toMatch(/- 'no'$/m);
    expect(text).toMatch(/- '1\.10'$/m);
    expect(text).toMatch(/exchange: '?\.'?$/m);
  });

  test("YAML → BIND → YAML", () => {
    const source = zone.sets.filter((set) => set.type !== "ALIAS");
    const first = yaml(writeZoneFile({ origin: "example.com", sets: source }, { format: "yaml" }));
    const viaBind = bind(writeZoneFile(first, { format: "bind" }));
    const back = yaml(writeZoneFile(viaBind, { format: "yaml" }));
    expect(comparable(back)).toEqual(comparable({ sets: source }));
  });
});

describe("scale", () => {
  test("5,000 names: read in one pass, one problem for the record limit", () => {
    const text = Array.from({ length: 5000 }, (_, i) => `host-${i}:\n  type: A\n  value: 192.0.2.${i % 250}`).join("\n");
    const problems = problemsOf(() => yaml(text, { maxBytes: 10 * 1024 * 1024 }));
    expect(problems).toEqual([{ message: expect.stringMatching(/5000 records.*200/), source: { file: FILE } }]);
    const { zone, problems: read } = readYamlZone(text, { origin: "example.com" });
    expect(read).toEqual([]);
    expect(zone.sets).toHaveLength(5000);
    expect(new Set(zone.sets.map((s) => s.name)).size).toBe(5000);
    expect(setOf(zone, "host-4999", "A").values[0]?.source?.line).toBe(4999 * 3 + 3);
  });

  test("5,000 names with a duplicate: the duplicate is found", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `h${i}: {type: A, value: 192.0.2.1}`);
    lines.push("h17: {type: A, value: 192.0.2.2}");
    const { problems } = readYamlZone(lines.join("\n"), { origin: "example.com" });
    expect(problems).toEqual([
      { message: expect.stringMatching(/"h17" is given twice \(first on line 18\)/), source: { line: 5001, key: "h17" } },
    ]);
  });

  test("readZoneFile chooses the format by name", () => {
    expect(readZoneFile("www: {type: A, value: 192.0.2.1}\n", { file: "example.com.yml" }).sets).toHaveLength(1);
  });
});

describe("a zone in the shapes of octoDNS's own examples (the CLI's sample)", () => {
  const HEX = "ABCDEF01".repeat(8);
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
    certificate_association_data: ${HEX}
Mixed:
  type: AAAA
  value: 2001:db8::44
`;
  const FILE_IN_DIR = "zones/example.com.yaml";

  test("the apex '', lists, MX/SRV/CAA/TLSA mappings, \\; in TXT, names and targets lower case; the apex NS skipped", () => {
    const zone = readZoneFile(SAMPLE, { file: FILE_IN_DIR });
    expect(zone.origin).toBe("example.com");
    expect(zone.sets.map((set) => ({ name: set.name, type: set.type, ttl: set.ttl, values: valuesOf(set) }))).toEqual([
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
      { name: "_443._tcp.www", type: "TLSA", ttl: undefined, values: [{ value: `3 1 1 ${HEX}` }] },
      { name: "mixed", type: "AAAA", ttl: undefined, values: [{ value: "2001:db8::44" }] },
    ]);
    expect(zone.skipped?.map((skipped) => [skipped.set.name, skipped.set.type, skipped.set.source])).toEqual([
      ["@", "NS", { file: FILE_IN_DIR, line: 23, key: "'' [4]" }],
    ]);
  });

  test("every set keeps its line and key path", () => {
    const zone = readZoneFile(SAMPLE, { file: FILE });
    expect(zone.sets.map((set) => [set.source?.line, set.source?.key])).toEqual([
      [3, "'' [0]"],
      [7, "'' [1]"],
      [14, "'' [2]"],
      [18, "'' [3]"],
      [25, "_sip._tcp"],
      [33, "www"],
      [36, "_443._tcp.www"],
      [43, "Mixed"],
    ]);
    expect(setOf(zone, "@", "A").source?.file).toBe(FILE);
  });

  test("written and read again, it is the same zone", () => {
    const first = yaml(SAMPLE);
    expect(canonicalSets(yaml(writeYamlZone(first)))).toEqual(canonicalSets(first));
  });
});

describe("more problems, each with its line and key", () => {
  test("a value in a list item's values", () => {
    const text = [
      "'':",
      "  - type: A",
      "    value: 192.0.2.1",
      "  - type: MX",
      "    values:",
      "      - exchange: mx.example.net.",
      "      - {exchange: b.example.net., preference: 1}",
    ].join("\n");
    expect(problemsOf(() => yaml(text))).toEqual([
      { message: expect.stringMatching(/the MX value has no preference/), source: { file: FILE, line: 6, key: "'' [1].values[0]" } },
    ]);
  });

  test("YAML that does not parse is named by its line", () => {
    const problems = problemsOf(() => yaml("www:\n  type: A\n   value: [\n"));
    expect(problems[0]).toEqual({ message: expect.stringMatching(/^not valid YAML: /), source: { file: FILE, line: 2 } });
  });

  test("an absolute name when the zone's name is not known", () => {
    const text = "www.example.com.:\n  type: A\n  value: 192.0.2.1\n";
    const { problems } = readYamlZone(text, { file: "f.yaml" });
    expect(problems).toEqual([
      {
        message: expect.stringMatching(/absolute name, but the zone's name is not known/),
        source: { file: "f.yaml", line: 1, key: "www.example.com." },
      },
    ]);
    // A file name that is no zone's (zone.yaml) does not tell it either.
    expect(problemsOf(() => readZoneFile(text, { file: "zone.yaml" }))[0]?.message).toMatch(/zone's name is not known/);
  });

  test("a type HostUp does not have", () => {
    expect(problemsOf(() => yaml("www: {type: PTR, value: host.example.net.}\n"))).toEqual([
      { message: expect.stringMatching(/^www PTR: HostUp has no "PTR" records/), source: { file: FILE, line: 1, key: "www.value" } },
    ]);
  });

  test("an empty value, no values, numbers out of range", () => {
    const problems = problemsOf(() =>
      yaml(
        [
          "a: {type: TXT, value: ''}",
          "b: {type: TXT, values: []}",
          "'': {type: MX, value: {exchange: mx.example.net., preference: 65536}}",
          "_s._tcp: {type: SRV, value: {priority: 0, weight: -1, port: 1, target: sip.example.net.}}",
        ].join("\n"),
      ),
    );
    expect(problems).toEqual([
      { message: expect.stringMatching(/has no value/), source: { file: FILE, line: 1, key: "a" } },
      { message: expect.stringMatching(/^b TXT: the set has no values/), source: { file: FILE, line: 2, key: "b" } },
      { message: expect.stringMatching(/^@ MX: preference 65536 .*0–65535/), source: { file: FILE, line: 3, key: "''.value" } },
      { message: expect.stringMatching(/weight "-1" is not a whole number/), source: { file: FILE, line: 4, key: "_s._tcp.value" } },
    ]);
  });
});

describe("the YAML file written", () => {
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

  test("as octoDNS writes it: the apex '' first, names, types and keys sorted, values in their order, no ttl when none", () => {
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

  test("what it writes reads back to the same sets and is written the same again", () => {
    const text = writeYamlZone(zone);
    const again = yaml(text);
    expect(comparable(again)).toEqual(comparable(zone));
    expect(writeYamlZone(again)).toBe(text);
  });

  test("quotes what YAML 1.1 (octoDNS's PyYAML) would not read as a string: no, on, 1.10, 12:30", () => {
    const text = writeYamlZone({
      sets: [{ name: "1.10", type: "TXT", values: [{ value: "no" }, { value: "1.10" }, { value: "on" }, { value: "12:30" }] }],
    });
    expect(text).toBe("---\n'1.10':\n  type: TXT\n  values:\n    - 'no'\n    - '1.10'\n    - 'on'\n    - '12:30'\n");
    expect(valuesOf(setOf(yaml(text), "1.10", "TXT"))).toEqual([{ value: "no" }, { value: "1.10" }, { value: "on" }, { value: "12:30" }]);
  });

  test("YAML → BIND → YAML gives the same sets and the same text", () => {
    const text = `---
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
    certificate_association_data: ${"ab".repeat(32)}
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
    const fromYaml = yaml(text);
    const fromBind = bind(writeZoneFile(fromYaml, { format: "bind" }));
    expect(comparable(fromBind)).toEqual(comparable(fromYaml));
    expect(writeYamlZone(fromBind)).toBe(text);
  });
});

describe("writeYamlZone quotes what PyYAML (octoDNS) would not read as a string", () => {
  test("= and << are written quoted and read back as themselves", () => {
    const zone = { sets: ["=", "<<"].map((value, i) => ({ name: `n${i}`, type: "TXT", values: [{ value }] })) };
    const text = writeYamlZone(zone);
    expect(text).toContain('value: "="');
    expect(text).toContain('value: !!str "<<"');
    const back = readZoneFile(text, { file: "example.com.yaml" });
    expect(back.sets.map((set) => set.values[0]?.value)).toEqual(["=", "<<"]);
  });
});

describe("what octoDNS would misread, and names given twice", () => {
  test("a TXT with a tab or a line end is written double-quoted and read back as it was", () => {
    const zone = {
      sets: [
        { name: "t", type: "TXT", values: [{ value: "a\tb" }] },
        { name: "u", type: "TXT", values: [{ value: "a\nb" }] },
      ],
    };
    const text = writeYamlZone(zone);
    expect(text).toContain('value: "a\\tb"');
    expect(text).not.toMatch(/value: a\t/);
    expect(readZoneFile(text, { file: "example.com.yaml" }).sets.map((set) => set.values[0]?.value)).toEqual(["a\tb", "a\nb"]);
  });

  test("a name given twice: only 'given twice' on the second, and the first read with its own data", () => {
    const text = ["a: {type: TXT, values: [one, two]}", "b: {type: A, value: 192.0.2.1}", "a: [{type: A, value: 192.0.2.1}]", ""].join(
      "\n",
    );
    const problems = problemsOf(() => readZoneFile(text, { file: "example.com.yaml" }));
    expect(problems.map((p) => [p.source?.line, p.message])).toEqual([[3, expect.stringContaining("given twice")]]);
  });
});
