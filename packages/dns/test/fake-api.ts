// A small in-memory HostUp zone behind the DnsRecordsApi interface: it lists records as the API does
// (full names, TXT quoted, targets without the dot), records every call, and can fail or hold a chosen write.
import { expect } from "vitest";
import { type ApiDnsRecord, type ApiDnsRecordBody, type DnsRecordsApi, quoteTxt, unquoteTxt } from "../src/index.js";

export interface Call {
  method: "create" | "update" | "delete";
  zoneId: string;
  recordId?: string;
  body?: ApiDnsRecordBody;
}

/** A listed record, its ID made up when left out. */
export interface Seed {
  id?: string;
  type: string;
  name: string;
  value: string;
  ttl?: number;
  priority?: number | null;
  weight?: number | null;
  port?: number | null;
}

export class FakeZone implements DnsRecordsApi {
  readonly calls: Call[] = [];
  records: ApiDnsRecord[];
  lists = 0;
  /** Called for each write before it is made: throw to fail it, await to hold it. */
  beforeWrite?: (call: Call, index: number) => void | Promise<void>;
  private nextId = 1;

  constructor(
    readonly zoneName: string,
    seeds: Seed[],
    readonly zoneId = "zone-1",
  ) {
    this.records = seeds.map((seed) => ({ ...seed, id: seed.id ?? this.id() }));
  }

  private id() {
    return `r${this.nextId++}`;
  }

  private full(name: string) {
    return name === "@" || name === "" ? this.zoneName : `${name}.${this.zoneName}`;
  }

  private stored(body: ApiDnsRecordBody, id: string): ApiDnsRecord {
    const type = String(body.type);
    return {
      id,
      type: type === "SPF" ? "TXT" : type,
      name: this.full(body.name),
      value: type === "TXT" || type === "SPF" ? quoteTxt(unquoteTxt(body.value)) : body.value,
      ttl: body.ttl ?? 3600,
      priority: body.priority ?? null,
      weight: body.weight ?? null,
      port: body.port ?? null,
    };
  }

  private async write(call: Call) {
    const index = this.calls.length;
    this.calls.push(call);
    await this.beforeWrite?.(call, index);
  }

  async listDnsZoneRecords(zoneId: string) {
    this.lists++;
    expect(zoneId).toBe(this.zoneId);
    return { zone: { id: this.zoneId, name: this.zoneName }, records: this.records.map((record) => ({ ...record })) };
  }

  async createDnsRecord(zoneId: string, body: ApiDnsRecordBody) {
    await this.write({ method: "create", zoneId, body });
    const record = this.stored(body, this.id());
    this.records.push(record);
    return { record };
  }

  async updateDnsRecord(zoneId: string, recordId: string, body: ApiDnsRecordBody) {
    await this.write({ method: "update", zoneId, recordId, body });
    const i = this.records.findIndex((record) => record.id === recordId);
    if (i < 0) throw Object.assign(new Error(`no record ${recordId}`), { status: 404 });
    this.records[i] = this.stored(body, recordId);
    return { record: this.records[i] };
  }

  async deleteDnsRecord(zoneId: string, recordId: string) {
    await this.write({ method: "delete", zoneId, recordId });
    const before = this.records.length;
    this.records = this.records.filter((record) => record.id !== recordId);
    if (this.records.length === before) throw Object.assign(new Error(`no record ${recordId}`), { status: 404 });
    return {};
  }
}

/** The SOA and apex NS records a HostUp zone lists with its customer records. */
export const systemRecords = (zone: string): Seed[] => [
  { type: "SOA", name: zone, value: `ns1.hostup.se. hostmaster.hostup.se. 1 7200 3600 1209600 300`, ttl: 3600 },
  { type: "NS", name: zone, value: "ns1.hostup.se", ttl: 3600 },
  { type: "NS", name: zone, value: "ns2.hostup.se", ttl: 3600 },
];

/** An error as the SDK throws for an HTTP answer. */
export const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { name: "HostupApiError", status });

/** An error as the SDK throws when the connection is lost. */
export function connectionError() {
  const error = new Error("socket hang up");
  error.name = "HostupConnectionError";
  return error;
}
