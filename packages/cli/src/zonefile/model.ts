// The shape both zone-file formats (octoDNS YAML, BIND) are read into and written from, and what
// `hostup dns plan|apply` compares with the live zone: record sets, as octoDNS and dnscontrol manage
// them. One (name, type) is one set; the zone ends up with exactly a managed set's values and TTL.
// The canonical forms of names and values are in normalize.ts (`canonicalValue`, `sameValue`).
import { UsageError } from "../config.js";

/** Where an entry came from, for error messages: a YAML key path or a BIND line. */
export interface SourceRef {
  /** The file as given on the command line. */
  file: string;
  /** 1-based line of the entry, when the parser knows it. */
  line?: number;
  /** YAML: the key path of the entry (`www`, `'' [1]`), when that says more than the line. */
  key?: string;
}

/**
 * One value of a set, in HostUp's terms: `value` is what the record routes take (TXT: the text,
 * unquoted and joined; MX: the exchange; SRV: the target; CAA: `flags tag "value"`; TLSA:
 * `usage selector matching-type data`), with MX's preference and SRV's priority as `priority`, and
 * SRV's `weight` and `port`. Targets (CNAME, ALIAS, NS, MX, SRV) are full names in lower case without
 * the trailing dot, whichever way the file wrote them: see `canonicalValue` in normalize.ts.
 */
export interface RecordValue {
  value: string;
  priority?: number;
  weight?: number;
  port?: number;
}

export interface RecordSet {
  /** Relative to the zone, lower case; `@` for the apex. */
  name: string;
  /** Upper case: A, AAAA, CNAME, ALIAS, MX, TXT, NS, SRV, CAA, TLSA. */
  type: string;
  /** Seconds; undefined: the file gives none (the API's default applies on create). */
  ttl?: number;
  values: RecordValue[];
  source?: SourceRef;
}

/** A set the file has but that is never managed: SOA and the apex NS are HostUp's system records. */
export interface SkippedSet {
  set: RecordSet;
  reason: string;
}

export interface ZoneFile {
  /** The zone's name without a trailing dot, when the file says it (BIND `$ORIGIN`) or its name does (`example.com.yaml`). */
  origin?: string;
  sets: RecordSet[];
  /** What the parsers left out of `sets` (SOA, apex NS), for a note: never compared, never sent. */
  skipped?: SkippedSet[];
}

/** A zone file that cannot be used, naming the entry: thrown before anything is sent (a UsageError: exit 2). */
export class ZoneFileError extends UsageError {
  override name = "ZoneFileError";
  constructor(
    message: string,
    readonly source?: SourceRef,
  ) {
    super(source ? `${source.file}${source.line ? `:${source.line}` : ""}${source.key ? ` (${source.key})` : ""}: ${message}` : message);
  }
}
