import { describe, expect, test } from "vitest";
import { type DnsRecordData, describeRecord, MAX_TTL, MAX_ZONE_RECORDS, MIN_TTL, recordConflicts, recordProblems } from "../src/index.js";

const r = (type: string, name: string, value: string, extra: Partial<DnsRecordData> = {}): DnsRecordData => ({
  type,
  name,
  value,
  ...extra,
});
const srv = (name: string, value: string, priority?: number, weight?: number, port?: number) =>
  r("SRV", name, value, {
    ...(priority !== undefined && { priority }),
    ...(weight !== undefined && { weight }),
    ...(port !== undefined && { port }),
  });
const tlsa = (value: string) => r("TLSA", "_443._tcp.www", value);
const SHA256 = "0123456789abcdef".repeat(4);
const SHA512 = "0123456789abcdef".repeat(8);

describe("records HostUp takes", () => {
  test.each([
    r("A", "@", "192.0.2.1"),
    r("A", "www", "192.0.2.1", { ttl: 300 }),
    r("A", "2", "192.0.2.1"),
    r("A", "*", "192.0.2.1"),
    r("AAAA", "www", "2001:DB8::1"),
    r("CNAME", "www", "example.com"),
    r("CNAME", "www", "target.example.net."),
    r("CNAME", "www", "1.2.example.net"),
    r("ALIAS", "@", "lb.example.net"),
    r("MX", "@", "mail.example.com", { priority: 10 }),
    r("MX", "@", ".", { priority: 0 }),
    r("NS", "sub", "ns1.example.net"),
    r("TXT", "@", "v=spf1 -all"),
    r("TXT", "@", " "),
    r("TXT", "_dmarc", 'say "hi"'),
    srv("_sip._tcp", "sip.example.com", 10, 5, 5060),
    srv("_sip._tcp.eu", "sip.example.com", 0, 0, 0),
    srv("_imap._tcp", ".", 0, 0, 0),
    r("CAA", "@", '0 issue "letsencrypt.org"'),
    r("CAA", "@", "128 iodef mailto:security@example.com"),
    tlsa(`3 1 1 ${SHA256}`),
    tlsa(`3 1 2 ${SHA512}`),
    tlsa("3 1 0 3082"),
    r("TXT", "@", "x", { ttl: 60 }),
    r("TXT", "@", "x", { ttl: 86_400 }),
  ])("$type $name $value", (record) => {
    expect(recordProblems(record)).toEqual([]);
  });
});

