// The canonical forms (src/endpoint.ts): change sets in both shapes, targets to HostUp values and back,
// and what /adjustendpoints makes of ExternalDNS's endpoints so that they come back from GET /records unchanged.
import { describe, expect, test } from "vitest";
import { adjustEndpoint, readChanges, targetOf, recordValueOf } from "../src/index.js";

const A = { dnsName: "www.example.com", targets: ["192.0.2.1"], recordType: "A" };

describe("readChanges", () => {
  test("both shapes, keys in any case, null or missing lists empty", () => {
    const empty = { create: [], updateOld: [], updateNew: [], delete: [] };
    expect(readChanges({})).toEqual(empty);
    expect(readChanges({ Create: null, UpdateOld: null, UpdateNew: null, Delete: null })).toEqual(empty);
    expect(readChanges({ Create: [A], delete: [A] })).toEqual({ ...empty, create: [A], delete: [A] });
  });

  test("what no ExternalDNS sends is refused", () => {
    expect(() => readChanges([])).toThrow(/not a JSON object/);
    expect(() => readChanges({ create: {} })).toThrow(/create is not a list/);
    expect(() => readChanges({ create: [{ targets: [] }] })).toThrow(/create\[0\] is not an endpoint/);
  });
});

describe("targets", () => {
  test.each([
    ["MX", "10 mail.example.com", { priority: 10, value: "mail.example.com" }],
    ["SRV", "10 5 5060 sip.example.com.", { priority: 10, weight: 5, port: 5060, value: "sip.example.com" }],
    ["CNAME", "lb.example.net", { value: "lb.example.net" }],
    ["TXT", '"heritage=external-dns,external-dns/owner=k8s"', { value: "heritage=external-dns,external-dns/owner=k8s" }],
    ["TXT", "v=spf1 -all", { value: "v=spf1 -all" }],
  ])("%s %s: the value, and back to the same target", (type, target, value) => {
    expect(recordValueOf(type, target)).toEqual(value);
    expect(targetOf(type, recordValueOf(type, target))).toBe(target);
  });

  test("a target that is not the type's form is refused", () => {
    expect(() => recordValueOf("MX", "mail.example.com")).toThrow(/<preference> <host>/);
    expect(() => recordValueOf("SRV", "10 5 sip.example.com")).toThrow(/<priority> <weight> <port> <host>/);
  });
});

describe("adjustEndpoint", () => {
  test("the form GET /records returns: name lower case without its dot, canonical targets, TTL in HostUp's range, no provider-specific", () => {
    expect(
      adjustEndpoint({
        dnsName: "WWW.Example.com.",
        targets: ["10 5 5060 sip.example.com", "20 5 5060 SIP2.example.com."],
        recordType: "srv",
        recordTTL: 5,
        providerSpecific: [{ name: "alias", value: "true" }],
        labels: { owner: "k8s" },
      }),
    ).toEqual({
      dnsName: "www.example.com",
      targets: ["10 5 5060 sip.example.com.", "20 5 5060 sip2.example.com."],
      recordType: "SRV",
      recordTTL: 60,
      labels: { owner: "k8s" },
    });
    expect(
      adjustEndpoint({ dnsName: "example.com", targets: ["10 mail.example.com."], recordType: "MX", recordTTL: 999_999 }),
    ).toMatchObject({
      targets: ["10 mail.example.com"],
      recordTTL: 86_400,
    });
    // A user's TXT comes back as its text; a registry record quoted, as the registry writes it.
    expect(
      adjustEndpoint({ dnsName: "example.com", targets: ['"v=spf1 -all"', "heritage=external-dns,x"], recordType: "TXT" }).targets,
    ).toEqual(["v=spf1 -all", '"heritage=external-dns,x"']);
  });

  test("addresses in their canonical form, names in A-labels, no set identifier (HostUp has no routing policies)", () => {
    expect(
      adjustEndpoint({ dnsName: "Bücher.example.com", targets: ["2001:DB8:0:0:0:0:0:1"], recordType: "AAAA", setIdentifier: "eu" }),
    ).toEqual({
      dnsName: "xn--bcher-kva.example.com",
      targets: ["2001:db8::1"],
      recordType: "AAAA",
    });
    expect(adjustEndpoint({ dnsName: "_sip._tcp.example.com", targets: ["0 0 0 ."], recordType: "SRV" }).targets).toEqual(["0 0 0 ."]);
  });

  test("never drops an endpoint, also one it cannot map", () => {
    const odd = { dnsName: "x.example.com", targets: ["not an mx"], recordType: "MX" };
    expect(adjustEndpoint(odd)).toEqual(odd);
    const caa = { dnsName: "example.com", targets: ['0 issue "letsencrypt.org"'], recordType: "CAA" };
    expect(adjustEndpoint(caa)).toEqual(caa);
  });
});
