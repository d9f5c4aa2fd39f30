// `hostup mcp`: HostUp domains and DNS as MCP tools for AI agents, over stdio (what desktop and IDE
// clients spawn) or Streamable HTTP (--http). @hostup/mcp does the work; this shell parses the options,
// reads the API key (and the HTTP server's bearer token) as every command does, and maps failures to
// exit codes. The library is imported when the command runs, so other commands do not load the MCP SDK.
import { type Command, Option } from "commander";
import { configPath, loadSettings, refuseUnsendableKey, UsageError } from "../config.js";
import { CLI_PRODUCT, type CommandContext, clientFor, type GlobalOptions } from "../context.js";
import { interrupted, type ListenAddress, listenError, parseListenAddress } from "../listen.js";
import { eprintln } from "../output.js";

const MCP_TOKEN_ENV = "HOSTUP_MCP_TOKEN";
const DEFAULT_MCP_HOST = "127.0.0.1";
const DEFAULT_MCP_PORT = 3917;
/** Shorter tokens are refused: beyond loopback the token is all that stands between the network and the account. */
const MIN_TOKEN_LENGTH = 16;

interface McpOptions {
  http?: boolean;
  listen?: string;
  allowOrigin?: string[];
  readOnly?: boolean;
  tools?: string;
  token?: string | boolean;
}

const tokenWhere = (path = "the config file") => `set ${MCP_TOKEN_ENV}, or put {"mcpToken": "…"} in ${path} (chmod 600)`;
const TOKEN_FLAG_REFUSED = `--token is not accepted: a token on the command line can be read by other users (ps) and stays in shell history. Instead, ${tokenWhere()}.`;

const HELP = `
Without --http it serves MCP over stdio, as desktop and IDE clients (Claude, Cursor, VS Code) spawn it:
stdout carries protocol messages only, diagnostics go to stderr, and it ends when the client closes stdin.

With --http it serves Streamable HTTP at http://<host>:<port>/mcp (default ${DEFAULT_MCP_HOST}:${DEFAULT_MCP_PORT}; port 0 takes
any free port) and prints the URL on stderr. A request whose Origin is neither the server's own nor an
--allow-origin one gets 403. Listening beyond loopback (--listen 0.0.0.0:${DEFAULT_MCP_PORT}) needs a bearer token of at
least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32), from ${MCP_TOKEN_ENV} or the config file's "mcpToken",
never from the command line; when one is set, every request must send "Authorization: Bearer <token>",
on loopback too. SIGINT or SIGTERM stop it.

The API key and base URL come from HOSTUP_API_KEY/HOSTUP_BASE_URL or the config file, as for every
command; no tool result shows the key. --tools with an unknown name lists the tools.

Exit codes: 0 the client closed stdin (stdio) or SIGINT/SIGTERM (--http), 2 usage error (an unknown tool,
no API key, no token beyond loopback, an address it cannot listen on), 1 unexpected.`;

