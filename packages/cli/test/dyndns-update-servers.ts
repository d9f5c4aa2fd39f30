// What the `hostup dyndns update` tests run against: a DynDNS2 update server and an "echo my
// address" service on 127.0.0.1 whose answers the test sets, and a handle on a long-running
// `hostup … --watch` process that the test can read and signal.
import { spawn } from "node:child_process";
import type { IncomingHttpHeaders } from "node:http";
import { fileURLToPath } from "node:url";
import { localApi } from "./local-api.js";

export const TOKEN = "d7c0ffee5ecret0token9f3a1b2c4d6e8f00112233445566778899aabbccddeeff";
export const HOSTNAME = "home.example.com";

export interface Hit {
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  at: number;
}

/** A server whose next answers the test sets; each request is recorded with its query, headers and time. */
export interface TextServer {
  url: string;
  hits: Hit[];
  /** The answer to every request from now on (`status` 200 unless given); `hold` never answers. */
  answer(text: string | "hold", status?: number): void;
  /** Answers the next requests with these texts, one each, then keeps the last one. */
  answerInTurn(...texts: string[]): void;
  /** Requests that were still unanswered when their connection closed. */
  abandoned: number;
  close(): Promise<void>;
}

export async function textServer(initial: string): Promise<TextServer> {
  let queue = [initial];
  let status = 200;
  const hits: Hit[] = [];
  const server: TextServer = {
    url: "",
    hits,
    abandoned: 0,
    answer(text, code = 200) {
      queue = [text];
      status = code;
    },
    answerInTurn(...texts) {
      queue = texts;
      status = 200;
    },
    close: () => api.close(),
  };
  const api = await localApi((req, _body, res) => {
    hits.push({ query: new URL(req.url ?? "/", "http://x").searchParams, headers: req.headers, at: Date.now() });
    const text = queue.length > 1 ? queue.shift()! : queue[0]!;
    if (text === "hold") {
      res.on("close", () => server.abandoned++);
      return;
    }
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`${text}\n`);
  });
  server.url = api.url;
  return server;
}

const BIN = fileURLToPath(new URL("../bin/hostup.js", import.meta.url));

/** The environment of a router with a DynDNS token and nothing else: no API key, no config file. */
export function tokenOnlyEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { HOSTUP_API_KEY: undefined, HOSTUP_CONFIG: "/nonexistent/hostup-config.json", HOSTUP_DYNDNS_TOKEN: TOKEN, ...extra };
}

export interface Updater {
  readonly stdout: string;
  readonly stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves once `done()` holds; rejects after `ms` with what the process printed so far. */
  waitFor(done: () => boolean, ms?: number): Promise<void>;
}

/** Starts the built binary as a long-running process (killed at the end of the test if still running). */
export function startHostup(args: string[], env: Record<string, string | undefined>): Updater {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  running.add(child);
  void exited.then(() => running.delete(child));
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    kill: (signal) => child.kill(signal),
    async waitFor(done, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

const running = new Set<ReturnType<typeof spawn>>();

/** Kills what a failed test left running (by its own handle, nothing else). */
export function stopAll(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}
