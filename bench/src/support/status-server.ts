// The loopback API server of the request-overhead benchmark: answers
// `POST /api/v2/domains/{id}/actions/status-sync` with the documented 200 body (the spec's
// `DomainStatusSynced` example), as cheaply as node:http allows, so the clients' own costs show.
//
// It runs in its own process (`spawnStatusServer()`), so on a 2-core machine the server and the
// clients do not share an event loop: concurrent runs are bound by the client, not by the server.
// Run directly (`tsx src/support/status-server.ts`) it listens on 127.0.0.1, port 0, and prints
// `LISTENING <port>` on stdout; it exits when its stdin closes (the benchmark ended or crashed).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const DOMAIN_ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

/** The spec's `DomainStatusSynced` example (openapi/components/examples/DomainStatusSynced.yaml), from the bundle. */
export const STATUS_SYNCED: unknown = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json"), "utf8"),
).components.examples.DomainStatusSynced.value;

const STATUS_SYNC = /^\/api\/v2\/domains\/dom_[0-9A-Za-z]+\/actions\/status-sync$/;

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** The server in this process (used by the checks; the benchmark spawns its own process). */
export function startStatusServer(port = 0): Promise<LocalServer & { server: Server }> {
  const body = Buffer.from(JSON.stringify(STATUS_SYNCED));
  const notFound = Buffer.from(JSON.stringify({ title: "Not Found", status: 404, code: "not_found" }));
  const server = createServer((req, res) => {
    // Drain whatever body the client sent (none here), then answer.
    req.resume();
    const ok = req.method === "POST" && STATUS_SYNC.test(req.url ?? "") && req.headers.authorization === "Bearer bench-api-key-0001";
    res.writeHead(ok ? 200 : 404, {
      "content-type": ok ? "application/json" : "application/problem+json",
      "content-length": ok ? body.length : notFound.length,
      "x-request-id": "req_01hxa3b4c5d6e7f8g9h0j1k2m3",
    });
    res.end(ok ? body : notFound);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections(); // keep-alive ones too, or close() would wait for them
            server.close(() => done());
          }),
      });
    });
  });
}

/** The server in a child process of its own; `close()` ends it (so does this process exiting). */
export async function spawnStatusServer(): Promise<LocalServer> {
  // process.execArgv carries tsx's loader flags, so the child can run this .ts file too.
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--serve"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("status server did not start within 20 s")), 20_000);
    child.once("exit", (code) => reject(new Error(`status server exited early (${code})`)));
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin!.end();
        // Stop it by its own pid if closing stdin did not.
        setTimeout(() => child.exitCode === null && child.kill("SIGTERM"), 2000).unref();
      }),
  };
}

if (process.argv.includes("--serve")) {
  const local = await startStatusServer();
  process.stdout.write(`LISTENING ${new URL(local.url).port}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void local.close().then(() => process.exit(0)));
}
