// The webhook's two HTTP servers. The API (default 127.0.0.1:8888) speaks ExternalDNS's webhook protocol,
// version 1: GET / (negotiation), GET /records, POST /adjustendpoints (200) and POST /records (204). Its
// client retries only 500–510 (at its next interval, with a fresh plan) and exits on anything else or
// after 15 s, so every failure here, HostUp's 429s and 5xx and a HostUp too slow for the time left, is a
// 500 in time. Applies run one at a time. The health server (default 0.0.0.0:8080) answers /healthz (ready
// once HostUp has answered) and /metrics (Prometheus text).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HostupClient } from "@hostup/sdk";
import { adjustEndpoint, BadRequestError, readChanges, readEndpoint } from "./endpoint.js";
import { createExternalDnsProvider, type Log, type ProviderOptions } from "./provider.js";

/** The media type of every answer, byte for byte: ExternalDNS compares the negotiation's Content-Type with `!=`. */
export const WEBHOOK_MEDIA_TYPE = "application/external.dns.webhook+json;version=1";

export interface ExternalDnsOptions extends ProviderOptions {
  /** Default 127.0.0.1:8888. */
  listen?: { host: string; port: number };
  /** Default 0.0.0.0:8080. */
  healthListen?: { host: string; port: number };
  /** Answer 500 after this long, before ExternalDNS's 15 s timeout (default 12 000 ms). */
  deadlineMs?: number;
  /** Request body limit (default 32 MiB, ExternalDNS's own). */
  maxBodyBytes?: number;
  /** First pause before asking HostUp again while it does not answer at start-up (doubling to 30 s; default 1 000 ms). */
  readyRetryMs?: number;
}

export interface ExternalDnsServer {
  url: string;
  healthUrl: string;
  close(): Promise<void>;
}