export function addMcpCommand(program: Command, ctx: CommandContext): void {
  program
    .command("mcp")
    .description("serve HostUp domains and DNS as MCP tools for AI agents (stdio, or Streamable HTTP with --http)")
    .option("--http", "serve Streamable HTTP at /mcp instead of stdio")
    .option("--listen <host:port>", `with --http: where to listen (default ${DEFAULT_MCP_HOST}:${DEFAULT_MCP_PORT}; port 0: any free port)`)
    .option("--allow-origin <origin>", "with --http: also accept requests from this browser origin (repeatable)", collect)
    .option("--read-only", "offer only the tools that change nothing")
    .option("--tools <names>", "offer only these tools, comma-separated (e.g. list_dns_records,ensure_dns_record)")
    // Caught to say why it is refused; hidden so that no one is shown how to pass a token that way.
    .addOption(new Option("--token [token]").hideHelp())
    .addHelpText("after", HELP)
    .action(async (options: McpOptions, command: Command) => {
      if (options.token !== undefined) throw new UsageError(TOKEN_FLAG_REFUSED);
      if (!options.http) {
        const httpOnly = options.listen !== undefined ? "--listen" : options.allowOrigin ? "--allow-origin" : undefined;
        if (httpOnly) throw new UsageError(`${httpOnly} only applies with --http (without it, hostup mcp serves stdio).`);
      }
      const listen = options.http ? listenAddress(options.listen) : undefined;
      const allowedOrigins = (options.allowOrigin ?? []).map(originOf);
      const readOnly = Boolean(options.readOnly);
      const tools = options.tools === undefined ? undefined : toolNames(options.tools);

      const mcp = await import("@hostup/mcp");
      const offered = offeredToolNames(mcp.offeredTools, { readOnly, tools });

      const io = ctx.io;
      const settings = loadSettings(io.env, command.optsWithGlobals<GlobalOptions>(), io.uid);
      // The token guards the HTTP server only: over stdio the client is the process that spawned this one.
      const token = listen ? settings.mcpToken : undefined;
      if (token !== undefined) checkToken(token, io.env);
      if (listen && !mcp.isLoopback(listen.host) && token === undefined) {
        throw new UsageError(
          `Listening on ${listen.shown} (beyond loopback) needs a bearer token: ${tokenWhere(configPath(io.env))}. ` +
            `Clients then send "Authorization: Bearer <token>". Or listen on ${DEFAULT_MCP_HOST}.`,
        );
      }
      const hostup = clientFor(settings, `${CLI_PRODUCT} ${mcp.MCP_PRODUCT}`);
      const secrets = [settings.apiKey, ...(token === undefined ? [] : [token])];
      const createServer = () => mcp.createHostupMcpServer({ hostup, readOnly, ...(tools && { tools }), secrets });
      const what = `${offered.length} tool${offered.length === 1 ? "" : "s"}${readOnly ? ", read-only" : ""}`;

      if (!listen) {
        eprintln(io, `hostup mcp: serving ${what} on stdio (${mcp.MCP_PRODUCT})`);
        await mcp.serveMcpStdio(createServer());
        return;
      }
      let server: { url: string; close(): Promise<void> };
      try {
        server = await mcp.serveMcpHttp({
          createServer,
          host: listen.host,
          port: listen.port,
          allowedOrigins,
          ...(token !== undefined && { token }),
        });
      } catch (error) {
        throw listenError(error, listen.shown, "--listen", "another hostup mcp") ?? error;
      }
      eprintln(
        io,
        `hostup mcp: serving ${what} at ${server.url} (${token === undefined ? "no token" : "bearer token required"}); SIGINT or SIGTERM stops it`,
      );
      const signal = await interrupted(io);
      await server.close();
      eprintln(io, `hostup mcp: stopped (${signal})`);
    });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `host:port`, `[v6]:port`, `host` or `port` (the rest from the defaults). */
export const listenAddress = (value: string | undefined): ListenAddress =>
  parseListenAddress(value, "--listen", { host: DEFAULT_MCP_HOST, port: DEFAULT_MCP_PORT });

/**
 * An origin as a browser sends it: `https://app.example.com`, `http://localhost:5173` (a trailing slash,
 * capitals and a default port are forgiven), or an app's own scheme (`vscode-webview://…`). Not `null` (any sandboxed page sends it)
 * and not `*`: an allowed origin lets that site's pages drive the tools.
 */
export function originOf(value: string): string {
  const refuse = (why: string) =>
    new UsageError(
      `--allow-origin ${JSON.stringify(value)}: ${why}. Give an origin as a browser sends it: scheme://host[:port], e.g. https://app.example.com.`,
    );
  if (value === "*" || value.toLowerCase() === "null") throw refuse("every page could then call the tools");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse("not an origin");
  }
  if (url.protocol === "http:" || url.protocol === "https:") {
    // Case and a default port are normalized as a browser sends them; a path, a query or a user makes it no origin.
    if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
      throw refuse(`not an origin (that would be ${url.origin})`);
    }
    return url.origin;
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(value)) throw refuse("not an origin");
  return value;
}

/** The names of --tools: comma-separated, spaces forgiven. */
function toolNames(value: string): string[] {
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError("--tools needs at least one tool name (comma-separated).");
  return names;
}

type OfferedTools = (options: { readOnly?: boolean; tools?: ReadonlyArray<string> }) => ReadonlyArray<{ name: string }>;

/** The tools the options offer; an unknown name, or an empty selection, is a usage error that lists the tools. */
function offeredToolNames(offeredTools: OfferedTools, options: { readOnly: boolean; tools: string[] | undefined }): string[] {
  let offered: string[];
  try {
    offered = offeredTools(options).map((tool) => tool.name);
  } catch (error) {
    throw new UsageError(`--tools: ${(error as Error).message}.`);
  }
  if (offered.length === 0) {
    const reads = offeredTools({ readOnly: true }).map((tool) => tool.name);
    throw new UsageError(
      `--read-only leaves none of --tools ${options.tools?.join(",")}: they all change things. The read-only tools are ${reads.join(", ")}.`,
    );
  }
  return offered;
}

/** The token must go in an Authorization header, and be long enough to guess at no cost; it is never quoted. */
function checkToken(token: string, env: NodeJS.ProcessEnv): void {
  const source = env[MCP_TOKEN_ENV]?.trim() ? MCP_TOKEN_ENV : `The mcpToken in ${configPath(env)}`;
  const advice = "A bearer token is printable ASCII without spaces: make one with openssl rand -hex 32.";
  refuseUnsendableKey(token, source, advice);
  if ([...token].length < MIN_TOKEN_LENGTH) {
    throw new UsageError(`${source} is too short (${[...token].length} characters; at least ${MIN_TOKEN_LENGTH}). ${advice}`);
  }
}
