// The servers `--wait` asks: the zone's authoritative nameservers (its NS records, each at one address),
// or the ones --nameserver names. Asking them, not a recursive resolver, sees a new record as soon as
// the zone serves it, with no negative answer cached on the way.
import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import { UsageError } from "../config.js";

export interface Nameserver {
  /** For messages: `ns1.hostup.se (192.0.2.1)`, `127.0.0.1:5353`. */
  label: string;
  /** For Resolver.setServers: `192.0.2.1:53`, `[2001:db8::1]:53`. */
  server: string;
}

/** The zone's nameservers could not be found, so there is nothing to wait on. */
export class NameserverLookupError extends Error {
  override name = "NameserverLookupError";
}

const DNS_PORT = 53;

/** What `resolveNs`/`resolve4`/`resolve6` come from: the system's resolver, or one a test points at its own server. */
export type NsResolver = Pick<typeof dns, "resolveNs" | "resolve4" | "resolve6">;

/** The NS names of `zone`, each at its first IPv4 address (IPv6 when it has none). */
export async function authoritativeNameservers(zone: string, resolver: NsResolver = dns, port = DNS_PORT): Promise<Nameserver[]> {
  let names: string[];
  try {
    names = [...new Set((await resolver.resolveNs(zone)).map((name) => name.toLowerCase().replace(/\.$/, "")))].sort();
  } catch (error) {
    throw new NameserverLookupError(
      `Could not look up the nameservers of ${zone} (${codeOf(error)}): pass the servers to ask with --nameserver <host[:port]>.`,
    );
  }
  if (names.length === 0) throw new NameserverLookupError(`${zone} has no NS records: pass the servers to ask with --nameserver.`);
  return Promise.all(
    names.map(async (name) => {
      const address = (await addresses(resolver, name))[0];
      if (!address) throw new NameserverLookupError(`The nameserver ${name} of ${zone} has no address: pass --nameserver.`);
      return { label: `${name} (${address})`, server: serverString(address, port) };
    }),
  );
}

async function addresses(resolver: NsResolver, name: string): Promise<string[]> {
  const v4 = await resolver.resolve4(name).catch(() => []);
  return v4.length > 0 ? v4 : resolver.resolve6(name).catch(() => []);
}

/** `--nameserver` values: an address or a host name, with an optional port (`[v6]:port` for IPv6). */
export function parseNameserver(text: string): { host: string; port: number } {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  const [host, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : isIP(trimmed) === 6
      ? [trimmed, undefined]
      : (trimmed.split(/:(?=[^:]*$)/) as [string, string | undefined]);
  const port = portText === undefined ? DNS_PORT : Number(portText);
  const hostOk = bracketed ? isIP(host) === 6 : isIP(host) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host);
  if (!hostOk || !Number.isInteger(port) || port < 1 || port > 65_535 || (portText !== undefined && !/^\d+$/.test(portText))) {
    throw new UsageError(`--nameserver ${JSON.stringify(text)} is not <address|host>[:port] (IPv6 with a port: [2001:db8::53]:5353).`);
  }
  return { host, port };
}

/** The --nameserver servers, host names looked up with the system's resolver. */
export async function givenNameservers(texts: ReadonlyArray<string>): Promise<Nameserver[]> {
  return Promise.all(
    texts.map(async (text) => {
      const { host, port } = parseNameserver(text);
      let address = host;
      if (isIP(host) === 0) {
        try {
          address = (await dns.lookup(host)).address;
        } catch (error) {
          throw new NameserverLookupError(`Could not look up the --nameserver ${host} (${codeOf(error)}).`);
        }
      }
      const shown = port === DNS_PORT ? host : `${host}:${port}`;
      return { label: address === host ? shown : `${shown} (${address})`, server: serverString(address, port) };
    }),
  );
}

const serverString = (address: string, port: number) => (isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`);

export const codeOf = (error: unknown) => String((error as { code?: unknown })?.code ?? (error as Error)?.message ?? error);
