import { describe, expect, test } from "vitest";
import { readBindZone, readZoneFile, ttlSeconds, writeBindZone, writeZoneFile, type ZoneFile } from "../src/index.js";
import { bind, canonicalSets, comparable, errorOf, problemsOf, setOf, valuesOf } from "./helpers.js";

describe("directives", () => {
  test("$ORIGIN absolute, then relative to the one before", () => {
    const zone = readZoneFile(
      ["$ORIGIN example.com.", "www 300 IN A 192.0.2.1", "$ORIGIN sub", "host 300 IN A 192.0.2.2", "@ 300 IN TXT here"].join("\n"),
      { format: "bind" },
    );
    expect(zone.origin).toBe("example.com");
    expect(valuesOf(setOf(zone, "www", "A"))).toEqual([{ value: "192.0.2.1" }]);
    expect(valuesOf(setOf(zone, "host.sub", "A"))).toEqual([{ value: "192.0.2.2" }]);
    expect(valuesOf(setOf(zone, "sub", "TXT"))).toEqual([{ value: "here" }]);
  });

  test("the zone's name from the file name when there is no $ORIGIN", () => {
    const zone = bind("www 300 IN A 192.0.2.1\n");
    expect(zone.origin).toBe("example.com");
    expect(setOf(zone, "www", "A").ttl).toBe(300);
  });

  test("readBindZone with the zone's name given", () => {
    const { zone, problems } = readBindZone("www 300 IN A 192.0.2.1\n", { origin: "Example.COM." });
    expect(problems).toEqual([]);
    expect(zone.origin).toBe("example.com");
    expect(zone.sets.map((s) => s.name)).toEqual(["www"]);
  });

  test("without $ORIGIN nor a zone name every record is refused", () => {
    const { problems } = readBindZone("www 300 IN A 192.0.2.1\nftp 300 IN A 192.0.2.2\n");
    expect(problems.map((p) => p.source?.line)).toEqual([1, 2]);
    expect(problems[0]?.message).toMatch(/no \$ORIGIN/);
  });

  test("$TTL applies to records without a TTL (RFC 2308)", () => {
    const zone = bind(["$TTL 3600", "www IN A 192.0.2.1", "ftp 300 IN A 192.0.2.2", "mail IN A 192.0.2.3"].join("\n"));
    expect(setOf(zone, "www", "A").ttl).toBe(3600);
    expect(setOf(zone, "ftp", "A").ttl).toBe(300);
    // With $TTL, a record without a TTL takes $TTL, not the last one stated.
    expect(setOf(zone, "mail", "A").ttl).toBe(3600);
  });

  test("a later $TTL applies from there on", () => {
    const zone = bind(["$TTL 3600", "www IN A 192.0.2.1", "$TTL 600", "ftp IN A 192.0.2.2"].join("\n"));
    expect(setOf(zone, "www", "A").ttl).toBe(3600);
    expect(setOf(zone, "ftp", "A").ttl).toBe(600);
  });

  test("without $TTL, the last TTL stated (RFC 1035 §5.1)", () => {
    const zone = bind(["www 300 IN A 192.0.2.1", "ftp IN A 192.0.2.2", "mail 600 IN A 192.0.2.3", "smtp IN A 192.0.2.4"].join("\n"));
    expect(setOf(zone, "ftp", "A").ttl).toBe(300);
    expect(setOf(zone, "smtp", "A").ttl).toBe(600);
  });

  test("without $TTL and before any TTL, a record has none (the API's default)", () => {
    const zone = bind("www IN A 192.0.2.1\n");
    expect(setOf(zone, "www", "A").ttl).toBeUndefined();
  });

  test("after an SOA without $TTL, its minimum", () => {
    const zone = bind(
      [
        "@ IN SOA ns1.example.net. hostmaster.example.com. (",
        "  2024010101 ; serial",
        "  7200 3600 1209600",
        "  900 ) ; minimum",
        "www IN A 192.0.2.1",
      ].join("\n"),
    );
    expect(setOf(zone, "www", "A").ttl).toBe(900);
    expect(zone.skipped?.map((s) => s.set.type)).toEqual(["SOA"]);
  });

  test("an SOA's minimum does not override $TTL", () => {
    const zone = bind(["$TTL 1800", "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 900", "www IN A 192.0.2.1"].join("\n"));
    expect(setOf(zone, "www", "A").ttl).toBe(1800);
  });

  test.each([
    ["300", 300],
    ["1h30m", 5400],
    ["1H30M", 5400],
    ["1d", 86_400],
    ["1w", 604_800],
    ["90s", 90],
    ["2h", 7200],
  ])("TTL %s is %i seconds", (text, seconds) => {
    expect(ttlSeconds(text)).toBe(seconds);
  });

  test.each(["", "1x", "h", "-1", "1.5", "2147483648"])("%j is not a TTL", (text) => {
    expect(ttlSeconds(text)).toBeUndefined();
  });

  test("TTL units in $TTL and on records", () => {
    const zone = bind(["$TTL 1h30m", "www IN A 192.0.2.1", "ftp 2h IN A 192.0.2.2"].join("\n"));
    expect(setOf(zone, "www", "A").ttl).toBe(5400);
    expect(setOf(zone, "ftp", "A").ttl).toBe(7200);
  });

  test("a bad $TTL is named by line", () => {
    const problems = problemsOf(() => bind("www 300 IN A 192.0.2.1\n$TTL soon\n"));
    expect(problems).toEqual([
      { message: expect.stringMatching(/\$TTL "soon" is not a TTL/), source: { file: "example.com.zone", line: 2 } },
    ]);
  });

  test.each([
    ["$INCLUDE other.zone", /\$INCLUDE is not read/],
    ["$INCLUDE /etc/passwd example.com.", /\$INCLUDE is not read/],
    ["$GENERATE 1-10 host$ A 192.0.2.$", /\$GENERATE is not read/],
    ["$FOO bar", /"\$FOO" is not a directive/],
  ])("%s is refused with its line", (line, message) => {
    const problems = problemsOf(() => bind(`www 300 IN A 192.0.2.1\n${line}\n`));
    expect(problems).toEqual([{ message: expect.stringMatching(message), source: { file: "example.com.zone", line: 2 } }]);
  });
});

