// The stateful zone server the DNS workflow tests run against (@hostup/mock's startZoneServer) answers the
// way HostUp's record routes do: checked here over plain HTTP, so a test that passes against it is
// not passing against a server that is too lenient.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startZoneServer, type ZoneServer } from "../src/index.js";

let api: ZoneServer;
let zoneId: string;
const call = (method: string, path: string, body?: unknown, auth = true) =>
  fetch(`${api.url}/api/v2/dns-zones${path}`, {
    method,
    headers: {
      ...(auth && { authorization: "Bearer hk_zone_api_test" }),
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

beforeEach(async () => {
  api = await startZoneServer();
  zoneId = api.addZone("example.com", [{ type: "TXT", name: "_dmarc", value: "v=DMARC1; p=none" }]);
});
afterEach(() => api.close());

describe("zone-api answers like the record routes", () => {
  test("zones: by exact name, paginated with limit and cursor", async () => {
    api.addZone("example.org");
    expect(await json(await call("GET", "?name=EXAMPLE.com"))).toMatchObject({
      status: 200,
      body: { data: [{ id: zoneId }], hasMore: false },
    });
    const first = await json(await call("GET", "?limit=1"));
    expect(first.body).toMatchObject({ data: [{ name: "example.com" }], hasMore: true, nextCursor: "1" });
    expect((await json(await call("GET", "?limit=1&cursor=1"))).body).toMatchObject({
      data: [{ name: "example.org" }],
      hasMore: false,
      nextCursor: null,
    });
  });

  test("records: SOA and apex NS present, names full, TXT quoted; filters by type and a relative, full or @ name", async () => {
    const all = await json(await call("GET", `/${zoneId}`));
    expect((all.body.records as { type: string }[]).map((r) => r.type)).toEqual(["SOA", "NS", "NS", "TXT"]);
    const byName = await json(await call("GET", `/${zoneId}/records?type=TXT&name=_dmarc`));
    expect(byName.body).toMatchObject({
      zone: { id: zoneId, name: "example.com", recordCount: 1 },
      records: [{ name: "_dmarc.example.com", value: '"v=DMARC1; p=none"' }],
    });
    expect((await json(await call("GET", `/${zoneId}/records?name=_dmarc.example.com`))).body.records).toHaveLength(1);
    expect((await json(await call("GET", `/${zoneId}/records?name=@&type=NS`))).body.records).toHaveLength(2);
  });

  test("create answers 201 with the record pending; delete 204 with no body, then 404", async () => {
    const created = await json(
      await call("POST", `/${zoneId}/records`, { type: "TXT", name: "_acme-challenge.www", value: "x".repeat(300), ttl: 60 }),
    );
    expect(created).toMatchObject({ status: 201, body: { name: "_acme-challenge.www.example.com", status: "pending", ttl: 60 } });
    expect(created.body.value).toBe(`"${"x".repeat(255)}" "${"x".repeat(45)}"`);
    const deleted = await call("DELETE", `/${zoneId}/records/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await call("DELETE", `/${zoneId}/records/${created.body.id}`)).status).toBe(404);
  });

  test.each([
    [{ type: "TXT", name: "_dmarc.example.com", value: "v" }, "must be relative"],
    // HostUp's documented rejections, each by @hostup/dns's rule.
    [{ type: "TXT", name: "_dmarc", value: "v=DMARC1; p=none" }, "already exists"],
    [{ type: "TXT", name: "_DMARC", value: '"v=DMARC1; p=none"' }, "already exists"],
    [{ type: "MX", name: "@", value: "mx2.example.net", priority: 10 }, "duplicate MX priorities"],
    [{ type: "CNAME", name: "_dmarc", value: "example.net" }, "CNAME conflicts"],
    [{ type: "CNAME", name: "@", value: "example.net" }, "root CNAMEs"],
    [{ type: "CNAME", name: "www", value: "192.0.2.1" }, "IP address"],
    [{ type: "MX", name: "mail", value: "2001:db8::1", priority: 10 }, "IP address"],
    [{ type: "NS", name: "@", value: "ns3.example.net" }, "apex NS"],
    [{ type: "SOA", name: "@", value: "x" }, "Unknown record type"],
    [{ type: "TXT", name: "x", value: 'a"b' }, "mismatched TXT quotes"],
    [{ type: "A", name: "v", value: "1.2" }, "not an IPv4 address"],
    [{ type: "AAAA", name: "v", value: "2001:db8::g" }, "not an IPv6 address"],
    [{ type: "SRV", name: "sip", value: "sip.example.com", priority: 0, weight: 0, port: 5060 }, "_service._proto"],
    [{ type: "SRV", name: "_sip._tcp", value: "sip.example.com", priority: 0, weight: 0, port: 70000 }, "port 70000"],
    [{ type: "TLSA", name: "_443._tcp", value: "3 1 1 abcd" }, "256-bit digest"],
    [{ type: "A", name: `${"a".repeat(64)}`, value: "192.0.2.1" }, "63"],
  ])("create refuses %j (400)", async (body, detail) => {
    api.seed("example.com", { type: "MX", name: "@", value: "mx1.example.net", priority: 10 });
    const refused = await json(await call("POST", `/${zoneId}/records`, body));
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain(detail);
  });

  test("a zone holds 200 customer records: the 201st create is refused; an update is not a new record", async () => {
    for (let i = api.records("example.com").filter((r) => r.type !== "SOA" && !(r.type === "NS")).length; i < 200; i++)
      api.seed("example.com", { type: "A", name: `h${i}`, value: "192.0.2.1" });
    const refused = await json(await call("POST", `/${zoneId}/records`, { type: "A", name: "one-more", value: "192.0.2.2" }));
    expect(refused).toMatchObject({ status: 400, body: { code: "record_limit" } });
    const [first] = api.records("example.com", { type: "A", name: "h2" });
    expect((await call("PUT", `/${zoneId}/records/${first!.id}`, { type: "A", name: "h2", value: "192.0.2.3" })).status).toBe(200);
  });

  test("the SOA and apex NS records cannot be updated or deleted; unknown zones are 404; no key is 401", async () => {
    const [soa] = api.records("example.com", { type: "SOA" });
    expect((await call("DELETE", `/${zoneId}/records/${soa!.id}`)).status).toBe(400);
    expect((await call("PUT", `/${zoneId}/records/${soa!.id}`, { type: "A", name: "@", value: "203.0.113.1" })).status).toBe(400);
    expect((await call("GET", "/zone_nothere/records")).status).toBe(404);
    expect((await call("GET", "", undefined, false)).status).toBe(401);
    expect(api.calls()).toEqual(["DELETE deleteDnsRecord", "PUT updateDnsRecord", "GET listDnsZoneRecords", "GET listDnsZones"]);
  });
});

describe("zone-api faults", () => {
  const create = () => call("POST", `/${zoneId}/records`, { type: "A", name: "www", value: "203.0.113.5" });

  test("delayMs: applied at once, answered late", async () => {
    api.inject("createDnsRecord", { apply: true, delayMs: 300 });
    const started = Date.now();
    const answer = create();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.records("example.com", { type: "A" })).toHaveLength(1);
    expect((await answer).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test("drop: the connection closes without an answer, applied or not as asked", async () => {
    api.inject("createDnsRecord", { apply: false, drop: true });
    api.inject("createDnsRecord", { apply: true, drop: true });
    await expect(create()).rejects.toThrow();
    expect(api.records("example.com", { type: "A" })).toEqual([]);
    await expect(create()).rejects.toThrow();
    expect(api.records("example.com", { type: "A" })).toHaveLength(1);
    expect((await create()).status).toBe(400); // faults are used up: a real answer, the duplicate refused
  });

  test("status: that error instead of the answer, applied or not as asked", async () => {
    api.inject("createDnsRecord", { apply: true, status: 502 });
    expect(await json(await create())).toMatchObject({ status: 502, body: { status: 502, code: "injected" } });
    expect(api.records("example.com", { type: "A" })).toHaveLength(1);
  });
});
