// `hostup external-dns`: an ExternalDNS webhook provider, the sidecar that lets a Kubernetes cluster's
// ExternalDNS keep HostUp zones in sync with its Services and Ingresses. @hostup/external-dns does the
// work (serveExternalDns); this shell parses the options, reads the API key (from a Secret mounted as a
// file, or as every command does), writes the library's log as JSON lines on stdout and maps failures
// to exit codes. The library is imported when the command runs, so other commands do not load it.
import type { Log } from "@hostup/external-dns";
import { type Command, Option } from "commander";
import { loadSettings, refuseUnsendableKey, requestTimeout, UsageError } from "../config.js";
import { CLI_PRODUCT, type ClientLimits, type CommandContext, clientFor, type GlobalOptions } from "../context.js";
import { interrupted, type ListenAddress, listenError, parseListenAddress } from "../listen.js";
import type { Io } from "../output.js";
import { readSecretFile } from "../secret-file.js";

/** What the webhook adds to the CLI's User-Agent, so HostUp can tell its requests apart. */
const EXTERNAL_DNS_PRODUCT = "hostup-external-dns";
/** Where ExternalDNS looks for the webhook by default (http://localhost:8888), and the chart's health port. */
const DEFAULT_LISTEN = { host: "127.0.0.1", port: 8888 };
const DEFAULT_HEALTH_LISTEN = { host: "0.0.0.0", port: 8080 };
/**
 * ExternalDNS gives each call 15 s and exits on a late answer; the library answers 500 (try again at the
 * next interval) after 12 s. Short timeouts and one short retry keep a call to HostUp within that.
 */
const WEBHOOK_LIMITS: Required<ClientLimits> = { timeoutMs: 5_000, maxRetries: 1, maxRetryWaitMs: 2_000 };

interface ExternalDnsOptions {
  listen?: string;
  healthListen?: string;
  domainFilter?: string[];
  excludeDomains?: string[];
  dryRun?: boolean;
  apiKeyFile?: string;
  apiKey?: string | boolean;
}

const API_KEY_FLAG_REFUSED =
  "--api-key is not accepted: a key on the command line can be read by other users (ps), and a pod's args by anyone who can read the pod. " +
  "Instead, pass --api-key-file <path> (a Secret mounted as a file), or set HOSTUP_API_KEY.";

const HELP = `
ExternalDNS (https://kubernetes-sigs.github.io/external-dns, --provider=webhook) runs it as a sidecar and
calls it at http://localhost:8888: GET / (the domain filter), GET /records, POST /adjustendpoints and
POST /records, protocol version 1. It listens before it calls HostUp (ExternalDNS gives up after about 4 s).

--listen (default ${DEFAULT_LISTEN.host}:${DEFAULT_LISTEN.port}) serves the webhook; --health-listen (default ${DEFAULT_HEALTH_LISTEN.host}:${DEFAULT_HEALTH_LISTEN.port}) serves
/healthz (503 until the HostUp API has answered once, then 200 for good) and /metrics (Prometheus text).
Port 0 takes any free port. Without --domain-filter it manages every zone of the account.

Logs: one JSON object per line on stdout (the first names the URLs); no line holds the API key.

The API key comes from --api-key-file (e.g. a Kubernetes Secret mounted as a file; surrounding whitespace
is ignored; the file must be yours or root's and readable by no one else, group read allowed in a Secret
volume), else from HOSTUP_API_KEY or the config file, as for every command. Each request to HostUp times
out after ${WEBHOOK_LIMITS.timeoutMs / 1000} s (--timeout or HOSTUP_TIMEOUT change that) and is retried once at most, after at most
${WEBHOOK_LIMITS.maxRetryWaitMs / 1000} s, so that ExternalDNS, which waits 15 s, gets an answer in time (500 when HostUp does not answer).

--dry-run logs each write a change set needs and makes none (ExternalDNS's own --dry-run does not stop a
webhook's writes). SIGINT or SIGTERM stop it.

Exit codes: 0 SIGINT/SIGTERM, 2 usage error (no API key, an API key file that cannot be read or that
others can read, a bad zone name, an address it cannot listen on), 1 unexpected.`;

