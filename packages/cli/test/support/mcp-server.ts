// The built `hostup mcp` as an MCP client meets it: spawned over stdio by the SDK's own Client and
// StdioClientTransport, or started with --http as a child process whose URL is read from its stderr.
//
//   const server = await stdioClient(["--read-only"], { HOSTUP_BASE_URL: api.url });
//   await server.client.listTools();
//   await server.close();
//
//   const http = await startHttp(["--listen", "127.0.0.1:0"], { HOSTUP_BASE_URL: api.url });
//   http.url;                    // http://127.0.0.1:<port>/mcp, as printed on stderr
//   await http.stop();           // SIGTERM; resolves to the exit code
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { API_KEY } from "../run.js";

export const BIN = fileURLToPath(new URL("../../bin/hostup.js", import.meta.url));

/**
 * What a spawned server gets: PATH and HOME, no config file, the test key, and `env` on top (undefined
 * removes a variable). StdioClientTransport passes the child only HOME, PATH and a few more, so the
 * API key, base URL and config path must be given explicitly.
 */
export function serverEnv(env: Record<string, string | undefined>): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOSTUP_CONFIG: "/nonexistent/hostup-config.json",
    HOSTUP_API_KEY: API_KEY,
    ...env,
  };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export const newClient = () => new Client({ name: "hostup-cli-test", version: "0.0.0" });

export interface StdioServer {
  client: Client;
  /** What the server wrote on stderr so far. */
  stderr(): string;
  /** Errors the client saw on the transport (a stdout line that is no JSON-RPC message would be one). */
  errors: Error[];
  close(): Promise<void>;
}

/** `hostup mcp …args` spawned over stdio and connected (initialized) with the SDK's Client. */
export async function stdioClient(args: string[], env: Record<string, string | undefined>): Promise<StdioServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "mcp", ...args],
    env: serverEnv(env),
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = newClient();
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`hostup mcp did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { client, stderr: () => stderr, errors, close: () => client.close() };
}

export interface HttpServer {
  /** The URL the server printed on stderr. */
  url: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` (SIGTERM unless given) and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `hostup mcp --http …args` as a child process, once it has printed the URL it serves on. */
export function startHttp(args: string[], env: Record<string, string | undefined>): Promise<HttpServer> {
  const child = spawn(process.execPath, [BIN, "mcp", "--http", ...args], { env: serverEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const url = /\bat (http:\/\/\S+\/mcp)\b/.exec(stderr)?.[1];
      if (url) resolve({ url, child, stdout: () => stdout, stderr: () => stderr, stop });
    });
    void exited.then((code) => reject(new Error(`hostup mcp --http exited (${code}) before serving:\n${stderr}${stdout}`)));
  });
}
