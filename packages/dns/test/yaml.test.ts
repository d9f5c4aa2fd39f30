import { describe, expect, test } from "vitest";
import { readYamlZone, readZoneFile, writeZoneFile, type ZoneFile } from "../src/index.js";
import { bind, comparable, errorOf, problemsOf, setOf, valuesOf, yaml } from "./helpers.js";

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
