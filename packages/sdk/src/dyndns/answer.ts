// Reading a DynDNS2 answer: `good <ip>` and `nochg <ip>` are successes, a known word is a refusal
// (HostupDynDnsError), and anything else is an answer the SDK cannot vouch for.
import { HostupError } from "../errors.js";
import { isIpAddress } from "./input.js";

/** The refusals of the DynDNS2 convention that HostUp's update answers with. */
export type DynDnsFailureCode = "badauth" | "notfqdn" | "nohost" | "abuse" | "badagent" | "dnserr" | "911";

/** What each refusal means and what to do about it: the message of its HostupDynDnsError. */
const MEANINGS: Record<DynDnsFailureCode, string> = {
  badauth:
    "the token was refused. Check that it is this hostname's token (createDynDnsConfig returns it once, when the " +
    "configuration is created) and that the configuration is enabled; retrying with the same token will not help.",
  notfqdn: "the hostname is not a fully qualified name. Pass the whole configured name, e.g. home.example.com.",
  nohost: "the hostname is not configured for this token. Check the domain's configurations (listDynDnsConfigs) for the exact name.",
  abuse:
    "the hostname is blocked for sending too many updates. Do not retry soon: every attempt prolongs the block. " +
    "Update only when the address changes.",
  badagent:
    "the client was refused (its User-Agent or the form of the request). Name your script with the `userAgent` option; do not retry unchanged.",
  dnserr: "HostUp had a DNS error applying the update (a server-side problem). Retry later, with backoff.",
  "911": "HostUp had a server-side problem. Retry later, with backoff (minutes, not seconds).",
};

const isFailureCode = (word: string): word is DynDnsFailureCode => Object.hasOwn(MEANINGS, word);

/**
 * The DynDNS update was refused: `code` is the DynDNS2 answer (`badauth`, `abuse`, …), the message
 * says what it means and what to do. Never retried by the SDK. Holds no token, hostname or body.
 */
export class HostupDynDnsError extends HostupError {
  override name = "HostupDynDnsError";
  declare readonly code: DynDnsFailureCode;
  /** The HTTP status of the answer (DynDNS2 answers with 200, refusals included). */
  declare readonly status: number;
  /** `X-Request-Id`, when the answer had one: quote it to HostUp support. */
  declare readonly requestId: string | undefined;
  declare readonly operationId: "updateDynDns";

  constructor(code: DynDnsFailureCode, status: number, requestId: string | undefined) {
    super(`updateDynDns: the update was refused with "${code}": ${MEANINGS[code]}`);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.operationId = "updateDynDns";
  }

  override toJSON() {
    return { ...super.toJSON(), code: this.code, status: this.status, requestId: this.requestId, operationId: this.operationId };
  }
}

export interface DynDnsUpdateResult {
  /** `good`: the record now has `ip`; `nochg`: it already had it. */
  status: "good" | "nochg";
  /** The address the record points at, as the answer gave it. */
  ip: string;
}

export type Answer =
  | { kind: "success"; result: DynDnsUpdateResult }
  | { kind: "refusal"; code: DynDnsFailureCode }
  /** Not a DynDNS2 answer: `what` says how, for HostupUnexpectedResponseError. */
  | { kind: "unusable"; what: string };

/**
 * What the answer says. A refusal counts whatever the status (the spec models them as 200, but
 * says to read the body, not the status); a success only with 200 and a plain-text body.
 */
export function readAnswer(response: Response, text: string, token: string): Answer | undefined {
  const type = response.headers.get("content-type") ?? "";
  // Servers that answer DynDNS2 sometimes send no content type; the grammar below still has to match.
  const plain = type === "" || /^text\/plain\b/i.test(type);
  const line = text.trim();
  const words = line.split(/\s+/);
  const first = words[0]!;
  if (plain && isFailureCode(first)) return { kind: "refusal", code: first };
  if (response.status !== 200) return response.ok ? { kind: "unusable", what: "is not the documented 200 DynDNS2 answer" } : undefined;
  if (!plain) return { kind: "unusable", what: `is ${type}, not the DynDNS2 plain-text answer` };
  if ((first === "good" || first === "nochg") && words.length === 2 && isIpAddress(words[1]!)) {
    return { kind: "success", result: { status: first, ip: words[1]! } };
  }
  if (first === "good" || first === "nochg") return { kind: "unusable", what: `is "${first}" without exactly one IP address after it` };
  return { kind: "unusable", what: `is not a DynDNS2 answer the SDK knows (${unknownAnswer(line, first, token)})` };
}

/**
 * How an unknown answer began: its first word when that is a short plain word (a new DynDNS2 code,
 * say) and no part of the token, else only its length. Never the rest, which might echo the request.
 */
function unknownAnswer(line: string, first: string, token: string): string {
  if (line === "") return "an empty body";
  const quotable = /^[a-z0-9]{1,12}$/i.test(first) && !token.includes(first) && !first.includes(token);
  const tail = "; the update may or may not have been applied: listDynDnsLogs shows what HostUp recorded";
  return quotable ? `it begins with "${first}"${tail}` : `${line.length} characters${tail}`;
}
