// ensureDnsRecord against a zone that keeps its records (./zone.ts): it lists the type and name
// first, creates only a missing value, sends names relative to the zone, and never leaves a second
// record behind, also when a create was applied but its answer was lost.
import { describe, expect } from "vitest";
import {
  HostupServerError,
  HostupTimeoutError,
  HostupConnectionError,
  HostupValidationError,
  HostupBadRequestError,
} from "../../../src/index.js";
import { failOnUnhandledRejections, rejectionOf, test } from "../../runtime/helpers.js";
import { clientAt } from "../support.js";
import { fakeZone, quoteTxt, RECORDS_PATH, ZONE_ID } from "./zone.js";

failOnUnhandledRejections();

const TOKEN = "gfj9Xq-Mh2uVuE7oZ8nJxY3fCk1aLw0sTqRbPdV4eHs";
const CHALLENGE = { type: "TXT", name: "_acme-challenge", value: TOKEN } as const;
const SERVER_ERROR = { status: 503, problem: { type: "about:blank", title: "Service Unavailable", status: 503, detail: "Try again." } };

describe.concurrent("ensureDnsRecord", () => {
  test("creates a missing record once; a second call finds it and creates nothing", async ({ api }) => {
    const zone = fakeZone(api);
    const hostup = clientAt(api);

    const first = await hostup.ensureDnsRecord(ZONE_ID, { ...CHALLENGE, ttl: 60 });
    expect(first.created).toBe(true);
    expect(first.record).toMatchObject({
      type: "TXT",
      name: "_acme-challenge.example.com",
      value: `"${TOKEN}"`,
      status: "pending",
      ttl: 60,
    });
    expect(api.requests[0]).toMatchObject({ method: "GET", path: RECORDS_PATH, query: { type: "TXT", name: "_acme-challenge" } });
    expect(zone.created()).toEqual([{ type: "TXT", name: "_acme-challenge", value: TOKEN, ttl: 60 }]);

    const second = await hostup.ensureDnsRecord(ZONE_ID, CHALLENGE);
    expect(second).toEqual({ record: zone.records[0], created: false });
    expect(zone.calls()).toEqual(["GET records", "POST records", "GET records"]);
    expect(zone.records).toHaveLength(1);
    expect(api.handlerErrors).toEqual([]);
  });

  test("a value already there, returned quoted, is found: nothing is created", async ({ api }) => {
    const zone = fakeZone(api);
    const existing = zone.seed("TXT", "_acme-challenge", `"${TOKEN}"`);
    const result = await clientAt(api).ensureDnsRecord(ZONE_ID, CHALLENGE);

    expect(result).toEqual({ record: existing, created: false });
    expect(zone.calls()).toEqual(["GET records"]);
  });

  test("a long value returned split in two quoted strings is found as one value", async ({ api }) => {
    const zone = fakeZone(api);
    const long = `v=DKIM1; k=rsa; p=${"A".repeat(300)}`;
    const existing = zone.seed("TXT", "sel._domainkey", quoteTxt(long));
    expect(existing.value).toMatch(/^"[^"]{255}" "[^"]+"$/);

    const result = await clientAt(api).ensureDnsRecord(ZONE_ID, { type: "TXT", name: "sel._domainkey", value: long });
    expect(result).toEqual({ record: existing, created: false });
    expect(zone.records).toHaveLength(1);
  });

  test("another value under the same name is not a match: the second challenge is added beside the first", async ({ api }) => {
    const zone = fakeZone(api);
    zone.seed("TXT", "_acme-challenge", `"other-token"`);
    const result = await clientAt(api).ensureDnsRecord(ZONE_ID, CHALLENGE);

    expect(result.created).toBe(true);
    expect(zone.records.map((r) => r.value)).toEqual(['"other-token"', `"${TOKEN}"`]);
  });

  test("an absolute name with a trailing dot is sent relative; a full one too; the apex as @", async ({ api }) => {
    const zone = fakeZone(api);
    const hostup = clientAt(api);
    await hostup.ensureDnsRecord(ZONE_ID, { type: "TXT", name: "_acme-challenge.www.example.com.", value: TOKEN });
    await hostup.ensureDnsRecord(ZONE_ID, { type: "TXT", name: "_acme-challenge.WWW.Example.com", value: "second" });
    await hostup.ensureDnsRecord(ZONE_ID, { type: "TXT", name: "example.com.", value: "v=spf1 -all" });

    expect(zone.created().map((body) => (body as { name: string }).name)).toEqual(["_acme-challenge.www", "_acme-challenge.www", "@"]);
    expect(zone.records.map((r) => r.name)).toEqual(["_acme-challenge.www.example.com", "_acme-challenge.www.example.com", "example.com"]);
    // The filter takes the full name, without the trailing dot.
    expect(api.requests[0]!.query).toEqual({ type: "TXT", name: "_acme-challenge.www.example.com" });
  });

  test("a Unicode name is looked up and created in punycode: a second call finds it and creates nothing", async ({ api }) => {
    const zone = fakeZone(api);
    const hostup = clientAt(api);
    const record = { type: "TXT", name: "_dmarc.Räksmörgås", value: "v=DMARC1; p=none" } as const;
    expect((await hostup.ensureDnsRecord(ZONE_ID, record)).created).toBe(true);
    expect((await hostup.ensureDnsRecord(ZONE_ID, record)).created).toBe(false);
    expect(zone.created()).toEqual([{ type: "TXT", name: "_dmarc.xn--rksmrgs-5wao1o", value: "v=DMARC1; p=none" }]);
    expect(api.requests[0]!.query).toEqual({ type: "TXT", name: "_dmarc.xn--rksmrgs-5wao1o" });
  });

  test("an absolute name outside the zone → HostupValidationError after the lookup, nothing created", async ({ api }) => {
    const zone = fakeZone(api);
    const error = await rejectionOf(clientAt(api).ensureDnsRecord(ZONE_ID, { ...CHALLENGE, name: "_acme-challenge.example.org." }));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect(error.message).toContain('"_acme-challenge.example.org."');
    expect(error.message).toContain('"example.com"');
    expect(zone.calls()).toEqual(["GET records"]);
  });

  test("the create's answer arrives after the timeout (applied): one record, resolved with it", async ({ api }) => {
    const zone = fakeZone(api);
    zone.onCreate((n) => (n === 1 ? { apply: true, answer: { status: 201, json: {}, delayMs: 400 } } : { apply: true }));
    // Retries on: the transport still must not repeat the create (it is not retry-safe).
    const result = await clientAt(api, { timeoutMs: 100, maxRetries: 2 }).ensureDnsRecord(ZONE_ID, CHALLENGE);

    expect(result).toEqual({ record: zone.records[0], created: true });
    expect(zone.records).toHaveLength(1);
    expect(zone.calls()).toEqual(["GET records", "POST records", "GET records"]);
  });

  test("the connection drops after the API applied the create: one record, resolved with it", async ({ api }) => {
    const zone = fakeZone(api);
    zone.onCreate(() => ({ apply: true, answer: { fail: "ECONNRESET" } }));
    const result = await clientAt(api, { maxRetries: 2 }).ensureDnsRecord(ZONE_ID, CHALLENGE);

    expect(result).toEqual({ record: zone.records[0], created: true });
    expect(zone.records).toHaveLength(1);
    expect(zone.calls()).toEqual(["GET records", "POST records", "GET records"]);
  });

  test("a 5xx without applying: the records are read again, then one more create makes it", async ({ api }) => {
    const zone = fakeZone(api);
    zone.onCreate((n) => (n === 1 ? { apply: false, answer: SERVER_ERROR } : { apply: true }));
    const result = await clientAt(api).ensureDnsRecord(ZONE_ID, CHALLENGE);

    expect(result.created).toBe(true);
    expect(result.record).toMatchObject({ id: zone.records[0]!.id, status: "pending" });
    expect(zone.records).toHaveLength(1);
    expect(zone.calls()).toEqual(["GET records", "POST records", "GET records", "POST records"]);
  });

  test("creates that keep failing: two in all, then the last error (and no record)", async ({ api }) => {
    const zone = fakeZone(api);
    zone.onCreate((n) => (n === 1 ? { apply: false, answer: SERVER_ERROR } : { apply: false, answer: { fail: "ECONNRESET" } }));
    const error = await rejectionOf(clientAt(api).ensureDnsRecord(ZONE_ID, CHALLENGE));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(error).not.toBeInstanceOf(HostupServerError);
    expect(zone.calls()).toEqual(["GET records", "POST records", "GET records", "POST records", "GET records"]);
    expect(zone.records).toEqual([]);
  });

  test("a timeout on both creates, neither applied → HostupTimeoutError after two creates", async ({ api }) => {
    const zone = fakeZone(api);
    zone.onCreate(() => ({ apply: false, answer: { hang: true } }));
    const error = await rejectionOf(clientAt(api, { timeoutMs: 50 }).ensureDnsRecord(ZONE_ID, CHALLENGE));

    expect(error).toBeInstanceOf(HostupTimeoutError);
    expect(zone.created()).toHaveLength(2);
    expect(zone.records).toEqual([]);
  });

  test("priority, weight and port go with the create and are part of the record; left out, a record with any counts as present", async ({
    api,
  }) => {
    const zone = fakeZone(api);
    const hostup = clientAt(api);
    const srv = { type: "SRV", name: "_sip._tcp", value: "sip.example.com", priority: 10, weight: 5, port: 5060 } as const;
    expect((await hostup.ensureDnsRecord(ZONE_ID, srv)).created).toBe(true);
    expect(zone.created()).toEqual([{ type: "SRV", name: "_sip._tcp", value: "sip.example.com", priority: 10, weight: 5, port: 5060 }]);
    // The same record written another way (absolute target, other case) is present.
    expect((await hostup.ensureDnsRecord(ZONE_ID, { ...srv, value: "SIP.example.com." })).created).toBe(false);
    expect(zone.created()).toHaveLength(1);

    expect((await hostup.ensureDnsRecord(ZONE_ID, { ...srv, priority: 20 })).created).toBe(true);
    expect(zone.created()).toHaveLength(2);
  });

  test("what the records already there make HostUp refuse (a second MX with one priority) is refused after the lookup, before the create", async ({
    api,
  }) => {
    const zone = fakeZone(api);
    zone.seed("MX", "@", "mail1.example.com").priority = 10;
    const error = await rejectionOf(
      clientAt(api).ensureDnsRecord(ZONE_ID, { type: "MX", name: "@", value: "mail2.example.com", priority: 10 }),
    );
    expect(error).toBeInstanceOf(HostupValidationError);
    expect(error.message).toContain("duplicate MX priorities");
    expect(zone.calls()).toEqual(["GET records"]);
    expect(
      (await clientAt(api).ensureDnsRecord(ZONE_ID, { type: "MX", name: "@", value: "mail2.example.com", priority: 20 })).created,
    ).toBe(true);
  });

  test("a 4xx is the API's answer: thrown at once, not retried", async ({ api }) => {
    const zone = fakeZone(api);
    const problem = { type: "about:blank", title: "Bad Request", status: 400, detail: "Duplicate record." };
    zone.onCreate(() => ({ apply: false, answer: { status: 400, problem } }));
    const error = await rejectionOf(clientAt(api).ensureDnsRecord(ZONE_ID, CHALLENGE));

    expect(error).toBeInstanceOf(HostupBadRequestError);
    expect(zone.calls()).toEqual(["GET records", "POST records"]);
  });

  test.for([
    [{ ...CHALLENGE, type: "SPF" }, "/type"],
    [{ ...CHALLENGE, type: "txt" }, "/type"],
    [{ ...CHALLENGE, name: " " }, "/name"],
    [{ ...CHALLENGE, name: 5 }, "/name"],
    [{ ...CHALLENGE, value: "" }, "/value"],
    [{ type: "TXT", name: "_acme-challenge" }, "/value"],
    [{ ...CHALLENGE, ttl: 1.5 }, "/ttl"],
    [{ ...CHALLENGE, ttl: 0 }, "/ttl"],
    [{ ...CHALLENGE, type: "MX", priority: -1 }, "/priority"],
    [{ ...CHALLENGE, type: "SRV", name: "_sip._tcp", priority: 0, port: 5060, weight: 65536 }, "/weight"],
    [{ ...CHALLENGE, type: "SRV", name: "_sip._tcp", weight: 0, port: 5060 }, "/priority"],
    [{ ...CHALLENGE, type: "SRV", port: "443" }, "/port"],
    [{ ...CHALLENGE, type: "A", value: "1.2" }, "/value"],
    [{ ...CHALLENGE, type: "CNAME", value: "192.0.2.1" }, "/value"],
    [{ ...CHALLENGE, name: `${"a".repeat(64)}.example.com` }, "/name"],
    [{ ...CHALLENGE, type: "CNAME", name: "@" }, "/type"],
    [{ ...CHALLENGE, value: 'say "hi' }, "/value"],
    [{ ...CHALLENGE, ttl: 30 }, "/ttl"],
    [null, "/"],
  ] as const)("invalid input %j → HostupValidationError at %s, nothing sent", async ([record, field], { api }) => {
    fakeZone(api);
    const error = await rejectionOf(clientAt(api).ensureDnsRecord(ZONE_ID, record as never));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect((error as HostupValidationError).field).toBe(field);
    expect(api.requests).toEqual([]);
  });
});
