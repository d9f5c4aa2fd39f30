import { describe, expect, it } from "vitest";
import { UsageError } from "../src/config.js";
import { parseBindZone } from "../src/zonefile/bind.js";
import { type RecordSet, type ZoneFile, ZoneFileError } from "../src/zonefile/model.js";
import { MAX_ZONE_RECORDS, validateZone } from "../src/zonefile/validate.js";
import { parseYamlZone } from "../src/zonefile/yaml.js";

const yaml = (text: string) => parseYamlZone(text, "example.com.yaml");
const bind = (text: string) => parseBindZone(`$ORIGIN example.com.\n${text}`, "example.com.zone");

function refusal(zone: ZoneFile): Error {
  try {
    validateZone(zone);
  } catch (error) {
    expect(error).toBeInstanceOf(ZoneFileError);
    expect(error).toBeInstanceOf(UsageError);
    return error as Error;
  }
  throw new Error("validateZone accepted the zone");
}

describe("validateZone", () => {
  it("accepts a zone HostUp takes", () => {
    expect(() =>
      validateZone(
        yaml(
          "'':\n  - {type: A, ttl: 60, value: 192.0.2.1}\n  - {type: MX, value: {exchange: mx., preference: 0}}\nwww: {type: CNAME, ttl: 86400, value: example.com.}\n",
        ),
      ),
    ).not.toThrow();
  });

  it.each([
    [
      "an unknown type",
      "www: {type: PTR, value: x.}\n",
      "example.com.yaml:1 (www): www PTR: HostUp has no PTR records (it has A, AAAA, CNAME, ALIAS, MX, TXT, NS, SRV, CAA, TLSA).",
    ],
    [
      "a CNAME at the apex",
      "'': {type: CNAME, value: other.net.}\n",
      "example.com.yaml:1 (''): @ CNAME: a CNAME cannot be at the apex (it would hide the SOA and NS): HostUp has ALIAS records for that.",
    ],
    ["a CNAME with two values", "www: {type: CNAME, values: [a.net., b.net.]}\n", "(www): www CNAME: a CNAME has one value."],
    [
      "a TTL under 60",
      "www: {type: A, ttl: 59, value: 192.0.2.1}\n",
      "example.com.yaml:1 (www): www A: TTL 59 is out of range: HostUp documents none, public clients observe 60–86400 seconds.",
    ],
    ["a TTL over 86400", "www: {type: A, ttl: 86401, value: 192.0.2.1}\n", "www A: TTL 86401 is out of range"],
    [
      "two sets for one name and type",
      "www:\n  - {type: A, value: 192.0.2.1}\n  - {type: A, value: 192.0.2.2}\n",
      "example.com.yaml:3 (www [1]): www A: a second A set for www (line 2): give one set with all its values.",
    ],
    ["an empty value", "www: {type: TXT, value: ''}\n", "example.com.yaml:1 (www): www TXT: an empty value."],
    ["an empty list of values", "www: {type: TXT, values: []}\n", "(www): www TXT: the set has no values."],
    [
      "an MX preference over 65535",
      "'': {type: MX, value: {exchange: mx., preference: 65536}}\n",
      "(''): @ MX: preference 65536 is not in 0–65535.",
    ],
    [
      "an SRV port over 65535",
      "_s._tcp: {type: SRV, value: {priority: 0, weight: 0, port: 70000, target: x.}}\n",
      "_s._tcp SRV: port 70000 is not in 0–65535.",
    ],
    [
      "an SRV negative weight",
      "_s._tcp: {type: SRV, value: {priority: 0, weight: -1, port: 1, target: x.}}\n",
      "_s._tcp SRV: weight -1 is not in 0–65535.",
    ],
    ["an A that is not IPv4", "www: {type: A, value: 2001:db8::1}\n", "www A: 2001:db8::1 is not an IPv4 address."],
    ["an AAAA that is not IPv6", "www: {type: AAAA, value: 192.0.2.1}\n", "www AAAA: 192.0.2.1 is not an IPv6 address."],
    [
      "a CAA with flags over 255",
      "'': {type: CAA, value: {flags: 256, tag: issue, value: ca.example}}\n",
      '@ CAA: 256 issue "ca.example" is not a CAA value',
    ],
    ["a value given twice", "www: {type: A, values: [192.0.2.1, 192.0.2.1]}\n", "www A: the value 192.0.2.1 is given twice."],
  ])("refuses %s, naming the line and key", (_, text, message) => {
    expect(refusal(yaml(text)).message).toContain(message);
  });

  it("refuses a CNAME beside other records, naming the CNAME's line and the other's", () => {
    const message = refusal(bind("www A 192.0.2.1\nwww CNAME other.net.\n")).message;
    expect(message).toBe("example.com.zone:3: www CNAME: a CNAME cannot be beside other records (A (line 2)).");
  });

  it("refuses a BIND MX preference out of range with its line", () => {
    expect(refusal(bind("\n@ MX 70000 mx.example.net.\n")).message).toBe("example.com.zone:3: @ MX: preference 70000 is not in 0–65535.");
  });

  it("refuses SOA or an apex NS put into the sets by hand, and skips them when read", () => {
    const soa: RecordSet = { name: "@", type: "SOA", values: [{ value: "ns. host. 1 2 3 4 5" }], source: { file: "f", line: 4 } };
    expect(refusal({ sets: [soa] }).message).toBe("f:4: @ SOA: SOA is a system record: HostUp keeps it; leave it out of the file.");
    const read = bind("@ SOA ns. host. 1 2 3 4 5\n@ NS ns1.hostup.se.\nsub NS ns.other.net.\n");
    expect(read.skipped?.map((s) => s.set.type)).toEqual(["SOA", "NS"]);
    expect(read.sets.map((s) => `${s.name} ${s.type}`)).toEqual(["sub NS"]);
    expect(() => validateZone(read)).not.toThrow();
  });

  it(`takes ${MAX_ZONE_RECORDS} records and refuses ${MAX_ZONE_RECORDS + 1}, SOA and apex NS not counted`, () => {
    const records = (n: number) =>
      `@ SOA ns. host. 1 2 3 4 5\n@ NS ns1.hostup.se.\n@ NS ns2.hostup.se.\n${Array.from({ length: n }, (_, i) => `h${i % 50} A 10.0.${Math.floor(i / 50)}.${i % 50}`).join("\n")}\n`;
    expect(() => validateZone(bind(records(200)))).not.toThrow();
    expect(refusal(bind(records(201))).message).toBe(
      "example.com.zone: the file has 201 records (each value is one); HostUp allows 200 in a zone, SOA and apex NS not counted.",
    );
  });
});
