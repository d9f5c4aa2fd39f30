/// <reference types="node" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { components } from "@hostup/types";
import { describe, expect, test } from "vitest";
import { CREATE_RECORD_TYPES, fromApiRecord, RECORD_TYPES, type RecordType, recordBody } from "../src/index.js";

describe("fromApiRecord: a listed record in the model's terms", () => {
  test("full names relative, TXT unquoted, unused numbers left out", () => {
    expect(
      fromApiRecord(
        { id: "1", type: "txt", name: "_dmarc.example.com", value: '"v=DMARC1; " "p=none"', ttl: 300, priority: null },
        "example.com",
      ),
    ).toEqual({
      id: "1",
      type: "TXT",
      name: "_dmarc",
      value: "v=DMARC1; p=none",
      ttl: 300,
    });
    expect(
      fromApiRecord({ id: "2", type: "MX", name: "example.com", value: "mail.example.com", priority: 10, weight: null }, "example.com"),
    ).toEqual({
      id: "2",
      type: "MX",
      name: "@",
      value: "mail.example.com",
      priority: 10,
    });
    expect(
      fromApiRecord(
        { id: "3", type: "SRV", name: "_sip._tcp.example.com.", value: "sip.example.com", priority: 1, weight: 2, port: 3 },
        "example.com",
      ),
    ).toMatchObject({ name: "_sip._tcp", priority: 1, weight: 2, port: 3 });
  });

  test("numeric and IDN names", () => {
    expect(fromApiRecord({ id: "1", type: "A", name: "2.example.com", value: "192.0.2.1" }, "example.com").name).toBe("2");
    expect(fromApiRecord({ id: "1", type: "A", name: "www.xn--rksmrgs-5wao1o.se", value: "192.0.2.1" }, "räksmörgås.se").name).toBe("www");
  });

  test("a name outside the zone, or missing, as listed", () => {
    expect(fromApiRecord({ id: "1", type: "A", name: "www", value: "192.0.2.1" }, "example.com").name).toBe("www");
    expect(fromApiRecord({ id: "1", type: "A", value: "192.0.2.1" }, "example.com").name).toBe("@");
  });
});

describe("recordBody: what the create and update routes take", () => {
  test("targets without the dot, the root as it is, @ for the apex", () => {
    expect(recordBody({ type: "cname", name: "www", value: "example.net." })).toEqual({ type: "CNAME", name: "www", value: "example.net" });
    expect(recordBody({ type: "MX", name: "", value: ".", priority: 0, ttl: 300 })).toEqual({
      type: "MX",
      name: "@",
      value: ".",
      priority: 0,
      ttl: 300,
    });
    expect(recordBody({ type: "SRV", name: "_sip._tcp", value: "sip.example.com.", priority: 1, weight: 2, port: 3 })).toEqual({
      type: "SRV",
      name: "_sip._tcp",
      value: "sip.example.com",
      priority: 1,
      weight: 2,
      port: 3,
    });
  });

  test("TXT as its text; numbers a type does not have are left out", () => {
    expect(recordBody({ type: "TXT", name: "@", value: "a.", priority: 5, weight: 1, port: 2 })).toEqual({
      type: "TXT",
      name: "@",
      value: "a.",
    });
    expect(recordBody({ type: "A", name: "2", value: "192.0.2.1", priority: 5 })).toEqual({ type: "A", name: "2", value: "192.0.2.1" });
  });
});

describe("record types come from the spec", () => {
  // Compile time: the generated list is the spec's DnsRecordType enum as openapi-typescript typed it.
  type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
  const same: Same<RecordType, components["schemas"]["DnsRecordType"]> = true;
  const sameWithSpf: Same<(typeof CREATE_RECORD_TYPES)[number], components["schemas"]["DnsRecordTypeWithSpf"]> = true;

  test("RECORD_TYPES and CREATE_RECORD_TYPES are the bundle's enums, in order", () => {
    const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json"), "utf8"));
    expect([...RECORD_TYPES]).toEqual(bundle.components.schemas.DnsRecordType.enum);
    expect([...CREATE_RECORD_TYPES]).toEqual(bundle.components.schemas.DnsRecordTypeWithSpf.enum);
    expect(same && sameWithSpf).toBe(true);
  });
});
