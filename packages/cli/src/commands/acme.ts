// `hostup acme present|cleanup` (certbot's manual hooks) and `hostup present|cleanup` (lego's exec
// provider, which runs `$EXEC_PATH present|cleanup …`): the DNS-01 TXT record, written exactly once in
// the account's zone with the longest suffix of its name, and removed by value only.
import type { Command } from "commander";
import type { DnsRecord, DnsZoneSummary } from "@hostup/sdk";
import { UsageError } from "../config.js";
import { type CommandContext, wholeNumber } from "../context.js";
import { formatDuration, parseDuration } from "../duration.js";
import { EXIT } from "../exit-codes.js";
import { eprintln, json } from "../output.js";
import { CHALLENGE_PREFIX, type Challenge, challengeFrom } from "../acme/hook-input.js";
import { authoritativeNameservers, givenNameservers, NameserverLookupError, parseNameserver } from "../acme/nameservers.js";
import { PropagationTimeoutError, waitForTxt } from "../acme/propagation.js";
import { zoneFor } from "../dns-zone.js";

/** Short, so that a stale challenge does not linger in resolvers; the lowest TTL HostUp's API clients send. */
export const DEFAULT_TTL = 60;
const DEFAULT_WAIT_TIMEOUT = "5m";
const DEFAULT_WAIT_INTERVAL = "2s";

const ARGUMENTS = "<name> <value> (lego), -- <domain> <token> <key_auth> (lego EXEC_MODE=RAW), or none (certbot's variables)";

const HELP = `
<name> is the TXT record's full name, a trailing dot accepted (_acme-challenge.www.example.com.), taken as
it is: lego passes _acme-challenge.<domain> or the target its CNAME points to. <value> is the DNS-01 value
(43 base64url characters). lego's EXEC_MODE=RAW passes -- <domain> <token> <key_auth> instead: the record is
_acme-challenge.<domain>, the value base64url(SHA-256(key_auth)). With no arguments, certbot's CERTBOT_DOMAIN
and CERTBOT_VALIDATION are read: the record is _acme-challenge.$CERTBOT_DOMAIN (a wildcard's *. dropped).

The zone is the account's zone with the longest suffix of the name (www.example.com before example.com).
present adds the record unless that value is already there (exactly once, also after a timeout); cleanup
deletes the TXT records of that name with that value and no other (exit 0 when there is none). Both print
one line on stdout (JSON with --json), problems on stderr.

present --wait asks the zone's authoritative nameservers (its NS records; --nameserver to name others)
every --wait-interval until all of them serve the value, printing one line per round on stderr (--quiet:
none), for certbot, which does not check; lego checks by itself.

Exit codes: 0 ok, 2 usage error (nothing written; the zone may have been looked up), 3 API error,
4 network error or timeout, also when --wait's nameservers do not serve the value in time (the record
stays: the cleanup hook removes it).`;

interface PresentOptions {
  ttl: number;
  wait?: boolean;
  waitTimeout?: string;
  waitInterval?: string;
  nameserver?: string[];
  quiet?: boolean;
}

export function addAcmeCommands(program: Command, ctx: CommandContext): void {
  const acme = program
    .command("acme")
    .description("DNS-01 challenge hooks for certbot's manual mode (lego: hostup present/cleanup)")
    .addHelpText("after", HELP);
  addHooks(acme, ctx, "acme ", "");
  // lego's exec provider runs the program with the action as its first argument.
  addHooks(program, ctx, "", ", for lego's exec provider (as acme present/cleanup)");
}

