// The state behind server.ts: DNS zones and their records, kept the way HostUp's record routes show
// them to public clients (openapi/paths/api_v2_dns-zones*.yaml). Records are stored relative and
// unquoted and rendered on the way out: full names (`_acme-challenge.www.example.com`), TXT values
// quoted (long ones split in 255-character strings), `null` for the fields a type does not use. Each
// zone holds its SOA and apex NS records, which the create, update and delete routes refuse to touch.
// A write is refused as HostUp documents (duplicates, duplicate MX priorities, CNAME conflicts, root
// CNAMEs, IP targets, mismatched TXT quotes, bad A/AAAA, SRV or TLSA parts, root NS, 200 records) by
// @hostup/dns's rules, the ones the SDK and the CLI check before sending: a test that applies what
// HostUp would refuse fails here too.
import {
  CREATE_RECORD_TYPES,
  isQuotedTxt,
  MAX_ZONE_RECORDS,
  nameInZone,
  quoteTxt,
  RECORD_TYPES,
  recordConflicts,
  recordFindings,
  relativeName,
  unquoteTxt,
  zoneName,
} from "@hostup/dns";

export interface ZoneRecord {
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

/** A record to seed: `name` relative (`@`, `www`) or full; `value` as a client sends it (TXT unquoted). */
export interface ZoneRecordSeed {
  type: string;
  name: string;
  value: string;
  ttl?: number;
  priority?: number;
  weight?: number;
  port?: number;
}

export interface StoredRecord {
  id: string;
  type: string;
  /** Relative to the zone, lower case; `@` for the apex. */
  label: string;
  /** TXT: the text, unquoted. */
  text: string;
  ttl: number;
  priority: number | null;
  weight: number | null;
  port: number | null;
  status: string;
  /** SOA and apex NS: listed, never changed through the record routes. */
  system: boolean;
}

export interface Zone {
  id: string;
  name: string;
  records: StoredRecord[];
}

/** Why a write was refused: answered 400 (or 404) with Problem Details. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
  }
}

/** How HostUp lists a TXT value: quoted, split in strings of 255 characters (as its docs say). */
const listedTxt = (text: string) => quoteTxt(text, "character");

export class ZoneModel {
  readonly zones: Zone[] = [];
  private nextId = 1;

  newId(prefix: "zone" | "drr"): string {
    return `${prefix}_${String(this.nextId++).padStart(8, "0")}t`;
  }

  addZone(name: string, id = this.newId("zone")): Zone {
    const zone: Zone = { id, name: zoneName(name), records: [] };
    this.zones.push(zone);
    const system = (type: string, text: string) =>
      zone.records.push({ ...this.blank(type, "@", text, 3600), status: "active", system: true });
    system("SOA", `ns1.hostup.se. hostmaster.hostup.se. 2026120101 3600 600 1209600 300`);
    system("NS", "ns1.hostup.se");
    system("NS", "ns2.hostup.se");
    return zone;
  }

  zoneById(id: string): Zone | undefined {
    return this.zones.find((zone) => zone.id === id);
  }

  /** `name` relative or full (trailing dot allowed) → the zone-relative label, or undefined when outside the zone. */
  label(zone: Zone, name: string): string | undefined {
    return relativeName(name, zone.name);
  }

  render(zone: Zone, record: StoredRecord): ZoneRecord {
    return {
      id: record.id,
      type: record.type,
      name: record.label === "@" ? zone.name : `${record.label}.${zone.name}`,
      value: record.type === "TXT" || record.type === "SPF" ? listedTxt(record.text) : record.text,
      ttl: record.ttl,
      priority: record.priority,
      weight: record.weight,
      port: record.port,
      status: record.status,
    };
  }

  /** The filtered listing: `type` exact, `name` relative, full or `@`. */
  list(zone: Zone, query: { type?: string | null; name?: string | null }): ZoneRecord[] {
    const label = query.name ? this.label(zone, query.name) : undefined;
    return zone.records
      .filter((r) => (!query.type || r.type === query.type) && (!query.name || r.label === label))
      .map((r) => this.render(zone, r));
  }

  /** Adds a record as the create route would, after its checks. */
  create(zone: Zone, body: unknown): StoredRecord {
    const record = { ...this.check(zone, body, CREATE_RECORD_TYPES, undefined), id: this.newId("drr") };
    zone.records.push(record);
    return record;
  }

