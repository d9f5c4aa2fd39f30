import { describe, expect, test } from "vitest";
import {
  caaParts,
  caaValue,
  canonicalTarget,
  canonicalValue,
  type DnsRecordData,
  type RecordValue,
  recordKey,
  recordMatches,
  sameValue,
  sameValues,
  tlsaParts,
  valueKey,
} from "../src/index.js";

const v = (value: string, numbers: Omit<RecordValue, "value"> = {}): RecordValue => ({ value, ...numbers });

/** Every pair in `forms` is the same value; every form differs from every one in `others`. */
function checkTable(type: string, forms: RecordValue[], others: RecordValue[]) {
  for (const a of forms) {
    for (const b of forms) expect(sameValue(type, a, b), `${JSON.stringify(a)} = ${JSON.stringify(b)}`).toBe(true);
    for (const c of others) expect(sameValue(type, a, c), `${JSON.stringify(a)} ≠ ${JSON.stringify(c)}`).toBe(false);
  }
}

describe("one equality per type", () => {
  test("A", () => {
    checkTable("A", [v("192.0.2.1"), v(" 192.0.2.1"), v("192.0.2.1 ")], [v("192.0.2.2"), v("192.0.2.10")]);
  });

  test("AAAA: every written form of one address", () => {
    checkTable(
      "AAAA",
      [v("2001:db8::1"), v("2001:DB8::1"), v("2001:0db8:0000:0000:0000:0000:0000:0001"), v("2001:db8:0:0:0:0:0:1"), v("2001:db8::0.0.0.1")],
      [v("2001:db8::2"), v("2001:db8:1::1"), v("::1")],
    );
    checkTable("AAAA", [v("::ffff:192.0.2.1"), v("::FFFF:C000:201")], [v("::ffff:192.0.2.2")]);
  });

  test("CNAME, ALIAS, NS: targets with or without the dot, any case, Unicode or punycode", () => {
    for (const type of ["CNAME", "ALIAS", "NS"]) {
      checkTable(
        type,
        [v("www.example.com"), v("www.example.com."), v("WWW.Example.COM."), v(" www.example.com ")],
        [v("www.example.net"), v("www2.example.com"), v("www.example.com.example.com")],
      );
      checkTable(type, [v("www.räksmörgås.se"), v("www.xn--rksmrgs-5wao1o.se."), v("WWW.RÄKSMÖRGÅS.SE")], [v("www.raksmorgas.se")]);
    }
  });

  test("MX: the preference is part of the record", () => {
    checkTable(
      "MX",
      [v("mail.example.com", { priority: 10 }), v("mail.example.com.", { priority: 10 }), v("MAIL.example.com", { priority: 10 })],
      [v("mail.example.com", { priority: 20 }), v("mail.example.com"), v("mx.example.com", { priority: 10 })],
    );
    checkTable("MX", [v(".", { priority: 0 }), v(" . ", { priority: 0 })], [v(".", { priority: 10 })]);
  });

  test("SRV: priority, weight, port and target", () => {
    const base = { priority: 10, weight: 5, port: 5060 };
    checkTable(
      "SRV",
      [v("sip.example.com", base), v("sip.example.com.", base), v("SIP.Example.Com", base)],
      [
        v("sip.example.com", { ...base, priority: 20 }),
        v("sip.example.com", { ...base, weight: 6 }),
        v("sip.example.com", { ...base, port: 5061 }),
        v("sip2.example.com", base),
        v("sip.example.com", { priority: 10, port: 5060 }),
      ],
    );
    checkTable("SRV", [v(".", { priority: 0, weight: 0, port: 0 }), v(" .", { priority: 0, weight: 0, port: 0 })], []);
  });

  test("TXT: quoted, unquoted and multi-string forms of one text", () => {
    checkTable(
      "TXT",
      [v("v=spf1 -all"), v('"v=spf1 -all"'), v('"v=spf1" " -all"'), v('"v=spf1 " "-all"'), v('"v=spf1 \\045all"')],
      [v("v=spf1 ~all"), v("v=spf1  -all"), v("V=SPF1 -ALL"), v("v=spf1 -all ")],
    );
    const long = "k".repeat(300);
    checkTable("TXT", [v(long), v(`"${"k".repeat(255)}" "${"k".repeat(45)}"`), v(`"${"k".repeat(100)}" "${"k".repeat(200)}"`)], []);
    checkTable("TXT", [v('say "hi"'), v('"say \\"hi\\""')], [v("say hi")]);
  });

  test("CAA: tag case and quoting", () => {
    checkTable(
      "CAA",
      [v('0 issue "letsencrypt.org"'), v("0 issue letsencrypt.org"), v('0 ISSUE "letsencrypt.org"'), v('  0   Issue   "letsencrypt.org" ')],
      [v('128 issue "letsencrypt.org"'), v('0 issuewild "letsencrypt.org"'), v('0 issue "pki.goog"'), v('0 issue "LetsEncrypt.org"')],
    );
    checkTable("CAA", [v('0 iodef "mailto:a@example.com"'), v("0 IODEF mailto:a@example.com")], []);
  });

  test("TLSA: hex case and spaces", () => {
    const hex = "ab".repeat(32);
    checkTable(
      "TLSA",
      [v(`3 1 1 ${hex}`), v(`3 1 1 ${hex.toUpperCase()}`), v(`3 1 1 ${hex.slice(0, 32)} ${hex.slice(32)}`), v(` 3  1  1  ${hex} `)],
      [v(`3 1 2 ${hex}`), v(`2 1 1 ${hex}`), v(`3 0 1 ${hex}`), v(`3 1 1 ${"cd".repeat(32)}`)],
    );
  });

  test("numbers a type does not have are not part of its value", () => {
    expect(sameValue("A", v("192.0.2.1", { priority: 10 }), v("192.0.2.1"))).toBe(true);
    expect(sameValue("TXT", v("x", { priority: 1, weight: 2, port: 3 }), v("x"))).toBe(true);
    expect(sameValue("MX", v("mx.example.com", { priority: 10, weight: 5 }), v("mx.example.com", { priority: 10 }))).toBe(true);
    expect(canonicalValue("A", v("192.0.2.1", { priority: 10 }))).toEqual({ value: "192.0.2.1" });
  });

  test("the type is read in any case", () => {
    expect(sameValue("aaaa", v("2001:DB8::1"), v("2001:db8::1"))).toBe(true);
    expect(valueKey("txt", v('"a" "b"'))).toBe(valueKey("TXT", v("ab")));
  });
});

