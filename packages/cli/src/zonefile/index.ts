// Zone files in and out: one entry point for `hostup dns export|plan|apply`.
import { parseBindZone, writeBindZone } from "./bind.js";
import { type ZoneFileFormat, zoneFileFormat, zoneFromFileName } from "./file-names.js";
import { type ZoneFile, ZoneFileError } from "./model.js";
import { parseYamlZone, writeYamlZone } from "./yaml.js";

export { parseBindZone, writeBindZone } from "./bind.js";
export { type ZoneFileFormat, zoneFileFormat, zoneFromFileName } from "./file-names.js";
export type { RecordSet, RecordValue, SkippedSet, SourceRef, ZoneFile } from "./model.js";
export { ZoneFileError } from "./model.js";
export {
  absoluteTarget,
  canonicalValue,
  relativeName,
  sameValue,
  sameValues,
  sortedSets,
  TARGET_TYPES,
  valueKey,
  zoneName,
} from "./normalize.js";
export { MAX_TTL, MAX_ZONE_RECORDS, MANAGED_TYPES, MIN_TTL, validateZone } from "./validate.js";
export { parseYamlZone, writeYamlZone } from "./yaml.js";

function formatOf(path: string, format: ZoneFileFormat | undefined): ZoneFileFormat {
  const found = format ?? zoneFileFormat(path);
  if (!found)
    throw new ZoneFileError("cannot tell the format from the name: .yaml/.yml (octoDNS) or .zone/.bind/.db (BIND).", { file: path });
  return found;
}

/** Reads a zone file of either format (by its extension unless `format` is given); the zone's name defaults to the file's. */
export function parseZoneFile(text: string, path: string, options: { origin?: string; format?: ZoneFileFormat } = {}): ZoneFile {
  const origin = options.origin ?? zoneFromFileName(path);
  return formatOf(path, options.format) === "yaml" ? parseYamlZone(text, path, { origin }) : parseBindZone(text, path, { origin });
}

/** Writes the zone in the format of `path` (or `format`); BIND needs the zone's name. */
export function writeZoneFile(zone: ZoneFile, path: string, options: { origin?: string; format?: ZoneFileFormat } = {}): string {
  if (formatOf(path, options.format) === "yaml") return writeYamlZone(zone);
  const origin = options.origin ?? zone.origin ?? zoneFromFileName(path);
  if (!origin) throw new ZoneFileError("a BIND file needs the zone's name for $ORIGIN.", { file: path });
  return writeBindZone(zone, origin);
}
