// The loopback API server of the bulk-throughput benchmark: `POST /api/v2/domains/bulk/status-sync`
// (by `dom_` ID) and `POST /api/v2/domains/bulk/dns` (by plain name) queue a job, `GET /api/jobs/{jobId}` reports it (completed `jobMs` after it was queued), and both
// share one token bucket (`rate` requests/s, `burst` at most). A request finding the bucket empty is
// answered 429 with `Retry-After` in whole seconds (as HostUp documents it) and `X-RateLimit-*`;
// every answer carries `X-RateLimit-Limit/-Remaining/-Reset` (Reset: when the bucket is full again).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RateLimitedServerOptions {
  /** Tokens added per second (the allowed request rate). */
  rate: number;
  /** Bucket size: requests allowed back to back after a quiet period. */
  burst: number;
  /** A job reports `completed` this long after it was queued. */
  jobMs: number;
}

export interface RateLimitedServer {
  url: string;
  stats: {
    /** Every request received. */
    requests: number;
    /** Requests answered 2xx (within the limit). */
    accepted: number;
    /** Requests answered 429. */
    limited: number;
    bulkAccepted: number;
    pollsAccepted: number;
    /** Domains queued by accepted bulk requests. */
    domainsQueued: number;
    /** Answers other than 2xx and 429 (a malformed request: should stay 0). */
    otherErrors: number;
    /** `performance.now()` of the first and last accepted request. */
    firstAcceptedAt: number | undefined;
    lastAcceptedAt: number | undefined;
  };
  close(): Promise<void>;
}

const JOB = /^\/api\/jobs\/([0-9A-Za-z_]+)$/;
/** The bulk routes: the body's list of domains, what each must look like, and the job's type. */
const BULK: Record<string, { list: string; item: RegExp; type: string }> = {
  "/api/v2/domains/bulk/status-sync": { list: "domainIds", item: /^dom_[0-9A-Za-z]+$/, type: "bulk_status_sync" },
  "/api/v2/domains/bulk/dns": { list: "domainNames", item: /^(?!dom_)[a-z0-9-]+(\.[a-z0-9-]+)+$/, type: "bulk_dns" },
};

export function startRateLimitedServer(options: RateLimitedServerOptions): Promise<RateLimitedServer> {
  const { rate, burst, jobMs } = options;
  const stats: RateLimitedServer["stats"] = {
    requests: 0,
    accepted: 0,
    limited: 0,
    bulkAccepted: 0,
    pollsAccepted: 0,
    domainsQueued: 0,
    otherErrors: 0,
    firstAcceptedAt: undefined,
    lastAcceptedAt: undefined,
  };
  const jobs = new Map<string, { queuedAt: number; count: number; type: string }>();
  let tokens = burst;
  let refilledAt = performance.now();
  let nextJob = 1;

  /** Takes a token if there is one; returns the rate-limit headers either way. */
  const admit = (): { ok: boolean; headers: Record<string, string> } => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - refilledAt) / 1000) * rate);
    refilledAt = now;
    const ok = tokens >= 1;
    if (ok) tokens -= 1;
    const fullInMs = ((burst - tokens) / rate) * 1000;
    const headers: Record<string, string> = {
      "x-ratelimit-limit": String(rate),
      "x-ratelimit-remaining": String(Math.floor(tokens)),
      "x-ratelimit-reset": new Date(Date.now() + fullInMs).toISOString(),
    };
    // Whole seconds, at least 1, as HostUp sends it (the next token may come much sooner).
    if (!ok) headers["retry-after"] = String(Math.max(1, Math.ceil((1 - tokens) / rate)));
    return { ok, headers };
  };

  const server = createServer((req, res) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const send = (status: number, headers: Record<string, string>, body: unknown, type = "application/json") => {
        const text = JSON.stringify(body);
        res.writeHead(status, { ...headers, "content-type": type, "content-length": Buffer.byteLength(text) });
        res.end(text);
      };
      const problem = (status: number, headers: Record<string, string>, code: string, detail: string) => {
        if (status !== 429) stats.otherErrors++;
        send(
          status,
          headers,
          { type: `https://developer.hostup.se/errors/${code}`, title: detail, status, detail, code },
          "application/problem+json",
        );
      };
      const { ok, headers } = admit();
      if (!ok) {
        stats.limited++;
        return problem(429, headers, "rate_limit_exceeded", "Too many requests.");
      }
      const now = performance.now();
      stats.accepted++;
      stats.firstAcceptedAt ??= now;
      stats.lastAcceptedAt = now;
      const url = req.url ?? "";
      const route = req.method === "POST" && Object.hasOwn(BULK, url) ? BULK[url] : undefined;
      if (route) {
        let items: unknown;
        try {
          items = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>)[route.list];
        } catch {
          return problem(400, headers, "invalid_request", "The body is not JSON.");
        }
        if (!Array.isArray(items) || items.length === 0 || !items.every((item) => typeof item === "string" && route.item.test(item))) {
          return problem(400, headers, "invalid_request", `${route.list} must be a non-empty list of valid items.`);
        }
        const jobId = `dbj_${String(nextJob++).padStart(6, "0")}`;
        jobs.set(jobId, { queuedAt: now, count: items.length, type: route.type });
        stats.bulkAccepted++;
        stats.domainsQueued += items.length;
        return send(202, headers, {
          operation: { status: "queued", jobId, pollUrl: `/api/jobs/${jobId}`, result: null },
          domainsQueued: items.length,
        });
      }
      const job = req.method === "GET" ? JOB.exec(url) : null;
      const state = job ? jobs.get(job[1]!) : undefined;
      if (job && state) {
        stats.pollsAccepted++;
        const done = now - state.queuedAt >= jobMs;
        // The legacy envelope HostUp documents for the job endpoint.
        return send(200, headers, {
          success: true,
          data: {
            jobId: job[1],
            queueType: "domains",
            type: state.type,
            state: done ? "completed" : "active",
            status: done ? "completed" : "active",
            progress: done ? 100 : 50,
            result: done ? { processed: state.count } : null,
            isCompleted: done,
            isFailed: false,
            isRunning: !done,
            isWaiting: false,
          },
        });
      }
      problem(404, headers, "not_found", `No route for ${req.method} ${url}.`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        stats,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections(); // keep-alive ones too, or close() would wait for them
            server.close(() => done());
          }),
      });
    });
  });
}