export function addExternalDnsCommand(program: Command, ctx: CommandContext): void {
  program
    .command("external-dns")
    .description("serve HostUp DNS to Kubernetes' ExternalDNS as its webhook provider (a sidecar)")
    .option(
      "--listen <host:port>",
      `where the webhook listens (default ${DEFAULT_LISTEN.host}:${DEFAULT_LISTEN.port}, where ExternalDNS looks; port 0: any free port)`,
    )
    .option(
      "--health-listen <host:port>",
      `where /healthz and /metrics listen (default ${DEFAULT_HEALTH_LISTEN.host}:${DEFAULT_HEALTH_LISTEN.port}, the chart's http-webhook port)`,
    )
    .option("--domain-filter <zone>", "manage this zone (and the zones under it) only (repeatable; default: every zone)", collect)
    .option("--exclude-domains <zone>", "leave this zone (and the zones under it) alone (repeatable)", collect)
    .option("--dry-run", "log the writes each change set needs, and make none")
    .option("--api-key-file <path>", "read the API key from this file, e.g. a Secret mounted as a file (default: $HOSTUP_API_KEY)")
    // Caught to say why it is refused; hidden so that no one is shown how to pass a key that way.
    .addOption(new Option("--api-key [key]").hideHelp())
    .addHelpText("after", HELP)
    .action(async (options: ExternalDnsOptions, command: Command) => {
      if (options.apiKey !== undefined) throw new UsageError(API_KEY_FLAG_REFUSED);
      const listen = parseListenAddress(options.listen, "--listen", DEFAULT_LISTEN);
      const healthListen = parseListenAddress(options.healthListen, "--health-listen", DEFAULT_HEALTH_LISTEN);
      if (listen.port !== 0 && listen.port === healthListen.port && listen.host === healthListen.host) {
        throw new UsageError(
          `--listen and --health-listen are both ${listen.shown}: the webhook and its health endpoints need an address each.`,
        );
      }
      const include = zoneNames("--domain-filter", options.domainFilter);
      const exclude = zoneNames("--exclude-domains", options.excludeDomains);

      const io = ctx.io;
      const globals = command.optsWithGlobals<GlobalOptions>();
      // The file beats HOSTUP_API_KEY, as a flag beats its variable everywhere else.
      const env = options.apiKeyFile === undefined ? io.env : { ...io.env, HOSTUP_API_KEY: readApiKeyFile(options.apiKeyFile, io) };
      const settings = loadSettings(env, globals, io.uid);
      // --timeout or HOSTUP_TIMEOUT, not the config file's timeout: that one is for the commands people wait on.
      const timeoutMs = requestTimeout(io.env, globals.timeout);
      const hostup = clientFor(settings, `${CLI_PRODUCT} ${EXTERNAL_DNS_PRODUCT}`, {
        ...WEBHOOK_LIMITS,
        ...(timeoutMs !== undefined && { timeoutMs }),
      });
      const log = jsonLines(io, [settings.apiKey]);

      const { serveExternalDns } = await import("@hostup/external-dns");
      let server: { close(): Promise<void> };
      try {
        server = await serveExternalDns({
          hostup,
          domainFilter: { include, exclude },
          dryRun: Boolean(options.dryRun),
          log,
          listen: { host: listen.host, port: listen.port },
          healthListen: { host: healthListen.host, port: healthListen.port },
        });
      } catch (error) {
        throw listenFailure(error, listen, healthListen) ?? error;
      }
      const signal = await interrupted(io);
      await server.close();
      log({ level: "info", msg: "stopped", signal });
    });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A zone name as ExternalDNS's --domain-filter takes one: labels of letters, digits, `-` and `_`, a trailing dot forgiven. */
const ZONE_NAME = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.?$/u;

/** The zones of a repeatable option; a comma-separated list is taken too. */
function zoneNames(flag: string, values: string[] = []): string[] {
  return values
    .flatMap((value) => value.split(","))
    .map((value) => {
      const name = value.trim();
      if (!ZONE_NAME.test(name)) {
        throw new UsageError(`${flag} ${JSON.stringify(value)}: not a zone name. Give one zone per option, e.g. ${flag} example.com.`);
      }
      return name;
    });
}

/** The key in the file `path`, trimmed: a Secret made with `kubectl create secret --from-file` often ends in a newline. */
function readApiKeyFile(path: string, io: Io): string {
  const key = readSecretFile(path, "API key file", io.env, io.uid).trim();
  if (key === "") throw new UsageError(`The API key file ${path} is empty.`);
  refuseUnsendableKey(key, `The API key in ${path}`);
  return key;
}

/** The library's log as one JSON object per line on stdout, with the time; a secret that slipped into one is cut out. */
function jsonLines(io: Io, secrets: ReadonlyArray<string>): Log {
  // As JSON.stringify writes them inside a string.
  const hidden = secrets.filter((secret) => secret.length > 0).map((secret) => JSON.stringify(secret).slice(1, -1));
  return (event) => {
    let line = JSON.stringify({ time: new Date().toISOString(), ...event });
    for (const secret of hidden) line = line.split(secret).join("[hidden]");
    io.stdout(`${line}\n`);
  };
}

/** Why the webhook or the health server could not listen, naming the option that moves it; undefined for anything else. */
function listenFailure(error: unknown, listen: ListenAddress, healthListen: ListenAddress) {
  const { port, address } = (error ?? {}) as { port?: number; address?: string };
  const isHealth = port === healthListen.port && (port !== listen.port || (address === healthListen.host && address !== listen.host));
  const [where, flag] = isHealth ? [healthListen, "--health-listen"] : [listen, "--listen"];
  return listenError(error, where.shown, flag, "another hostup external-dns, or another webhook");
}