describe("owners, TTL and class", () => {
  test("@, relative, absolute, inherited (a line starting with blank space)", () => {
    const zone = bind(
      [
        "@        300 IN A    192.0.2.1",
        "         300 IN AAAA 2001:db8::1",
        "www.example.com. 300 IN A 192.0.2.2",
        "\t300 IN TXT tabbed",
        "ftp      300 IN A    192.0.2.3",
      ].join("\n"),
    );
    expect(valuesOf(setOf(zone, "@", "A"))).toEqual([{ value: "192.0.2.1" }]);
    expect(valuesOf(setOf(zone, "@", "AAAA"))).toEqual([{ value: "2001:db8::1" }]);
    expect(valuesOf(setOf(zone, "www", "A"))).toEqual([{ value: "192.0.2.2" }]);
    expect(valuesOf(setOf(zone, "www", "TXT"))).toEqual([{ value: "tabbed" }]);
    expect(valuesOf(setOf(zone, "ftp", "A"))).toEqual([{ value: "192.0.2.3" }]);
  });

  test("the first record cannot inherit an owner", () => {
    const problems = problemsOf(() => bind("  300 IN A 192.0.2.1\n"));
    expect(problems[0]).toEqual({ message: expect.stringMatching(/no owner/), source: { file: "example.com.zone", line: 1 } });
  });

  test("an owner outside the zone is refused", () => {
    const problems = problemsOf(() => bind("www.example.net. 300 IN A 192.0.2.1\n"));
    expect(problems[0]?.message).toMatch(/outside the zone example\.com/);
  });

  test("numeric owner names stay names", () => {
    const zone = bind(["2 300 IN A 192.0.2.1", "1.2 300 IN TXT hello", "0x10 300 IN A 192.0.2.2", "10 IN 300 A 192.0.2.3"].join("\n"));
    expect(zone.sets.map((s) => s.name).sort()).toEqual(["0x10", "1.2", "10", "2"]);
    expect(valuesOf(setOf(zone, "1.2", "TXT"))).toEqual([{ value: "hello" }]);
    expect(setOf(zone, "10", "A").ttl).toBe(300);
  });

  test("class IN is optional and may come before or after the TTL", () => {
    const zone = bind(
      ["a 300 IN A 192.0.2.1", "b IN 300 A 192.0.2.2", "c 300 A 192.0.2.3", "d in 300 a 192.0.2.4", "e IN A 192.0.2.5"].join("\n"),
    );
    for (const name of ["a", "b", "c", "d", "e"]) {
      const set = setOf(zone, name, "A");
      expect(set.ttl).toBe(300);
      expect(set.values).toHaveLength(1);
    }
  });

  test.each(["CH", "HS", "CS"])("class %s is refused", (cls) => {
    const problems = problemsOf(() => bind(`www 300 ${cls} A 192.0.2.1\n`));
    expect(problems[0]?.message).toMatch(new RegExp(`class ${cls}: only IN`));
  });

  test("records of one set with different TTLs are refused", () => {
    const problems = problemsOf(() => bind(["www 300 IN A 192.0.2.1", "www 600 IN A 192.0.2.2"].join("\n")));
    expect(problems).toEqual([
      { message: expect.stringMatching(/TTL 600 here but 300 on line 1.*share one TTL/), source: { file: "example.com.zone", line: 2 } },
    ]);
  });

  test("a set may be split over the file", () => {
    const zone = bind(["www 300 IN A 192.0.2.1", "ftp 300 IN A 192.0.2.9", "www 300 IN A 192.0.2.2"].join("\n"));
    expect(valuesOf(setOf(zone, "www", "A"))).toEqual([{ value: "192.0.2.1" }, { value: "192.0.2.2" }]);
  });

  test("each value keeps its own line", () => {
    const zone = bind(["www 300 IN A 192.0.2.1", "", "; comment", "www 300 IN A 192.0.2.2"].join("\n"));
    expect(setOf(zone, "www", "A").values.map((v) => v.source?.line)).toEqual([1, 4]);
  });
});

