// A secret read from a file named on the command line (`dyndns update --token-file`, `external-dns
// --api-key-file`): the file must be the user's or root's and readable by no one else, as the config
// file must. Two places where a group read bit is no one else's are forgiven: a systemd credential
// and a Kubernetes Secret volume. No message quotes the secret or any part of the file.
import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { refuseIfAnotherUsers, refuseIfReadableByOthers, UsageError } from "./config.js";

/**
 * The text of the secret file `path`, as it is (the caller trims it). `what` names it in messages
 * ("token file"); `uid` is the user hostup runs as (tests pass another).
 */
export function readSecretFile(path: string, what: string, env: NodeJS.ProcessEnv, uid: number | undefined): string {
  let mode: number;
  let owner: number;
  try {
    ({ mode, uid: owner } = statSync(path));
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`);
  }
  // Root's files pass: systemd's credentials and Kubernetes' Secret volumes are root's.
  refuseIfAnotherUsers(path, owner, uid);
  const groupOnly = (mode & 0o037) === 0;
  const kubernetes = isKubernetesVolumeFile(path);
  // Only group read is forgiven, so a refusal still reports the file's real mode.
  const forgiven = groupOnly && (kubernetes || isSystemdCredential(path, env));
  refuseIfReadableByOthers(
    path,
    forgiven ? mode & ~0o040 : mode,
    kubernetes ? "Give the Secret's volume defaultMode: 0400 (the pod's fsGroup may add group read; that is allowed)." : undefined,
  );
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`);
  }
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

/**
 * Is `path` a key of a Kubernetes Secret (or other projected) volume? The kubelet writes each key as a
 * link `<key> → ..data/<key>`, and `..data` as a link to the current `..<timestamp>` folder, so that
 * an update swaps every key at once. With the pod's `fsGroup` set (the ExternalDNS chart sets 65534)
 * it makes the files that group's and adds group read to `defaultMode` (0400 becomes 0440): the group
 * is the pod's own, and the volume is seen only by the containers that mount it. So, there only, a
 * group read bit is forgiven; others' bits (the default defaultMode, 0644) still are not.
 */
function isKubernetesVolumeFile(path: string): boolean {
  try {
    const folder = dirname(path);
    const data = join(folder, "..data");
    if (!lstatSync(path).isSymbolicLink() || readlinkSync(path) !== join("..data", basename(path))) return false;
    if (!lstatSync(data).isSymbolicLink() || !readlinkSync(data).startsWith("..")) return false;
    return dirname(realpathSync(path)) === realpathSync(data);
  } catch {
    return false;
  }
}
