import { describe, expect, it } from "vitest";
import { UsageError } from "../src/config.js";
import { parseZoneFile, writeZoneFile, ZoneFileError, zoneFileFormat, zoneFromFileName } from "../src/zonefile/index.js";
import { absoluteTarget, canonicalValue, relativeName, sameValue, sameValues } from "../src/zonefile/normalize.js";

describe("names", () => {
  it("makes owner names relative, lower case, @ for the apex", () => {
    expect(relativeName("", "example.com")).toBe("@");
    expect(relativeName("@", "example.com")).toBe("@");
    expect(relativeName("WWW", "example.com")).toBe("www");
    expect(relativeName("Example.Com.", "example.com.")).toBe("@");
    expect(relativeName("a.B.example.com.", "example.com")).toBe("a.b");
    expect(() => relativeName("a.example.org.", "example.com", { file: "f", line: 3 })).toThrow(
      "f:3: a.example.org. is outside the zone example.com.",
    );
    expect(() => relativeName("notexample.com.", "example.com")).toThrow(ZoneFileError);
    expect(() => relativeName("www.example.com.", undefined)).toThrow("the zone's name is not known");
  });

  it("makes targets full names without the trailing dot", () => {
    expect(absoluteTarget("mail", "example.com")).toBe("mail.example.com");
    expect(absoluteTarget("@", "example.com.")).toBe("example.com");
    expect(absoluteTarget("MX.Other.NET.", "example.com")).toBe("mx.other.net");
    expect(absoluteTarget("mx.other.net", undefined)).toBe("mx.other.net");
  });
});

describe("sameValue and canonicalValue", () => {
  it("compares targets with or without the trailing dot, in any case", () => {
    expect(sameValue("CNAME", { value: "Target.Example.net." }, { value: "target.example.net" })).toBe(true);
    expect(sameValue("MX", { value: "mx.example.net.", priority: 10 }, { value: "mx.example.net", priority: 10 })).toBe(true);
    expect(sameValue("MX", { value: "mx.example.net", priority: 10 }, { value: "mx.example.net", priority: 20 })).toBe(false);
    expect(sameValue("SRV", { value: "s.", priority: 1, weight: 2, port: 3 }, { value: "s", priority: 1, weight: 2, port: 4 })).toBe(false);
    expect(canonicalValue("NS", { value: "NS1.HostUp.se." })).toEqual({ value: "ns1.hostup.se" });
  });

  it("compares TXT as the API lists it (quoted, split) with the text", () => {
    expect(sameValue("TXT", { value: '"v=spf1 " "-all"' }, { value: "v=spf1 -all" })).toBe(true);
    expect(sameValue("TXT", { value: "V=spf1 -all" }, { value: "v=spf1 -all" })).toBe(false);
  });

  it("compares AAAA in any written form, CAA with any tag case and quoting, TLSA data in any case", () => {
    expect(sameValue("AAAA", { value: "2001:DB8:0:0::1" }, { value: "2001:db8::1" })).toBe(true);
    expect(sameValue("AAAA", { value: "2001:db8::1" }, { value: "2001:db8::2" })).toBe(false);
    expect(sameValue("CAA", { value: "0 ISSUE letsencrypt.org" }, { value: '0 issue "letsencrypt.org"' })).toBe(true);
    expect(sameValue("CAA", { value: '0 issue "a.example"' }, { value: '128 issue "a.example"' })).toBe(false);
    expect(sameValue("TLSA", { value: "3 1 1 ABCD EF" }, { value: "3 1 1 abcdef" })).toBe(true);
  });

  it("ignores numbers the type does not have, and A values compare as written", () => {
    expect(sameValue("A", { value: "192.0.2.1", priority: 0 }, { value: "192.0.2.1" })).toBe(true);
    expect(sameValue("A", { value: "192.0.2.1" }, { value: "192.0.2.10" })).toBe(false);
  });

  it("compares lists of values as sets", () => {
    expect(sameValues("A", [{ value: "192.0.2.1" }, { value: "192.0.2.2" }], [{ value: "192.0.2.2" }, { value: "192.0.2.1" }])).toBe(true);
    expect(sameValues("A", [{ value: "192.0.2.1" }], [{ value: "192.0.2.1" }, { value: "192.0.2.2" }])).toBe(false);
  });
});

describe("file names", () => {
  it.each([
    ["zones/example.com.yaml", "example.com", "yaml"],
    ["example.com.yml", "example.com", "yaml"],
    ["/tmp/Example.COM.zone", "example.com", "bind"],
    ["example.com.db", "example.com", "bind"],
    ["sub.example.co.uk.bind", "sub.example.co.uk", "bind"],
    ["zone.yaml", undefined, "yaml"],
    ["example.com.json", undefined, undefined],
  ])("%s is zone %s in format %s", (path, zone, format) => {
    expect(zoneFromFileName(path)).toBe(zone);
    expect(zoneFileFormat(path)).toBe(format);
  });

  it("reads and writes by extension, the zone named by the file", () => {
    const yaml = parseZoneFile("www: {type: A, value: 192.0.2.1}\n", "example.com.yaml");
    const bind = parseZoneFile("www A 192.0.2.1\n", "example.com.zone");
    expect(yaml.origin).toBe("example.com");
    expect(bind.sets.map(({ source: _, ...s }) => s)).toEqual(yaml.sets.map(({ source: _, ...s }) => s));
    expect(writeZoneFile(yaml, "out/example.com.zone")).toBe("$ORIGIN example.com.\nwww        IN A     192.0.2.1\n");
    expect(writeZoneFile(bind, "x.yml")).toBe("---\nwww:\n  type: A\n  value: 192.0.2.1\n");
    expect(() => parseZoneFile("", "example.com.txt")).toThrow("cannot tell the format from the name");
  });

  it("ZoneFileError is a UsageError (exit 2, nothing sent) and names the file, line and key", () => {
    const error = new ZoneFileError("bad", { file: "a.yaml", line: 3, key: "www" });
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("a.yaml:3 (www): bad");
    expect(error.name).toBe("ZoneFileError");
  });
});