describe("quoted strings, escapes, comments, parentheses", () => {
  test("quoted strings are byte-exact: double spaces and tabs kept", () => {
    const zone = bind('www 300 IN TXT "a  b\tc   d"\n');
    expect(valuesOf(setOf(zone, "www", "TXT"))).toEqual([{ value: "a  b\tc   d" }]);
  });

  test("multi-string TXT is joined", () => {
    const zone = bind(['@ 300 IN TXT "v=spf1 include:_spf.example.com" " -all"', 'dkim 300 IN TXT "p=" "MIIB" "AQAB"'].join("\n"));
    expect(valuesOf(setOf(zone, "@", "TXT"))).toEqual([{ value: "v=spf1 include:_spf.example.com -all" }]);
    expect(valuesOf(setOf(zone, "dkim", "TXT"))).toEqual([{ value: "p=MIIBAQAB" }]);
  });

  test('escapes: \\" \\\\ \\; and \\DDD (UTF-8 put back together)', () => {
    const zone = bind(
      [
        'a 300 IN TXT "say \\"hi\\""',
        'b 300 IN TXT "back\\\\slash"',
        "c 300 IN TXT semi\\;colon",
        'd 300 IN TXT "r\\195\\164ksm\\195\\182rg\\195\\165s"',
        'e 300 IN TXT "a;b" ; a real comment',
      ].join("\n"),
    );
    expect(valuesOf(setOf(zone, "a", "TXT"))).toEqual([{ value: 'say "hi"' }]);
    expect(valuesOf(setOf(zone, "b", "TXT"))).toEqual([{ value: "back\\slash" }]);
    expect(valuesOf(setOf(zone, "c", "TXT"))).toEqual([{ value: "semi;colon" }]);
    expect(valuesOf(setOf(zone, "d", "TXT"))).toEqual([{ value: "räksmörgås" }]);
    expect(valuesOf(setOf(zone, "e", "TXT"))).toEqual([{ value: "a;b" }]);
  });

  test("UTF-8 written as it is in a quoted string", () => {
    const zone = bind('www 300 IN TXT "smörgåsbord"\n');
    expect(valuesOf(setOf(zone, "www", "TXT"))).toEqual([{ value: "smörgåsbord" }]);
  });

  test("parentheses join lines; comments inside them are dropped", () => {
    const zone = bind(
      [
        "dkim._domainkey 300 IN TXT ( ; a DKIM key",
        '  "v=DKIM1; k=rsa; "  ; first part',
        '  "p=MIIBIjAN" )      ; second part',
        "www 300 IN A 192.0.2.1",
      ].join("\n"),
    );
    expect(valuesOf(setOf(zone, "dkim._domainkey", "TXT"))).toEqual([{ value: "v=DKIM1; k=rsa; p=MIIBIjAN" }]);
    expect(setOf(zone, "dkim._domainkey", "TXT").source?.line).toBe(1);
    expect(setOf(zone, "www", "A").source?.line).toBe(4);
  });

  test("CRLF line ends and a byte-order mark", () => {
    const zone = bind('\uFEFF$TTL 300\r\nwww IN A 192.0.2.1\r\n  IN TXT "a  b"\r\nftp IN A 192.0.2.2\r\n');
    expect(valuesOf(setOf(zone, "www", "A"))).toEqual([{ value: "192.0.2.1" }]);
    expect(valuesOf(setOf(zone, "www", "TXT"))).toEqual([{ value: "a  b" }]);
    expect(setOf(zone, "ftp", "A").source?.line).toBe(4);
  });

  test("an unterminated quote is named by its line, and the rest is still read", () => {
    const problems = problemsOf(() => bind(['www 300 IN TXT "open', "ftp 300 IN A 192.0.2.1", "bad 300 IN A 1.2"].join("\n")));
    expect(problems.map((p) => [p.source?.line, p.message])).toEqual([
      [1, expect.stringMatching(/quoted string does not end/)],
      [3, expect.stringMatching(/not an IPv4 address/)],
    ]);
  });

  test("unbalanced parentheses are named by line", () => {
    const open = problemsOf(() => bind(["www 300 IN A 192.0.2.1", "txt 300 IN TXT ( a", "b"].join("\n")));
    expect(open).toEqual([{ message: expect.stringMatching(/"\(" is not closed/), source: { file: "example.com.zone", line: 2 } }]);
    const close = problemsOf(() => bind(["www 300 IN A 192.0.2.1", "txt 300 IN TXT a )"].join("\n")));
    expect(close).toEqual([{ message: expect.stringMatching(/"\)" without "\("/), source: { file: "example.com.zone", line: 2 } }]);
  });
});

