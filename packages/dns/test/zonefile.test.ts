import { describe, expect, test } from "vitest";
import {
  DEFAULT_MAX_BYTES,
  readZoneFile,
  recordsOf,
  sortedSets,
  systemSetReason,
  where,
  writeZoneFile,
  ZONE_FILE_FORMATS,
  type ZoneFile,
  ZoneFileError,
  zoneFileFormat,
  zoneFromFileName,
  zoneProblems,
} from "../src/index.js";
import { comparable, errorOf, problemsOf } from "./helpers.js";

describe("file names", () => {
  test.each([
    ["example.com.yaml", "yaml"],
    ["zones/example.com.YML", "yaml"],
    ["example.com.zone", "bind"],
    ["db.example.com.bind", "bind"],
    ["example.com.db", "bind"],
    ["example.com.txt", undefined],
    ["example.com", undefined],
  ])("%s → %s", (file, format) => {
    expect(zoneFileFormat(file)).toBe(format);
  });

  test("the formats", () => {
    expect(ZONE_FILE_FORMATS).toEqual(["yaml", "bind"]);
  });

  test.each([
    ["example.com.yaml", "example.com"],
    ["/srv/zones/Example.COM.yml", "example.com"],
    ["C:\\zones\\example.se.zone", "example.se"],
    ["example.com..zone", "example.com"],
    ["zone.yaml", undefined],
    ["example.com.txt", undefined],
  ])("zoneFromFileName(%j) → %j", (file, zone) => {
    expect(zoneFromFileName(file)).toBe(zone);
  });
});

