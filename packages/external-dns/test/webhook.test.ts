// The webhook as ExternalDNS's client uses it (provider/webhook/webhook.go), against the zone server:
// negotiation with its headers, records read, change sets applied in both of its shapes, read again and
// reconciled a second time with nothing to change; an apex CNAME; MX, SRV and registry TXT values that
// come back byte for byte; HostUp's 429 and slowness answered 500 in time; a lost answer completed
// without a duplicate; the 200-record limit; --dry-run; /healthz and /metrics.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { createHostupClient, type HostupClientOptions } from "@hostup/sdk";
import { type Endpoint, type ExternalDnsOptions, type ExternalDnsServer, serveExternalDns, WEBHOOK_MEDIA_TYPE } from "../src/index.js";

const API_KEY = "hk_live_extdns_SECRET_0123456789";
const OWNER = (resource: string) => `"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=${resource}"`;

let api: ZoneServer;
let hook: ExternalDnsServer | undefined;
const logs: Array<Record<string, unknown>> = [];
beforeEach(async () => {
  api = await startZoneServer();
  api.addZone("example.com", [{ type: "A", name: "www", value: "203.0.113.10", ttl: 300 }]);
  api.addZone("example.org");
  logs.length = 0;
});
afterEach(async () => {
  await hook?.close();
  hook = undefined;
  await api.close();
});

async function start(options: Partial<ExternalDnsOptions> = {}, client: Partial<HostupClientOptions> = {}) {
  const hostup = createHostupClient({ apiKey: API_KEY, baseUrl: api.url, maxRetries: 1, maxRetryWaitMs: 2_000, ...client });
  hook = await serveExternalDns({
    hostup,
    listen: { host: "127.0.0.1", port: 0 },
    healthListen: { host: "127.0.0.1", port: 0 },
    log: (event) => void logs.push(event),
    readyRetryMs: 10,
    ...options,
  });
  return hook;
}

// What webhook.go sends.
const ACCEPT = { accept: WEBHOOK_MEDIA_TYPE };
const get = (path: string) => fetch(`${hook!.url}${path}`, { headers: ACCEPT });
const post = (path: string, body: unknown) =>
  fetch(`${hook!.url}${path}`, { method: "POST", headers: { ...ACCEPT, "content-type": WEBHOOK_MEDIA_TYPE }, body: JSON.stringify(body) });
const records = async () => (await (await get("/records")).json()) as Endpoint[];
const writes = () => api.calls().filter((c) => !c.startsWith("GET"));
const byKey = (endpoints: Endpoint[]) => Object.fromEntries(endpoints.map((e) => [`${e.recordType} ${e.dnsName}`, e.targets]));

/** ExternalDNS's plan, reduced to what this test needs: the desired endpoints (adjusted) that differ from the current ones. */
async function reconcile(desired: Endpoint[]) {
  const adjusted = (await (await post("/adjustendpoints", desired)).json()) as Endpoint[];
  const current = byKey(await records());
  return adjusted.filter(
    (e) => JSON.stringify([...e.targets].sort()) !== JSON.stringify([...(current[`${e.recordType} ${e.dnsName}`] ?? [])].sort()),
  );
}

describe("negotiation and reading", () => {
  test("GET / answers 200 with the media type byte for byte and the filter; with --domain-filter, without asking HostUp", async () => {
    await start({ domainFilter: { include: ["example.com"] } });
    const answer = await get("/");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/external.dns.webhook+json;version=1");
    expect(await answer.json()).toEqual({ include: ["example.com"], exclude: [] });
    expect(api.calls()).not.toContain("GET listDnsZones");
  });

  test("without a filter: every zone of the account", async () => {
    await start();
    expect(await (await get("/")).json()).toEqual({ include: ["example.com", "example.org"], exclude: [] });
  });

  test("GET /records: one endpoint per name and type, names full and lower case, no SOA or apex NS", async () => {
    await start({ domainFilter: { include: ["example.com"] } });
    api.seed("example.com", { type: "A", name: "www", value: "203.0.113.11", ttl: 300 });
    const answer = await get("/records");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe(WEBHOOK_MEDIA_TYPE);
    expect(await answer.json()).toEqual([
      { dnsName: "www.example.com", targets: ["203.0.113.10", "203.0.113.11"], recordType: "A", recordTTL: 300 },
    ]);
  });

  test("one reconcile of an in-sync zone of 100 records sends 2 requests to HostUp", async () => {
    for (let i = 0; i < 99; i++) api.seed("example.com", { type: "A", name: `h${i}`, value: `198.51.100.${i + 1}`, ttl: 300 });
    await start({ domainFilter: { include: ["example.com"] } });
    await expect.poll(async () => (await fetch(`${hook!.healthUrl}/healthz`)).status).toBe(200); // the start-up probe is done
    const before = api.calls().length;
    // A reconcile: the records, the desired endpoints adjusted, and (nothing differing) an empty change set.
    const current = await records();
    expect(current).toHaveLength(100);
    const adjusted = (await (await post("/adjustendpoints", current)).json()) as Endpoint[];
    expect(adjusted).toEqual(current);
    expect((await post("/records", {})).status).toBe(204);
    expect(api.calls().slice(before)).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);
  });
});

