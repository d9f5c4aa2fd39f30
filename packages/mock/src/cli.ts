#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startMockServer, type MockServer } from "./server.js";

const USAGE = `Usage: hostup-mock [--port 4010] [--host 127.0.0.1] [--errors] [--dynamic] [--spec path] [--quiet]

Starts a Prism mock of the HostUp API (default spec: the bundled @hostup/openapi document)
and runs until Ctrl-C / SIGTERM. Use --port 0 for any free port.`;

function parseOptions() {
  return parseArgs({
    options: {
      port: { type: "string", short: "p", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      errors: { type: "boolean", default: false },
      dynamic: { type: "boolean", default: false },
      spec: { type: "string" },
      quiet: { type: "boolean", short: "q", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions();
  } catch (err) {
    console.error(`hostup-mock: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`hostup-mock: invalid --port ${values.port}`);
    return 2;
  }

  let server: MockServer | undefined;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (!values.quiet) console.error(`\nhostup-mock: ${signal}, stopping Prism...`);
    await server?.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGHUP", () => void stop("SIGHUP"));

  try {
    server = await startMockServer({
      host: values.host,
      port: port === 0 ? undefined : port,
      errors: values.errors,
      dynamic: values.dynamic,
      spec: values.spec,
      keepProcessAlive: true,
      onOutput: values.quiet ? undefined : (s) => process.stderr.write(s),
    });
  } catch (err) {
    console.error(`hostup-mock: ${(err as Error).message}`);
    return 1;
  }
  if (stopping) return 0;

  console.log(`HostUp mock listening on ${server.url}  (Ctrl-C to stop)`);
  const { code, signal } = await server.exited;
  if (stopping) return 0;
  console.error(`hostup-mock: Prism exited unexpectedly (${signal ?? `code ${code}`})`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
