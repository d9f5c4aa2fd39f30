// `hostup`: domains, DNS, redirects and DynDNS from a terminal, a cron job, a CI step or a cluster. Each
// command group lives in commands/; this file builds the program and maps errors to exit codes.
import { createInterface } from "node:readline";
import { Command, CommanderError } from "commander";
import { DEFAULT_TIMEOUT_MS } from "@hostup/sdk";
import { addAcmeCommands } from "./commands/acme.js";
import { addDnsCommands } from "./commands/dns.js";
import { addDomainCommands } from "./commands/domains.js";
import { addDynDnsCommands } from "./commands/dyndns.js";
import { addExternalDnsCommand } from "./commands/external-dns.js";
import { addMcpCommand } from "./commands/mcp.js";
import { addRedirectCommands } from "./commands/redirects.js";
import { CLI_VERSION, commandContext, type RunState, wholeNumber } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { reportError, type Io } from "./output.js";

export { CLI_PRODUCT } from "./context.js";

const EXIT_HELP = `
Exit codes: 0 ok, 2 usage error (nothing changed; a domain or zone name may have been looked up), 3 API error, 4 network error or timeout, 5 changes pending (dns plan), 130 interrupted (dns apply), 1 unexpected.
The API key comes from HOSTUP_API_KEY or the config file ($HOSTUP_CONFIG, default ~/.config/hostup/config.json, mode 600),
which may also hold "baseUrl" and "timeout" (the options and variables win) and, for hostup mcp --http, "mcpToken" (HOSTUP_MCP_TOKEN).`;

export function buildProgram(io: Io, state: RunState = { exitCode: EXIT.ok }): Command {
  const program = new Command("hostup")
    .description(
      "HostUp domains, DNS, redirects and DynDNS from the command line, as MCP tools for AI agents, and as an ExternalDNS provider for Kubernetes.",
    )
    .version(CLI_VERSION, "--version", "print the version")
    .option("--base-url <url>", "API origin (default https://cloud.hostup.se; HOSTUP_BASE_URL)")
    .option("--json", "machine-readable JSON output")
    .option("--timeout <ms>", `per-request timeout in ms (default ${DEFAULT_TIMEOUT_MS}; HOSTUP_TIMEOUT)`, wholeNumber("--timeout"))
    .addHelpText("after", EXIT_HELP)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const ctx = commandContext(program, io, state);
  addDomainCommands(program, ctx);
  addDnsCommands(program, ctx);
  addRedirectCommands(program, ctx);
  addDynDnsCommands(program, ctx);
  addAcmeCommands(program, ctx);
  addMcpCommand(program, ctx);
  addExternalDnsCommand(program, ctx);
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const state: RunState = { exitCode: EXIT.ok };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync(argv, { from: "user" });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help ends here with exit code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, io, argv.includes("--json"));
  }
}

function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    // Asked on stderr: stdout may be a plan piped elsewhere.
    ...(process.stdin.isTTY && process.stderr.isTTY && { ask: (question: string) => askOnTerminal(question) }),
    onInterrupt(handler) {
      const handlers = (["SIGINT", "SIGTERM"] as const).map((name) => {
        const listener = () => handler(name);
        process.on(name, listener);
        return () => process.off(name, listener);
      });
      return () => {
        for (const remove of handlers) remove();
      };
    },
  };
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, resolve);
      rl.once("close", () => resolve(""));
    });
  } finally {
    rl.close();
  }
}