describe("applying change sets", () => {
  const created: Endpoint[] = [
    { dnsName: "api.example.com", targets: ["203.0.113.20"], recordType: "A", labels: { owner: "k8s" } },
    { dnsName: "extdns-a.api.example.com", targets: [OWNER("ingress/web/api")], recordType: "TXT" },
    { dnsName: "example.com", targets: ["10 mx1.example.com", "20 mx2.example.com"], recordType: "MX", recordTTL: 3600 },
    { dnsName: "_sip._tcp.example.com", targets: ["10 5 5060 sip.example.com."], recordType: "SRV", recordTTL: 3600 },
    { dnsName: "example.com", targets: ["lb.example.net"], recordType: "CNAME", recordTTL: 300 },
    { dnsName: "extdns-cname.example.com", targets: [OWNER("ingress/web/apex")], recordType: "TXT" },
  ];

  test("the v0.17+ shape: created, read back byte for byte (apex CNAME as ALIAS, MX, SRV, registry TXT); a second reconcile plans nothing", async () => {
    await start({ domainFilter: { include: ["example.com"] } });
    const desired = (await (await post("/adjustendpoints", created)).json()) as Endpoint[];
    const answer = await post("/records", { create: desired });
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe("");
    const back = byKey(await records());
    for (const endpoint of created) expect(back[`${endpoint.recordType} ${endpoint.dnsName}`], endpoint.dnsName).toEqual(endpoint.targets);
    expect(api.records("example.com", { type: "ALIAS" }).map((r) => r.value)).toEqual(["lb.example.net"]);
    expect(api.records("example.com", { type: "CNAME" })).toEqual([]);
    const writesBefore = writes().length;
    expect(
      await reconcile([...desired, { dnsName: "www.example.com", targets: ["203.0.113.10"], recordType: "A", recordTTL: 300 }]),
    ).toEqual([]);
    expect((await post("/records", {})).status).toBe(204);
    expect(writes()).toHaveLength(writesBefore);
  });

  test("the v0.14–v0.16 shape (capitalised keys, null for empty lists): an update replaces the targets and keeps the TTL", async () => {
    await start({ domainFilter: { include: ["example.com"] } });
    const old = { dnsName: "www.example.com", targets: ["203.0.113.10"], recordType: "A", recordTTL: 300 };
    const answer = await post("/records", {
      Create: null,
      UpdateOld: [old],
      UpdateNew: [{ ...old, targets: ["203.0.113.12"], recordTTL: 0 }],
      Delete: [],
    });
    expect(answer.status).toBe(204);
    expect(api.records("example.com", { type: "A", name: "www.example.com" }).map((r) => [r.value, r.ttl])).toEqual([
      ["203.0.113.12", 300],
    ]);
  });

  test("delete removes only the targets named", async () => {
    api.seed("example.com", { type: "A", name: "www", value: "203.0.113.11", ttl: 300 });
    await start({ domainFilter: { include: ["example.com"] } });
    expect((await post("/records", { delete: [{ dnsName: "www.example.com", targets: ["203.0.113.11"], recordType: "A" }] })).status).toBe(
      204,
    );
    expect(api.records("example.com", { type: "A" }).map((r) => r.value)).toEqual(["203.0.113.10"]);
  });

  test("an endpoint in no managed zone is skipped and logged", async () => {
    await start({ domainFilter: { include: ["example.com"] } });
    expect((await post("/records", { create: [{ dnsName: "a.example.org", targets: ["192.0.2.1"], recordType: "A" }] })).status).toBe(204);
    expect(writes()).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ msg: "endpoint in no managed zone: skipped", dnsName: "a.example.org" }));
  });

  test("a create whose answer is lost (applied, answered after the timeout) is completed once: no duplicate", async () => {
    await start({ domainFilter: { include: ["example.com"] } }, { timeoutMs: 300, maxRetries: 0 });
    api.inject("createDnsRecord", { apply: true, delayMs: 1_000 });
    const answer = await post("/records", {
      create: [{ dnsName: "api.example.com", targets: ["203.0.113.20", "203.0.113.21"], recordType: "A" }],
    });
    expect(answer.status).toBe(204);
    expect(
      api
        .records("example.com", { type: "A", name: "api.example.com" })
        .map((r) => r.value)
        .sort(),
    ).toEqual(["203.0.113.20", "203.0.113.21"]);
  });

  test("a change set past a zone's 200 records is refused before any write: 500, and a log line naming the zone and the limit", async () => {
    for (let i = 0; i < 198; i++) api.seed("example.com", { type: "A", name: `h${i}`, value: "198.51.100.1", ttl: 300 });
    await start({ domainFilter: { include: ["example.com"] } });
    const answer = await post("/records", { create: [{ dnsName: "x.example.com", targets: ["192.0.2.1", "192.0.2.2"], recordType: "A" }] });
    expect(answer.status).toBe(500);
    expect(writes()).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ zone: "example.com", limit: 200, records: 201 }));
  });

  test("--dry-run logs the writes and makes none", async () => {
    await start({ domainFilter: { include: ["example.com"] }, dryRun: true });
    expect((await post("/records", { create: [{ dnsName: "api.example.com", targets: ["203.0.113.20"], recordType: "A" }] })).status).toBe(
      204,
    );
    expect(writes()).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ msg: "would write (dry run)", action: "create", name: "api" }));
  });
});