describe("types", () => {
  test("targets: relative to the origin, absolute, @, and the root", () => {
    const zone = bind(
      [
        "www 300 IN CNAME web",
        "ftp 300 IN CNAME web.example.net.",
        "@ 300 IN MX 10 mail",
        "@ 300 IN MX 20 MX2.Example.NET.",
        "sub 300 IN NS ns1.example.net.",
        "api 300 IN CNAME @",
        "_sip._tcp 300 IN SRV 10 5 5060 sip",
      ].join("\n"),
    );
    expect(valuesOf(setOf(zone, "www", "CNAME"))).toEqual([{ value: "web.example.com" }]);
    expect(valuesOf(setOf(zone, "ftp", "CNAME"))).toEqual([{ value: "web.example.net" }]);
    expect(valuesOf(setOf(zone, "@", "MX"))).toEqual([
      { value: "mail.example.com", priority: 10 },
      { value: "mx2.example.net", priority: 20 },
    ]);
    expect(valuesOf(setOf(zone, "sub", "NS"))).toEqual([{ value: "ns1.example.net" }]);
    expect(valuesOf(setOf(zone, "api", "CNAME"))).toEqual([{ value: "example.com" }]);
    expect(valuesOf(setOf(zone, "_sip._tcp", "SRV"))).toEqual([{ value: "sip.example.com", priority: 10, weight: 5, port: 5060 }]);
  });

  test("null MX and SRV . (no service)", () => {
    const zone = bind(["@ 300 IN MX 0 .", "_imap._tcp 300 IN SRV 0 0 0 ."].join("\n"));
    expect(valuesOf(setOf(zone, "@", "MX"))).toEqual([{ value: ".", priority: 0 }]);
    expect(valuesOf(setOf(zone, "_imap._tcp", "SRV"))).toEqual([{ value: ".", priority: 0, weight: 0, port: 0 }]);
  });

  test("CAA and TLSA", () => {
    const hex = "ab".repeat(32);
    const zone = bind(
      [
        '@ 300 IN CAA 0 issue "letsencrypt.org"',
        "@ 300 IN CAA 128 IODEF mailto:security@example.com",
        `_443._tcp.www 300 IN TLSA 3 1 1 ${hex.slice(0, 32).toUpperCase()} ${hex.slice(32)}`,
      ].join("\n"),
    );
    expect(valuesOf(setOf(zone, "@", "CAA"))).toEqual([
      { value: '0 issue "letsencrypt.org"' },
      { value: '128 iodef "mailto:security@example.com"' },
    ]);
    expect(valuesOf(setOf(zone, "_443._tcp.www", "TLSA"))).toEqual([{ value: `3 1 1 ${hex.slice(0, 32).toUpperCase()}${hex.slice(32)}` }]);
  });

  test("SOA and the apex NS are in skipped, with the reason", () => {
    const zone = bind(
      [
        "@ 3600 IN SOA ns1.example.net. hostmaster.example.com. 1 7200 3600 1209600 300",
        "@ 3600 IN NS ns1.example.net.",
        "@ 3600 IN NS ns2.example.net.",
        "www 300 IN A 192.0.2.1",
      ].join("\n"),
    );
    expect(zone.sets.map((s) => `${s.name} ${s.type}`)).toEqual(["www A"]);
    expect(zone.skipped?.map((s) => [s.set.type, s.set.values.length, s.reason])).toEqual([
      ["SOA", 1, expect.stringMatching(/system record/)],
      ["NS", 2, expect.stringMatching(/apex NS/)],
    ]);
  });

  test("unknown types are refused (PTR)", () => {
    const problems = problemsOf(() => bind("1 300 IN PTR host.example.com.\n"));
    expect(problems).toEqual([
      { message: expect.stringMatching(/HostUp has no "PTR" records/), source: { file: "example.com.zone", line: 1 } },
    ]);
  });

  test("SPF is refused with advice", () => {
    const problems = problemsOf(() => bind('@ 300 IN SPF "v=spf1 -all"\n'));
    expect(problems[0]?.message).toMatch(/SPF records are obsolete.*TXT/);
  });

  test("wrong data shapes are named", () => {
    const problems = problemsOf(() =>
      bind(
        [
          "a 300 IN MX mail.example.com.",
          "b 300 IN MX ten mail.example.com.",
          "_s._tcp 300 IN SRV 1 2 sip.example.com.",
          "c 300 IN CNAME a.example.com. b.example.com.",
          "d 300 IN TLSA 3 1",
          '@ 300 IN CAA 0 issue "a" "b"',
          "e 300 IN A",
          "f",
        ].join("\n"),
      ),
    );
    expect(problems.map((p) => p.source?.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(problems[1]?.message).toMatch(/preference "ten" is not a whole number/);
  });
});

describe("every problem of a file in one ZoneFileError", () => {
  test("problems of reading and of HostUp's rules, sorted by line, each with its line", () => {
    const error = errorOf(() =>
      bind(
        [
          "$TTL 300",
          "www IN A 192.0.2.256",
          "www IN CNAME example.net.",
          "$INCLUDE other.zone",
          "@ IN CNAME example.net.",
          "1 IN PTR host.",
          '_dmarc IN TXT "unterminated',
          "mail IN MX 10 192.0.2.1.",
          "ttl 30 IN A 192.0.2.1",
        ].join("\n"),
      ),
    );
    const lines = error.problems.map((p) => p.source?.line);
    expect(lines).toEqual([...lines].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(lines)).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9]));
    for (const problem of error.problems) expect(problem.source?.file).toBe("example.com.zone");
    expect(error.message).toMatch(/^\d+ problems:\n/);
    expect(error.message).toContain("example.com.zone:4: $INCLUDE");
  });
});

