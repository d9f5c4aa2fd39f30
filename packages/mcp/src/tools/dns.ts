// DNS zones and records, in @hostup/dns's terms: names relative to the zone, TXT unquoted, values
// compared as the API compares them. Writes go through the SDK's exactly-once workflows.
import { type DnsRecordData, fromApiRecord, recordBody, recordMatches, relativeName } from "@hostup/dns";
import type { DnsRecordType, HostupClient } from "@hostup/sdk";
import { zoneIdOf, zoneOf } from "../resolve.js";
import { MAX_SCANNED } from "./domains.js";
import { bool, int, LIMIT, list, NAME, obj, out, str, TTL, TYPE, VALUE, ZONE } from "../schema.js";
import { bounded, omittedNote, type Tool, ToolError } from "../tool.js";

// The upper bound (65535) is checked by the SDK before sending.
const NUMBER = int(undefined, { minimum: 0 });
const RECORD = out({ id: str(), type: str(), name: str(), value: str(), ttl: int(), priority: int(), weight: int(), port: int() }, [
  "type",
  "name",
  "value",
]);
const ZONE_OUT = out({ id: str(), name: str() }, ["id", "name"]);

/** `TXT _dmarc "v=DMARC1; p=none" ttl 3600`: a record as a person reads it. */
export function recordLine(record: DnsRecordData & { id?: string }): string {
  const numbers = [record.priority, record.weight, record.port].filter((n) => n !== undefined).join(" ");
  const value = record.type === "TXT" || record.type === "SPF" ? JSON.stringify(record.value) : record.value;
  return `${record.type} ${record.name} ${numbers ? `${numbers} ` : ""}${value}${record.ttl ? ` ttl ${record.ttl}` : ""}${record.id ? ` (${record.id})` : ""}`;
}

/** The zone's records in the model's terms; the list answer names the zone, so an ID costs no lookup. */
async function zoneRecords(hostup: HostupClient, zone: string, signal: AbortSignal) {
  const id = await zoneIdOf(hostup, zone, signal);
  const answer = await hostup.listDnsZoneRecords(id, undefined, { signal });
  const name = answer.zone?.name ?? zone;
  return { zone: { id: answer.zone?.id ?? id, name }, records: (answer.records ?? []).map((r) => fromApiRecord(r, name)) };
}

const spec = (args: Record<string, unknown>) => ({
  type: args.type as DnsRecordType,
  name: args.name as string,
  value: args.value as string,
  ...(args.ttl !== undefined && { ttl: args.ttl as number }),
  ...(args.priority !== undefined && { priority: args.priority as number }),
  ...(args.weight !== undefined && { weight: args.weight as number }),
  ...(args.port !== undefined && { port: args.port as number }),
});

