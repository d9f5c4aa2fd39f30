// Where the CLI gets its API key and base URL: the environment first, then a config file that
// only its owner may read. The key is never taken from the command line (it would show in `ps`
// and in shell history).
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export class UsageError extends Error {
  override name = "UsageError";
}

export interface Settings {
  apiKey: string;
  baseUrl: string | undefined;
}

export function configPath(env: NodeJS.ProcessEnv): string {
  return env.HOSTUP_CONFIG || join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "hostup", "config.json");
}

export function loadSettings(env: NodeJS.ProcessEnv, baseUrlFlag: string | undefined): Settings {
  const file = readConfigFile(configPath(env));
  const apiKey = env.HOSTUP_API_KEY?.trim() || file?.apiKey;
  if (!apiKey) {
    throw new UsageError(
      `No API key: set HOSTUP_API_KEY, or put {"apiKey": "…"} in ${configPath(env)} (chmod 600). ` +
        "Create keys in the HostUp customer portal.",
    );
  }
  return { apiKey, baseUrl: baseUrlFlag ?? (env.HOSTUP_BASE_URL || file?.baseUrl) };
}

function readConfigFile(path: string): { apiKey?: string; baseUrl?: string } | undefined {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return undefined; // no config file
  }
  refuseIfReadableByOthers(path, mode);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new UsageError(`${path} is not valid JSON (expected {"apiKey": "…", "baseUrl": "…"}).`);
  }
  const { apiKey, baseUrl } = (parsed ?? {}) as Record<string, unknown>;
  if ((apiKey !== undefined && typeof apiKey !== "string") || (baseUrl !== undefined && typeof baseUrl !== "string")) {
    throw new UsageError(`${path}: "apiKey" and "baseUrl" must be strings.`);
  }
  return { apiKey, baseUrl };
}

/** A file holding a secret (the config file, a DynDNS token file) must be its owner's alone. */
export function refuseIfReadableByOthers(path: string, mode: number): void {
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new UsageError(`Refusing to read ${path}: it is readable by others (mode ${(mode & 0o777).toString(8)}). Run: chmod 600 ${path}`);
  }
}