describe("what must not stop a change set", () => {
  test("a deadline mid-apply: 500 in time, the writes go on (registry TXT first), and the next read waits for them", async () => {
    await start({ domainFilter: { include: ["example.com"] }, deadlineMs: 700 });
    for (let i = 0; i < 8; i++) api.inject("createDnsRecord", { apply: true, delayMs: 200 });
    const create = ["a", "b", "c", "d"].flatMap((n) => [
      { dnsName: `${n}.example.com`, targets: ["192.0.2.1"], recordType: "A" },
      { dnsName: `extdns-a.${n}.example.com`, targets: [OWNER(`service/web/${n}`)], recordType: "TXT" },
    ]);
    expect((await post("/records", { create })).status).toBe(500);
    // A read waits for the apply still settling (within its own deadline: ask until it is done).
    let back: Record<string, string[]> = {};
    await expect
      .poll(
        async () => {
          const answer = await get("/records");
          if (answer.status === 200) back = byKey((await answer.json()) as Endpoint[]);
          return answer.status;
        },
        { timeout: 5_000 },
      )
      .toBe(200);
    for (const endpoint of create) expect(back[`${endpoint.recordType} ${endpoint.dnsName}`], endpoint.dnsName).toEqual(endpoint.targets);
    const creates = api.requests.filter((r) => r.operation === "createDnsRecord").map((r) => (r.body as { type: string }).type);
    expect(creates).toEqual(["TXT", "TXT", "TXT", "TXT", "A", "A", "A", "A"]);
  });

  test("a target that cannot be written is skipped and logged (no 4xx: ExternalDNS would exit), the rest applied", async () => {
    await start({ domainFilter: { include: ["example.com"] } });
    const answer = await post("/records", {
      create: [
        { dnsName: "example.com", targets: ["mail.example.com"], recordType: "MX" },
        { dnsName: "ok.example.com", targets: ["192.0.2.5"], recordType: "A" },
      ],
    });
    expect(answer.status).toBe(204);
    expect(api.records("example.com", { type: "A", name: "ok.example.com" })).toHaveLength(1);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: "error", msg: "endpoint skipped: a target cannot be written", recordType: "MX" }),
    );
  });

  test("a write HostUp refuses leaves its set alone; the rest is written, and the answer is 500 (tried again next interval)", async () => {
    await start({ domainFilter: { include: ["example.com"] } });
    const answer = await post("/records", {
      create: [
        { dnsName: "bad.example.com", targets: ["192.0.2.1"], recordType: "CNAME" },
        { dnsName: "good.example.com", targets: ["192.0.2.5"], recordType: "A" },
      ],
    });
    expect(answer.status).toBe(500);
    expect(api.records("example.com", { type: "A", name: "good.example.com" })).toHaveLength(1);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: "error", msg: "HostUp refused a write: its set is left as it is", name: "bad" }),
    );
  });

  test("a delete whose answer is lost (its retry finds the record gone) counts as made: 204, and the rest goes on", async () => {
    api.seed("example.com", { type: "TXT", name: "extdns-a.www", value: OWNER("service/web/www"), ttl: 300 });
    await start({ domainFilter: { include: ["example.com"] } }, { timeoutMs: 300, maxRetries: 1 });
    api.inject("deleteDnsRecord", { apply: true, delayMs: 1_000 });
    const answer = await post("/records", {
      delete: [
        { dnsName: "www.example.com", targets: ["203.0.113.10"], recordType: "A" },
        { dnsName: "extdns-a.www.example.com", targets: [OWNER("service/web/www")], recordType: "TXT" },
      ],
    });
    expect(answer.status).toBe(204);
    expect(api.records("example.com", { type: "A" })).toEqual([]);
    expect(api.records("example.com", { type: "TXT", name: "extdns-a.www.example.com" })).toEqual([]);
  });
});

