// A local HostUp API that keeps DNS zones' state the way the live one answers public clients
// (model.ts): record names returned as full names, TXT values quoted, 201 on create, 204 without a
// body on delete, SOA and apex NS records in every zone. Prism answers each request from the spec's
// examples and keeps no state; record workflows (add a TXT record, find it, remove only it) need a
// server that remembers, and one that can lose an answer after applying a write:
//
//   const api = await startZoneServer();
//   const zoneId = api.addZone("example.com", [{ type: "TXT", name: "_acme-challenge", value: "abc" }]);
//   api.inject("createDnsRecord", { apply: true, delayMs: 1500 });   // the next create: applied, answered late
//   const hostup = createHostupClient({ apiKey: "test", baseUrl: api.url, timeoutMs: 500 });
//   api.records("example.com");   // what GET …/records would list now
//   api.calls();                  // ["GET listDnsZones", "GET listDnsZoneRecords", "POST createDnsRecord", …]
//   await api.close();
//
// Routes: list zones (`name`, `limit`, `cursor`), get a zone, list records (`type`, `name`), create
// (201), update (PUT, 200), delete (204, no body). Every request needs a bearer key; an unknown zone
// or record is a 404 Problem Details, a refused write a 400 one. Listens on 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ZoneRecord, type ZoneRecordSeed, Refusal, type Zone, ZoneModel } from "./model.js";

export type { ZoneRecord, ZoneRecordSeed } from "./model.js";

export type ZoneOperation =
  | "listDnsZones"
  | "getDnsZone"
  | "listDnsZoneRecords"
  | "createDnsRecord"
  | "updateDnsRecord"
  | "deleteDnsRecord";

/**
 * What happens to one request: `apply` whether its change is made (reads: ignored), then one of
 * `delayMs` (answer that late, e.g. after the client's timeout, so the outcome is unknown to it; not
 * applied: close the connection then), `drop` (close the connection without an answer) or `status`
 * (answer that error, Problem Details, instead of the real answer).
 */
export type ZoneFault = { apply: boolean } & ({ delayMs: number } | { drop: true } | { status: number });

export interface ZoneRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  operation: ZoneOperation | undefined;
  /** The parsed JSON body, if any. */
  body: unknown;
}

export interface ZoneServer {
  url: string;
  /** Every request, in arrival order. */
  readonly requests: ReadonlyArray<ZoneRequest>;
  /** The requests as `"<METHOD> <operationId>"`, e.g. `"POST createDnsRecord"`. */
  calls(): string[];
  /** Adds a zone (with its SOA and apex NS records) and these records (as `seed` adds them); returns its `zone_…` ID. */
  addZone(name: string, records?: ZoneRecordSeed[]): string;
  /**
   * Adds an `active` record to a zone (by name) as if it had been there before, without the create's
   * checks (two records with one value, say); returns it as the API lists it.
   */
  seed(zone: string, record: ZoneRecordSeed): ZoneRecord;
  /** The zone's records as the API would list them now (SOA and NS included), optionally filtered. */
  records(zone: string, filter?: { type?: string; name?: string }): ZoneRecord[];
  /** Queues a fault for the next request of `operation` (one fault per request, in order). */
  inject(operation: ZoneOperation, fault: ZoneFault): void;
  close(): Promise<void>;
}

const ZONES = "/api/v2/dns-zones";

