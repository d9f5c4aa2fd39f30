// Zone files in and out: read (every problem in one error), check against HostUp's rules, write.
import { zoneName } from "../records/names.js";
import { type ParseOptions, readBindZone, writeBindZone } from "./bind.js";
import { type ZoneFileFormat, zoneFileFormat, zoneFromFileName } from "./file-names.js";
import { type ZoneFile, ZoneFileError, type ZoneProblem } from "./model.js";
import { zoneProblems } from "./validate.js";
import { readYamlZone, writeYamlZone } from "./yaml.js";

/** The default size limit: a HostUp zone holds 200 records; a file a thousand times that size is not a zone file. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export interface ReadZoneOptions extends ParseOptions {
  /** `yaml` (octoDNS) or `bind`; default: from the file name's extension. */
  format?: ZoneFileFormat;
  /** Refuse a larger text (default 4 MiB). */
  maxBytes?: number;
}

function formatOf(options: ReadZoneOptions): ZoneFileFormat {
  const found = options.format ?? (options.file ? zoneFileFormat(options.file) : undefined);
  if (found) return found;
  throw new ZoneFileError([
    {
      message: "cannot tell the format from the name: .yaml/.yml (octoDNS) or .zone/.bind/.db (BIND); give the format.",
      ...(options.file !== undefined && { source: { file: options.file } }),
    },
  ]);
}

/**
 * Reads a zone file (octoDNS YAML or BIND) and checks it as HostUp would check its records. Throws
 * ZoneFileError listing every problem, each with its line or key; nothing is dropped without a word
 * (SOA, apex NS and octoDNS-ignored sets are in `skipped`, with the reason).
 */
export function readZoneFile(text: string, options: ReadZoneOptions = {}): ZoneFile {
  const format = formatOf(options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const source = options.file !== undefined ? { file: options.file } : undefined;
  // Characters are at most as many as UTF-8 octets: count octets only when it can matter.
  const octets = text.length > maxBytes / 3 ? new TextEncoder().encode(text).length : text.length;
  if (octets > maxBytes) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    throw new ZoneFileError([
      {
        message: `the file is ${mib(octets)}, over the ${mib(maxBytes)} limit (a HostUp zone holds at most 200 records): is it the right file?`,
        ...(source && { source }),
      },
    ]);
  }
  const origin = options.origin ?? (options.file ? zoneFromFileName(options.file) : undefined);
  const parseOptions = { ...options, ...(origin !== undefined && { origin }) };
  const { zone, problems } = format === "yaml" ? readYamlZone(text, parseOptions) : readBindZone(text, parseOptions);
  const all: ZoneProblem[] = [...problems, ...zoneProblems(zone)];
  if (all.length > 0) throw new ZoneFileError(sortProblems(all));
  return zone;
}

/** The error for a file of `octets` over the size limit (`maxBytes`, default 4 MiB), or undefined: for callers that know a file's size before reading it. */
export function sizeError(octets: number, options: { file?: string; maxBytes?: number } = {}): ZoneFileError | undefined {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (octets <= maxBytes) return undefined;
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new ZoneFileError([
    {
      message: `the file is ${mib(octets)}, over the ${mib(maxBytes)} limit (a HostUp zone holds at most 200 records): is it the right file?`,
      ...(options.file !== undefined && { source: { file: options.file } }),
    },
  ]);
}

const sortProblems = (problems: ZoneProblem[]) =>
  problems
    .map((p, i) => [p, i] as const)
    .sort(([a, i], [b, j]) => (a.source?.line ?? 0) - (b.source?.line ?? 0) || i - j)
    .map(([p]) => p);

/** Writes the zone as octoDNS YAML or a BIND file (BIND needs the zone's name: `origin` or the zone's own). */
export function writeZoneFile(zone: ZoneFile, options: { format: ZoneFileFormat; origin?: string }): string {
  if (options.format === "yaml") return writeYamlZone(zone);
  const origin = options.origin ?? zone.origin;
  if (!origin) throw new ZoneFileError([{ message: "a BIND file needs the zone's name for $ORIGIN." }]);
  return writeBindZone(zone, zoneName(origin));
}

export { readBindZone, ttlSeconds, writeBindZone } from "./bind.js";
export { ZONE_FILE_FORMATS, type ZoneFileFormat, zoneFileFormat, zoneFromFileName } from "./file-names.js";
export {
  type RecordSet,
  type SkippedSet,
  type SourceRef,
  type ZoneFile,
  ZoneFileError,
  type ZoneProblem,
  type ZoneValue,
  where,
} from "./model.js";
export { recordsOf, sortedSets, splitSystemSets, systemSetReason } from "./sets.js";
export { zoneProblems } from "./validate.js";
export { readYamlZone, writeYamlZone } from "./yaml.js";