describe("failures are 500 in time (ExternalDNS retries those at its next interval, and exits on anything else)", () => {
  test("HostUp's 429 is a 500", async () => {
    await start({ domainFilter: { include: ["example.com"] } }, { maxRetries: 0 });
    api.inject("listDnsZoneRecords", { apply: false, status: 429 });
    const answer = await get("/records");
    expect(answer.status).toBe(500);
  });

  test("HostUp slower than the deadline: a 500 at the deadline, well inside ExternalDNS's 15 s", async () => {
    await start({ domainFilter: { include: ["example.com"] }, deadlineMs: 300 });
    api.inject("listDnsZoneRecords", { apply: false, delayMs: 5_000 });
    const started = Date.now();
    const answer = await get("/records");
    expect(answer.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test("no log line carries the API key", async () => {
    await start({ domainFilter: { include: ["example.com"] } }, { maxRetries: 0 });
    api.inject("listDnsZoneRecords", { apply: false, status: 401 });
    await get("/records");
    expect(JSON.stringify(logs)).not.toContain(API_KEY);
  });
});

describe("health", () => {
  test("a health port in use fails the start, and the API port is released with it", async () => {
    const blocker = await start({ domainFilter: { include: ["example.com"] } });
    const port = Number(new URL(blocker.healthUrl).port);
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, "127.0.0.1", resolve));
    const apiPort = (free.address() as AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    const hostup = createHostupClient({ apiKey: API_KEY, baseUrl: api.url });
    await expect(
      serveExternalDns({ hostup, listen: { host: "127.0.0.1", port: apiPort }, healthListen: { host: "127.0.0.1", port } }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
    // The API port was released: it can be listened on again.
    const again = createServer();
    await new Promise<void>((resolve, reject) => again.once("error", reject).listen(apiPort, "127.0.0.1", resolve));
    await new Promise((resolve) => again.close(resolve));
  });

  test("/healthz is 503 until HostUp answers, then 200; /metrics is Prometheus text", async () => {
    let up = false;
    const fetchImpl: typeof fetch = (input, init) => (up ? fetch(input, init) : Promise.reject(new TypeError("fetch failed")));
    await start({ domainFilter: { include: ["example.com"] } }, { fetch: fetchImpl });
    expect((await fetch(`${hook!.healthUrl}/healthz`)).status).toBe(503);
    up = true;
    await expect.poll(async () => (await fetch(`${hook!.healthUrl}/healthz`)).status, { timeout: 5_000 }).toBe(200);
    await get("/records");
    const metrics = await fetch(`${hook!.healthUrl}/metrics`);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4");
    const text = await metrics.text();
    expect(text).toMatch(/hostup_external_dns_requests_total\{route="records",status="200"\} 1/);
    expect(text).toMatch(/hostup_external_dns_records\{zone="example.com"\} 1/);
  });
});

test("an account of more than one page of zones: every page is read (the cursor followed)", async () => {
  for (let i = 0; i < 3; i++) api.addZone(`z${i}.example.net`);
  const pages: string[] = [];
  // A page size of 2 through the API's own cursor: the zone server pages as HostUp does.
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.pathname === "/api/v2/dns-zones") {
      url.searchParams.set("limit", "2");
      pages.push(url.searchParams.get("cursor") ?? "first");
    }
    return fetch(url, init);
  };
  await start({}, { fetch: fetchImpl });
  const filter = (await (await get("/")).json()) as { include: string[] };
  expect(filter.include.sort()).toEqual(["example.com", "example.org", "z0.example.net", "z1.example.net", "z2.example.net"]);
  expect(pages.length).toBeGreaterThanOrEqual(3);
});
