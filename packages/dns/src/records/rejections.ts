// What HostUp refuses, found before anything is sent. The create page lists its rejections:
// duplicates, duplicate MX priorities, CNAME conflicts, root CNAMEs, IP addresses as CNAME/ALIAS/MX/NS
// targets, mismatched TXT quotes, invalid A/AAAA values, invalid SRV/TLSA parts, root NS changes; and a
// zone holds at most 200 customer records (SOA and NS not counted). Where HostUp is silent, the RFCs
// decide: names (1035), null MX (7505), SRV (2782), TLSA (6698), CAA (8659).
import { canonicalIpv4, canonicalIpv6, isIpAddress } from "./addresses.js";
import { asciiName, excerpt, fullName, nameProblem } from "./names.js";
import { txtRdataOctets } from "./txt.js";
import { CREATE_RECORD_TYPES, type DnsRecordData, RECORD_TYPES } from "./types.js";
import { caaParts, canonicalTarget, recordKey, tlsaParts } from "./values.js";

/** HostUp's documented limit of customer records in a zone (each value is one record; SOA and NS not counted). */
export const MAX_ZONE_RECORDS = 200;
/** HostUp documents no TTL range; these are the bounds public clients observe it to accept. */
export const MIN_TTL = 60;
export const MAX_TTL = 86_400;
/** RFC 1035 §3.2.1: RDATA is at most 65,535 octets. */
const MAX_RDATA_OCTETS = 65_535;

const u16 = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 65_535;

/** Text for a message, cut to `max` characters: a message never repeats a whole hostile input. */
const cut = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A record for messages: `MX @ 10 mail.example.com`, the type, name and value cut short. */
export function describeRecord(record: DnsRecordData): string {
  const numbers = [record.priority, record.weight, record.port].filter((n) => n !== undefined).join(" ");
  return `${cut(record.type.toUpperCase(), 20)} ${cut(record.name || "@")} ${numbers ? `${numbers} ` : ""}${cut(record.value)}`.trim();
}

function targetProblem(type: string, what: string, target: string, rootAllowed: boolean): string | undefined {
  const text = target.trim();
  if (text === "") return `the ${what} is empty.`;
  if (text === ".") return rootAllowed ? undefined : `the ${what} cannot be the root (.).`;
  if (isIpAddress(text.replace(/\.$/, "")))
    return `the ${what} ${excerpt(text)} is an IP address; HostUp refuses addresses as ${type} targets (give a host name).`;
  const problem = nameProblem(text);
  return problem ? `the ${what}: ${problem}` : undefined;
}

/**
 * Why HostUp would refuse this one record, or [] when it would not: `name` relative to the zone
 * (`@` for the apex), `value` as the routes take it (TXT unquoted). `create`: the create route's types (SPF too).
 */
export function recordProblems(record: DnsRecordData, options: RecordCheckOptions = {}): string[] {
  return recordFindings(record, options).map((finding) => finding.message);
}

/** The record field a finding is about, for a JSON Pointer (`/ttl`) or a flag (`--ttl`). */
export type RecordField = "type" | "name" | "value" | "ttl" | "priority" | "weight" | "port";

export interface RecordFinding {
  field: RecordField;
  message: string;
}

export interface RecordCheckOptions {
  /** The create route's types (SPF too). */
  create?: boolean;
  /** The zone the relative name is in: the name's length is then checked as the full name's (RFC 1035: 255 octets). */
  zone?: string;
}

