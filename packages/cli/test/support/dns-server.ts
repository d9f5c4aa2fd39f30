// A DNS server on 127.0.0.1 (UDP, a random port) for the `--wait` tests: packets encoded and decoded by
// dns-packet, answers decided by the test. `zoneTxt` answers TXT questions from the zone server's state,
// so what `present` wrote is what the nameserver serves, after a delay counted in queries:
//
//   const dns = await dnsServer(zoneTxt(api, "example.com", { hiddenFor: 2 }));
//   await hostup(["acme", "present", "--wait", "--nameserver", dns.server, …]);
//   dns.questions;   // [{ name: "_acme-challenge.www.example.com", type: "TXT" }, …]
//   await dns.close();
import { createSocket } from "node:dgram";
import { type Answer, decode, encode, RECURSION_DESIRED } from "dns-packet";
import type { ZoneServer } from "@hostup/mock";

export interface DnsQuestion {
  /** Lower case, no trailing dot. */
  name: string;
  type: string;
}

/** The answer records, `"nxdomain"` (the name does not exist) or `"ignore"` (no answer at all: the client times out). */
export type Responder = (question: DnsQuestion) => Answer[] | "nxdomain" | "ignore";

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, as --nameserver and Resolver.setServers take it. */
  server: string;
  port: number;
  /** Every question, in arrival order. */
  readonly questions: ReadonlyArray<DnsQuestion>;
  close(): Promise<void>;
}

const NXDOMAIN = 3;
const AUTHORITATIVE = 1 << 10;

export async function dnsServer(respond: Responder): Promise<TestDnsServer> {
  const socket = createSocket("udp4");
  const questions: DnsQuestion[] = [];
  socket.on("message", (message, peer) => {
    let query: ReturnType<typeof decode>;
    try {
      query = decode(message);
    } catch {
      return; // not a DNS packet: nothing to answer
    }
    const asked = query.questions?.[0];
    if (!asked) return;
    const question = { name: asked.name.toLowerCase().replace(/\.$/, ""), type: asked.type };
    questions.push(question);
    const answer = respond(question);
    if (answer === "ignore") return;
    const flags = AUTHORITATIVE | ((query.flags ?? 0) & RECURSION_DESIRED) | (answer === "nxdomain" ? NXDOMAIN : 0);
    const reply = encode({
      type: "response",
      id: query.id,
      flags,
      questions: [asked],
      answers: answer === "nxdomain" ? [] : answer,
    });
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  const { port } = socket.address();
  return {
    server: `127.0.0.1:${port}`,
    port,
    questions,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * Answers TXT questions for names in `zone` with the zone server's TXT records of that name (what
 * `api.records` lists), each of the first `hiddenFor` such questions with none, as a nameserver does
 * before the change reaches it. Other questions: no records.
 */
export function zoneTxt(api: ZoneServer, zone: string, options: { hiddenFor?: number } = {}): Responder {
  let asked = 0;
  return (question) => {
    if (question.type !== "TXT" || !(question.name === zone || question.name.endsWith(`.${zone}`))) return [];
    asked++;
    if (asked <= (options.hiddenFor ?? 0)) return [];
    return api.records(zone, { type: "TXT", name: question.name }).map((record) => ({
      type: "TXT" as const,
      name: question.name,
      ttl: record.ttl,
      class: "IN" as const,
      data: txtStrings(record.value),
    }));
  };
}

/** The API's TXT value (`"abc"`, long ones `"…" "…"`) as the strings of one TXT record. */
function txtStrings(value: string): string[] {
  const strings = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!.replace(/\\(.)/g, "$1"));
  return strings.length > 0 ? strings : [value];
}