describe("readZoneFile", () => {
  test("the format by name, or given", () => {
    expect(readZoneFile("www 300 IN A 192.0.2.1\n", { file: "example.com.zone" }).sets).toHaveLength(1);
    expect(readZoneFile("www: {type: A, value: 192.0.2.1}\n", { file: "example.com.yaml" }).sets).toHaveLength(1);
    expect(readZoneFile("www: {type: A, value: 192.0.2.1}\n", { file: "example.com.txt", format: "yaml" }).sets).toHaveLength(1);
    expect(readZoneFile("www 300 IN A 192.0.2.1\n", { format: "bind", origin: "example.com" }).origin).toBe("example.com");
  });

  test("a name that does not tell the format", () => {
    const problems = problemsOf(() => readZoneFile("www: {type: A, value: 192.0.2.1}\n", { file: "records.txt" }));
    expect(problems).toEqual([{ message: expect.stringMatching(/cannot tell the format/), source: { file: "records.txt" } }]);
    expect(() => readZoneFile("x")).toThrow(ZoneFileError);
  });

  test("the origin given wins over the file name", () => {
    const zone = readZoneFile("www: {type: A, value: 192.0.2.1}\n", { file: "zone.example.com.yaml", origin: "example.org." });
    expect(zone.origin).toBe("example.org");
  });

  test("a size limit with a clear error", () => {
    expect(DEFAULT_MAX_BYTES).toBe(4 * 1024 * 1024);
    const text = `${"; padding\n".repeat(120)}www 300 IN A 192.0.2.1\n`;
    expect(readZoneFile(text, { file: "example.com.zone", maxBytes: 2000 }).sets).toHaveLength(1);
    const error = errorOf(() => readZoneFile(text, { file: "example.com.zone", maxBytes: 1000 }));
    expect(error.problems).toEqual([{ message: expect.stringMatching(/over the .* limit/), source: { file: "example.com.zone" } }]);
    expect(error.message.length).toBeLessThan(200);
  });

  test("the size limit counts UTF-8 octets", () => {
    const text = `www 300 IN TXT "${"å".repeat(600)}"\n`;
    expect(text.length).toBeLessThan(1000);
    expect(() => readZoneFile(text, { file: "example.com.zone", maxBytes: 1000 })).toThrow(/over the/);
    expect(readZoneFile(text, { file: "example.com.zone", maxBytes: 1300 }).sets).toHaveLength(1);
  });

  test("the default limit refuses a 5 MB file without reading it", () => {
    const text = `${"x".repeat(5 * 1024 * 1024)}`;
    expect(() => readZoneFile(text, { file: "example.com.yaml" })).toThrow(/5\.0 MiB, over the 4\.0 MiB limit/);
  });

  test("every problem of a file at once, sorted by line, messages short", () => {
    const lines = [
      "ok: {type: A, value: 192.0.2.1}",
      "a: {type: A, value: 192.0.2.300}",
      "b: {type: AAAA, value: not-an-address}",
      "'': {type: CNAME, value: example.net.}",
      "c: {type: MX, value: {exchange: 192.0.2.1., preference: 10}}",
      `d: {type: TXT, value: '"${"x".repeat(5000)}'}`,
      "e: {type: CNAME, value: .}",
      `${"f".repeat(64)}: {type: A, value: 192.0.2.1}`,
      "g: {type: A, value: 192.0.2.1, ttl: 30}",
    ];
    const error = errorOf(() => readZoneFile(lines.join("\n"), { file: "example.com.yaml" }));
    expect(error.problems.map((p) => p.source?.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (const problem of error.problems) expect(problem.message.length).toBeLessThan(300);
    expect(error.message.split("\n")[0]).toBe("8 problems:");
    expect(error.message).toContain("example.com.yaml:2 (a.value): a A:");
  });

  test("a long list of problems is cut in the message, complete in problems", () => {
    const text = Array.from({ length: 120 }, (_, i) => `h${i} 300 IN A 192.0.2.${300 + i}`).join("\n");
    const error = errorOf(() => readZoneFile(text, { file: "example.com.zone" }));
    expect(error.problems).toHaveLength(120);
    expect(error.message).toContain("… and 70 more.");
    expect(error.message.split("\n")).toHaveLength(52);
  });

  test("no message repeats a 100 KB input (BIND)", () => {
    const huge = "a".repeat(100_000);
    const label = `${"a".repeat(50)}.`.repeat(2000);
    const text = [
      `@ 300 IN ${"X".repeat(100_000)} 1`,
      `${label}x 300 IN TXT "a"`,
      `${label}x 300 IN TXT "a"`,
      `${label}y 300 IN TXT "a"`,
      `${label}y 600 IN TXT "b"`,
      `www 300 IN MX 10 ${huge}`,
      `www 300 IN MX 10 ${huge}`,
      `$TTL ${huge}`,
      `$${huge}`,
      `x 300 IN A ${huge}`,
      `${huge}.example.net. 300 IN A 192.0.2.1`,
      `y 300 IN CAA 0 ${huge} "x"`,
      `z ${huge}`,
    ].join("\n");
    const error = errorOf(() => readZoneFile(text, { file: "example.com.zone" }));
    expect(error.problems.length).toBeGreaterThanOrEqual(13);
    for (const problem of error.problems) expect(problem.message.length, problem.message.slice(0, 100)).toBeLessThan(300);
    expect(error.message.length).toBeLessThan(300 * error.problems.length);
  });

  test("no message repeats a long input (YAML)", () => {
    const text = [
      `? ${"k".repeat(100_000)}`,
      ": {type: A, value: 192.0.2.1}",
      "t:",
      `  type: ${"X".repeat(100_000)}`,
      "  value: {a: b}",
      "u:",
      `  type: ${"Y".repeat(100_000)}`,
      "  value: x",
      `v: {type: A, value: ${"9".repeat(100_000)}}`,
      `w: {type: TXT, value: x, ${"z".repeat(1000)}: 1}`,
      `x: {type: A, value: 192.0.2.1, ttl: ${"1".repeat(100_000)}}`,
    ].join("\n");
    const error = errorOf(() => readZoneFile(text, { file: "example.com.yaml" }));
    expect(error.problems.length).toBeGreaterThanOrEqual(6);
    for (const line of error.message.split("\n")) expect(line.length, line.slice(0, 100)).toBeLessThan(400);
  });

  test("YAML alias bombs are refused, not expanded", () => {
    const text = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]",
      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]",
    ].join("\n");
    const problems = problemsOf(() => readZoneFile(text, { file: "example.com.yaml" }));
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe("zoneProblems", () => {
  test("two sets of one name and type", () => {
    const zone: ZoneFile = {
      sets: [
        { name: "www", type: "A", values: [{ value: "192.0.2.1" }], source: { line: 1 } },
        { name: "www", type: "A", values: [{ value: "192.0.2.2" }], source: { line: 5 } },
      ],
    };
    expect(zoneProblems(zone)).toEqual([
      { message: expect.stringMatching(/a second A set for www \(the first is on line 1\)/), source: { line: 5 } },
    ]);
  });

  test("two long names that begin alike are two sets", () => {
    const prefix = "a".repeat(45);
    const zone: ZoneFile = {
      sets: [
        { name: `${prefix}1`, type: "TXT", values: [{ value: "x" }] },
        { name: `${prefix}2`, type: "TXT", values: [{ value: "y" }] },
      ],
    };
    expect(zoneProblems(zone)).toEqual([]);
  });

  test("a set with no values; a CNAME set of two values said once", () => {
    const zone: ZoneFile = {
      sets: [
        { name: "empty", type: "A", values: [] },
        { name: "www", type: "CNAME", values: [{ value: "a.example.com" }, { value: "b.example.com" }] },
      ],
    };
    expect(zoneProblems(zone).map((p) => p.message)).toEqual([
      expect.stringMatching(/^empty A: the set has no values/),
      expect.stringMatching(/^www CNAME: a CNAME set has one value/),
    ]);
  });

  test("SOA and apex NS in sets are refused", () => {
    const zone: ZoneFile = { sets: [{ name: "@", type: "NS", values: [{ value: "ns1.example.net" }] }] };
    expect(zoneProblems(zone)[0]?.message).toMatch(/leave it out of the file/);
  });

  test("a TTL out of range is said once per set", () => {
    const zone: ZoneFile = { sets: [{ name: "www", type: "A", ttl: 5, values: [{ value: "192.0.2.1" }, { value: "192.0.2.2" }] }] };
    expect(zoneProblems(zone)).toHaveLength(1);
  });

  test("names in different case are one name for HostUp's conflict rules", () => {
    const zone: ZoneFile = {
      sets: [
        { name: "www", type: "CNAME", values: [{ value: "example.com" }] },
        { name: "WWW", type: "TXT", values: [{ value: "x" }] },
      ],
    };
    expect(zoneProblems(zone).map((p) => p.message)).toEqual([expect.stringMatching(/CNAME conflicts/)]);
  });
});

describe("sets", () => {
  test("sortedSets: the apex first, then names, types in order", () => {
    const sorted = sortedSets([
      { name: "www", type: "A" },
      { name: "@", type: "TXT" },
      { name: "2", type: "A" },
      { name: "@", type: "A" },
    ]);
    expect(sorted.map((s) => `${s.name} ${s.type}`)).toEqual(["@ A", "@ TXT", "2 A", "www A"]);
  });

  test("systemSetReason", () => {
    expect(systemSetReason({ name: "@", type: "SOA" })).toMatch(/SOA/);
    expect(systemSetReason({ name: "@", type: "NS" })).toMatch(/apex NS/);
    expect(systemSetReason({ name: "sub", type: "NS" })).toBeUndefined();
    expect(systemSetReason({ name: "@", type: "A" })).toBeUndefined();
  });

  test("recordsOf: one record per value, with the set's TTL", () => {
    expect(
      recordsOf([
        {
          name: "@",
          type: "MX",
          ttl: 300,
          values: [
            { value: "mx", priority: 10, source: { line: 2 } },
            { value: "mx2", priority: 20 },
          ],
        },
      ]),
    ).toEqual([
      { type: "MX", name: "@", value: "mx", priority: 10, ttl: 300 },
      { type: "MX", name: "@", value: "mx2", priority: 20, ttl: 300 },
    ]);
  });

  test("where", () => {
    expect(where(undefined)).toBe("");
    expect(where({ file: "a.yaml", line: 3, key: "www" })).toBe("a.yaml:3 (www)");
    expect(where({ line: 3 })).toBe("line 3");
    expect(where({ key: "www" })).toBe("(www)");
    expect(where({ file: "a.zone" })).toBe("a.zone");
    expect(where({ key: "k".repeat(10_000) }).length).toBeLessThan(100);
  });
});

describe("file names and formats together", () => {
  test.each([
    ["example.com.db", "example.com", "bind"],
    ["sub.example.co.uk.bind", "sub.example.co.uk", "bind"],
  ])("%s is the zone %s, in %s", (file, zone, format) => {
    expect(zoneFromFileName(file)).toBe(zone);
    expect(zoneFileFormat(file)).toBe(format);
  });

  test("one record read from either format is one set; written in either format", () => {
    const fromYaml = readZoneFile("www: {type: A, value: 192.0.2.1}\n", { file: "example.com.yaml" });
    const fromBind = readZoneFile("www A 192.0.2.1\n", { file: "example.com.zone" });
    expect(fromYaml.origin).toBe("example.com");
    expect(fromBind.origin).toBe("example.com");
    expect(comparable(fromBind)).toEqual(comparable(fromYaml));
    expect(comparable(fromYaml)).toEqual([{ name: "www", type: "A", ttl: undefined, values: [expect.stringContaining("192.0.2.1")] }]);
    expect(writeZoneFile(fromYaml, { format: "bind" })).toBe("$ORIGIN example.com.\nwww        IN A     192.0.2.1\n");
    expect(writeZoneFile(fromBind, { format: "yaml" })).toBe("---\nwww:\n  type: A\n  value: 192.0.2.1\n");
  });
});

describe("ZoneFileError", () => {
  test("one problem: the message names the file, line and key", () => {
    const problem = { message: "bad", source: { file: "a.yaml", line: 3, key: "www" } };
    const error = new ZoneFileError([problem]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ZoneFileError");
    expect(error.message).toBe("a.yaml:3 (www): bad");
    expect(error.problems).toEqual([problem]);
    expect(new ZoneFileError([{ message: "no source" }]).message).toBe("no source");
  });
});