/** recordProblems with the field each problem is about. */
export function recordFindings(record: DnsRecordData, options: RecordCheckOptions = {}): RecordFinding[] {
  const problems: RecordFinding[] = [];
  const add = (field: RecordField, message: string) => problems.push({ field, message });
  const type = String(record.type ?? "").toUpperCase();
  const types: readonly string[] = options.create ? CREATE_RECORD_TYPES : RECORD_TYPES;
  if (!types.includes(type)) {
    const hint = type === "SPF" ? " (an SPF policy is a TXT record whose value starts with v=spf1)" : "";
    return [
      { field: "type", message: `HostUp has no ${excerpt(String(record.type ?? ""), 20)} records${hint}: it has ${types.join(", ")}.` },
    ];
  }
  const name = String(record.name ?? "").trim() || "@";
  const nameIssue = nameProblem(options.zone === undefined ? name : fullName(name, options.zone));
  if (nameIssue) add("name", `the name: ${nameIssue}`);
  const value = typeof record.value === "string" ? record.value : "";
  if (value.trim() === "" && !(type === "TXT" && value !== "")) add("value", "the value is empty.");
  if (record.ttl !== undefined && !(Number.isInteger(record.ttl) && record.ttl >= MIN_TTL && record.ttl <= MAX_TTL))
    add("ttl", `TTL ${record.ttl} is out of range: HostUp documents none, public clients observe ${MIN_TTL}–${MAX_TTL} seconds.`);
  if (name === "@" && type === "CNAME") add("type", "a CNAME cannot be at the apex (HostUp refuses root CNAMEs): use ALIAS there.");
  if (name === "@" && type === "NS")
    add("name", "the apex NS records are HostUp's: change the delegation with the nameservers route, not a record.");
  if (value.trim() === "" && type !== "TXT") return problems;
  switch (type) {
    case "A":
      if (!canonicalIpv4(value)) add("value", `${excerpt(value)} is not an IPv4 address.`);
      break;
    case "AAAA":
      if (!canonicalIpv6(value)) add("value", `${excerpt(value)} is not an IPv6 address.`);
      break;
    case "CNAME":
    case "ALIAS":
    case "NS": {
      const issue = targetProblem(type, "target", value, false);
      if (issue) add("value", issue);
      break;
    }
    case "MX": {
      if (!u16(record.priority)) add("priority", `preference ${record.priority ?? "(none)"} is not a whole number in 0–65535.`);
      const issue = targetProblem(type, "exchange", value, true);
      if (issue) add("value", issue);
      if (canonicalTarget(value) === "." && record.priority !== undefined && record.priority !== 0)
        add("priority", "a null MX (exchange .) has preference 0 (RFC 7505).");
      break;
    }
    case "SRV": {
      for (const field of ["priority", "weight", "port"] as const)
        if (!u16(record[field])) add(field, `${field} ${record[field] ?? "(none)"} is not a whole number in 0–65535.`);
      const issue = targetProblem(type, "target", value, true);
      if (issue) add("value", issue);
      const labels = name.split(".");
      if (!(labels.length >= 2 && /^_[a-z0-9-]+$/i.test(labels[0] ?? "") && /^_[a-z0-9-]+$/i.test(labels[1] ?? "")))
        add("name", `an SRV name is _service._proto (RFC 2782), e.g. _sip._tcp; got ${excerpt(name)}.`);
      break;
    }
    case "TXT":
    case "SPF": {
      if ((value.match(/(?<!\\)"/g) ?? []).length % 2 === 1)
        add("value", `${excerpt(value)} has an unmatched double quote; HostUp refuses mismatched TXT quotes.`);
      const octets = txtRdataOctets(value);
      if (octets > MAX_RDATA_OCTETS)
        add("value", `the text makes ${octets} octets of record data; a record holds at most ${MAX_RDATA_OCTETS}.`);
      break;
    }
    case "CAA": {
      const parts = caaParts(value);
      if (!parts || parts.flags > 255) add("value", `${excerpt(value)} is not a CAA value (flags 0–255, tag, "value").`);
      break;
    }
    case "TLSA": {
      const parts = tlsaParts(value);
      const hexLength = parts?.matchingType === 1 ? 64 : parts?.matchingType === 2 ? 128 : undefined;
      if (!parts || parts.usage > 3 || parts.selector > 1 || parts.matchingType > 2)
        add("value", `${excerpt(value)} is not a TLSA value (usage 0–3, selector 0–1, matching type 0–2, hex data).`);
      else if (!/^(?:[0-9a-f]{2})+$/.test(parts.data)) add("value", "the TLSA data is not hex (an even number of 0-9, a-f).");
      else if (hexLength !== undefined && parts.data.length !== hexLength)
        add(
          "value",
          `matching type ${parts.matchingType} is a ${hexLength * 4}-bit digest: ${hexLength} hex digits, got ${parts.data.length}.`,
        );
      break;
    }
  }
  return problems;
}

/** One record a zone-level rule refuses: its index in the list given, and why. */
export interface RecordConflict {
  index: number;
  message: string;
}

/**
 * What HostUp refuses in records taken together (names relative to one zone): the same record twice,
 * two MX records of one name with one preference, a CNAME beside other records or a second CNAME, a
 * null MX beside other MX records (RFC 7505). Each conflict names the later record.
 */
export function recordConflicts(records: ReadonlyArray<DnsRecordData>): RecordConflict[] {
  const conflicts: RecordConflict[] = [];
  const seen = new Map<string, number>();
  const mxPriorities = new Map<string, number>();
  const byName = new Map<string, { types: Map<string, number>; nullMx?: number; mx?: number }>();
  records.forEach((record, index) => {
    const type = record.type.toUpperCase();
    // One name however written (`WWW`, `www`; `` and `@`), as recordKey compares it; cut short for messages.
    const name = record.name.trim() === "" ? "@" : asciiName(record.name);
    const shown = cut(name);
    const key = recordKey(record);
    const earlier = seen.get(key);
    if (earlier !== undefined) conflicts.push({ index, message: `${describeRecord(record)} is given twice (HostUp refuses duplicates).` });
    else seen.set(key, index);
    if (type === "MX" && earlier === undefined) {
      const priorityKey = `${name} ${record.priority}`;
      if (mxPriorities.has(priorityKey))
        conflicts.push({
          index,
          message: `two MX records of ${shown} have preference ${record.priority} (HostUp refuses duplicate MX priorities).`,
        });
      else mxPriorities.set(priorityKey, index);
    }
    const at = byName.get(name) ?? { types: new Map<string, number>() };
    byName.set(name, at);
    const cname = at.types.get("CNAME");
    if (type === "CNAME" && at.types.size > 0 && earlier === undefined) {
      const other = [...at.types.keys()].find((t) => t !== "CNAME") ?? "CNAME";
      conflicts.push({
        index,
        message: `a CNAME cannot be beside other records, and a name has one CNAME: ${shown} already has ${cut(other, 20)} (HostUp refuses CNAME conflicts).`,
      });
    } else if (type !== "CNAME" && cname !== undefined)
      conflicts.push({ index, message: `${shown} has a CNAME: no other record can be beside it (HostUp refuses CNAME conflicts).` });
    if (!at.types.has(type)) at.types.set(type, index);
    if (type === "MX") {
      const isNull = canonicalTarget(record.value) === ".";
      if ((isNull && at.mx !== undefined) || (!isNull && at.nullMx !== undefined))
        conflicts.push({ index, message: `a null MX (exchange .) must be the only MX of ${shown} (RFC 7505).` });
      if (isNull) at.nullMx ??= index;
      else at.mx ??= index;
    }
  });
  return conflicts;
}