export const dnsTools: Tool[] = [
  {
    name: "list_dns_zones",
    description: "The account's DNS zones with their IDs; filter by name (substring).",
    kind: "read",
    idempotent: true,
    input: obj({ name: str("part of the zone name"), limit: LIMIT }),
    output: out({ zones: list(out({ id: str(), name: str(), recordCount: int() }, ["id", "name"])), omitted: int() }, ["zones", "omitted"]),
    async run(args, { hostup, signal }) {
      const name = (args.name as string | undefined)?.toLowerCase();
      const zones = [];
      for await (const zone of hostup.iterateDnsZones({ limit: 1000 }, { signal })) {
        if (zones.length >= MAX_SCANNED) break;
        if (name && !zone.name.toLowerCase().includes(name)) continue;
        zones.push({ id: zone.id, name: zone.name, ...(zone.recordCount !== undefined && { recordCount: zone.recordCount }) });
      }
      const { items, omitted } = bounded(zones, (args.limit as number | undefined) ?? 50);
      return {
        data: { zones: items, omitted },
        text: `${zones.length} zone(s)${omittedNote(omitted, "zones")}\n${items.map((z) => `${z.name} (${z.id})`).join("\n")}`.trim(),
      };
    },
  },
  {
    name: "list_dns_records",
    description: "A zone's records, names relative to the zone (@ = apex), TXT unquoted; filter by type and name.",
    kind: "read",
    idempotent: true,
    input: obj({ zone: ZONE, type: TYPE, name: NAME, limit: LIMIT }, ["zone"]),
    output: out({ zone: ZONE_OUT, records: list(RECORD), omitted: int() }, ["zone", "records", "omitted"]),
    async run(args, { hostup, signal }) {
      // Filtered here, not by the API: its type filter has been seen to answer 403 (HostUp's own MCP users).
      const { zone, records } = await zoneRecords(hostup, args.zone as string, signal);
      // The name as @hostup/dns reads it: relative or full, any case, Unicode or punycode.
      const name = args.name === undefined ? undefined : relativeName(String(args.name), zone.name)?.toLowerCase();
      const wanted = records.filter((r) => (!args.type || r.type === args.type) && (name === undefined || r.name.toLowerCase() === name));
      const { items, omitted } = bounded(wanted, (args.limit as number | undefined) ?? 50);
      return {
        data: { zone, records: items, omitted },
        text: `${zone.name}: ${wanted.length} record(s)${omittedNote(omitted, "records")}\n${items.map(recordLine).join("\n")}`.trim(),
      };
    },
  },
  {
    name: "ensure_dns_record",
    description:
      "Make sure the zone has this record, exactly once (no duplicate, also after a lost answer); created: whether it was added.",
    kind: "write",
    additive: true,
    idempotent: true,
    input: obj({ zone: ZONE, type: TYPE, name: NAME, value: VALUE, ttl: TTL, priority: NUMBER, weight: NUMBER, port: NUMBER }, [
      "zone",
      "type",
      "name",
      "value",
    ]),
    output: out({ zone: ZONE_OUT, created: bool(), record: RECORD }, ["zone", "created", "record"]),
    async run(args, { hostup, signal }) {
      const zone = await zoneOf(hostup, args.zone as string, signal);
      const { record, created } = await hostup.ensureDnsRecord(zone.id, spec(args), { signal });
      const shown = fromApiRecord(record, zone.name);
      return {
        data: { zone, created, record: shown },
        text: `${created ? "created" : "already there"}: ${recordLine(shown)} in ${zone.name}`,
      };
    },
  },
  {
    name: "update_dns_record",
    description: "Change one record (by id, or by type, name and currentValue); only the fields given change.",
    kind: "write",
    idempotent: true,
    input: obj(
      {
        zone: ZONE,
        id: str("record ID (drr_…)"),
        type: TYPE,
        name: NAME,
        currentValue: str("the value it has now, to find it"),
        value: VALUE,
        ttl: TTL,
        priority: NUMBER,
        weight: NUMBER,
        port: NUMBER,
      },
      ["zone"],
    ),
    output: out({ zone: ZONE_OUT, before: RECORD, record: RECORD }, ["zone", "before", "record"]),
    async run(args, { hostup, signal }) {
      if (!args.id && (!args.type || args.name === undefined || args.currentValue === undefined)) {
        throw new ToolError("give the record's id, or its type, name and currentValue.", "list_dns_records shows both.");
      }
      const { zone, records } = await zoneRecords(hostup, args.zone as string, signal);
      const name = args.id ? undefined : relativeName(String(args.name), zone.name);
      const wanted = { type: String(args.type), name: name ?? String(args.name), value: String(args.currentValue) };
      const found = records.filter((r) => (args.id ? r.id === args.id : recordMatches(r, wanted)));
      if (found.length !== 1) {
        throw new ToolError(
          found.length ? `${found.length} records match; give the id.` : "no record matches.",
          "list_dns_records shows the zone's records with their IDs.",
        );
      }
      const before = found[0]!;
      const after: DnsRecordData = {
        type: before.type,
        name: before.name,
        value: (args.value as string | undefined) ?? before.value,
        ...(((args.ttl as number | undefined) ?? before.ttl) !== undefined && { ttl: (args.ttl as number | undefined) ?? before.ttl }),
      };
      for (const field of ["priority", "weight", "port"] as const) {
        const value = (args[field] as number | undefined) ?? before[field];
        if (value !== undefined) after[field] = value;
      }
      // The update route's type list omits SPF (the record keeps its type, so the API accepts it as listed).
      const updated = await hostup.updateDnsRecord(
        zone.id,
        before.id,
        recordBody(after) as Parameters<HostupClient["updateDnsRecord"]>[2],
        { signal },
      );
      const record = fromApiRecord(updated, zone.name);
      return { data: { zone, before, record }, text: `updated in ${zone.name}: ${recordLine(before)} -> ${recordLine(record)}` };
    },
  },
  {
    name: "remove_dns_record",
    description: "Delete the records of this type and name with this value, or all: true for every value. Already gone counts as removed.",
    kind: "destructive",
    idempotent: true,
    input: obj({ zone: ZONE, type: TYPE, name: NAME, value: VALUE, all: bool("every value of this type and name") }, [
      "zone",
      "type",
      "name",
    ]),
    output: out({ zone: ZONE_OUT, deleted: int() }, ["zone", "deleted"]),
    async run(args, { hostup, signal }) {
      if ((args.value === undefined) === (args.all !== true)) {
        throw new ToolError("give either the value to remove, or all: true to remove every value of this type and name (not both).");
      }
      const zone = await zoneOf(hostup, args.zone as string, signal);
      const match = {
        type: args.type as DnsRecordType,
        name: args.name as string,
        ...(args.value !== undefined && { value: args.value as string }),
      };
      const { deleted } = await hostup.removeDnsRecords(zone.id, match, { signal });
      return { data: { zone, deleted }, text: `${deleted} record(s) deleted from ${zone.name}` };
    },
  },
];
