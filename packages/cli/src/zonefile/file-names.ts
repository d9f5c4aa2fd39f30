// What a zone file's name says: its format (by extension) and, as octoDNS names them, the zone.
import { basename } from "node:path";

export type ZoneFileFormat = "yaml" | "bind";

const FORMATS: ReadonlyArray<[RegExp, ZoneFileFormat]> = [
  [/\.ya?ml$/i, "yaml"],
  [/\.(?:zone|bind|db)$/i, "bind"],
];

/** `.yaml`/`.yml` → YAML (octoDNS), `.zone`/`.bind`/`.db` → BIND; undefined for any other name. */
export function zoneFileFormat(path: string): ZoneFileFormat | undefined {
  return FORMATS.find(([pattern]) => pattern.test(path))?.[1];
}

/** The zone a file is named after: `example.com.yaml`, `example.com.yml`, `example.com.zone` → `example.com`. */
export function zoneFromFileName(path: string): string | undefined {
  const name = basename(path);
  const match = /^(.+?)\.(?:ya?ml|zone|bind|db)$/i.exec(name);
  // A name without a dot (`zone.yaml`) is not a domain.
  const zone = match?.[1];
  if (!zone?.includes(".")) return undefined;
  return zone.replace(/\.$/, "").toLowerCase();
}