  /**
   * Adds an `active` record as if it had been there before, without the create's checks (so a test
   * can set up states the routes would refuse to reach, such as two records with one value).
   */
  seed(zone: Zone, seed: ZoneRecordSeed): StoredRecord {
    const type = seed.type.toUpperCase();
    const label = this.label(zone, seed.name);
    if (label === undefined) throw new Error(`zone-model: ${seed.name} is not in the zone ${zone.name}`);
    const text = type === "TXT" || type === "SPF" ? unquoteTxt(seed.value) : seed.value;
    const record: StoredRecord = {
      ...this.blank(type, label, text, seed.ttl ?? 3600),
      priority: seed.priority ?? null,
      weight: seed.weight ?? null,
      port: seed.port ?? null,
      status: "active",
      system: false,
    };
    zone.records.push(record);
    return record;
  }

  /** Replaces a record as the PUT route would (the edited record left out of the duplicate check). */
  update(zone: Zone, recordId: string, body: unknown): StoredRecord {
    const at = this.writable(zone, recordId);
    const replaced = { ...this.check(zone, body, RECORD_TYPES, recordId), id: recordId, status: "pending" };
    zone.records[at] = replaced;
    return replaced;
  }

  delete(zone: Zone, recordId: string): void {
    zone.records.splice(this.writable(zone, recordId), 1);
  }

  private writable(zone: Zone, recordId: string): number {
    const at = zone.records.findIndex((r) => r.id === recordId);
    if (at === -1) throw new Refusal(404, "not_found", `No record ${recordId} in ${zone.name}.`);
    if (zone.records[at]!.system) throw new Refusal(400, "invalid_request", "The SOA and apex NS records cannot be changed here.");
    return at;
  }

  private blank(type: string, label: string, text: string, ttl: number): Omit<StoredRecord, "status" | "system"> {
    return { id: this.newId("drr"), type, label, text, ttl, priority: null, weight: null, port: null };
  }

  private check(zone: Zone, body: unknown, types: readonly string[], editing: string | undefined): StoredRecord {
    const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const { type, name, value, ttl } = fields;
    if (typeof type !== "string" || !types.includes(type)) throw new Refusal(400, "invalid_request", `Unknown record type.`, "/type");
    if (typeof name !== "string") throw new Refusal(400, "missing_required", "`name` is required.", "/name");
    // Relative names only: a full one would be created under the zone a second time.
    const full = nameInZone(name, zone.name);
    if (name.endsWith(".") || (full !== undefined && name.trim() !== "" && name.trim() !== "@")) {
      throw new Refusal(400, "invalid_request", `\`name\` must be relative to the zone, got ${name}.`, "/name");
    }
    if (typeof value !== "string" || value.trim() === "") throw new Refusal(400, "missing_required", "`value` is required.", "/value");
    for (const field of ["ttl", "priority", "weight", "port"]) {
      if (fields[field] !== undefined && !Number.isInteger(fields[field])) {
        throw new Refusal(400, "invalid_request", `\`${field}\` must be an integer.`, `/${field}`);
      }
    }
    const label = this.label(zone, name) ?? name;
    const isTxt = type === "TXT" || type === "SPF";
    const text = isTxt && isQuotedTxt(value) ? unquoteTxt(value) : value;
    const number = (field: string) => (Number.isInteger(fields[field]) ? (fields[field] as number) : null);
    const record = {
      type,
      name: label,
      value: text,
      ...(ttl !== undefined && { ttl: ttl as number }),
      ...(number("priority") !== null && { priority: number("priority") as number }),
      ...(number("weight") !== null && { weight: number("weight") as number }),
      ...(number("port") !== null && { port: number("port") as number }),
    };
    const [finding] = recordFindings(record, { create: true, zone: zone.name });
    if (finding) throw new Refusal(400, "invalid_request", finding.message, `/${finding.field}`);
    const others = zone.records.filter((r) => !r.system && r.id !== editing);
    const listed = others.map((r) => ({ type: r.type, name: r.label, value: r.text, ...numbers(r) }));
    const conflict = recordConflicts([...listed, record]).find((c) => c.index === listed.length);
    if (conflict) {
      const duplicate = conflict.message.includes("twice");
      throw new Refusal(
        400,
        duplicate ? "duplicate_record" : "invalid_request",
        conflict.message.replace("is given twice", "already exists"),
      );
    }
    if (editing === undefined && others.length >= MAX_ZONE_RECORDS) {
      throw new Refusal(400, "record_limit", `The zone holds ${others.length} records, the most it may (SOA and NS not counted).`);
    }
    return {
      id: "",
      type,
      label,
      text,
      ttl: (ttl as number | undefined) ?? 3600,
      priority: number("priority"),
      weight: number("weight"),
      port: number("port"),
      status: "pending",
      system: false,
    };
  }
}

/** A stored record's numbers, as @hostup/dns's records have them (left out where null). */
const numbers = (r: StoredRecord) => ({
  ...(r.priority !== null && { priority: r.priority }),
  ...(r.weight !== null && { weight: r.weight }),
  ...(r.port !== null && { port: r.port }),
});
