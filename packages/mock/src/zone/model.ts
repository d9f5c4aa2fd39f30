// The state behind server.ts: DNS zones and their records, kept the way HostUp's record routes show
// them to public clients (openapi/paths/api_v2_dns-zones*.yaml). Records are stored relative and
// unquoted and rendered on the way out: full names (`_acme-challenge.www.example.com`), TXT values
// quoted (long ones split in 255-character strings), `null` for the fields a type does not use. Each
// zone holds its SOA and apex NS records, which the create, update and delete routes refuse to touch.

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

// The create route's type enum (DnsRecordTypeWithSpf); the update route's lacks SPF.
export const CREATE_TYPES = ["A", "AAAA", "CNAME", "ALIAS", "MX", "TXT", "SPF", "SRV", "CAA", "NS", "TLSA"];
export const UPDATE_TYPES = CREATE_TYPES.filter((type) => type !== "SPF");
const QUOTED = /^\s*(?:"(?:[^"\\]|\\.)*"\s*)+$/s;

export const quoteTxt = (text: string) =>
  (text.match(/[\s\S]{1,255}/g) ?? [""]).map((part) => `"${part.replace(/["\\]/g, "\\$&")}"`).join(" ");

const unquoteTxt = (value: string) =>
  QUOTED.test(value) ? (value.match(/"(?:[^"\\]|\\.)*"/gs) ?? []).map((s) => s.slice(1, -1).replace(/\\(.)/gs, "$1")).join("") : value;

export class ZoneModel {
  readonly zones: Zone[] = [];
  private nextId = 1;

  newId(prefix: "zone" | "drr"): string {
    return `${prefix}_${String(this.nextId++).padStart(8, "0")}t`;
  }

  addZone(name: string, id = this.newId("zone")): Zone {
    const zone: Zone = { id, name: name.toLowerCase().replace(/\.$/, ""), records: [] };
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
    const lower = name.trim().toLowerCase().replace(/\.$/, "");
    if (lower === "" || lower === "@" || lower === zone.name) return "@";
    if (lower.endsWith(`.${zone.name}`)) return lower.slice(0, -zone.name.length - 1);
    return name.trim().endsWith(".") ? undefined : lower;
  }

  render(zone: Zone, record: StoredRecord): ZoneRecord {
    return {
      id: record.id,
      type: record.type,
      name: record.label === "@" ? zone.name : `${record.label}.${zone.name}`,
      value: record.type === "TXT" || record.type === "SPF" ? quoteTxt(record.text) : record.text,
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
    const record = { ...this.check(zone, body, CREATE_TYPES, undefined), id: this.newId("drr") };
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
    const replaced = { ...this.check(zone, body, UPDATE_TYPES, recordId), id: recordId, status: "pending" };
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

  private check(zone: Zone, body: unknown, types: string[], editing: string | undefined): StoredRecord {
    const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const { type, name, value, ttl } = fields;
    if (typeof type !== "string" || !types.includes(type)) throw new Refusal(400, "invalid_request", `Unknown record type.`, "/type");
    if (typeof name !== "string") throw new Refusal(400, "missing_required", "`name` is required.", "/name");
    // Relative names only: a full one would be created under the zone a second time.
    if (name.endsWith(".") || name.toLowerCase() === zone.name || name.toLowerCase().endsWith(`.${zone.name}`)) {
      throw new Refusal(400, "invalid_request", `\`name\` must be relative to the zone, got ${name}.`, "/name");
    }
    if (typeof value !== "string" || value.trim() === "") throw new Refusal(400, "missing_required", "`value` is required.", "/value");
    if (ttl !== undefined && !(Number.isInteger(ttl) && (ttl as number) > 0)) {
      throw new Refusal(400, "invalid_request", "`ttl` must be a positive integer.", "/ttl");
    }
    for (const field of ["priority", "weight", "port"]) {
      if (fields[field] !== undefined && !Number.isInteger(fields[field])) {
        throw new Refusal(400, "invalid_request", `\`${field}\` must be an integer.`, `/${field}`);
      }
    }
    const label = this.label(zone, name)!;
    const isTxt = type === "TXT" || type === "SPF";
    if (isTxt && value.includes('"') && !QUOTED.test(value)) throw new Refusal(400, "invalid_request", "Mismatched TXT quotes.", "/value");
    if (label === "@" && type === "CNAME") throw new Refusal(400, "invalid_request", "Use ALIAS, not CNAME, at the apex.", "/type");
    if (label === "@" && type === "NS") throw new Refusal(400, "invalid_request", "The apex NS records cannot be changed here.", "/name");
    const text = isTxt ? unquoteTxt(value) : value;
    const same = (r: StoredRecord) =>
      r.id !== editing &&
      r.type === type &&
      r.label === label &&
      (isTxt ? r.text === text : r.text.toLowerCase().replace(/\.$/, "") === text.toLowerCase().replace(/\.$/, ""));
    if (zone.records.some(same)) throw new Refusal(400, "duplicate_record", `A ${type} record ${name} ${value} already exists.`);
    const number = (field: string) => (Number.isInteger(fields[field]) ? (fields[field] as number) : null);
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
