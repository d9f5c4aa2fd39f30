import { describe, expect, test } from "vitest";
import { isQuotedTxt, quoteTxt, txtRdataOctets, txtStrings, unescapeCharacterString, unquoteTxt } from "../src/index.js";

const octets = (text: string) => new TextEncoder().encode(text).length;

describe("unquoteTxt", () => {
  test.each([
    ['"abc"', "abc"],
    ['"a" "b"', "ab"],
    ['"a"  "b"', "ab"],
    [' "a" "b" ', "ab"],
    ['"v=spf1 include:_spf.example.com" " -all"', "v=spf1 include:_spf.example.com -all"],
    ['"a  b\tc"', "a  b\tc"],
    ['""', ""],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"back\\\\slash"', "back\\slash"],
    ['"semi\\;colon"', "semi;colon"],
    ['"\\195\\165"', "å"],
    ['"r\\195\\164ksm\\195\\182rg\\195\\165s"', "räksmörgås"],
    ['"\\065\\066C"', "ABC"],
    ['"a;b"', "a;b"],
  ])("%s → %j", (listed, text) => {
    expect(unquoteTxt(listed)).toBe(text);
  });

  test.each(["abc", "v=spf1 -all", 'say "hi"', '"unterminated', 'abc "def"', '"a" b', ""])(
    "a value not made of quoted strings is unchanged: %j",
    (value) => {
      expect(unquoteTxt(value)).toBe(value);
    },
  );

  test("isQuotedTxt", () => {
    expect(isQuotedTxt('"a"')).toBe(true);
    expect(isQuotedTxt('"a" "b"')).toBe(true);
    expect(isQuotedTxt('"a\\"b"')).toBe(true);
    expect(isQuotedTxt("a")).toBe(false);
    expect(isQuotedTxt('"a')).toBe(false);
    expect(isQuotedTxt('"a" b')).toBe(false);
  });
});

describe("unescapeCharacterString", () => {
  test("\\DDD octets are put back together as UTF-8", () => {
    expect(unescapeCharacterString("\\195\\165")).toBe("å");
    expect(unescapeCharacterString("x\\226\\130\\172y")).toBe("x€y");
  });

  test("\\X is X, other text as it is", () => {
    expect(unescapeCharacterString('\\"\\\\\\;\\a')).toBe('"\\;a');
    expect(unescapeCharacterString("plain text")).toBe("plain text");
    expect(unescapeCharacterString("åäö \\065")).toBe("åäö A");
  });
});

describe("txtStrings", () => {
  test("short text is one string", () => {
    expect(txtStrings("abc")).toEqual(["abc"]);
    expect(txtStrings("")).toEqual([""]);
  });

  test("255 octets is one string, 256 two", () => {
    expect(txtStrings("a".repeat(255))).toEqual(["a".repeat(255)]);
    expect(txtStrings("a".repeat(256))).toEqual(["a".repeat(255), "a"]);
    expect(txtStrings("a".repeat(600)).map((s) => s.length)).toEqual([255, 255, 90]);
  });

  test("splits at 255 octets, never inside a multi-byte character", () => {
    const text = "é".repeat(200); // 400 octets
    const parts = txtStrings(text);
    expect(parts.join("")).toBe(text);
    expect(parts.map(octets)).toEqual([254, 146]);
    const mixed = `a${"€".repeat(100)}`; // 1 + 300 octets: the 85th € would end at octet 256
    const split = txtStrings(mixed);
    expect(split.join("")).toBe(mixed);
    expect(split.every((part) => octets(part) <= 255)).toBe(true);
    expect(split.map(octets)).toEqual([253, 48]);
    const emoji = "😀".repeat(70); // 4 octets each, 2 UTF-16 units each
    const emojiParts = txtStrings(emoji);
    expect(emojiParts.join("")).toBe(emoji);
    expect(emojiParts.map(octets)).toEqual([252, 28]);
    for (const part of emojiParts) expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  test('by: "character" counts characters', () => {
    const text = "é".repeat(300);
    expect(txtStrings(text, "character").map((s) => s.length)).toEqual([255, 45]);
  });
});

describe("quoteTxt", () => {
  test("quotes and escapes", () => {
    expect(quoteTxt("abc")).toBe('"abc"');
    expect(quoteTxt('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteTxt("a\\b")).toBe('"a\\\\b"');
    expect(quoteTxt("a\nb\tc")).toBe('"a\\010b\tc"');
    expect(quoteTxt("a".repeat(300))).toBe(`"${"a".repeat(255)}" "${"a".repeat(45)}"`);
  });

  test.each([
    "abc",
    "v=spf1 include:_spf.example.com -all",
    'say "hi" \\ back',
    "a  b\tc",
    "räksmörgås",
    "a;b",
    "x".repeat(1000),
    "é".repeat(400),
    "line1\nline2\r\n\u0000\u007f end",
    `v=DKIM1; k=rsa; p=${"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(10)}`,
    "",
  ])("round-trips through unquoteTxt: %#", (text) => {
    expect(unquoteTxt(quoteTxt(text))).toBe(text);
    expect(isQuotedTxt(quoteTxt(text))).toBe(true);
  });
});

describe("txtRdataOctets", () => {
  test("each string's octets plus its length octet", () => {
    expect(txtRdataOctets("abc")).toBe(4);
    expect(txtRdataOctets("a".repeat(255))).toBe(256);
    expect(txtRdataOctets("a".repeat(256))).toBe(258);
    expect(txtRdataOctets("å")).toBe(3);
  });
});
