// Finding this machine's current address for `--ip-from <url>` (a service that answers with the
// caller's address as text, like ifconfig.co or api.ipify.org) and `--ip-from-interface <name>`.
// The record type (`--type A|AAAA`) says which family is wanted; without it, an interface gives
// its IPv4 address and a service whatever family it was reached over.
import { isIP } from "node:net";
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

export type RecordType = "A" | "AAAA";

/** The address could not be found (the service is down, the interface has none): retried with backoff in --watch. */
export class AddressLookupError extends Error {
  override name = "AddressLookupError";
}

export type AddressSource = (signal: AbortSignal) => Promise<string>;

export interface LookupSettings {
  ipFrom?: string;
  ipFromInterface?: string;
  type?: RecordType;
  timeoutMs: number;
  userAgent: string;
}

/** How this run finds its address, or `undefined` when it has no source (one-shot mode then lets the API use the request's address). */
export function addressSource(settings: LookupSettings): AddressSource | undefined {
  const { ipFrom, ipFromInterface, type } = settings;
  if (ipFrom !== undefined) return (signal) => askService(ipFrom, type, settings, signal);
  if (ipFromInterface !== undefined) return async () => pickInterfaceAddress(networkInterfaces(), ipFromInterface, type);
  return undefined;
}

/** The service's origin only: a path or query might hold a key of that service. */
export const describeService = (url: string) => new URL(url).origin;

/**
 * The most of a service's answer that is read. An address is at most 45 characters; the rest leaves
 * room for a line break or a short line around it. A longer answer is no address, and an endless one
 * would otherwise grow the updater's memory until the timeout.
 */
export const MAX_ADDRESS_ANSWER_BYTES = 512;

const TIMED_OUT = Symbol("timed out");

async function askService(url: string, type: RecordType | undefined, settings: LookupSettings, signal: AbortSignal): Promise<string> {
  const where = describeService(url);
  // A timer of its own, kept until the lookup ends, rather than AbortSignal.timeout combined with the
  // caller's signal by AbortSignal.any: on Node 20 such a combined signal loses its timeout in a
  // garbage collection (nodejs/node#57736), and a service that never answered stalled the updater.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), settings.timeoutMs);
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener("abort", forward, { once: true });
  let text: string | undefined;
  try {
    const response = await fetch(url, {
      headers: { accept: "text/plain", "user-agent": settings.userAgent },
      signal: controller.signal,
    });
    if (!response.ok) {
      controller.abort(); // its body is not needed
      throw new AddressLookupError(`${where} answered HTTP ${response.status}, not an address.`);
    }
    text = await readCapped(response, MAX_ADDRESS_ANSWER_BYTES);
    if (text === undefined) {
      controller.abort(); // hangs up: the rest is not read
      throw new AddressLookupError(`${where} answered with more than ${MAX_ADDRESS_ANSWER_BYTES} bytes, which is no address.`);
    }
  } catch (error) {
    if (signal.aborted || error instanceof AddressLookupError) throw error;
    const timedOut = controller.signal.reason === TIMED_OUT;
    const reason = timedOut ? `no answer within ${settings.timeoutMs} ms` : String((error as Error).cause ?? (error as Error).message);
    throw new AddressLookupError(`Could not ask ${where} for this machine's address: ${reason}.`);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", forward);
  }
  const address = text.trim();
  const family = familyOf(address);
  // Length only: an error page is no address, and quoting it would fill the log.
  if (family === undefined) throw new AddressLookupError(`${where} did not answer with an IP address (${text.length} characters).`);
  if (type !== undefined && family !== type) {
    throw new AddressLookupError(
      `${where} answered with an ${family === "A" ? "IPv4" : "IPv6"} address, and --type is ${type}: ` +
        `use a service reached over ${type === "A" ? "IPv4" : "IPv6"} only.`,
    );
  }
  return address;
}

/** The body as text, or `undefined` when it is longer than `max` bytes (announced so, or found so reading it). */
async function readCapped(response: Response, max: number): Promise<string | undefined> {
  if (Number(response.headers.get("content-length")) > max) return undefined;
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of response.body ?? []) {
    size += part.length;
    if (size > max) return undefined;
    parts.push(part);
  }
  return new TextDecoder().decode(Buffer.concat(parts)); // as response.text() decodes: a byte order mark dropped
}

/** The record type an address belongs in, or `undefined` when it is no plain address (a zone suffix, brackets). */
export function familyOf(address: string): RecordType | undefined {
  if (address.includes("%")) return undefined;
  const version = isIP(address);
  return version === 4 ? "A" : version === 6 ? "AAAA" : undefined;
}

/**
 * The interface's first address of the wanted family that can be reached from elsewhere: loopback,
 * link-local (169.254/16, fe80::/10) and unique-local IPv6 (fc00::/7) addresses are skipped.
 */
export function pickInterfaceAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, name: string, type: RecordType | undefined): string {
  const entries = interfaces[name];
  if (entries === undefined) {
    const known = Object.keys(interfaces).join(", ") || "none";
    throw new AddressLookupError(`There is no network interface named ${name} (there are: ${known}).`);
  }
  const wanted = type ?? "A";
  const usable = entries.filter((entry) => !entry.internal && !isLocalOnly(entry.address) && familyOf(entry.address) !== undefined);
  const match = usable.find((entry) => familyOf(entry.address) === wanted);
  if (match) return match.address;
  const other = usable.length > 0 && type === undefined ? " (it has an IPv6 address: pass --type AAAA for that)" : "";
  throw new AddressLookupError(`The network interface ${name} has no usable ${wanted === "A" ? "IPv4" : "IPv6"} address${other}.`);
}

function isLocalOnly(address: string): boolean {
  const lower = address.toLowerCase();
  return address.startsWith("169.254.") || /^fe[89ab]/.test(lower) || /^f[cd]/.test(lower);
}
