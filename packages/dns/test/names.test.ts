import { describe, expect, test } from "vitest";
import {
  absoluteTarget,
  asciiName,
  excerpt,
  fullName,
  MAX_LABEL_OCTETS,
  MAX_NAME_OCTETS,
  nameProblem,
  relativeName,
  unicodeName,
  zoneName,
} from "../src/index.js";

/** A name of exactly `length` characters (labels of 63 and a shorter last one). */
function nameOfLength(length: number): string {
  const labels: string[] = [];
  let left = length;
  while (left > 0) {
    const size = Math.min(63, left);
    labels.push("a".repeat(size));
    left -= size + 1;
  }
  const name = labels.join(".");
  return name.length === length ? name : `${name.slice(0, length - 1)}b`;
}

describe("numeric and underscore labels are kept as written", () => {
  test.each(["2", "1.2", "0x10", "10.0", "1.2.3", "_dmarc", "_acme-challenge.www", "_sip._tcp", "007"])("%s", (name) => {
    expect(asciiName(name)).toBe(name);
    expect(relativeName(name, "example.com")).toBe(name);
    expect(fullName(name, "example.com")).toBe(`${name}.example.com`);
    expect(nameProblem(name)).toBeUndefined();
  });

  test("a numeric label is never read as an IPv4 address", () => {
    expect(asciiName("2.example.com")).toBe("2.example.com");
    expect(relativeName("2.example.com.", "example.com")).toBe("2");
    expect(relativeName("0x10.example.com", "example.com")).toBe("0x10");
    expect(absoluteTarget("2", "example.com")).toBe("2.example.com");
    expect(absoluteTarget("1.2", "example.com")).toBe("1.2.example.com");
  });
});

describe("relativeName", () => {
  test.each([
    ["@", "@"],
    ["", "@"],
    ["  ", "@"],
    ["example.com", "@"],
    ["example.com.", "@"],
    ["EXAMPLE.COM.", "@"],
    ["www", "www"],
    ["WWW", "www"],
    ["www.example.com", "www"],
    ["www.example.com.", "www"],
    ["_acme-challenge.www.example.com.", "_acme-challenge.www"],
    ["a.b.c.example.com", "a.b.c"],
    ["www.other.org", "www.other.org"],
  ])("%j → %j", (name, relative) => {
    expect(relativeName(name, "example.com")).toBe(relative);
  });

  test("an absolute name outside the zone is undefined", () => {
    expect(relativeName("www.other.org.", "example.com")).toBeUndefined();
    expect(relativeName("example.com.evil.org.", "example.com")).toBeUndefined();
    // A suffix that is not a whole label is not the zone.
    expect(relativeName("notexample.com.", "example.com")).toBeUndefined();
  });

  test("the zone may be given absolute, upper case or in Unicode", () => {
    expect(relativeName("www.example.com.", "Example.COM.")).toBe("www");
    expect(relativeName("www.räksmörgås.se.", "xn--rksmrgs-5wao1o.se")).toBe("www");
    expect(relativeName("WWW.XN--RKSMRGS-5WAO1O.SE.", "räksmörgås.se")).toBe("www");
  });
});

describe("fullName, zoneName, absoluteTarget", () => {
  test("fullName", () => {
    expect(fullName("@", "example.com")).toBe("example.com");
    expect(fullName("", "example.com.")).toBe("example.com");
    expect(fullName("WWW", "Example.com")).toBe("www.example.com");
    expect(fullName("smörgås", "example.se")).toBe("xn--smrgs-pra0j.example.se");
  });

  test("zoneName", () => {
    expect(zoneName("Example.COM.")).toBe("example.com");
    expect(zoneName("räksmörgås.se")).toBe("xn--rksmrgs-5wao1o.se");
  });

  test.each([
    ["mail", "example.com", "mail.example.com"],
    ["mail.example.net.", "example.com", "mail.example.net"],
    ["@", "example.com", "example.com"],
    [".", "example.com", "."],
    ["Mail.Example.NET.", "example.com", "mail.example.net"],
    ["mail.example.net", undefined, "mail.example.net"],
    ["mäil", "example.se", "xn--mil-qla.example.se"],
  ])("absoluteTarget(%j, %j) → %j", (target, origin, full) => {
    expect(absoluteTarget(target, origin)).toBe(full);
  });
});

describe("IDN: U-labels in, A-labels to the API, Unicode back", () => {
  test("räksmörgås.se", () => {
    expect(asciiName("räksmörgås.se")).toBe("xn--rksmrgs-5wao1o.se");
    expect(unicodeName("xn--rksmrgs-5wao1o.se")).toBe("räksmörgås.se");
    expect(unicodeName(asciiName("www.räksmörgås.se"))).toBe("www.räksmörgås.se");
  });

  test("upper-case U-labels are folded before punycode", () => {
    expect(asciiName("RÄKSMÖRGÅS.SE")).toBe("xn--rksmrgs-5wao1o.se");
    expect(asciiName("ÅSA.Example.SE.")).toBe(asciiName("åsa.example.se"));
  });

  test("NFC and NFD forms are the same name", () => {
    const nfd = "rä".normalize("NFD");
    expect(nfd.length).toBe(3);
    expect(asciiName(`${nfd}ksmörgås.se`)).toBe("xn--rksmrgs-5wao1o.se");
  });

  test("A-labels already in punycode are only lower-cased", () => {
    expect(asciiName("XN--RKSMRGS-5WAO1O.SE.")).toBe("xn--rksmrgs-5wao1o.se");
  });

  test("unicodeName leaves labels that are not valid punycode and ASCII labels as they are", () => {
    expect(unicodeName("www.example.com")).toBe("www.example.com");
    expect(unicodeName("_dmarc.2.example.com")).toBe("_dmarc.2.example.com");
    expect(unicodeName("XN--RKSMRGS-5WAO1O.se")).toBe("räksmörgås.se");
  });
});