describe("canonical forms", () => {
  test("canonicalValue per type", () => {
    expect(canonicalValue("AAAA", v("2001:0DB8::0001")).value).toBe("2001:db8::1");
    expect(canonicalValue("CNAME", v("WWW.Räksmörgås.SE.")).value).toBe("www.xn--rksmrgs-5wao1o.se");
    expect(canonicalValue("MX", v("Mail.Example.com.", { priority: 10 }))).toEqual({ value: "mail.example.com", priority: 10 });
    expect(canonicalValue("TXT", v('"a" "b"')).value).toBe("ab");
    expect(canonicalValue("CAA", v("0 ISSUE letsencrypt.org")).value).toBe('0 issue "letsencrypt.org"');
    expect(canonicalValue("TLSA", v("3 1 1 AB CD")).value).toBe("3 1 1 abcd");
    expect(canonicalValue("SRV", v("sip.example.com.", { priority: 1, weight: 2, port: 3 }))).toEqual({
      value: "sip.example.com",
      priority: 1,
      weight: 2,
      port: 3,
    });
  });

  test("an invalid address is compared as written (lower case), not dropped", () => {
    expect(canonicalValue("A", v("01.2.3.4")).value).toBe("01.2.3.4");
    expect(sameValue("A", v("01.2.3.4"), v("1.2.3.4"))).toBe(false);
    expect(canonicalValue("AAAA", v("NOT:AN:ADDRESS:G")).value).toBe("not:an:address:g");
  });

  test("canonicalTarget", () => {
    expect(canonicalTarget(".")).toBe(".");
    expect(canonicalTarget(" . ")).toBe(".");
    expect(canonicalTarget("Mail.Example.COM.")).toBe("mail.example.com");
    expect(canonicalTarget("2.example.com")).toBe("2.example.com");
  });

  test("caaParts and caaValue", () => {
    expect(caaParts('0 issue "letsencrypt.org; validationmethods=dns-01"')).toEqual({
      flags: 0,
      tag: "issue",
      value: "letsencrypt.org; validationmethods=dns-01",
    });
    expect(caaParts('128 IODEF "mailto:a@example.com"')).toEqual({ flags: 128, tag: "iodef", value: "mailto:a@example.com" });
    expect(caaParts('0 issue "a\\"b"')?.value).toBe('a"b');
    expect(caaParts("issue letsencrypt.org")).toBeUndefined();
    expect(caaParts("")).toBeUndefined();
    expect(caaValue(0, "ISSUE", 'a"b')).toBe('0 issue "a\\"b"');
    const again = caaParts(caaValue(0, "issue", 'a"b\\c'));
    expect(again?.value).toBe('a"b\\c');
  });

  test("tlsaParts", () => {
    expect(tlsaParts("3 1 1 AB cd EF")).toEqual({ usage: 3, selector: 1, matchingType: 1, data: "abcdef" });
    expect(tlsaParts("3 1 1")).toBeUndefined();
    expect(tlsaParts("x 1 1 ab")).toBeUndefined();
    expect(tlsaParts("")).toBeUndefined();
  });
});

