// `hostup dyndns update`: the public DynDNS update, for a router, a Raspberry Pi or a cron job
// that holds a configuration's DynDNS token and no API key. Once, or with --watch as a long-running
// updater (dyndns-updater/watch.ts). It never calls ctx.connect(), which demands an API key.
import { type Command, Option } from "commander";
import { DEFAULT_BASE_URL, type DynDnsUpdateOptions, updateDynDns } from "@hostup/sdk";
import { requestTimeout, UsageError } from "../config.js";
import { CLI_PRODUCT, type CommandContext, type GlobalOptions } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { eprintln, json, untilInterrupted } from "../output.js";
import { AddressLookupError, type AddressSource, addressSource, familyOf, type RecordType } from "../dyndns-updater/address.js";
import { checkInterval, DEFAULT_INTERVAL_MS, parseDuration } from "../dyndns-updater/interval.js";
import { updaterLog } from "../dyndns-updater/log.js";
import { readDynDnsToken, TOKEN_ENV, TOKEN_FLAG_REFUSED } from "../dyndns-updater/token.js";
import { watchAddress } from "../dyndns-updater/watch.js";

interface UpdateOptions {
  hostname?: string;
  ip?: string;
  ipFrom?: string;
  ipFromInterface?: string;
  type?: RecordType;
  tokenFile?: string;
  token?: string | boolean;
  watch?: boolean;
  interval?: string;
  verbose?: boolean;
}

/** How long --ip-from waits for the echo service when --timeout (or HOSTUP_TIMEOUT) does not say. */
const LOOKUP_TIMEOUT_MS = 10_000;

const HELP = `
The token comes from ${TOKEN_ENV} or --token-file (mode 600; one trailing newline is ignored), never from
the command line. No API key is needed.

Without --watch: one update, with --ip, the address found by --ip-from/--ip-from-interface, or (with none
of them) the address the request comes from. Prints "<hostname>: good|nochg <ip>".

With --watch (needs --ip-from or --ip-from-interface): checks the address every --interval (default 5m,
at least 30s unless every service is on 127.0.0.1) and updates only when it changed; the first check
always updates. One line per update on stdout, problems on stderr, each with an ISO timestamp
(JSON lines with --json). After 911, dnserr, a network error or a failed lookup it waits the interval
doubled per failure in a row, at most 1h (or the interval, if longer). It stops with exit 3 on badauth,
nohost, notfqdn, abuse or badagent, and exits 0 on SIGTERM or SIGINT.

Exit codes: 0 good or nochg, 2 usage error (nothing sent), 3 refused (the DynDNS2 code is named),
4 network error, timeout or failed address lookup.`;

export function addDynDnsUpdateCommand(dyndns: Command, ctx: CommandContext): void {
  const sources = ["ip", "ipFrom", "ipFromInterface"];
  const others = (name: string) => sources.filter((source) => source !== name);
  dyndns
    .command("update")
    .description("point a DynDNS hostname at an address with the configuration's token (no API key)")
    .option("--hostname <fqdn>", "the configured DynDNS hostname, e.g. home.example.com")
    .addOption(new Option("--ip <address>", "the address to set (default: the address the request comes from)").conflicts(others("ip")))
    .addOption(
      new Option("--ip-from <url>", "ask this URL for the address (a service that answers with the caller's address as text)").conflicts(
        others("ipFrom"),
      ),
    )
    .addOption(new Option("--ip-from-interface <name>", "use this network interface's address").conflicts(others("ipFromInterface")))
    .addOption(
      new Option(
        "--type <type>",
        "the record's type: the address family looked up (A: IPv4, the default for an interface; AAAA: IPv6)",
      ).choices(["A", "AAAA"]),
    )
    .option("--token-file <path>", `read the token from this file (default: $${TOKEN_ENV})`)
    .option("--watch", "keep running: update whenever the address changes")
    .option("--interval <duration>", "with --watch: how often to check, e.g. 30s, 5m, 1h or milliseconds (default 5m)")
    .option("--verbose", "with --watch: log unchanged checks too")
    // Caught to say why it is refused; hidden so that no one is shown how to pass a token that way.
    .addOption(new Option("--token [token]").hideHelp())
    .addHelpText("after", HELP)
    .action(async (options: UpdateOptions, command: Command) => {
      if (options.token !== undefined) throw new UsageError(TOKEN_FLAG_REFUSED);
      const globals = command.optsWithGlobals<GlobalOptions>();
      const asJson = Boolean(globals.json);
      const hostname = options.hostname;
      if (!hostname) throw new UsageError("--hostname <fqdn> is required: the configured DynDNS hostname, e.g. home.example.com.");
      checkSources(options);
      const baseUrl = globals.baseUrl ?? (ctx.io.env.HOSTUP_BASE_URL || undefined);
      const intervalMs = options.interval === undefined ? DEFAULT_INTERVAL_MS : parseDuration(options.interval);
      if (options.watch) checkInterval(intervalMs, options.interval ?? "5m", [baseUrl ?? DEFAULT_BASE_URL, options.ipFrom]);
      const timeout = requestTimeout(ctx.io.env, globals.timeout);
      const token = readDynDnsToken(ctx.io.env, options.tokenFile, ctx.io.uid);
      const sdkOptions: DynDnsUpdateOptions = {
        userAgent: CLI_PRODUCT,
        ...(baseUrl ? { baseUrl } : {}),
        ...(timeout ? { timeoutMs: timeout } : {}),
      };
      const lookup = addressSource({
        ipFrom: options.ipFrom,
        ipFromInterface: options.ipFromInterface,
        type: options.type,
        timeoutMs: timeout ?? LOOKUP_TIMEOUT_MS,
        userAgent: CLI_PRODUCT,
      });

      if (options.watch && lookup) {
        await watch(ctx, { hostname, token, sdkOptions, lookup, intervalMs, asJson, verbose: Boolean(options.verbose) });
      } else {
        await updateOnce(ctx, { hostname, token, sdkOptions, lookup, ip: options.ip, asJson });
      }
    });
}