describe("writing BIND", () => {
  const zone: ZoneFile = {
    origin: "example.com",
    sets: [
      { name: "@", type: "A", ttl: 300, values: [{ value: "192.0.2.1" }] },
      { name: "@", type: "MX", ttl: 300, values: [{ value: "mail.example.com", priority: 10 }] },
      { name: "@", type: "TXT", ttl: 300, values: [{ value: "v=spf1 -all" }, { value: `v=DKIM1; p=${"k".repeat(600)}` }] },
      { name: "@", type: "CAA", ttl: 300, values: [{ value: '0 issue "letsencrypt.org"' }] },
      { name: "www", type: "CNAME", ttl: 600, values: [{ value: "example.com" }] },
      { name: "2", type: "A", ttl: 300, values: [{ value: "192.0.2.2" }] },
      { name: "1.2", type: "TXT", ttl: 300, values: [{ value: 'a  b\t"c" \\ d;e' }] },
      { name: "_sip._tcp", type: "SRV", ttl: 300, values: [{ value: "sip.example.net", priority: 10, weight: 5, port: 5060 }] },
      { name: "_imap._tcp", type: "SRV", ttl: 300, values: [{ value: ".", priority: 0, weight: 0, port: 0 }] },
      { name: "nomail", type: "MX", ttl: 300, values: [{ value: ".", priority: 0 }] },
      { name: "sub", type: "NS", ttl: 300, values: [{ value: "ns1.example.net" }, { value: "ns2.example.net" }] },
      { name: "_443._tcp.www", type: "TLSA", ttl: 300, values: [{ value: `3 1 1 ${"ab".repeat(32)}` }] },
      { name: "xn--rksmrgs-5wao1o", type: "AAAA", ttl: 300, values: [{ value: "2001:db8::1" }] },
    ],
  };

  test("re-read gives the same sets", () => {
    const again = bind(writeZoneFile(zone, { format: "bind" }));
    expect(comparable(again)).toEqual(comparable(zone));
  });

  test("the file: $ORIGIN, the common $TTL, targets absolute, TXT in ≤255-octet quoted strings", () => {
    const text = writeZoneFile(zone, { format: "bind" });
    const lines = text.split("\n");
    expect(lines[0]).toBe("$ORIGIN example.com.");
    expect(lines[1]).toBe("$TTL 300");
    expect(text).toMatch(/^www +600 +IN CNAME +example\.com\.$/m);
    expect(text).toMatch(/^@ +IN MX +10 mail\.example\.com\.$/m);
    expect(text).toMatch(/^_sip\._tcp +IN SRV +10 5 5060 sip\.example\.net\.$/m);
    expect(text).toMatch(/^_imap\._tcp +IN SRV +0 0 0 \.$/m);
    expect(text).toMatch(/^nomail +IN MX +0 \.$/m);
    const dkim = lines.find((line) => line.includes("v=DKIM1")) ?? "";
    const strings = [...dkim.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "");
    expect(strings.length).toBe(3);
    for (const s of strings) expect(new TextEncoder().encode(s).length).toBeLessThanOrEqual(255);
    expect(text).toContain('"a  b\t\\"c\\" \\\\ d;e"');
  });

  test("an ALIAS set is written only as a comment", () => {
    const withAlias: ZoneFile = {
      origin: "example.com",
      sets: [
        { name: "@", type: "ALIAS", ttl: 300, values: [{ value: "lb.example.net" }] },
        { name: "www", type: "A", ttl: 300, values: [{ value: "192.0.2.1" }] },
      ],
    };
    const text = writeZoneFile(withAlias, { format: "bind" });
    const records = text.split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith(";"));
    expect(records.some((line) => /\bALIAS\b/.test(line))).toBe(false);
    expect(text).toMatch(/^; .*ALIAS/m);
    expect(text).toContain("lb.example.net.");
    const again = bind(text);
    expect(again.sets.map((s) => s.type)).toEqual(["A"]);
  });

  test("a long CAA value is one quoted string; wildcards are written as names", () => {
    const long = `https://example.com/${"p".repeat(300)}`;
    const zone: ZoneFile = {
      origin: "example.com",
      sets: [
        { name: "@", type: "CAA", ttl: 300, values: [{ value: `0 iodef "${long}"` }] },
        { name: "*", type: "A", ttl: 300, values: [{ value: "192.0.2.1" }] },
        { name: "*.sub", type: "TXT", ttl: 300, values: [{ value: "x" }] },
      ],
    };
    const text = writeZoneFile(zone, { format: "bind" });
    expect(text).toContain(`0 iodef "${long}"`);
    expect(comparable(bind(text))).toEqual(comparable(zone));
  });

  test("writing needs the zone's name", () => {
    expect(() => writeZoneFile({ sets: [] }, { format: "bind" })).toThrow(/\$ORIGIN/);
    expect(writeZoneFile({ sets: [] }, { format: "bind", origin: "Example.COM." })).toBe("$ORIGIN example.com.\n");
  });

  test("a set without a TTL is read back without one", () => {
    const mixed: ZoneFile = {
      origin: "example.com",
      sets: [
        { name: "a", type: "A", ttl: 300, values: [{ value: "192.0.2.1" }] },
        { name: "b", type: "A", values: [{ value: "192.0.2.2" }] },
        { name: "c", type: "A", ttl: 600, values: [{ value: "192.0.2.3" }] },
      ],
    };
    const again = bind(writeZoneFile(mixed, { format: "bind" }));
    expect(setOf(again, "a", "A").ttl).toBe(300);
    expect(setOf(again, "b", "A").ttl).toBeUndefined();
    expect(setOf(again, "c", "A").ttl).toBe(600);
  });

  test("control characters in TXT are written so that the file reads back", () => {
    const text = writeZoneFile(
      { origin: "example.com", sets: [{ name: "x", type: "TXT", ttl: 300, values: [{ value: "line1\nline2\r\u0000" }] }] },
      { format: "bind" },
    );
    expect(text.split("\n")).toHaveLength(4);
    expect(valuesOf(setOf(bind(text), "x", "TXT"))).toEqual([{ value: "line1\nline2\r\u0000" }]);
  });
});