describe("HostUp's documented rejections, one record at a time", () => {
  test("root CNAME", () => {
    expect(recordProblems(r("CNAME", "@", "example.net")).join()).toMatch(/apex.*root CNAMEs/);
    expect(recordProblems(r("CNAME", "", "example.net")).join()).toMatch(/root CNAMEs/);
  });

  test("root NS", () => {
    expect(recordProblems(r("NS", "@", "ns1.example.net")).join()).toMatch(/apex NS/);
    expect(recordProblems(r("NS", "sub", "ns1.example.net"))).toEqual([]);
  });

  test.each(["CNAME", "ALIAS", "MX", "NS"])("an IP address as a %s target", (type) => {
    const name = type === "ALIAS" ? "@" : "www";
    for (const value of ["192.0.2.1", "192.0.2.1.", "2001:db8::1"]) {
      const problems = recordProblems(r(type, name, value, { priority: 10 }));
      expect(
        problems.some((p) => /IP address/.test(p)),
        `${type} ${value}`,
      ).toBe(true);
    }
    // Numeric labels that are not addresses are names.
    expect(recordProblems(r(type, name, "1.2", { priority: 10 }))).toEqual([]);
  });

  test.each(["192.0.2", "256.0.0.1", "01.2.3.4", "0x10.0.0.1", "2001:db8::1", "example.com", ""])("invalid A: %j", (value) => {
    expect(recordProblems(r("A", "www", value)).length).toBeGreaterThan(0);
  });

  test.each(["2001:db8::1::1", "192.0.2.1", "2001:db8::g", "example.com", ""])("invalid AAAA: %j", (value) => {
    expect(recordProblems(r("AAAA", "www", value)).length).toBeGreaterThan(0);
  });

  test("mismatched TXT quotes", () => {
    expect(recordProblems(r("TXT", "@", '"v=spf1 -all')).join()).toMatch(/unmatched double quote/);
    expect(recordProblems(r("TXT", "@", 'say "hi')).join()).toMatch(/unmatched double quote/);
    expect(recordProblems(r("TXT", "@", 'say "hi"'))).toEqual([]);
    expect(recordProblems(r("TXT", "@", 'say \\"hi'))).toEqual([]);
  });

  test("invalid SRV parts", () => {
    expect(recordProblems(srv("_sip._tcp", "sip.example.com", 70_000, 5, 5060)).join()).toMatch(/priority 70000/);
    expect(recordProblems(srv("_sip._tcp", "sip.example.com", 10, -1, 5060)).join()).toMatch(/weight -1/);
    expect(recordProblems(srv("_sip._tcp", "sip.example.com", 10, 5, 65_536)).join()).toMatch(/port 65536/);
    expect(recordProblems(srv("_sip._tcp", "sip.example.com", 10, 5, 1.5)).join()).toMatch(/port 1.5/);
    expect(recordProblems(srv("_sip._tcp", "sip.example.com", 10, 5)).join()).toMatch(/port \(none\)/);
    expect(recordProblems(srv("_sip._tcp", "sip.example.com")).length).toBe(3);
    expect(recordProblems(srv("_sip._tcp", "192.0.2.1", 10, 5, 5060)).join()).toMatch(/IP address/);
    expect(recordProblems(srv("_sip._tcp", "", 10, 5, 5060)).join()).toMatch(/empty/);
  });

  test.each(["sip._tcp", "_sip.tcp", "_sip", "@", "www", "_sip_tcp", "sip.tcp"])("an SRV name that is not _service._proto: %j", (name) => {
    expect(recordProblems(srv(name, "sip.example.com", 10, 5, 5060)).join()).toMatch(/_service\._proto/);
  });

  test("invalid TLSA parts", () => {
    expect(recordProblems(tlsa(`4 1 1 ${SHA256}`)).join()).toMatch(/not a TLSA value/);
    expect(recordProblems(tlsa(`3 2 1 ${SHA256}`)).join()).toMatch(/not a TLSA value/);
    expect(recordProblems(tlsa(`3 1 3 ${SHA256}`)).join()).toMatch(/not a TLSA value/);
    expect(recordProblems(tlsa("3 1 1")).join()).toMatch(/not a TLSA value/);
    expect(recordProblems(tlsa(`x 1 1 ${SHA256}`)).join()).toMatch(/not a TLSA value/);
    expect(recordProblems(tlsa("3 1 0 xyz0")).join()).toMatch(/not hex/);
    expect(recordProblems(tlsa("3 1 0 abc")).join()).toMatch(/not hex/);
  });

  test("TLSA digest length follows the matching type", () => {
    expect(recordProblems(tlsa(`3 1 1 ${SHA256.slice(2)}`)).join()).toMatch(/256-bit digest: 64 hex digits, got 62/);
    expect(recordProblems(tlsa(`3 1 1 ${SHA512}`)).join()).toMatch(/64 hex digits, got 128/);
    expect(recordProblems(tlsa(`3 1 2 ${SHA256}`)).join()).toMatch(/512-bit digest: 128 hex digits, got 64/);
    // Spaces and upper case are not part of the data.
    expect(recordProblems(tlsa(`3 1 1 ${SHA256.slice(0, 32).toUpperCase()} ${SHA256.slice(32)}`))).toEqual([]);
  });

  test("invalid CAA", () => {
    expect(recordProblems(r("CAA", "@", "issue letsencrypt.org")).join()).toMatch(/not a CAA value/);
    expect(recordProblems(r("CAA", "@", '256 issue "letsencrypt.org"')).join()).toMatch(/not a CAA value/);
  });

  test("a type HostUp does not have; SPF only on create, with advice", () => {
    expect(recordProblems(r("PTR", "1", "host.example.com")).join()).toMatch(/HostUp has no "PTR" records/);
    expect(recordProblems(r("SPF", "@", "v=spf1 -all")).join()).toMatch(/TXT record/);
    expect(recordProblems(r("SPF", "@", "v=spf1 -all"), { create: true })).toEqual([]);
    expect(recordProblems(r("spf", "@", "v=spf1 -all"), { create: true })).toEqual([]);
    expect(recordProblems(r("a", "@", "192.0.2.1"))).toEqual([]);
  });

  test("an empty value", () => {
    expect(recordProblems(r("CNAME", "www", "")).join()).toMatch(/empty/);
    expect(recordProblems(r("TXT", "www", "")).join()).toMatch(/empty/);
  });

  test("a bad name is named", () => {
    expect(recordProblems(r("A", "a..b", "192.0.2.1")).join()).toMatch(/^the name: .*empty label/);
    expect(recordProblems(r("A", `${"a".repeat(64)}`, "192.0.2.1")).join()).toMatch(/label of 64 octets/);
  });
});

