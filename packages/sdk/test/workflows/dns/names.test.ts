// The public helpers dnsTxtValue and relativeDnsName, and the lazy copy the workflows use
// (src/dns-names.ts says why there are two): both must give the same answer for every case.
import { describe, expect, test } from "vitest";
import { dnsTxtValue, HostupValidationError, relativeDnsName } from "../../../src/index.js";
import { relativeName, unquoteTxt } from "../../../src/lazy/dns-names.js";

const TXT: ReadonlyArray<[string, string]> = [
  ['"abc"', "abc"],
  ['"part one " "part two"', "part one part two"],
  ['"a"  "b"\t"c"', "abc"],
  ['"say \\"hi\\""', 'say "hi"'],
  ['"back\\\\slash"', "back\\slash"],
  ['""', ""],
  ["unquoted", "unquoted"],
  ['half "quoted"', 'half "quoted"'],
  ['"unterminated', '"unterminated'],
  ['"a" b', '"a" b'],
];

const NAMES: ReadonlyArray<[string, string, string | undefined]> = [
  ["www.example.com", "example.com", "www"],
  ["www.example.com.", "example.com", "www"],
  ["www", "example.com", "www"],
  ["WWW.Example.COM", "example.com.", "www"],
  ["_acme-challenge.www.example.com.", "example.com", "_acme-challenge.www"],
  ["example.com", "example.com", "@"],
  ["example.com.", "example.com", "@"],
  ["@", "example.com", "@"],
  ["", "example.com", "@"],
  ["mail.exämple.com", "xn--exmple-cua.com", "mail"],
  ["mail.xn--exmple-cua.com.", "exämple.com", "mail"],
  ["www.example.org.", "example.com", undefined],
  ["myexample.com.", "example.com", undefined],
  ["www.example.org", "example.com", "www.example.org"],
];

describe("dnsTxtValue", () => {
  test.for(TXT)("%j → %j (and the lazy copy agrees)", ([value, text]) => {
    expect(dnsTxtValue(value)).toBe(text);
    expect(unquoteTxt(value)).toBe(text);
  });
});

describe("relativeDnsName", () => {
  test.for(NAMES)("%j in zone %j → %j (and the lazy copy agrees)", ([name, zone, relative]) => {
    expect(relativeName(name, zone)).toBe(relative);
    if (relative !== undefined) {
      expect(relativeDnsName(name, zone)).toBe(relative);
      return;
    }
    let error: unknown;
    try {
      relativeDnsName(name, zone);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toBe("name");
    expect((error as Error).message).toContain(JSON.stringify(name));
    expect((error as Error).message).toContain(JSON.stringify(zone));
  });
});
