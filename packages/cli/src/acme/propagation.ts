// `--wait`: after the record is written, ask each of the zone's nameservers for it until all of them
// serve the value, as the ACME server's validation will. certbot has no such check of its own.
import { promises as dns } from "node:dns";
import { type Clock, realClock } from "../clock.js";
import { formatDuration } from "../duration.js";
import { codeOf, type Nameserver } from "./nameservers.js";

export interface WaitOptions {
  /** The TXT record's full name. */
  name: string;
  value: string;
  servers: ReadonlyArray<Nameserver>;
  timeoutMs: number;
  intervalMs: number;
  /** One line per round that is not the last. */
  progress: (line: string) => void;
  /** The time and the pauses between rounds (default: the real clock). */
  clock?: Clock;
}

/** The servers that did not serve the value by the deadline, each with what it answered last. */
export class PropagationTimeoutError extends Error {
  override name = "PropagationTimeoutError";
  constructor(
    message: string,
    readonly pending: ReadonlyArray<{ server: string; answer: string }>,
  ) {
    super(message);
  }
}

/** The longest one query may take: a server that does not answer is asked again next round. */
const QUERY_TIMEOUT_MS = 2_000;
/** The last round's queries get at least this long, even past the deadline: one that cannot be answered tells nothing. */
const MIN_QUERY_TIMEOUT_MS = 500;

/** Resolves once every server serves the value (with how long it took); throws PropagationTimeoutError at the deadline. */
export async function waitForTxt(options: WaitOptions): Promise<{ elapsedMs: number; rounds: number }> {
  const { clock = realClock } = options;
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  const pending = new Map(options.servers.map((server) => [server, "not asked"]));
  for (let round = 1; ; round++) {
    const queryTimeout = Math.min(QUERY_TIMEOUT_MS, Math.max(MIN_QUERY_TIMEOUT_MS, deadline - clock.now()));
    const answers = await Promise.all(
      [...pending.keys()].map(async (server) => [server, await ask(server, options, queryTimeout)] as const),
    );
    for (const [server, answer] of answers) {
      if (answer === undefined) pending.delete(server);
      else pending.set(server, answer);
    }
    const elapsedMs = clock.now() - started;
    if (pending.size === 0) return { elapsedMs, rounds: round };
    const waiting = [...pending].map(([server, answer]) => `${server.label}: ${answer}`).join("; ");
    const remainingMs = deadline - clock.now();
    if (remainingMs <= 0) {
      throw new PropagationTimeoutError(
        `TXT ${options.name} with the value ${JSON.stringify(options.value)} was not served by ${pending.size} of ` +
          `${options.servers.length} nameservers after ${formatDuration(elapsedMs)} (${waiting}). The record stays in the zone ` +
          "(the cleanup hook removes it). Raise --wait-timeout, or check that these are the zone's nameservers (--nameserver names others).",
        [...pending].map(([server, answer]) => ({ server: server.label, answer })),
      );
    }
    const served = options.servers.length - pending.size;
    options.progress(
      `waiting for TXT ${options.name}: ${served}/${options.servers.length} nameservers serve the value ` +
        `(${formatDuration(elapsedMs)} of ${formatDuration(options.timeoutMs)}; not yet: ${waiting})`,
    );
    // The last round is at the deadline, not an interval before it.
    await clock.sleep(Math.min(options.intervalMs, remainingMs));
  }
}

/** `undefined` when the server serves the value, else what it answered instead. */
async function ask(server: Nameserver, options: WaitOptions, timeoutMs: number): Promise<string | undefined> {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([server.server]);
  try {
    // A TXT record's value may come in several strings: joined, they are the text.
    const values = (await resolver.resolveTxt(options.name)).map((strings) => strings.join(""));
    if (values.includes(options.value)) return undefined;
    return values.length === 0 ? "no TXT record" : `${values.length} other TXT value${values.length === 1 ? "" : "s"}`;
  } catch (error) {
    const code = codeOf(error);
    if (code === "ENODATA" || code === "ENOTFOUND") return "no TXT record";
    if (code === "ETIMEOUT") return "no answer";
    return code;
  } finally {
    resolver.cancel();
  }
}
