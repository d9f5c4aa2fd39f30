// Where `hostup dyndns update` gets its DynDNS token: HOSTUP_DYNDNS_TOKEN or a file only its owner
// can read (a systemd credential, a router's config partition). Never the command line, where `ps`
// and shell history would show it. No message quotes the token or any part of the file.
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { refuseIfAnotherUsers, refuseIfReadableByOthers, UsageError } from "../config.js";

export const TOKEN_ENV = "HOSTUP_DYNDNS_TOKEN";

const WHERE = `set ${TOKEN_ENV}, or pass --token-file <path> (a file only you can read: chmod 600)`;

/**
 * The token from `--token-file` when given (a flag beats the environment, as --base-url does), else
 * from the environment. `uid` is the user hostup runs as (tests pass another): the file must be theirs or root's.
 */
export function readDynDnsToken(env: NodeJS.ProcessEnv, tokenFile: string | undefined, uid = process.getuid?.()): string {
  if (tokenFile !== undefined) return readTokenFile(tokenFile, env, uid);
  const token = env[TOKEN_ENV]?.trim();
  if (!token) throw new UsageError(`No DynDNS token: ${WHERE}. \`hostup dyndns create\` prints it once, with --show-token.`);
  return token;
}

/** Why `--token` is refused, for the hidden option that catches it. */
export const TOKEN_FLAG_REFUSED = `--token is not accepted: a token on the command line can be read by other users (ps) and stays in shell history. Instead, ${WHERE}.`;

function readTokenFile(path: string, env: NodeJS.ProcessEnv, uid: number | undefined): string {
  let mode: number;
  let owner: number;
  try {
    ({ mode, uid: owner } = statSync(path));
  } catch (error) {
    throw new UsageError(`Cannot read the token file ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`);
  }
  // Root's files pass: systemd's credentials are root's, readable by the service through an ACL.
  refuseIfAnotherUsers(path, owner, uid);
  // Only group read is forgiven, so a refusal still reports the file's real mode.
  const aclMaskOnly = (mode & 0o037) === 0 && isSystemdCredential(path, env);
  refuseIfReadableByOthers(path, aclMaskOnly ? mode & ~0o040 : mode);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read the token file ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`);
  }
  // `echo token > file` and editors add one newline; anything else inside is the SDK's to refuse.
  const token = text.replace(/\r?\n$/, "");
  if (token === "") throw new UsageError(`The token file ${path} is empty.`);
  return token;
}

/**
 * Is `path` a credential systemd loaded for this service (LoadCredential=)? For a service that does
 * not run as root, systemd writes it 0400 and grants the service's user read access with an ACL,
 * whose mask `stat` shows in the group bits (0440) although no group can read it. So, there only,
 * a group read bit is not taken for "readable by others"; the other bits still are. The directory
 * is private to the unit and mounted read-only; a link out of it does not count.
 */
function isSystemdCredential(path: string, env: NodeJS.ProcessEnv): boolean {
  const directory = env.CREDENTIALS_DIRECTORY;
  if (!directory) return false;
  try {
    return dirname(realpathSync(path)) === realpathSync(directory);
  } catch {
    return false;
  }
}
