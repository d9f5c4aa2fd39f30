// A zone file checked as HostUp would check its records (records/rejections.ts), all at once: every
// problem with the line or key of the record it is about.
import { MAX_ZONE_RECORDS, recordConflicts, recordProblems } from "../records/rejections.js";
import type { RecordSet, ZoneFile, ZoneProblem, ZoneValue } from "./model.js";
import { systemSetReason } from "./sets.js";

/** Every problem HostUp would refuse in the zone's managed sets, or that the file states twice. */
export function zoneProblems(zone: ZoneFile): ZoneProblem[] {
  const problems: ZoneProblem[] = [];
  const seenSets = new Map<string, RecordSet>();
  const flat: { set: RecordSet; value: ZoneValue }[] = [];
  for (const set of zone.sets) {
    // The set for messages, cut short; `key` tells sets apart (two long names may share their first 40 characters).
    const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
    const id = `${cut(set.name, 40)} ${cut(set.type, 20)}`;
    const key = `${set.name} ${set.type}`;
    const add = (message: string, source = set.source) => problems.push({ message: `${id}: ${message}`, ...(source && { source }) });
    const system = systemSetReason(set);
    if (system) {
      add(`${system}; leave it out of the file.`);
      continue;
    }
    const earlier = seenSets.get(key);
    if (earlier) {
      add(
        `a second ${cut(set.type, 20)} set for ${cut(set.name, 60)}${earlier.source?.line ? ` (the first is on line ${earlier.source.line})` : ""}: give one set with all its values.`,
      );
      continue;
    }
    seenSets.set(key, set);
    if (set.values.length === 0) add("the set has no values.");
    if (set.type === "CNAME" && set.values.length > 1) add("a CNAME set has one value.");
    const checks = zone.origin === undefined ? {} : { zone: zone.origin };
    for (const [i, value] of set.values.entries()) {
      // The set's TTL is checked once, with its first value.
      const record = { ...value, type: set.type, name: set.name, ...(i === 0 && set.ttl !== undefined && { ttl: set.ttl }) };
      for (const message of recordProblems(record, checks)) add(message, value.source ?? set.source);
      flat.push({ set, value });
    }
  }
  const records = flat.map(({ set, value }) => ({ ...value, type: set.type, name: set.name }));
  for (const conflict of recordConflicts(records)) {
    const at = flat[conflict.index];
    if (!at || (at.set.type === "CNAME" && at.set.values.length > 1)) continue; // already said: one value
    const source = at.value.source ?? at.set.source;
    problems.push({ message: conflict.message, ...(source && { source }) });
  }
  if (flat.length > MAX_ZONE_RECORDS) {
    const file = zone.sets[0]?.source?.file;
    problems.push({
      message: `the file has ${flat.length} records (each value is one); HostUp allows ${MAX_ZONE_RECORDS} in a zone, SOA and apex NS not counted.`,
      ...(file && { source: { file } }),
    });
  }
  return problems;
}