describe("null MX (RFC 7505) and the root as a target", () => {
  test("0 . is allowed, 10 . refused", () => {
    expect(recordProblems(r("MX", "@", ".", { priority: 0 }))).toEqual([]);
    expect(recordProblems(r("MX", "@", ".", { priority: 10 })).join()).toMatch(/null MX.*preference 0/);
  });

  test("a null MX beside another MX of the name is refused, either order", () => {
    const nullMx = r("MX", "@", ".", { priority: 0 });
    const mx = r("MX", "@", "mail.example.com", { priority: 10 });
    expect(recordConflicts([nullMx, mx])).toEqual([{ index: 1, message: expect.stringMatching(/null MX.*only MX/) }]);
    expect(recordConflicts([mx, nullMx])).toEqual([{ index: 1, message: expect.stringMatching(/null MX.*only MX/) }]);
    // Another name's MX is not beside it.
    expect(recordConflicts([nullMx, r("MX", "sub", "mail.example.com", { priority: 10 })])).toEqual([]);
  });

  test("SRV target . is allowed; CNAME, ALIAS and NS target . refused", () => {
    expect(recordProblems(srv("_imap._tcp", ".", 0, 0, 0))).toEqual([]);
    expect(recordProblems(r("CNAME", "www", ".")).join()).toMatch(/root/);
    expect(recordProblems(r("ALIAS", "@", ".")).join()).toMatch(/root/);
    expect(recordProblems(r("NS", "sub", ".")).join()).toMatch(/root/);
  });
});

describe("TTL range", () => {
  test("the constants", () => {
    expect([MIN_TTL, MAX_TTL, MAX_ZONE_RECORDS]).toEqual([60, 86_400, 200]);
  });

  test.each([59, 0, -1, 86_401, 1.5, Number.NaN])("TTL %s is refused", (ttl) => {
    expect(recordProblems(r("A", "www", "192.0.2.1", { ttl })).join()).toMatch(/TTL .* out of range/);
  });

  test.each([60, 300, 86_400])("TTL %s is allowed", (ttl) => {
    expect(recordProblems(r("A", "www", "192.0.2.1", { ttl }))).toEqual([]);
  });
});

describe("over-long TXT (RFC 1035: 65,535 octets of record data)", () => {
  // n strings of 255 octets make 256·n octets; 255 full strings and one of 254 make exactly 65,535.
  const longest = 255 * 255 + 254;

  test("the longest text that fits is allowed", () => {
    expect(recordProblems(r("TXT", "@", "a".repeat(longest)))).toEqual([]);
  });

  test("one octet more is refused", () => {
    expect(recordProblems(r("TXT", "@", "a".repeat(longest + 1))).join()).toMatch(/65536 octets of record data.*65535/);
    expect(recordProblems(r("TXT", "@", "a".repeat(100_000))).join()).toMatch(/at most 65535/);
  });

  test("octets, not characters, count", () => {
    expect(recordProblems(r("TXT", "@", "å".repeat(40_000))).join()).toMatch(/octets of record data/);
  });
});

