// What a zone file's name says: its format (by extension) and, as octoDNS names them, the zone.

export type ZoneFileFormat = "yaml" | "bind";
export const ZONE_FILE_FORMATS: readonly ZoneFileFormat[] = ["yaml", "bind"];

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
  const name = path.split(/[\\/]/).pop() ?? "";
  const zone = /^(.+?)\.(?:ya?ml|zone|bind|db)$/i.exec(name)?.[1];
  // A name without a dot (`zone.yaml`) is not a domain.
  if (!zone?.includes(".")) return undefined;
  return zone.replace(/\.$/, "").toLowerCase();
}
