// What `hostup dns plan|apply <file>` compares: the file (read and checked by @hostup/dns before any
// request: every problem in it reported at once), the zone it is for (--zone, else the file's $ORIGIN
// or name) and that zone as it is. @hostup/dns's refusals are the user's to fix: usage errors, exit 2.
import { readFileSync, statSync } from "node:fs";
import {
  type LiveZone,
  PlanRefusedError,
  readLiveZone,
  readZoneFile,
  sizeError,
  ZONE_FILE_FORMATS,
  type ZoneFile,
  ZoneFileError,
  type ZoneFileFormat,
  zoneFileFormat,
  zoneFromFileName,
  zoneName,
} from "@hostup/dns";
import type { HostupClient } from "@hostup/sdk";
import { UsageError } from "./config.js";
import { zoneIdOf } from "./dns-zone.js";

export const FORMATS = ZONE_FILE_FORMATS;

export function zoneFormat(value: string): ZoneFileFormat {
  const format = value.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(format)) return format as ZoneFileFormat;
  throw new UsageError(`Unknown zone file format ${JSON.stringify(value.slice(0, 20))}: pass yaml or bind.`);
}

/** A file, or a plan, that @hostup/dns refuses is a usage error (exit 2), its problems listed. */
export function asUsageError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw usageErrorOf(error);
  }
}

const usageErrorOf = (error: unknown) =>
  error instanceof ZoneFileError || error instanceof PlanRefusedError ? new UsageError(`${error.message}\nNothing was sent.`) : error;

/** Reads and checks a zone file; a file over the size limit is refused before it is read. */
export function readZoneFileAt(path: string, options: { origin?: string; format?: ZoneFileFormat }): ZoneFile {
  const format = options.format ?? zoneFileFormat(path);
  if (!format)
    throw new UsageError(
      `Cannot tell the format of ${path} from its name (.yaml, .yml, .zone, .db, .bind): pass --format yaml or --format bind.`,
    );
  let text: string;
  try {
    const { size } = statSync(path);
    // Refused before reading: a 50 MB file is not read into memory to be refused afterwards.
    const tooLarge = sizeError(size, { file: path });
    if (tooLarge) throw usageErrorOf(tooLarge);
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  return asUsageError(() => readZoneFile(text, { file: path, format, ...(options.origin !== undefined && { origin: options.origin }) }));
}

export interface SyncTarget {
  file: ZoneFile;
  live: LiveZone;
}

export async function loadTarget(
  hostup: HostupClient,
  path: string,
  options: { zone?: string; format?: ZoneFileFormat },
): Promise<SyncTarget> {
  const byId = options.zone?.startsWith("zone_");
  const named = options.zone && !byId ? zoneName(options.zone) : undefined;
  const fromName = zoneFromFileName(path);
  if (named && fromName && named !== zoneName(fromName)) {
    throw new UsageError(
      `${path} is for the zone ${fromName}, --zone says ${options.zone}: pass the file of that zone, or --zone ${fromName}.`,
    );
  }
  const file = readZoneFileAt(path, { ...(named !== undefined && { origin: named }), ...(options.format && { format: options.format }) });
  const fileZone = file.origin ?? zoneFromFileName(path);
  if (named && fileZone && named !== zoneName(fileZone)) {
    throw new UsageError(
      `${path} is for the zone ${fileZone}, --zone says ${options.zone}: pass the file of that zone, or --zone ${fileZone}.`,
    );
  }
  const zone = options.zone ?? fileZone;
  if (!zone)
    throw new UsageError(`Which zone is ${path} for? Its name does not say (example.com.yaml) and it has no $ORIGIN: pass --zone.`);
  const live = await readLiveZone(hostup, await zoneIdOf(hostup, zone));
  if (byId && fileZone && live.name !== zoneName(fileZone)) {
    throw new UsageError(`${path} is for the zone ${fileZone}, but ${options.zone} is ${live.name}. Nothing was sent.`);
  }
  return { file, live };
}
