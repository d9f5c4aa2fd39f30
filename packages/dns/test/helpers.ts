// Shared helpers of the zone-file tests: read a file and get its sets, or its problems.
import { expect } from "vitest";
import {
  canonicalValue,
  type ReadZoneOptions,
  type RecordSet,
  readZoneFile,
  type ZoneFile,
  ZoneFileError,
  type ZoneProblem,
} from "../src/index.js";

export const bind = (text: string, options: ReadZoneOptions = {}): ZoneFile => readZoneFile(text, { file: "example.com.zone", ...options });
export const yaml = (text: string, options: ReadZoneOptions = {}): ZoneFile => readZoneFile(text, { file: "example.com.yaml", ...options });

/** The problems reading the text throws (failing the test when it reads without one). */
export function problemsOf(read: () => unknown): ZoneProblem[] {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ZoneFileError);
    return (error as ZoneFileError).problems;
  }
  throw new Error("expected a ZoneFileError, but the file was read");
}

/** The thrown ZoneFileError itself. */
export function errorOf(read: () => unknown): ZoneFileError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ZoneFileError);
    return error as ZoneFileError;
  }
  throw new Error("expected a ZoneFileError, but the file was read");
}

/** The set of `name` and `type`, failing the test when there is none. */
export function setOf(zone: ZoneFile, name: string, type: string): RecordSet {
  const found = zone.sets.find((set) => set.name === name && set.type === type);
  expect(found, `${name} ${type} in ${zone.sets.map((s) => `${s.name} ${s.type}`).join(", ")}`).toBeDefined();
  return found as RecordSet;
}

/** The values of a set without their sources. */
export const valuesOf = (set: RecordSet) => set.values.map(({ source: _, ...value }) => value);

/** The sets in a form that compares across formats: no sources, values sorted. */
export const comparable = (zone: ZoneFile) =>
  zone.sets
    .map((set) => ({
      name: set.name,
      type: set.type,
      ttl: set.ttl,
      values: valuesOf(set)
        .map((value) => JSON.stringify([value.value, value.priority, value.weight, value.port]))
        .sort(),
    }))
    .sort((a, b) => `${a.name} ${a.type}`.localeCompare(`${b.name} ${b.type}`));

/** As `comparable`, each value in its canonical form (TLSA hex in lower case, …): the same zone however a writer spells it. */
export const canonicalSets = (zone: ZoneFile) =>
  comparable({ sets: zone.sets.map((set) => ({ ...set, values: set.values.map((value) => canonicalValue(set.type, value)) })) });
