// A DNS zone behind an injected fetch that keeps its records, answering the way HostUp's record
// routes do as public clients see them (openapi/paths/api_v2_dns-zones*.yaml): names come back full
// (`_acme-challenge.example.com`), TXT values quoted (long ones split in 255-character strings), a
// create answers 201 with `status: pending`, the list filters by type and by a relative or full name.
// `onCreate` lets a test decide what happens to one create: applied and answered (the default),
// applied but answered too late or not at all, or refused without being applied.
import { quoteTxt as quoteTxtAs } from "@hostup/dns/records";
import type { Answer, FetchHandler, RecordedRequest } from "../../support/fetch-handler.js";

export const ZONE_ID = "zone_01hxa3b4c5d6e7f8g9h0j1k2m3";
export const ZONE_NAME = "example.com";
export const ZONES_PATH = "/api/v2/dns-zones";
export const RECORDS_PATH = `${ZONES_PATH}/${ZONE_ID}/records`;

export interface StoredRecord {
  id: string;
  type: string;
  /** Full name, as the API returns it. */
  name: string;
  /** As the API returns it (TXT: quoted). */
  value: string;
  ttl: number;
  priority: number | null;
  weight: number | null;
  port: number | null;
  status: string;
}

/** What happens to the create it is asked about: apply it or not, and how to answer. */
export type CreateOutcome = { apply: boolean; answer?: Answer };

export interface FakeZone {
  readonly records: StoredRecord[];
  /** Requests to the zone's routes, as `GET records`, `POST records`, `DELETE drr_…`. */
  calls(): string[];
  /** The bodies of the creates, in order. */
  created(): unknown[];
  /** Adds a record as if it had been there before the test (value as the API would return it). */
  seed(type: string, relativeName: string, value: string): StoredRecord;
  /** Decides each create (`n` counts from 1); by default every create is applied and answered 201. */
  onCreate(decide: (n: number, request: RecordedRequest) => CreateOutcome): void;
  /** Runs before a DELETE is answered (e.g. to remove the record in between). */
  beforeDelete(run: (recordId: string) => void): void;
}

/** How HostUp lists a TXT value: @hostup/dns's rule, split in 255-character strings as its docs say. */
export const quoteTxt = (text: string) => quoteTxtAs(text, "character");

export function fakeZone(api: FetchHandler, zoneName = ZONE_NAME): FakeZone {
  const records: StoredRecord[] = [];
  let nextId = 1;
  let creates = 0;
  let decide: (n: number, request: RecordedRequest) => CreateOutcome = () => ({ apply: true });
  let beforeDelete: (recordId: string) => void = () => {};

  const full = (name: string) =>
    name === "@" || name === "" ? zoneName : name.endsWith(`.${zoneName}`) || name === zoneName ? name : `${name}.${zoneName}`;
  const store = (type: string, name: string, value: string): StoredRecord => {
    const record: StoredRecord = {
      id: `drr_${String(nextId++).padStart(6, "0")}rec`,
      type,
      name: full(name.toLowerCase()),
      value: type === "TXT" && !value.startsWith('"') ? quoteTxt(value) : value,
      ttl: 3600,
      priority: null,
      weight: null,
      port: null,
      status: "pending",
    };
    records.push(record);
    return record;
  };

  api.handle((request) => {
    const { method, path, query } = request;
    if (path === RECORDS_PATH && method === "GET") {
      const listed = records.filter(
        (r) => (!query.type || r.type === query.type) && (query.name === undefined || r.name === full(query.name.toLowerCase())),
      );
      return { json: { zone: { id: ZONE_ID, name: zoneName, status: "active", recordCount: listed.length }, records: listed } };
    }
    if (path === RECORDS_PATH && method === "POST") {
      const body = request.json as { type: string; name: string; value: string; ttl?: number };
      // The create takes names relative to the zone only (a full name would be created under the zone again).
      if (body.name.endsWith(".") || body.name.endsWith(zoneName)) {
        return {
          status: 400,
          problem: { type: "about:blank", title: "Bad Request", status: 400, detail: `name ${body.name} is not relative` },
        };
      }
      const outcome = decide(++creates, request);
      const record = outcome.apply ? store(body.type, body.name, body.value) : undefined;
      if (record && body.ttl !== undefined) record.ttl = body.ttl;
      for (const field of ["priority", "weight", "port"] as const) {
        const number = (body as Record<string, unknown>)[field];
        if (record && typeof number === "number") record[field] = number;
      }
      return outcome.answer ?? { status: 201, json: { ...record } };
    }
    const deleting = path.startsWith(`${RECORDS_PATH}/`) && method === "DELETE" ? path.slice(RECORDS_PATH.length + 1) : undefined;
    if (deleting) {
      beforeDelete(deleting);
      const at = records.findIndex((r) => r.id === deleting);
      if (at === -1) return { status: 404, problem: { type: "about:blank", title: "Not Found", status: 404, detail: "No such record." } };
      records.splice(at, 1);
      return { status: 204 };
    }
    throw new Error(`fake zone: unexpected ${method} ${path}`);
  });

  const calls = () =>
    api.requests.map(({ method, path }) =>
      path === RECORDS_PATH ? `${method} records` : `${method} ${path.slice(RECORDS_PATH.length + 1)}`,
    );
  return {
    records,
    calls,
    created: () => api.requests.filter((r) => r.method === "POST").map((r) => r.json),
    seed: (type, relativeName, value) => Object.assign(store(type, relativeName, value), { status: "active" }),
    onCreate(next) {
      decide = next;
    },
    beforeDelete(next) {
      beforeDelete = next;
    },
  };
}
