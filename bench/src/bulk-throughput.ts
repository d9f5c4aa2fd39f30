// Bulk throughput: queue-and-wait for 10,000 domains, by ID with
// `hostup.bulkSyncDomainStatusInBatches(ids, { batchSize, concurrency, wait })` (route `status-sync`)
// and by name with `hostup.bulkDnsRecordsInBatches({ action: "add", domainNames, records }, …)`
// (route `dns`), against a loopback server that allows `rate` requests/s (token bucket) and answers
// 429 + whole-second `Retry-After` beyond it. Asserts that the caller sees no error, and reports the
// rate the SDK achieved against the allowed one (goal ≥ 90%). Bounded: the run is aborted after --max-seconds.
//
//   tsx src/bulk-throughput.ts [--routes status-sync,dns] [--ids 10000] [--batch-size 100] [--concurrency 8,32] [--rate 20] [--burst 20] [--job-ms 500]
//
// Each route and concurrency in the lists is a run of its own (a fresh server and client).
import { parseArgs } from "node:util";
import { createHostupClient, type LogRecord } from "@hostup/sdk";
import { fmt, isMain, summary, table } from "./support/measure.js";
import { startRateLimitedServer } from "./support/rate-limited-server.js";

export type BulkRoute = "status-sync" | "dns";
export const BULK_ROUTES: ReadonlyArray<BulkRoute> = ["status-sync", "dns"];

export interface BulkOptions {
  /** Which bulk workflow: status sync by ID, or DNS records by name. */
  route: BulkRoute;
  /** How many domains (IDs or names). */
  ids: number;
  batchSize: number;
  concurrency: number;
  rate: number;
  burst: number;
  jobMs: number;
  intervalMs: number;
  maxSeconds: number;
}

export interface BulkResult {
  options: BulkOptions;
  elapsedMs: number;
  queued: number;
  refused: number;
  failed: number;
  requests: number;
  accepted: number;
  limited: number;
  bulkAccepted: number;
  pollsAccepted: number;
  /** Accepted requests per second over the whole call. */
  achievedRate: number;
  /** Accepted requests / what the bucket allowed in that time (burst + rate × seconds). */
  efficiency: number;
  /** Longest pause the SDK took before a retry (ms), from its log records. */
  longestRetryWaitMs: number;
  /** Requests the SDK held back before sending (rate-limit pacing), from its log records. */
  heldAttempts: number;
}

export async function measureBulkThroughput(options: BulkOptions): Promise<BulkResult> {
  const server = await startRateLimitedServer({ rate: options.rate, burst: options.burst, jobMs: options.jobMs });
  const controller = new AbortController();
  const guard = setTimeout(() => controller.abort(new Error(`bulk benchmark exceeded ${options.maxSeconds} s`)), options.maxSeconds * 1000);
  let longestRetryWaitMs = 0;
  let heldAttempts = 0;
  try {
    const hostup = createHostupClient({
      apiKey: "bench-api-key-0001",
      baseUrl: server.url,
      logger: (record: LogRecord) => {
        if (record.retryInMs !== undefined) longestRetryWaitMs = Math.max(longestRetryWaitMs, record.retryInMs);
        if (record.pausedMs !== undefined) heldAttempts++;
      },
    });
    const batches = {
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      wait: { intervalMs: options.intervalMs, maxIntervalMs: 4 * options.intervalMs },
      signal: controller.signal,
    };
    const started = performance.now();
    const report =
      options.route === "dns"
        ? await hostup.bulkDnsRecordsInBatches(
            {
              action: "add",
              domainNames: Array.from({ length: options.ids }, (_, i) => `bench${i}.example.se`),
              records: [{ type: "TXT", name: "_dmarc", value: "v=DMARC1; p=none" }],
            },
            batches,
          )
        : await hostup.bulkSyncDomainStatusInBatches(
            Array.from({ length: options.ids }, (_, i) => `dom_bench${String(i).padStart(6, "0")}`),
            batches,
          );
    const elapsedMs = performance.now() - started;
    const { stats } = server;
    const errors = report.batches.filter((b) => b.error).map((b) => `batch ${b.index}: ${b.error!.name}: ${b.error!.message}`);
    if (report.failed.length || report.refused.length || errors.length || report.queued.length !== options.ids) {
      throw new Error(
        `errors surfaced to the caller: ${report.queued.length} queued, ${report.refused.length} refused, ${report.failed.length} failed\n${errors.slice(0, 5).join("\n")}`,
      );
    }
    if (stats.otherErrors) throw new Error(`the server answered ${stats.otherErrors} malformed requests`);
    const seconds = elapsedMs / 1000;
    return {
      options,
      elapsedMs,
      queued: report.queued.length,
      refused: report.refused.length,
      failed: report.failed.length,
      requests: stats.requests,
      accepted: stats.accepted,
      limited: stats.limited,
      bulkAccepted: stats.bulkAccepted,
      pollsAccepted: stats.pollsAccepted,
      achievedRate: stats.accepted / seconds,
      efficiency: stats.accepted / (options.burst + options.rate * seconds),
      longestRetryWaitMs,
      heldAttempts,
    };
  } finally {
    clearTimeout(guard);
    await server.close();
  }
}

