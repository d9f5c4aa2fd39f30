// What the commands that serve HTTP (`hostup mcp --http`, `hostup external-dns`) share: a listen address
// as given on the command line, why a server could not listen there (a usage error, exit 2), and the
// wait for SIGINT or SIGTERM that stops them.
import { UsageError } from "./config.js";
import type { Io } from "./output.js";

export interface ListenAddress {
  host: string;
  port: number;
  /** As given back in messages: host:port, an IPv6 address in brackets. */
  shown: string;
}

/** `host:port`, `[v6]:port`, `host` or `port` (the rest from `defaults`); `flag` names the option in messages. */
export function parseListenAddress(value: string | undefined, flag: string, defaults: { host: string; port: number }): ListenAddress {
  const given = (value ?? "").trim();
  let host = defaults.host;
  let port = String(defaults.port);
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(given);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2] || port;
  } else if (/^\d+$/.test(given)) {
    port = given;
  } else if ((given.match(/:/g) ?? []).length > 1) {
    throw new UsageError(`${flag} ${given}: write an IPv6 address in brackets, e.g. [::1]:${defaults.port}.`);
  } else if (given !== "") {
    const [name, number] = given.split(":");
    host = name || host;
    port = number ?? port;
  }
  const portNumber = Number(port);
  if (!/^\d+$/.test(port) || portNumber > 65535) {
    throw new UsageError(
      `${flag} ${given}: the port must be a whole number from 0 to 65535 (0: any free port), as in ${defaults.host}:${defaults.port}.`,
    );
  }
  return { host, port: portNumber, shown: `${host.includes(":") ? `[${host}]` : host}:${portNumber}` };
}

/**
 * Why a server could not listen on `shown`, as a usage error, or undefined for anything else. `flag` is
 * the option that chooses another address; `other` names what may hold the port already.
 */
export function listenError(error: unknown, shown: string, flag: string, other: string): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why: Record<string, string> = {
    EADDRINUSE: `the port is in use (${other}?): choose another with ${flag}`,
    EACCES: `permission denied (ports below 1024 need privileges): choose another with ${flag}`,
    EADDRNOTAVAIL: "this machine has no such address",
    ENOTFOUND: "no such host",
    EAI_AGAIN: "no such host (the name could not be resolved)",
  };
  return code && why[code] ? new UsageError(`Cannot listen on ${shown}: ${why[code]} (${code}).`) : undefined;
}

/** Resolves to the name of the first SIGINT or SIGTERM; the handlers are removed then. */
export function interrupted(io: Io): Promise<string> {
  return new Promise((resolve) => {
    const remove = io.onInterrupt?.((signal) => {
      remove?.();
      resolve(signal);
    });
  });
}
