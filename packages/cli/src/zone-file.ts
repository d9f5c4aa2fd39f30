// What `hostup dns plan|apply <file>` compares: the file (format from its name or --format, checked
// before any request), the zone it is for (--zone, else the file's $ORIGIN or name) and that zone as it is.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { HostupClient } from "@hostup/sdk";
import { UsageError } from "../config.js";
import { zoneIdOf } from "../dns-zone.js";
import { type ZoneFile, ZoneFileError } from "../zonefile/model.js";
import { parseBindZone, parseYamlZone, validateZone, zoneFromFileName } from "../zonefile/index.js";
import { type LiveZone, readLiveZone } from "./live.js";

export type ZoneFormat = "yaml" | "bind";
export const FORMATS: readonly ZoneFormat[] = ["yaml", "bind"];

export function zoneFormat(value: string): ZoneFormat {
  const format = value.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(format)) return format as ZoneFormat;
  throw new UsageError(`Unknown zone file format ${JSON.stringify(value)}: pass yaml or bind.`);
}

function formatOf(path: string): ZoneFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".zone" || ext === ".db" || ext === ".bind") return "bind";
  throw new UsageError(`Cannot tell the format of ${path} from its name (.yaml, .yml, .zone, .db): pass --format yaml or --format bind.`);
}

const plainZone = (name: string) => name.trim().toLowerCase().replace(/\.$/, "");

export interface SyncTarget {
  file: ZoneFile;
  live: LiveZone;
}

export async function loadTarget(hostup: HostupClient, path: string, options: { zone?: string; format?: ZoneFormat }): Promise<SyncTarget> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  const byId = options.zone?.startsWith("zone_");
  const named = options.zone && !byId ? plainZone(options.zone) : undefined;
  const format = options.format ?? formatOf(path);
  const file = asUsageError(() => {
    const parsed = format === "yaml" ? parseYamlZone(text, path) : parseBindZone(text, path, { origin: named ?? zoneFromFileName(path) });
    validateZone(parsed);
    return parsed;
  });

  const fileZone = file.origin ? plainZone(file.origin) : zoneFromFileName(path);
  if (named && fileZone && named !== fileZone) {
    throw new UsageError(`${path} is for the zone ${fileZone}, --zone says ${named}: pass the file of that zone, or --zone ${fileZone}.`);
  }
  const zone = options.zone ?? fileZone;
  if (!zone)
    throw new UsageError(`Which zone is ${path} for? Its name does not say (example.com.yaml) and it has no $ORIGIN: pass --zone.`);
  const live = await readLiveZone(hostup, await zoneIdOf(hostup, zone), named ?? fileZone ?? zone);
  if (byId && fileZone && live.name !== fileZone) {
    throw new UsageError(`${path} is for the zone ${fileZone}, but ${options.zone} is ${live.name}. Nothing was sent.`);
  }
  return { file, live };
}

/** A file that cannot be used is the user's to fix, like a bad argument: exit 2, its entry named (output.ts maps UsageError). */
export function asUsageError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ZoneFileError) throw new UsageError(error.message);
    throw error;
  }
}
