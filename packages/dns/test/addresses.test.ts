import { describe, expect, test } from "vitest";
import { canonicalIpv4, canonicalIpv6, isIpAddress } from "../src/index.js";

describe("canonicalIpv4", () => {
  test.each(["192.0.2.1", "0.0.0.0", "255.255.255.255", "10.0.0.10"])("%s is itself", (address) => {
    expect(canonicalIpv4(address)).toBe(address);
  });

  test("surrounding blanks are dropped", () => {
    expect(canonicalIpv4(" 192.0.2.1 ")).toBe("192.0.2.1");
  });

  test.each([
    "01.2.3.4",
    "1.2.3.04",
    "00.0.0.0",
    "1.2",
    "1.2.3",
    "1.2.3.4.5",
    "256.1.1.1",
    "1.1.1.256",
    "0x10.0.0.1",
    "0x10",
    "2",
    "1.2.3.-4",
    "1..2.3",
    "a.b.c.d",
    "1.2.3.4/24",
    "",
    "1.2.3.4.",
    "１.2.3.4",
  ])("%j is not an IPv4 address", (address) => {
    expect(canonicalIpv4(address)).toBeUndefined();
  });
});

describe("canonicalIpv6 (RFC 5952)", () => {
  test.each([
    ["2001:db8::1", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:0:0:0:0:1", "2001:db8::1"],
    // §4.1: leading zeros dropped.
    ["2001:0db8:00aa:0bbb:0001:0000:0000:0001", "2001:db8:aa:bbb:1::1"],
    // §4.2.1: the longest run.
    ["2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    // §4.2.3: the first of equal runs.
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["1:0:0:2:0:0:3:4", "1::2:0:0:3:4"],
    // §4.2.2: a single zero group is not compressed.
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    // Ends and all-zero.
    ["0:0:0:0:0:0:0:0", "::"],
    ["::", "::"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["1:0:0:0:0:0:0:0", "1::"],
    ["FE80::0:0:1", "fe80::1"],
    // Upper case to lower.
    ["2001:DB8:ABCD:EF01::", "2001:db8:abcd:ef01::"],
    // Embedded IPv4 as two groups.
    ["::ffff:192.0.2.1", "::ffff:c000:201"],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
    ["1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"],
  ])("%s → %s", (address, canonical) => {
    expect(canonicalIpv6(address)).toBe(canonical);
  });

  test("written forms of one address are one canonical form", () => {
    const forms = ["2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8::0001", "2001:db8:0::0:1", "2001:db8::0.0.0.1"];
    expect(new Set(forms.map(canonicalIpv6))).toEqual(new Set(["2001:db8::1"]));
    expect(canonicalIpv6("::ffff:192.0.2.1")).toBe(canonicalIpv6("::FFFF:C000:0201"));
  });

  test.each([
    "2001:db8::1::1",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
    "12345::1",
    "2001:db8::g",
    ":1::",
    "1:",
    "1::2:",
    "192.0.2.1",
    "::ffff:192.0.2",
    "::ffff:01.2.3.4",
    "::1.2.3.4:1",
    "fe80::1%eth0",
    "",
    ":",
  ])("%j is not an IPv6 address", (address) => {
    expect(canonicalIpv6(address)).toBeUndefined();
  });
});

describe("isIpAddress", () => {
  test.each(["192.0.2.1", "2001:db8::1", "::"])("%s is", (text) => {
    expect(isIpAddress(text)).toBe(true);
  });
  test.each(["mail.example.com", "1.2", "2", "0x10", "1.2.3", "_dmarc", "a:b"])("%s is not", (text) => {
    expect(isIpAddress(text)).toBe(false);
  });
});