export function renderBulk(r: BulkResult): string {
  return table([
    ["", ""],
    [
      `${r.options.route === "dns" ? "names" : "IDs"} queued (jobs completed)`,
      `${fmt.int(r.queued)} of ${fmt.int(r.options.ids)} (refused ${r.refused}, failed ${r.failed})`,
    ],
    ["time", fmt.s(r.elapsedMs)],
    [
      "requests sent",
      `${fmt.int(r.requests)} (${fmt.int(r.bulkAccepted)} bulk + ${fmt.int(r.pollsAccepted)} polls accepted, ${fmt.int(r.limited)} answered 429)`,
    ],
    [
      "achieved rate",
      `${r.achievedRate.toFixed(1)} req/s of ${r.options.rate} allowed; ${(r.efficiency * 100).toFixed(1)}% of what the bucket allowed (burst + rate × time)`,
    ],
    ["longest retry wait", `${fmt.int(r.longestRetryWaitMs)} ms`],
    ["requests paced", `${fmt.int(r.heldAttempts)} held by the SDK until the rate limit allowed them`],
  ]).replace(/^.*\n/, "");
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      routes: { type: "string", default: BULK_ROUTES.join(",") },
      ids: { type: "string", default: "10000" },
      "batch-size": { type: "string", default: "100" },
      concurrency: { type: "string", default: "8,32" },
      rate: { type: "string", default: "20" },
      burst: { type: "string", default: "20" },
      "job-ms": { type: "string", default: "500" },
      "interval-ms": { type: "string", default: "250" },
      "max-seconds": { type: "string", default: "60" },
    },
  });
  const lines: string[] = [];
  for (const route of values.routes.split(",") as BulkRoute[]) {
    if (!BULK_ROUTES.includes(route)) throw new Error(`--routes: ${route} is not one of ${BULK_ROUTES.join(", ")}`);
    for (const concurrency of values.concurrency.split(",").map(Number)) {
      const options: BulkOptions = {
        route,
        ids: Number(values.ids),
        batchSize: Number(values["batch-size"]),
        concurrency,
        rate: Number(values.rate),
        burst: Number(values.burst),
        jobMs: Number(values["job-ms"]),
        intervalMs: Number(values["interval-ms"]),
        maxSeconds: Number(values["max-seconds"]),
      };
      const workflow = route === "dns" ? "bulkDnsRecordsInBatches (names)" : "bulkSyncDomainStatusInBatches (IDs)";
      console.log(
        `Bulk throughput, ${workflow}: ${fmt.int(options.ids)} domains, batchSize ${options.batchSize}, concurrency ${options.concurrency}, ` +
          `wait (polls from ${options.intervalMs} ms); server allows ${options.rate} req/s (bucket of ${options.burst}), ` +
          `429 + whole-second Retry-After beyond it; jobs complete after ${options.jobMs} ms.\n`,
      );
      const result = await measureBulkThroughput(options);
      console.log(`${renderBulk(result)}\n`);
      lines.push(
        `${route}, concurrency ${concurrency}: ${result.achievedRate.toFixed(1)} req/s of ${options.rate} allowed, ` +
          `${(result.efficiency * 100).toFixed(1)}% of what the bucket allowed (goal ≥ 90%); ` +
          `${fmt.int(result.limited)} × 429, ${fmt.int(result.heldAttempts)} requests paced, 0 errors surfaced, ${fmt.s(result.elapsedMs)}`,
      );
    }
  }
  summary("bulk throughput (10,000 domains by ID and by name, queue and wait)", lines);
}
