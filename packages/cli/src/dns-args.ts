// The arguments of `hostup dns …`, checked before anything is sent: record types, and a record given
// by its `drr_…` ID or by type, name and (optional) value.
import { isRecordType, RECORD_TYPES } from "@hostup/dns";
import type { DnsRecordType } from "@hostup/sdk";
import { UsageError } from "./config.js";

/** A record type, any case: `txt` → `TXT` (the spec's enum, through @hostup/dns). */
export function recordType(value: string): DnsRecordType {
  const type = value.trim().toUpperCase();
  if (isRecordType(type)) return type;
  const spf = type === "SPF" ? " (an SPF policy is a TXT record whose value starts with v=spf1)" : "";
  throw new UsageError(`Unknown record type ${JSON.stringify(value.slice(0, 20))}${spf}: pass one of ${RECORD_TYPES.join(", ")}.`);
}

export type RecordSelector = { id: string } | { type: DnsRecordType; name: string; value?: string };

/**
 * `<drr_ID>` or `<type> <name> [value]` → which record(s) a command acts on. `valueRequired`: the
 * command needs exactly one record, so a type and name without a value are not enough.
 */
export function recordSelector(words: string[], command: string, valueRequired: boolean): RecordSelector {
  const usage = `${command} <zone> <drr_ID>, or ${command} <zone> <type> <name> ${valueRequired ? "<value>" : "[value]"}`;
  const [first = "", name, value, ...rest] = words;
  if (words.length === 1) {
    if (/^drr_/.test(first)) return { id: first };
    throw new UsageError(`${JSON.stringify(first.slice(0, 40))} is not a record ID (drr_…). Pass ${usage}.`);
  }
  if (rest.length > 0 || (valueRequired && value === undefined)) {
    const expected = valueRequired ? "a type, a name and a value" : "a type, a name and optionally a value";
    throw new UsageError(`Expected a record ID or ${expected}, got ${words.length} arguments. Pass ${usage}.`);
  }
  const type = recordType(first);
  if (!name?.trim())
    throw new UsageError(`The record name is empty: pass a name relative to the zone (\`@\` for the apex) or the full name.`);
  if (value !== undefined && value.trim() === "") throw new UsageError("The record value is empty.");
  return value === undefined ? { type, name: name! } : { type, name: name!, value };
}
