// What an ACME client hands its DNS-01 hook, turned into one TXT record to write or remove:
//
//   lego exec provider:       present|cleanup <fqdn> <value>              (`_acme-challenge.www.example.com.`)
//   lego, EXEC_MODE=RAW:      present|cleanup -- <domain> <token> <key_auth>
//   certbot --manual hooks:   no arguments; CERTBOT_DOMAIN and CERTBOT_VALIDATION in the environment
//
// A name given as an argument is the record's name itself, never a domain to prefix: lego passes the
// name it resolved (after following a CNAME of `_acme-challenge.…`, which need not start with it).
import { createHash } from "node:crypto";
import { UsageError } from "../config.js";

export interface Challenge {
  /** The TXT record's full name, lower case, without a trailing dot. */
  name: string;
  /** The DNS-01 value: base64url(SHA-256(key authorization)), 43 characters. */
  value: string;
  /** Where the name and value came from, for messages. */
  source: "arguments" | "lego RAW" | "certbot";
}

/** RFC 8555 §8.4: the TXT value is the unpadded base64url SHA-256 digest of the key authorization. */
export function dns01Value(keyAuthorization: string): string {
  return createHash("sha256").update(keyAuthorization, "utf8").digest("base64url");
}

const DNS01_VALUE = /^[A-Za-z0-9_-]{43}$/;
export const CHALLENGE_PREFIX = "_acme-challenge.";

/**
 * The record from the command's arguments (two, or lego RAW's three) or, with none, from certbot's
 * variables. Refuses (UsageError) anything else before a request is made.
 */
export function challengeFrom(args: ReadonlyArray<string>, env: NodeJS.ProcessEnv, command: string): Challenge {
  // Options the command does not know reach it as arguments (see allowUnknownOption in commands/acme.ts);
  // a name or domain never starts with `-`, a value may.
  if (args[0]?.startsWith("-")) throw new UsageError(`${command}: unknown option ${JSON.stringify(args[0])} (see --help).`);
  if (args.length > 3) {
    throw new UsageError(
      `${command} takes <name> <value>, lego RAW's -- <domain> <token> <key_auth>, or no arguments; got ${args.length}.`,
    );
  }
  if (args.length === 3) {
    const [domain, token, keyAuthorization] = args as [string, string, string];
    // The key authorization is `<token>.<account key thumbprint>`: anything else is not lego RAW's.
    if (!token || !keyAuthorization.startsWith(`${token}.`) || keyAuthorization.length === token.length + 1) {
      throw new UsageError(
        `${command} with three arguments takes lego's EXEC_MODE=RAW form: -- <domain> <token> <key_auth>, the key authorization being "<token>.<thumbprint>".`,
      );
    }
    return {
      name: recordName(CHALLENGE_PREFIX + domainName(domain, "the domain")),
      value: dns01Value(keyAuthorization),
      source: "lego RAW",
    };
  }
  if (env.EXEC_MODE === "RAW" && args.length > 0) {
    throw new UsageError(`EXEC_MODE=RAW is set, so lego passes three arguments after --: <domain> <token> <key_auth>; got ${args.length}.`);
  }
  if (args.length === 2) {
    return { name: recordName(args[0]!), value: checkedValue(args[1]!), source: "arguments" };
  }
  if (args.length === 1) {
    throw new UsageError(`${command} takes the record name and the value: ${command} _acme-challenge.www.example.com <value>.`);
  }
  const domain = env.CERTBOT_DOMAIN?.trim();
  const validation = env.CERTBOT_VALIDATION?.trim();
  if (!domain || !validation) {
    const missing = [!domain && "CERTBOT_DOMAIN", !validation && "CERTBOT_VALIDATION"].filter(Boolean).join(" and ");
    throw new UsageError(
      `${command} needs <name> <value> as arguments, or CERTBOT_DOMAIN and CERTBOT_VALIDATION in the environment ` +
        `(as certbot's --manual-auth-hook sets them); ${missing} ${missing.includes(" and ") ? "are" : "is"} not set.`,
    );
  }
  return { name: recordName(CHALLENGE_PREFIX + domainName(domain, "CERTBOT_DOMAIN")), value: checkedValue(validation), source: "certbot" };
}

/** A domain to put under `_acme-challenge.`: a wildcard's `*.` dropped (its challenge is the base name's). */
function domainName(domain: string, what: string): string {
  const name = domain.trim().replace(/\.$/, "").replace(/^\*\./, "");
  if (!name) throw new UsageError(`${what} is empty.`);
  return name;
}

/** A full DNS name, checked: at least two labels, none empty, no wildcard. */
function recordName(text: string): string {
  const name = text.trim().replace(/\.$/, "").toLowerCase();
  const labels = name.split(".");
  const valid = labels.length >= 2 && labels.every((label) => /^[^\s/\\@*]+$/.test(label) && label.length <= 63) && name.length <= 253;
  if (!valid || name.startsWith("-")) {
    const hint = name.includes("*") ? ": a wildcard's challenge is at _acme-challenge.<base name>" : "";
    throw new UsageError(`${JSON.stringify(text)} is not a full DNS record name such as _acme-challenge.www.example.com${hint}.`);
  }
  return name;
}

/** The value as the ACME server expects it; other text (a swapped argument, a mistyped option) is refused. */
function checkedValue(text: string): string {
  const value = text.trim();
  if (!DNS01_VALUE.test(value)) {
    throw new UsageError(
      `${JSON.stringify(value.slice(0, 60))} is not a DNS-01 value: it must be 43 base64url characters (RFC 8555 §8.4), as ACME clients pass it.`,
    );
  }
  return value;
}