class Metrics {
  readonly requests = new Map<string, number>();
  apiErrors = 0;
  readonly records = new Map<string, number>();
  count(route: string, status: number) {
    const key = `route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }
  text(): string {
    const lines = [
      "# HELP hostup_external_dns_requests_total Webhook requests answered.",
      "# TYPE hostup_external_dns_requests_total counter",
    ];
    for (const [labels, n] of this.requests) lines.push(`hostup_external_dns_requests_total{${labels}} ${n}`);
    lines.push(
      "# HELP hostup_external_dns_api_errors_total Failed HostUp API calls.",
      "# TYPE hostup_external_dns_api_errors_total counter",
    );
    lines.push(`hostup_external_dns_api_errors_total ${this.apiErrors}`);
    lines.push("# HELP hostup_external_dns_records Records by zone, as last read.", "# TYPE hostup_external_dns_records gauge");
    for (const [zone, n] of this.records) lines.push(`hostup_external_dns_records{zone="${zone}"} ${n}`);
    return `${lines.join("\n")}\n`;
  }
}

export async function serveExternalDns(options: ExternalDnsOptions): Promise<ExternalDnsServer> {
  const log: Log = options.log ?? (() => {});
  const metrics = new Metrics();
  const provider = createExternalDnsProvider({ ...options, log, onZoneRead: (zone, n) => metrics.records.set(zone, n) });
  const deadlineMs = options.deadlineMs ?? 12_000;
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  let ready = false;
  let applying: Promise<unknown> = Promise.resolve();

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    if (res.headersSent) return;
    if (body === undefined) return void res.writeHead(status).end();
    res.writeHead(status, { "content-type": WEBHOOK_MEDIA_TYPE }).end(JSON.stringify(body));
  };

  /** Runs `work` with an AbortSignal that fires at the deadline; a failure or the deadline is a 500. */
  async function answer(route: string, res: ServerResponse, work: (signal: AbortSignal) => Promise<{ status: number; body?: unknown }>) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
    const late = new Promise<{ status: number; body?: unknown }>((resolve) =>
      controller.signal.addEventListener("abort", () =>
        resolve({ status: 500, body: { error: `HostUp did not answer in time (${deadlineMs} ms)` } }),
      ),
    );
    try {
      const result = await Promise.race([work(controller.signal), late]);
      if (result.status === 500)
        log({
          level: "error",
          msg: "answered 500: ExternalDNS retries at its next interval",
          route,
          error: (result.body as { error?: string })?.error,
        });
      send(res, result.status, result.body);
      metrics.count(route, result.status);
    } catch (error) {
      const status = error instanceof BadRequestError ? 400 : 500;
      if (status === 500) metrics.apiErrors++;
      log({ level: "error", msg: `answered ${status}`, route, error: (error as Error)?.message });
      // ExternalDNS exits on a 4xx: only a request no version of it would send gets one.
      send(res, status, { error: (error as Error)?.message });
      metrics.count(route, status);
    } finally {
      clearTimeout(timer);
    }
  }

  const api = createServer((req, res) => {
    void route(req, res).catch(() => send(res, 500, { error: "internal error" }));
  });
  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/") {
      return answer("negotiate", res, async (signal) => ({ status: 200, body: await provider.negotiate(signal) }));
    }
    if (req.method === "GET" && path === "/records") {
      return answer("records", res, async (signal) => {
        // After an apply still settling in the background (its answer was a 500 at the deadline).
        await applying;
        const endpoints = await provider.records(signal);
        return { status: 200, body: endpoints };
      });
    }
    if (req.method === "POST" && path === "/adjustendpoints") {
      return answer("adjustendpoints", res, async () => {
        const body = await readJson(req, maxBodyBytes);
        if (body !== null && !Array.isArray(body)) throw new BadRequestError("the body is not a list of endpoints");
        return { status: 200, body: (body ?? []).map((e: unknown, i: number) => adjustEndpoint(readEndpoint(e, `[${i}]`))) };
      });
    }
    if (req.method === "POST" && path === "/records") {
      return answer("apply", res, async (signal) => {
        const changes = readChanges(await readJson(req, maxBodyBytes));
        // One apply at a time: one still settling a lost answer must not overlap the next.
        const run = applying.then(() => provider.apply(changes, signal));
        applying = run.catch(() => {});
        await run;
        return { status: 204 };
      });
    }
    send(res, 404, { error: `no route ${req.method} ${path}` });
  }

  // Go keeps idle connections for 90 s and does not replay a POST on one the server closed meanwhile:
  // keep them open longer than that.
  api.keepAliveTimeout = 120_000;
  api.headersTimeout = 121_000;

  const health = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz")
      return void res.writeHead(ready ? 200 : 503, { "content-type": "text/plain" }).end(ready ? "ok\n" : "waiting for the HostUp API\n");
    if (path === "/metrics") return void res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(metrics.text());
    res.writeHead(404).end();
  });

  const listen = async (server: Server, where: { host: string; port: number }) => {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(where.port, where.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return `http://${where.host.includes(":") ? `[${where.host}]` : where.host}:${port}`;
  };
  // Listening first: ExternalDNS gives up negotiating after about 4 s.
  const url = await listen(api, options.listen ?? { host: "127.0.0.1", port: 8888 });
  let healthUrl: string;
  try {
    healthUrl = await listen(health, options.healthListen ?? { host: "0.0.0.0", port: 8080 });
  } catch (error) {
    // The API is already listening: a process that cannot start both must not hang on one.
    await new Promise((resolve) => api.close(resolve));
    throw error;
  }
  log({ level: "info", msg: "serving the ExternalDNS webhook", url, health: healthUrl, dryRun: options.dryRun === true });

  // Ready once HostUp answers; then for good, so that a HostUp outage never restarts the sidecar.
  let stopped = false;
  void (async () => {
    for (let wait = options.readyRetryMs ?? 1_000; !stopped && !ready; wait = Math.min(wait * 2, 30_000)) {
      try {
        await probe(options.hostup);
        ready = true;
        log({ level: "info", msg: "the HostUp API answers: ready" });
      } catch (error) {
        const status = (error as { status?: number })?.status;
        log({
          level: status === 401 || status === 403 ? "error" : "warn",
          msg: status === 401 || status === 403 ? "the HostUp API refuses the API key: check it" : "the HostUp API does not answer yet",
          error: (error as Error)?.message,
        });
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  })();

  return {
    url,
    healthUrl,
    close: async () => {
      stopped = true;
      for (const server of [api, health]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

const probe = (hostup: HostupClient) => hostup.listDnsZones({ limit: 1 }, { maxRetries: 0 });

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error(`the body is over ${limit} bytes`); // a 500: a 4xx would make ExternalDNS exit
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text.trim() === "" ? null : JSON.parse(text);
  } catch {
    throw new BadRequestError("the body is not JSON");
  }
}
