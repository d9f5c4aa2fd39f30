// Record types: the lists come from the spec's enums (generated/record-types.ts).
import { CREATE_RECORD_TYPES, RECORD_TYPES } from "../generated/record-types.js";

export { CREATE_RECORD_TYPES, RECORD_TYPES };

/** A type of HostUp's record routes: A, AAAA, CNAME, ALIAS, MX, TXT, NS, SRV, CAA, TLSA. */
export type RecordType = (typeof RECORD_TYPES)[number];

/** Whether `type` (upper case) is one of HostUp's record types. */
export const isRecordType = (type: string): type is RecordType => (RECORD_TYPES as readonly string[]).includes(type);

/** Types whose value is a host name (all of it, or MX's exchange and SRV's target). */
export const TARGET_TYPES: ReadonlySet<string> = new Set(["CNAME", "ALIAS", "NS", "MX", "SRV"]);

/** One value of a record: `value` as the record routes take it, with MX's preference and SRV's priority as `priority`. */
export interface RecordValue {
  value: string;
  priority?: number;
  weight?: number;
  port?: number;
}

/** One record: `name` relative to its zone (`@` for the apex), `type` upper case. */
export interface DnsRecordData extends RecordValue {
  type: string;
  name: string;
  ttl?: number;
}