export async function startZoneServer(): Promise<ZoneServer> {
  const model = new ZoneModel();
  const requests: ZoneRequest[] = [];
  const faults = new Map<ZoneOperation, ZoneFault[]>();
  const late = new Set<NodeJS.Timeout>();

  const zoneNamed = (name: string): Zone => {
    const zone = model.zones.find((z) => z.name === name.toLowerCase().replace(/\.$/, ""));
    if (!zone) throw new Error(`zone server: no zone ${name} (add it with addZone)`);
    return zone;
  };

  const server = await listen((req, raw, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = routeOf(req.method ?? "", url.pathname);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : undefined;
    } catch {
      body = raw.toString("utf8");
    }
    requests.push({ method: req.method ?? "", path: req.url ?? "", operation: route?.operation, body });
    if (!route) return send(res, 404, problem(404, "not_found", `zone server: no route ${req.method} ${url.pathname}`));
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? "")) return send(res, 401, problem(401, "unauthorized", "API key required."));
    const fault = faults.get(route.operation)?.shift();
    // Reads are answered from the state as it is; writes change it unless a fault says otherwise.
    const answer = fault && !fault.apply && isWrite(route.operation) ? undefined : handle(route, url, body);
    if (!fault) return send(res, answer!.status, answer!.json);
    if ("drop" in fault) return void req.socket.destroy();
    if ("status" in fault) return send(res, fault.status, problem(fault.status, "injected", `zone server: injected ${fault.status}`));
    const timer = setTimeout(() => {
      late.delete(timer);
      if (res.destroyed) return;
      if (answer) send(res, answer.status, answer.json);
      else req.socket.destroy(); // not applied: there is no answer to give late
    }, fault.delayMs);
    late.add(timer);
    res.on("close", () => {
      clearTimeout(timer);
      late.delete(timer);
    });
  });

  function handle(route: Route, url: URL, body: unknown): { status: number; json?: unknown } {
    if (route.operation === "listDnsZones") return { status: 200, json: listZones(url.searchParams) };
    const zone = model.zoneById(route.zoneId!);
    if (!zone) return { status: 404, json: problem(404, "not_found", `No DNS zone ${route.zoneId}.`) };
    try {
      switch (route.operation) {
        case "getDnsZone":
          return { status: 200, json: zoneAnswer(zone, model.list(zone, {})) };
        case "listDnsZoneRecords": {
          const records = model.list(zone, { type: url.searchParams.get("type"), name: url.searchParams.get("name") });
          return { status: 200, json: zoneAnswer(zone, records) };
        }
        case "createDnsRecord":
          return { status: 201, json: model.render(zone, model.create(zone, body)) };
        case "updateDnsRecord":
          return { status: 200, json: model.render(zone, model.update(zone, route.recordId!, body)) };
        case "deleteDnsRecord":
          model.delete(zone, route.recordId!);
          return { status: 204 };
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const errors = error.pointer ? [{ pointer: error.pointer, detail: error.message, code: error.code }] : undefined;
      return { status: error.status, json: { ...problem(error.status, error.code, error.message), ...(errors && { errors }) } };
    }
  }

  function listZones(query: URLSearchParams) {
    const name = query.get("name")?.toLowerCase();
    const matching = model.zones.filter((zone) => name === undefined || zone.name === name);
    const start = Number(query.get("cursor") ?? 0);
    const limit = Number(query.get("limit") ?? 100);
    const page = matching.slice(start, start + limit);
    const more = start + limit < matching.length;
    return {
      data: page.map((zone) => ({
        id: zone.id,
        name: zone.name,
        zoneStatus: "active",
        isDnsOnly: false,
        kind: "linked",
        recordCount: zone.records.length,
      })),
      hasMore: more,
      nextCursor: more ? String(start + limit) : null,
    };
  }

  const zoneAnswer = (zone: Zone, records: ZoneRecord[]) => ({
    zone: { id: zone.id, name: zone.name, status: "active", recordCount: records.length, totalRecordCount: zone.records.length },
    records,
  });

  return {
    url: server.url,
    requests,
    calls: () => requests.map((r) => `${r.method} ${r.operation ?? r.path}`),
    addZone(name, records = []) {
      const zone = model.addZone(name);
      for (const record of records) model.seed(zone, record);
      return zone.id;
    },
    seed(zoneName, record) {
      const zone = zoneNamed(zoneName);
      return model.render(zone, model.seed(zone, record));
    },
    records(zoneName, filter = {}) {
      return model.list(zoneNamed(zoneName), filter);
    },
    inject(operation, fault) {
      faults.set(operation, [...(faults.get(operation) ?? []), fault]);
    },
    async close() {
      for (const timer of late) clearTimeout(timer);
      await server.close();
    },
  };
}

interface Route {
  operation: ZoneOperation;
  zoneId?: string;
  recordId?: string;
}

function routeOf(method: string, path: string): Route | undefined {
  if (path === ZONES) return method === "GET" ? { operation: "listDnsZones" } : undefined;
  const match = /^\/api\/v2\/dns-zones\/([^/]+)(?:\/records(?:\/([^/]+))?)?$/.exec(path);
  if (!match) return undefined;
  const [, zoneId, recordId] = match;
  const onRecords = path.includes("/records");
  if (!onRecords) return method === "GET" ? { operation: "getDnsZone", zoneId } : undefined;
  if (recordId === undefined) {
    if (method === "GET") return { operation: "listDnsZoneRecords", zoneId };
    return method === "POST" ? { operation: "createDnsRecord", zoneId } : undefined;
  }
  if (method === "PUT") return { operation: "updateDnsRecord", zoneId, recordId };
  return method === "DELETE" ? { operation: "deleteDnsRecord", zoneId, recordId } : undefined;
}

const isWrite = (operation: ZoneOperation) => ["createDnsRecord", "updateDnsRecord", "deleteDnsRecord"].includes(operation);

const problem = (status: number, code: string, detail: string) => ({
  type: `https://developer.hostup.se/errors/${code}`,
  title: code.replace(/_/g, " "),
  status,
  detail,
  code,
  requestId: `req_zoneserver${status}`,
});

function send(res: ServerResponse, status: number, json: unknown): void {
  if (json === undefined) {
    res.writeHead(status).end();
    return;
  }
  const type = status >= 400 ? "application/problem+json" : "application/json";
  res.writeHead(status, { "content-type": type }).end(JSON.stringify(json));
}

type Respond = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

/** An HTTP server on 127.0.0.1 (a free port) that hands `respond` each request with its whole body. */
async function listen(respond: Respond): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        respond(req, Buffer.concat(chunks), res);
      } catch (error) {
        res.writeHead(500, { "content-type": "text/plain" }).end(`zone server: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
