// TEMPORARY stand-ins for what packages/cli/src/zonefile/ will export (written on another branch):
// the lead replaces this module's body with re-exports from ../zonefile/… when both are merged.
// Only what `hostup dns export|plan|apply` needs, and only as much as their tests use: the YAML
// stand-in reads and writes the JSON subset of YAML (flow style, which every YAML 1.2 parser reads
// too); the BIND ones refuse.
import { basename } from "node:path";
import { type RecordSet, type RecordValue, type ZoneFile, ZoneFileError } from "../zonefile/model.js";

const MAX_CUSTOMER_RECORDS = 200;

/** octoDNS YAML (stand-in: its JSON subset) → the model. */
export function parseYamlZone(text: string, file: string): ZoneFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ZoneFileError("not readable (the stand-in reader takes YAML's JSON subset only)", { file });
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new ZoneFileError("expected a mapping of names", { file });
  const sets: RecordSet[] = [];
  for (const [key, entry] of Object.entries(doc as Record<string, unknown>)) {
    for (const item of Array.isArray(entry) ? entry : [entry]) {
      const record = item as { type?: string; ttl?: number; value?: unknown; values?: unknown[] };
      const type = String(record.type ?? "").toUpperCase();
      const raw = record.values ?? (record.value === undefined ? [] : [record.value]);
      sets.push({
        name: key === "" ? "@" : key.toLowerCase(),
        type,
        ...(record.ttl !== undefined && { ttl: record.ttl }),
        values: raw.map((value) => fileValue(type, value)),
        source: { file, key },
      });
    }
  }
  return { ...(zoneFromFileName(file) && { origin: zoneFromFileName(file) }), sets };
}

function fileValue(type: string, raw: unknown): RecordValue {
  if (typeof raw !== "object" || raw === null) return { value: String(raw) };
  const v = raw as Record<string, unknown>;
  if (type === "MX") return { value: String(v.exchange ?? v.value), priority: Number(v.preference ?? v.priority) };
  if (type === "SRV") return { value: String(v.target), priority: Number(v.priority), weight: Number(v.weight), port: Number(v.port) };
  if (type === "CAA") return { value: `${v.flags ?? 0} ${v.tag} "${v.value}"` };
  return { value: String(v.value) };
}

/** The model → octoDNS YAML (stand-in: JSON, valid YAML in flow style). */
export function writeYamlZone(zone: ZoneFile): string {
  const doc: Record<string, unknown[]> = {};
  for (const set of zone.sets) {
    const key = set.name === "@" ? "" : set.name;
    const values = set.values.map((v) => {
      if (set.type === "MX") return { preference: v.priority, exchange: v.value };
      if (set.type === "SRV") return { priority: v.priority, weight: v.weight, port: v.port, target: v.value };
      return v.value;
    });
    (doc[key] ??= []).push({ type: set.type, ...(set.ttl !== undefined && { ttl: set.ttl }), values });
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function parseBindZone(_text: string, file: string, _options: { origin?: string } = {}): ZoneFile {
  throw new ZoneFileError("BIND zone files are read by the zonefile module, not merged into this branch yet", { file });
}

export function writeBindZone(_zone: ZoneFile, _origin: string): string {
  throw new ZoneFileError("BIND zone files are written by the zonefile module, not merged into this branch yet");
}

export function validateZone(zone: ZoneFile): void {
  const seen = new Set<string>();
  let records = 0;
  for (const set of zone.sets) {
    const key = `${set.name} ${set.type}`;
    if (seen.has(key)) throw new ZoneFileError(`${set.type} ${set.name} is given twice`, set.source);
    seen.add(key);
    if (set.values.length === 0) throw new ZoneFileError(`${set.type} ${set.name} has no values`, set.source);
    if (set.type === "SOA" || (set.type === "NS" && set.name === "@")) continue;
    records += set.values.length;
  }
  if (records > MAX_CUSTOMER_RECORDS) throw new ZoneFileError(`${records} records: a zone holds at most ${MAX_CUSTOMER_RECORDS}`);
}

/** `example.com.yaml`, `example.com.zone` → `example.com`. */
export function zoneFromFileName(path: string): string | undefined {
  const name = basename(path)
    .replace(/\.(ya?ml|zone|db|bind)$/i, "")
    .toLowerCase();
  return name.includes(".") ? name.replace(/\.$/, "") : undefined;
}

const plain = (target: string) => target.trim().replace(/\.$/, "").toLowerCase();

/** Whether two values of one type are the same record: targets in any case, with or without the dot; TXT exactly. */
export function sameValue(type: string, a: RecordValue, b: RecordValue): boolean {
  if (a.priority !== b.priority || a.weight !== b.weight || a.port !== b.port) return false;
  return type === "TXT" ? a.value === b.value : plain(a.value) === plain(b.value);
}