describe("case folding and the apex forms", () => {
  test("ASCII names are lower-cased, the trailing dot dropped", () => {
    expect(asciiName("WWW.Example.COM.")).toBe("www.example.com");
    expect(asciiName(" www.example.com ")).toBe("www.example.com");
  });

  test("@, empty and the root stay as they are", () => {
    expect(asciiName("@")).toBe("@");
    expect(asciiName("")).toBe("");
    expect(asciiName(".")).toBe(".");
    expect(nameProblem("@")).toBeUndefined();
    expect(nameProblem("")).toBeUndefined();
    expect(nameProblem(".")).toBeUndefined();
  });
});

describe("RFC 1035 limits", () => {
  test("the constants", () => {
    expect(MAX_LABEL_OCTETS).toBe(63);
    expect(MAX_NAME_OCTETS).toBe(255);
  });

  test("a label of 63 octets is allowed, 64 refused", () => {
    expect(nameProblem(`${"a".repeat(63)}.example.com`)).toBeUndefined();
    const problem = nameProblem(`${"a".repeat(64)}.example.com`);
    expect(problem).toMatch(/label of 64 octets/);
    expect(problem).toMatch(/63/);
  });

  test("a written name of 253 characters is allowed, 254 refused (255 octets on the wire)", () => {
    const ok = nameOfLength(253);
    expect(ok).toHaveLength(253);
    expect(ok.split(".").every((label) => label.length <= 63)).toBe(true);
    expect(nameProblem(ok)).toBeUndefined();
    expect(nameProblem(`${ok}.`)).toBeUndefined();
    const long = nameOfLength(254);
    expect(long).toHaveLength(254);
    expect(long.split(".").every((label) => label.length <= 63 && label.length > 0)).toBe(true);
    expect(nameProblem(long)).toMatch(/256 octets long; RFC 1035 allows 255/);
  });

  test("the punycode length counts, not the Unicode length", () => {
    const label = "räksmörgåsäöü".repeat(4);
    expect(label.length).toBeLessThanOrEqual(63);
    expect(asciiName(label).length).toBe(64);
    expect(nameProblem(`${label}.se`)).toMatch(/label of 64 octets in punycode/);
    // A Unicode name short in characters but long in punycode.
    const labels = Array.from({ length: 7 }, () => "aåbäcödéeüfñgøhæiçjßkì");
    const name = labels.join(".");
    expect(name.length).toBeLessThan(253);
    expect(asciiName(name).length).toBeGreaterThan(253);
    expect(nameProblem(name)).toMatch(/octets long; RFC 1035 allows 255/);
  });

  test("empty labels and characters a name cannot have are refused", () => {
    expect(nameProblem("a..b")).toMatch(/empty label/);
    expect(nameProblem(".a")).toMatch(/empty label/);
    expect(nameProblem("a b")).toMatch(/characters/);
    expect(nameProblem("a/b")).toMatch(/characters/);
    expect(nameProblem("a;b")).toMatch(/characters/);
  });
});

describe("wildcards", () => {
  test("* only as the whole first label", () => {
    expect(nameProblem("*")).toBeUndefined();
    expect(nameProblem("*.example.com")).toBeUndefined();
    expect(nameProblem("*.sub")).toBeUndefined();
    expect(nameProblem("a.*")).toMatch(/wildcard/);
    expect(nameProblem("a.*.b")).toMatch(/wildcard/);
    expect(nameProblem("*a.b")).toMatch(/wildcard/);
    expect(nameProblem("a*.b")).toMatch(/wildcard/);
    expect(nameProblem("*.*.b")).toMatch(/wildcard/);
  });
});

describe("messages quote a short excerpt", () => {
  test("excerpt cuts and counts", () => {
    expect(excerpt("short")).toBe('"short"');
    const cut = excerpt("x".repeat(1000));
    expect(cut.length).toBeLessThan(90);
    expect(cut).toContain("(1000 characters)");
    expect(excerpt("abcdef", 3)).toBe('"abc…" (6 characters)');
  });

  test.each([
    ["one 100 KB label", "a".repeat(100_000)],
    ["a 100 KB name of short labels", "ab.".repeat(33_334)],
    ["a 100 KB name with a bad character at the end", `${"a".repeat(100_000)} `],
    ["a 100 KB name with a misplaced wildcard", `a.${"*".repeat(100_000)}`],
    ["a 100 KB name with an empty label", `${"a".repeat(50_000)}..${"a".repeat(50_000)}`],
  ])("%s", (_, name) => {
    const problem = nameProblem(name);
    expect(problem).toBeDefined();
    expect(problem!.length).toBeLessThan(300);
  });
});
