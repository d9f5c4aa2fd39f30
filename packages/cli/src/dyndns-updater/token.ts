// Where `hostup dyndns update` gets its DynDNS token: HOSTUP_DYNDNS_TOKEN or a file only its owner
// can read (a systemd credential, a router's config partition). Never the command line, where `ps`
// and shell history would show it. No message quotes the token or any part of the file.
import { UsageError } from "../config.js";
import { readSecretFile } from "../secret-file.js";

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
  // `echo token > file` and editors add one newline; anything else inside is the SDK's to refuse.
  const token = readSecretFile(path, "token file", env, uid).replace(/\r?\n$/, "");
  if (token === "") throw new UsageError(`The token file ${path} is empty.`);
  return token;
}
