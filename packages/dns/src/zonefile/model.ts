// The shape both zone-file formats (octoDNS YAML, BIND) are read into and written from, and what plan
// compares with the live zone: record sets, as octoDNS and dnscontrol manage them. One (name, type) is
// one set; the zone ends up with exactly a managed set's values and TTL.
import type { RecordValue } from "../records/types.js";

/** Where an entry came from, for messages: the file, a line, a YAML key path. */
export interface SourceRef {
  file?: string;
  /** 1-based. */
  line?: number;
  /** YAML: the key path (`www`, `'' [1].values[0]`). */
  key?: string;
}

/** One value of a set, with where the file states it. */
export interface ZoneValue extends RecordValue {
  source?: SourceRef;
}

export interface RecordSet {
  /** Relative to the zone: A-labels, lower case; `@` for the apex. */
  name: string;
  /** Upper case. */
  type: string;
  /** Seconds; undefined: the file gives none (a new record gets the API's default, a kept one its TTL). */
  ttl?: number;
  values: ZoneValue[];
  source?: SourceRef;
}

/** A set the file has but that is never managed, and why: SOA and the apex NS (HostUp's), octoDNS `ignored: true`. */
export interface SkippedSet {
  set: RecordSet;
  reason: string;
}

export interface ZoneFile {
  /** The zone's name (A-labels, no trailing dot), when the file says it (`$ORIGIN`) or its name does (`example.com.yaml`). */
  origin?: string;
  sets: RecordSet[];
  /** Sets left out of `sets`: never compared, never sent, never pruned. */
  skipped?: SkippedSet[];
}

/** One thing wrong in a zone file. */
export interface ZoneProblem {
  message: string;
  source?: SourceRef;
}

/** Where, for a message: `example.com.zone:12 (www)`. */
export function where(source: SourceRef | undefined): string {
  if (!source) return "";
  const at = source.file ? `${source.file}${source.line ? `:${source.line}` : ""}` : source.line ? `line ${source.line}` : "";
  // A key path quotes the file: cut short, as every message quotes at most an excerpt of the input.
  const key = source.key && source.key.length > 80 ? `${source.key.slice(0, 80)}…` : source.key;
  return key ? `${at}${at ? " " : ""}(${key})` : at;
}

/** How many problems a message lists; the rest are counted. All of them are in `problems`. */
const LISTED = 50;

/** A zone file that cannot be used: every problem found, each with its line or key, in `problems`. */
export class ZoneFileError extends Error {
  override name = "ZoneFileError";
  constructor(readonly problems: ZoneProblem[]) {
    const lines = problems.slice(0, LISTED).map((p) => (p.source ? `${where(p.source)}: ${p.message}` : p.message));
    if (problems.length > LISTED) lines.push(`… and ${problems.length - LISTED} more.`);
    super(problems.length === 1 ? (lines[0] ?? "") : `${problems.length} problems:\n${lines.join("\n")}`);
  }
}