describe("a whole zone as people write it (the CLI's sample)", () => {
  const HEX = `${"ABCD".repeat(8)}${"ef01".repeat(8)}`;
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
_25._tcp.mail TLSA 3 1 1 ( ${HEX.slice(0, 32)}
   ${HEX.slice(32)} )
al ALIAS target.example.net.
`;

  test("$ORIGIN in any case, $TTL, @, relative and absolute owners, blank owners, optional class, strings, parentheses, comments", () => {
    const zone = bind(SAMPLE);
    expect(zone.origin).toBe("example.com");
    expect(zone.sets.map((set) => ({ name: set.name, type: set.type, ttl: set.ttl, values: valuesOf(set) }))).toEqual([
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
      { name: "_25._tcp.mail", type: "TLSA", ttl: 3600, values: [{ value: `3 1 1 ${HEX}` }] },
      { name: "al", type: "ALIAS", ttl: 3600, values: [{ value: "target.example.net" }] },
    ]);
    expect(zone.sets.map((set) => set.source?.line)).toEqual([8, 9, 11, 12, 13, 15, 16, 17, 18, 19, 20, 22]);
    expect(zone.skipped?.map((skipped) => [skipped.set.type, skipped.set.source?.line])).toEqual([
      ["SOA", 4],
      ["NS", 7],
    ]);
  });

  test("written and read again, it is the same zone (the ALIAS set only as a comment)", () => {
    const first = bind(SAMPLE);
    const again = bind(writeZoneFile(first, { format: "bind" }));
    expect(canonicalSets(again)).toEqual(canonicalSets({ sets: first.sets.filter((set) => set.type !== "ALIAS") }));
  });
});

describe("the BIND file written", () => {
  test("$ORIGIN, $TTL the most common TTL, sets sorted (the apex first, types in order), other TTLs on their lines", () => {
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
});

describe("HostUp's rules on a BIND file", () => {
  test("an MX preference out of 0–65535 is named by its line", () => {
    expect(problemsOf(() => bind("$ORIGIN example.com.\n\n@ 300 IN MX 70000 mx.example.net.\n"))).toEqual([
      { message: expect.stringMatching(/^@ MX: preference 70000 .*0–65535/), source: { file: "example.com.zone", line: 3 } },
    ]);
  });

  test("200 records are taken and 201 refused: each value is one, SOA and the apex NS not counted", () => {
    const file = (n: number) =>
      [
        "@ 300 IN SOA ns. host. 1 2 3 4 5",
        "@ 300 IN NS ns1.hostup.se.",
        "@ 300 IN NS ns2.hostup.se.",
        ...Array.from({ length: n }, (_, i) => `h${i % 50} 300 IN A 10.0.${Math.floor(i / 50)}.${i % 50}`),
      ].join("\n");
    const zone = bind(file(200));
    expect(zone.sets).toHaveLength(50);
    expect(zone.skipped?.map((skipped) => skipped.set.type)).toEqual(["SOA", "NS"]);
    expect(problemsOf(() => bind(file(201)))).toEqual([
      {
        message: "the file has 201 records (each value is one); HostUp allows 200 in a zone, SOA and apex NS not counted.",
        source: { file: "example.com.zone" },
      },
    ]);
  });
});

describe("names are checked whole, and BIND output is plain ASCII", () => {
  test("an owner whose full name passes 255 octets is refused, though its relative part does not", () => {
    const labels = Array.from({ length: 4 }, () => "a".repeat(60)).join(".");
    const problems = problemsOf(() =>
      readZoneFile(`$ORIGIN example.com.\n${labels}.example.com. 300 IN A 192.0.2.1\n`, { file: "example.com.zone" }),
    );
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/257 octets long; RFC 1035 allows 255/)]);
  });

  test("non-ASCII TXT is written as \\DDD (kzonecheck refuses raw UTF-8) and read back as the same text", () => {
    const text = writeZoneFile(
      { sets: [{ name: "x", type: "TXT", ttl: 300, values: [{ value: "Grüße" }] }] },
      { format: "bind", origin: "example.com" },
    );
    expect(text).toContain('"Gr\\195\\188\\195\\159e"');
    expect(readZoneFile(text, { file: "example.com.zone" }).sets[0]?.values[0]?.value).toBe("Grüße");
  });
});
