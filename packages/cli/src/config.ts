// Where the CLI gets its API key, base URL and request timeout (and `hostup mcp` its bearer token):
// the environment first, then a config file that is the user's alone. The key and the token are
// never taken from the command line (they would show in `ps` and in shell history); the base URL
// and the timeout may be, and there they win.
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { GlobalOptions } from "./context.js";

export class UsageError extends Error {
  override name = "UsageError";
}

export interface Settings {
  apiKey: string;
  baseUrl: string | undefined;
  timeoutMs: number | undefined;
  /** The bearer token `hostup mcp --http` requires (HOSTUP_MCP_TOKEN, else the file's "mcpToken"); absent when neither has one. */
  mcpToken?: string;
}

interface ConfigFile {
  apiKey?: string;
  baseUrl?: string;
  timeout?: number;
  mcpToken?: string;
}

export function configPath(env: NodeJS.ProcessEnv): string {
  return env.HOSTUP_CONFIG || join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "hostup", "config.json");
}

/**
 * The settings from the global options, the environment and the config file, in that order. `uid`
 * is the user hostup runs as (tests pass another), whose config file must be theirs or root's.
 */
export function loadSettings(
  env: NodeJS.ProcessEnv,
  flags: Pick<GlobalOptions, "baseUrl" | "timeout">,
  uid = process.getuid?.(),
): Settings {
  const path = configPath(env);
  const file = readConfigFile(path, uid);
  const fromEnv = env.HOSTUP_API_KEY?.trim();
  const apiKey = fromEnv || file?.apiKey;
  if (!apiKey) {
    throw new UsageError(
      `No API key: set HOSTUP_API_KEY, or put {"apiKey": "…"} in ${path} (chmod 600). Create keys in the HostUp customer portal.`,
    );
  }
  refuseUnsendableKey(apiKey, fromEnv ? "HOSTUP_API_KEY" : `The apiKey in ${path}`);
  const mcpToken = env.HOSTUP_MCP_TOKEN?.trim() || file?.mcpToken;
  return {
    apiKey,
    baseUrl: flags.baseUrl ?? (env.HOSTUP_BASE_URL || file?.baseUrl),
    timeoutMs: requestTimeout(env, flags.timeout) ?? file?.timeout,
    ...(mcpToken && { mcpToken }),
  };
}

/** --timeout, else HOSTUP_TIMEOUT (for hooks that pass no flags: lego's exec provider, certbot's), checked as --timeout is. */
export function requestTimeout(env: NodeJS.ProcessEnv, flag: number | undefined): number | undefined {
  const value = env.HOSTUP_TIMEOUT;
  if (flag !== undefined || !value) return flag;
  const timeout = Number(value);
  if (!/^\d+$/.test(value.trim()) || !isMilliseconds(timeout)) throw new UsageError(`HOSTUP_TIMEOUT ${MILLISECONDS}`);
  return timeout;
}

const MILLISECONDS = "must be a whole number ≥ 1 (milliseconds, as --timeout).";
const isMilliseconds = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

function readConfigFile(path: string, uid: number | undefined): ConfigFile | undefined {
  let stats: { mode: number; uid: number };
  try {
    stats = statSync(path);
  } catch {
    return undefined; // no config file
  }
  refuseIfAnotherUsers(path, stats.uid, uid);
  refuseIfReadableByOthers(path, stats.mode);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new UsageError(`${path} is not valid JSON (expected {"apiKey": "…", "baseUrl": "…", "timeout": 30000}).`);
  }
  const { apiKey, baseUrl, timeout, mcpToken } = (parsed ?? {}) as Record<string, unknown>;
  if ((apiKey !== undefined && typeof apiKey !== "string") || (baseUrl !== undefined && typeof baseUrl !== "string")) {
    throw new UsageError(`${path}: "apiKey" and "baseUrl" must be strings.`);
  }
  if (mcpToken !== undefined && typeof mcpToken !== "string") throw new UsageError(`${path}: "mcpToken" must be a string.`);
  if (timeout !== undefined && !isMilliseconds(timeout)) throw new UsageError(`${path}: "timeout" ${MILLISECONDS}`);
  return { apiKey, baseUrl, timeout, mcpToken };
}

/**
 * A key that no HTTP header can carry (a zero-width space or an en dash pasted with it, a newline)
 * would fail as a network error after every retry; refused here, saying which character is wrong
 * and where, never quoting the key. Spaces and tabs could go in a header but not in a Bearer token.
 * `advice` says what such a secret should look like (an API key's, unless given).
 */
export function refuseUnsendableKey(
  apiKey: string,
  source: string,
  advice = "An API key is printable ASCII: copy it again from the HostUp customer portal.",
): void {
  const characters = [...apiKey];
  const at = characters.findIndex((character) => !/^[\x21-\x7e]$/.test(character));
  if (at === -1) return;
  const code = characters[at]!.codePointAt(0)!;
  const name = CHARACTER_NAMES.get(code) ?? (code < 0x20 || code === 0x7f ? "control character" : undefined);
  throw new UsageError(
    `${source} cannot be sent in an HTTP header: character ${at + 1} of ${characters.length} is ` +
      `U+${code.toString(16).toUpperCase().padStart(4, "0")}${name ? ` (${name})` : ""}. ${advice}`,
  );
}

/** What copying a key from a web page or a document tends to bring along. */
const CHARACTER_NAMES = new Map<number, string>([
  [0x09, "tab"],
  [0x0a, "line feed"],
  [0x0d, "carriage return"],
  [0x20, "space"],
  [0xa0, "no-break space"],
  [0xad, "soft hyphen"],
  [0x200b, "zero-width space"],
  [0x200c, "zero-width non-joiner"],
  [0x200d, "zero-width joiner"],
  [0x2010, "hyphen"],
  [0x2011, "non-breaking hyphen"],
  [0x2013, "en dash"],
  [0x2014, "em dash"],
  [0x2018, "left single quotation mark"],
  [0x2019, "right single quotation mark"],
  [0x201c, "left double quotation mark"],
  [0x201d, "right double quotation mark"],
  [0x2060, "word joiner"],
  [0x2212, "minus sign"],
  [0xfeff, "byte order mark"],
]);

/**
 * A file holding a secret must be the user's or root's, as ssh requires of its own: its owner can
 * read and rewrite it whatever its mode (a config file's baseUrl would get HOSTUP_API_KEY). `uid`
 * is the user hostup runs as; without user IDs (Windows) there is nothing to check.
 */
export function refuseIfAnotherUsers(path: string, owner: number, uid: number | undefined): void {
  if (uid !== undefined && owner !== uid && owner !== 0) {
    throw new UsageError(
      `Refusing to read ${path}: it belongs to another user (uid ${owner}), who can read and change it whatever its mode. ` +
        `It must be yours (uid ${uid}) or root's: use a file of your own.`,
    );
  }
}

/**
 * A file holding a secret (the config file, a DynDNS token file, an API key file) must be its owner's
 * alone. `fix` says how to make it so, when `chmod 600` is not the way (a Kubernetes Secret volume).
 */
export function refuseIfReadableByOthers(path: string, mode: number, fix = `Run: chmod 600 ${path}`): void {
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new UsageError(`Refusing to read ${path}: it is readable by others (mode ${(mode & 0o777).toString(8)}). ${fix}`);
  }
}
