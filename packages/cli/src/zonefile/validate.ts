// What HostUp would refuse, or what would leave the zone other than the file says, found before
// anything is sent: each error names the set's line or key (ZoneFileError, exit 2).
import { isIPv4, isIPv6 } from "node:net";
import { type RecordSet, type ZoneFile, ZoneFileError } from "./model.js";
import { caaParts, systemSetReason, valueKey } from "./normalize.js";

/** HostUp's record types. */
export const MANAGED_TYPES: ReadonlySet<string> = new Set(["A", "AAAA", "CNAME", "ALIAS", "MX", "TXT", "NS", "SRV", "CAA", "TLSA"]);

/** HostUp's documented limit of customer records in a zone (each value is one record). */
export const MAX_ZONE_RECORDS = 200;

/** HostUp documents no TTL range; these are the bounds public clients observe it to accept. */
export const MIN_TTL = 60;
export const MAX_TTL = 86_400;

const u16 = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n >= 0 && n <= 65_535;

/** Throws ZoneFileError for the first entry HostUp would refuse or that the file states twice. */
export function validateZone(zone: ZoneFile): void {
  const seen = new Map<string, RecordSet>();
  const typesAt = new Map<string, RecordSet[]>();
  let records = 0;
  for (const set of zone.sets) {
    const id = `${set.name} ${set.type}`;
    const fail = (message: string): never => {
      throw new ZoneFileError(`${id}: ${message}`, set.source);
    };
    const system = systemSetReason(set);
    if (system) fail(`${system}; leave it out of the file.`);
    if (!MANAGED_TYPES.has(set.type)) fail(`HostUp has no ${set.type} records (it has ${[...MANAGED_TYPES].join(", ")}).`);
    const earlier = seen.get(id);
    if (earlier) fail(`a second ${set.type} set for ${set.name}${where(earlier)}: give one set with all its values.`);
    seen.set(id, set);
    typesAt.set(set.name, [...(typesAt.get(set.name) ?? []), set]);
    if (set.ttl !== undefined && !(Number.isInteger(set.ttl) && set.ttl >= MIN_TTL && set.ttl <= MAX_TTL)) {
      fail(`TTL ${set.ttl} is out of range: HostUp documents none, public clients observe ${MIN_TTL}–${MAX_TTL} seconds.`);
    }
    if (set.values.length === 0) fail("the set has no values.");
    const keys = new Set<string>();
    for (const value of set.values) {
      if (value.value.trim() === "") fail("an empty value.");
      checkValue(set, value.value, fail);
      if ((set.type === "MX" || set.type === "SRV") && !u16(value.priority))
        fail(`${set.type === "MX" ? "preference" : "priority"} ${value.priority ?? "(none)"} is not in 0–65535.`);
      if (set.type === "SRV" && !u16(value.weight)) fail(`weight ${value.weight ?? "(none)"} is not in 0–65535.`);
      if (set.type === "SRV" && !u16(value.port)) fail(`port ${value.port ?? "(none)"} is not in 0–65535.`);
      const key = valueKey(set.type, value);
      if (keys.has(key)) fail(`the value ${value.value} is given twice.`);
      keys.add(key);
    }
    if (set.type === "CNAME") {
      if (set.name === "@") fail("a CNAME cannot be at the apex (it would hide the SOA and NS): HostUp has ALIAS records for that.");
      if (set.values.length > 1) fail("a CNAME has one value.");
    }
    records += set.values.length;
  }
  for (const [name, sets] of typesAt) {
    const cname = sets.find((s) => s.type === "CNAME");
    const other = sets.find((s) => s.type !== "CNAME");
    if (cname && other)
      throw new ZoneFileError(`${name} CNAME: a CNAME cannot be beside other records (${other.type}${where(other)}).`, cname.source);
  }
  if (records > MAX_ZONE_RECORDS) {
    throw new ZoneFileError(
      `the file has ${records} records (each value is one); HostUp allows ${MAX_ZONE_RECORDS} in a zone, SOA and apex NS not counted.`,
      zone.sets[0]?.source ? { file: zone.sets[0].source.file } : undefined,
    );
  }
}

function checkValue(set: RecordSet, value: string, fail: (message: string) => never): void {
  if (set.type === "A" && !isIPv4(value)) fail(`${value} is not an IPv4 address.`);
  if (set.type === "AAAA" && !isIPv6(value)) fail(`${value} is not an IPv6 address.`);
  if (set.type === "CAA") {
    const parts = caaParts(value);
    if (!parts || parts.flags > 255) fail(`${value} is not a CAA value (flags 0–255, tag, "value").`);
  }
  if (set.type === "TLSA" && !/^[0-3]\s+[01]\s+[0-2]\s+[0-9a-fA-F\s]+$/.test(value)) {
    fail(`${value} is not a TLSA value (usage 0–3, selector 0–1, matching type 0–2, hex data).`);
  }
}

function where(set: RecordSet): string {
  const source = set.source;
  if (source?.line) return ` (line ${source.line})`;
  if (source?.key) return ` (${source.key})`;
  return "";
}