describe("recordConflicts: records taken together", () => {
  test("the same record twice, in any written form", () => {
    const conflicts = recordConflicts([
      r("AAAA", "www", "2001:db8::1"),
      r("AAAA", "WWW", "2001:DB8:0:0:0:0:0:1"),
      r("TXT", "@", "v=spf1 -all"),
      r("TXT", "@", '"v=spf1" " -all"'),
      r("A", "www", "192.0.2.1"),
    ]);
    expect(conflicts.map((c) => c.index)).toEqual([1, 3]);
    expect(conflicts[0]?.message).toMatch(/given twice.*duplicates/);
  });

  test("the TTL does not make a record different", () => {
    expect(recordConflicts([r("A", "www", "192.0.2.1", { ttl: 300 }), r("A", "www", "192.0.2.1", { ttl: 600 })])).toHaveLength(1);
  });

  test("two MX of one name with one preference", () => {
    const conflicts = recordConflicts([
      r("MX", "@", "mx1.example.com", { priority: 10 }),
      r("MX", "@", "mx2.example.com", { priority: 10 }),
      r("MX", "@", "mx3.example.com", { priority: 20 }),
      r("MX", "sub", "mx1.example.com", { priority: 10 }),
    ]);
    expect(conflicts).toEqual([{ index: 1, message: expect.stringMatching(/preference 10.*duplicate MX priorities/) }]);
  });

  test("an exact duplicate MX is said once, as a duplicate", () => {
    const conflicts = recordConflicts([
      r("MX", "@", "mx1.example.com", { priority: 10 }),
      r("MX", "@", "mx1.example.com.", { priority: 10 }),
    ]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.message).toMatch(/given twice/);
  });

  test("a CNAME beside another type, either order", () => {
    expect(recordConflicts([r("CNAME", "www", "example.com"), r("A", "www", "192.0.2.1")])).toEqual([
      { index: 1, message: expect.stringMatching(/CNAME conflicts/) },
    ]);
    expect(recordConflicts([r("A", "www", "192.0.2.1"), r("CNAME", "www", "example.com")])).toEqual([
      { index: 1, message: expect.stringMatching(/already has A.*CNAME conflicts/) },
    ]);
    expect(recordConflicts([r("TXT", "www", "x"), r("CNAME", "WWW", "example.com")])).toHaveLength(1);
  });

  test("two CNAMEs of one name", () => {
    expect(recordConflicts([r("CNAME", "www", "a.example.com"), r("CNAME", "www", "b.example.com")])).toEqual([
      { index: 1, message: expect.stringMatching(/one CNAME/) },
    ]);
  });

  test("CNAMEs of different names do not conflict", () => {
    expect(recordConflicts([r("CNAME", "www", "example.com"), r("A", "www2", "192.0.2.1"), r("CNAME", "ftp", "example.com")])).toEqual([]);
  });

  test("apex and empty name are one name", () => {
    expect(recordConflicts([r("A", "@", "192.0.2.1"), r("A", "", "192.0.2.1")])).toHaveLength(1);
  });
});

describe("messages are short", () => {
  test("describeRecord cuts the value", () => {
    expect(describeRecord(r("MX", "@", "mail.example.com", { priority: 10 }))).toBe("MX @ 10 mail.example.com");
    expect(describeRecord(r("TXT", "", "x".repeat(1000))).length).toBeLessThan(80);
  });

  test("no message repeats a 100 KB input", () => {
    const huge = "a".repeat(100_000);
    const records = [
      r("A", huge, huge),
      r("A", huge, huge),
      r("CNAME", huge, huge),
      r("MX", huge, huge, { priority: 10 }),
      r("MX", huge, `${huge}b`, { priority: 10 }),
      r(huge, huge, huge),
      r("TXT", "@", `"${huge}`),
      r("CAA", "@", huge),
      r("TLSA", "_443._tcp", `3 1 1 ${huge}`),
      r("AAAA", huge, huge),
      srv(huge, huge, 1, 2, 3),
    ];
    const messages = [...records.flatMap((record) => recordProblems(record)), ...recordConflicts(records).map((c) => c.message)];
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) expect(message.length, message.slice(0, 200)).toBeLessThan(300);
  });
});