describe("sets of values", () => {
  test("sameValues ignores order and repeats", () => {
    expect(sameValues("A", [v("192.0.2.1"), v("192.0.2.2")], [v("192.0.2.2"), v("192.0.2.1"), v("192.0.2.1")])).toBe(true);
    expect(sameValues("A", [v("192.0.2.1"), v("192.0.2.2")], [v("192.0.2.1")])).toBe(false);
    expect(sameValues("TXT", [v('"a" "b"'), v("c")], [v("c"), v("ab")])).toBe(true);
    expect(sameValues("MX", [v("mx", { priority: 10 })], [v("mx", { priority: 20 })])).toBe(false);
  });
});

describe("record identity", () => {
  const r = (type: string, name: string, value: string, numbers: Omit<RecordValue, "value"> = {}, ttl?: number): DnsRecordData => ({
    type,
    name,
    value,
    ...numbers,
    ...(ttl !== undefined && { ttl }),
  });

  test("recordKey: name forms, type case and value forms; not the TTL", () => {
    expect(recordKey(r("aaaa", "WWW", "2001:DB8::1", {}, 300))).toBe(recordKey(r("AAAA", "www", "2001:db8::1", {}, 3600)));
    expect(recordKey(r("A", "", "192.0.2.1"))).toBe(recordKey(r("A", "@", "192.0.2.1")));
    expect(recordKey(r("TXT", "smörgås", '"a" "b"'))).toBe(recordKey(r("TXT", "xn--smrgs-pra0j", "ab")));
    expect(recordKey(r("A", "www", "192.0.2.1"))).not.toBe(recordKey(r("A", "www2", "192.0.2.1")));
    expect(recordKey(r("A", "2", "192.0.2.1"))).not.toBe(recordKey(r("A", "0.0.0.2", "192.0.2.1")));
    expect(recordKey(r("MX", "@", "mx", { priority: 10 }))).not.toBe(recordKey(r("MX", "@", "mx", { priority: 20 })));
    expect(recordKey(r("A", "www", "192.0.2.1"))).not.toBe(recordKey(r("AAAA", "www", "192.0.2.1")));
  });

  test("recordMatches: same type, name and value", () => {
    expect(recordMatches(r("TXT", "_acme-challenge", '"token"'), r("txt", "_ACME-challenge", "token"))).toBe(true);
    expect(recordMatches(r("TXT", "_acme-challenge", '"token"'), r("TXT", "_acme-challenge", "other"))).toBe(false);
    expect(recordMatches(r("TXT", "_acme-challenge", "token"), r("TXT", "_acme-challenge.www", "token"))).toBe(false);
    expect(recordMatches(r("A", "@", "192.0.2.1"), r("A", "", "192.0.2.1"))).toBe(true);
    expect(recordMatches(r("A", "@", "192.0.2.1"), r("AAAA", "@", "192.0.2.1"))).toBe(false);
    expect(recordMatches(r("CNAME", "www", "target.example.com"), r("CNAME", "www", "Target.Example.com."))).toBe(true);
  });

  test("recordMatches: a priority, weight or port left out matches any", () => {
    const listed = r("MX", "@", "mail.example.com", { priority: 10 });
    expect(recordMatches(listed, r("MX", "@", "mail.example.com."))).toBe(true);
    expect(recordMatches(listed, r("MX", "@", "mail.example.com", { priority: 10 }))).toBe(true);
    expect(recordMatches(listed, r("MX", "@", "mail.example.com", { priority: 20 }))).toBe(false);
    expect(recordMatches(listed, r("MX", "@", "other.example.com"))).toBe(false);
    const srv = r("SRV", "_sip._tcp", "sip.example.com", { priority: 10, weight: 5, port: 5060 });
    expect(recordMatches(srv, r("SRV", "_sip._tcp", "sip.example.com"))).toBe(true);
    expect(recordMatches(srv, r("SRV", "_sip._tcp", "sip.example.com", { port: 5060 }))).toBe(true);
    expect(recordMatches(srv, r("SRV", "_sip._tcp", "sip.example.com", { port: 5061 }))).toBe(false);
    expect(recordMatches(srv, r("SRV", "_sip._tcp", "sip.example.com", { weight: 6 }))).toBe(false);
  });
});