interface Target {
  hostname: string;
  token: string;
  sdkOptions: DynDnsUpdateOptions;
  asJson: boolean;
}

/** One update: with `ip`, the address `lookup` finds, or neither (the API then takes the request's address). */
async function updateOnce(ctx: CommandContext, target: Target & { lookup: AddressSource | undefined; ip: string | undefined }) {
  const { hostname, token, sdkOptions, asJson } = target;
  let ip = target.ip;
  if (target.lookup) {
    try {
      ip = await target.lookup(new AbortController().signal);
    } catch (error) {
      if (!(error instanceof AddressLookupError)) throw error;
      eprintln(ctx.io, asJson ? json({ error: { name: error.name, message: error.message } }) : `Error: ${error.message}`);
      ctx.state.exitCode = EXIT.network;
      return;
    }
  }
  const result = await updateDynDns({ hostname, token, ...(ip === undefined ? {} : { ip }) }, sdkOptions);
  ctx.print(asJson, { hostname, ...result }, () => `${hostname}: ${result.status} ${result.ip}`);
}

/** The long-running updater, until SIGTERM/SIGINT (exit 0) or a refusal that retrying cannot fix (thrown: exit 3). */
async function watch(ctx: CommandContext, target: Target & { lookup: AddressSource; intervalMs: number; verbose: boolean }) {
  const { hostname, token, sdkOptions, lookup, intervalMs } = target;
  const log = updaterLog(ctx.io, hostname, { asJson: target.asJson, verbose: target.verbose });
  const update = (ip: string, signal: AbortSignal) => updateDynDns({ hostname, token, ip }, { ...sdkOptions, signal });
  const { interrupt } = await untilInterrupted(ctx.io, (signal) =>
    watchAddress({ intervalMs, lookup, update, log, signal, sleep: ctx.io.clock?.sleep }),
  );
  if (interrupt) log.stopped(interrupt);
}

/** The option combinations that cannot work, refused before anything is read or sent. */
function checkSources(options: UpdateOptions): void {
  if (options.watch && options.ipFrom === undefined && options.ipFromInterface === undefined) {
    throw new UsageError(
      "--watch needs --ip-from <url> or --ip-from-interface <name> to see the address change " +
        "(without one it would have to send an update every interval, which DynDNS services treat as abuse).",
    );
  }
  if (!options.watch && (options.interval !== undefined || options.verbose)) {
    throw new UsageError(`${options.interval !== undefined ? "--interval" : "--verbose"} only applies with --watch.`);
  }
  if (options.ipFrom !== undefined && !/^https?:$/.test(urlProtocol(options.ipFrom))) {
    throw new UsageError("--ip-from must be an http:// or https:// URL of a service that answers with the caller's address as text.");
  }
  if (
    options.ip !== undefined &&
    options.type !== undefined &&
    familyOf(options.ip) !== undefined &&
    familyOf(options.ip) !== options.type
  ) {
    throw new UsageError(`--ip is an ${familyOf(options.ip) === "A" ? "IPv4" : "IPv6"} address, but --type is ${options.type}.`);
  }
}

function urlProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return "";
  }
}