function addHooks(parent: Command, ctx: CommandContext, prefix: string, note: string): void {
  parent
    .command("present")
    .description(`add the DNS-01 TXT record unless it is there${note}`)
    .argument("[arguments...]", ARGUMENTS)
    .option("--ttl <seconds>", "time to live", wholeNumber("--ttl", 1, 2 ** 31 - 1), DEFAULT_TTL)
    .option("--wait", "then wait until the zone's nameservers serve the value")
    .option("--wait-timeout <duration>", `with --wait: give up after this long, e.g. 90s, 5m (default ${DEFAULT_WAIT_TIMEOUT})`)
    .option("--wait-interval <duration>", `with --wait: ask again this often (default ${DEFAULT_WAIT_INTERVAL})`)
    .option("--nameserver <host[:port]>", "with --wait: ask this server instead of the zone's NS (repeatable)", collect)
    .option("--quiet", "with --wait: no progress lines on stderr")
    // A DNS-01 value may start with `-`: lego passes it without `--`, so it must not be taken for an option.
    .allowUnknownOption()
    .addHelpText("after", HELP)
    .action(async (args: string[], options: PresentOptions) => {
      const challenge = challengeFrom(args, ctx.io.env, `hostup ${prefix}present`);
      const wait = waitSettings(options);
      const { hostup, asJson } = ctx.connect();
      const { zone, recordName } = await zoneFor(hostup, challenge.name);
      if (challenge.source === "arguments" && !challenge.name.startsWith(CHALLENGE_PREFIX) && !options.quiet) {
        eprintln(
          ctx.io,
          `note: ${challenge.name} does not start with ${CHALLENGE_PREFIX}: the TXT record is written at that name as given.`,
        );
      }
      const { record, created } = await hostup.ensureDnsRecord(zone.id, {
        type: "TXT",
        name: recordName,
        value: challenge.value,
        ttl: options.ttl,
      });
      const result = { created, zone: { id: zone.id, name: zone.name }, name: challenge.name, record };
      if (!asJson) ctx.print(false, result, () => describePresent(challenge, zone, record, created));
      const propagation = wait ? await waitUntilServed(ctx, challenge, zone, options, wait, asJson) : undefined;
      if (propagation === null) return; // the wait failed and said why
      if (asJson) ctx.print(true, { ...result, ...(propagation && { propagation }) }, () => "");
    });
  parent
    .command("cleanup")
    .description(`delete the DNS-01 TXT record with this value, and only it${note}`)
    .argument("[arguments...]", ARGUMENTS)
    .allowUnknownOption()
    .addHelpText("after", HELP)
    .action(async (args: string[]) => {
      const challenge = challengeFrom(args, ctx.io.env, `hostup ${prefix}cleanup`);
      const { hostup, asJson } = ctx.connect();
      const { zone, recordName } = await zoneFor(hostup, challenge.name);
      const { deleted } = await hostup.removeDnsRecords(zone.id, { type: "TXT", name: recordName, value: challenge.value });
      ctx.print(asJson, { deleted, zone: { id: zone.id, name: zone.name }, name: challenge.name }, () =>
        deleted === 0
          ? `nothing to delete: no TXT ${challenge.name} with that value in ${zone.name}`
          : `deleted ${deleted} TXT record${deleted === 1 ? "" : "s"} ${challenge.name} in ${zone.name}`,
      );
    });
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** --wait's durations, checked before anything is sent; `undefined` without --wait (whose options then make no sense). */
function waitSettings(options: PresentOptions): { timeoutMs: number; intervalMs: number } | undefined {
  if (!options.wait) {
    const stray = [
      options.waitTimeout !== undefined && "--wait-timeout",
      options.waitInterval !== undefined && "--wait-interval",
      options.nameserver !== undefined && "--nameserver",
    ].find(Boolean);
    if (stray) throw new UsageError(`${stray} only applies with --wait.`);
    return undefined;
  }
  for (const server of options.nameserver ?? []) parseNameserver(server);
  return {
    timeoutMs: parseDuration(options.waitTimeout ?? DEFAULT_WAIT_TIMEOUT, "--wait-timeout"),
    intervalMs: parseDuration(options.waitInterval ?? DEFAULT_WAIT_INTERVAL, "--wait-interval"),
  };
}

const describePresent = (challenge: Challenge, zone: DnsZoneSummary, record: DnsRecord, created: boolean) =>
  `${created ? "created" : "exists"} TXT ${challenge.name} in ${zone.name} (${record.id}${record.ttl === undefined ? "" : `, ttl ${record.ttl}`})`;

/**
 * Waits for the zone's nameservers to serve the value; `null` when they did not (or could not be
 * found): the error is printed and the exit code set, since the record was written all the same.
 */
async function waitUntilServed(
  ctx: CommandContext,
  challenge: Challenge,
  zone: DnsZoneSummary,
  options: PresentOptions,
  wait: { timeoutMs: number; intervalMs: number },
  asJson: boolean,
): Promise<{ servers: string[]; elapsedMs: number } | null> {
  const progress = (line: string) => {
    if (!options.quiet) eprintln(ctx.io, line);
  };
  try {
    const servers = options.nameserver ? await givenNameservers(options.nameserver) : await authoritativeNameservers(zone.name);
    const labels = servers.map((server) => server.label);
    progress(`asking ${labels.join(", ")} for TXT ${challenge.name}`);
    const { elapsedMs } = await waitForTxt({
      name: challenge.name,
      value: challenge.value,
      servers,
      ...wait,
      progress,
      clock: ctx.io.clock,
    });
    progress(
      `TXT ${challenge.name} is served by ${servers.length === 1 ? "the nameserver" : `all ${servers.length} nameservers`} (${formatDuration(elapsedMs)})`,
    );
    return { servers: labels, elapsedMs };
  } catch (error) {
    if (!(error instanceof PropagationTimeoutError || error instanceof NameserverLookupError)) throw error;
    const pending = error instanceof PropagationTimeoutError ? { pending: error.pending } : {};
    eprintln(ctx.io, asJson ? json({ error: { name: error.name, message: error.message, ...pending } }) : `Error: ${error.message}`);
    ctx.state.exitCode = EXIT.network;
    return null;
  }
}
