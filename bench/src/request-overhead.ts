// Request overhead: requests/s of five clients (plus a reference: fetch with a per-request timeout
// signal) calling the same endpoint on a loopback server,
// sequentially and 32 at a time, in interleaved blocks (ABCDE, BCDEA, …) after a warm-up, so drift
// in the machine's speed hits every client alike. Reports the median of each client's blocks and
// its ratio to raw `fetch` measured in the same run. Wall-clock figures: printed, never enforced.
//
//   tsx src/request-overhead.ts [--rounds 15] [--sequential 600] [--concurrent 1500] [--warmup 3000] [--max-block-ms 3000]
//                               [--baseline <git ref>]
//
// --baseline adds the SDK as it was at a git ref (its src bundled with esbuild) as two more clients,
// so a change to the SDK is measured before/after in the same run, block by block.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createHostupClient } from "@hostup/sdk";
import type { paths } from "@hostup/types";
import axios from "axios";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { collectGarbage, fmt, isMain, median, runBlock, summary, table } from "./support/measure.js";
import { DOMAIN_ID, spawnStatusServer } from "./support/status-server.js";

const API_KEY = "bench-api-key-0001";
const PATH = "/api/v2/domains/{id}/actions/status-sync";
const ACCEPT = "application/json, application/problem+json";

interface Client {
  name: string;
  call: () => Promise<unknown>;
}

type Sdk = typeof import("@hostup/sdk");

/** The SDK as it was at `ref`: its src from `git archive`, bundled for Node with esbuild. */
export async function baselineSdk(ref: string): Promise<Sdk> {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "hostup-baseline-"));
  // The bundle is imported below and stays in use until the benchmark ends.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  execFileSync("git", ["-C", root, "archive", "--format=tar", "-o", join(dir, "src.tar"), ref, "packages/sdk/src"]);
  execFileSync("tar", ["-xf", join(dir, "src.tar"), "-C", dir]);
  const outfile = join(dir, "sdk.mjs");
  await build({
    entryPoints: [join(dir, "packages/sdk/src/index.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "es2022",
    outfile,
    nodePaths: [join(root, "packages/sdk/node_modules")],
    // As packages/sdk/tsup.config.ts: the source refers to the version the build puts in.
    define: { __HOSTUP_SDK_VERSION__: JSON.stringify(`${ref}-baseline`) },
    logLevel: "error",
  });
  return (await import(pathToFileURL(outfile).href)) as Sdk;
}

/** Every client sends the same request (POST, bearer key, Accept) and parses the JSON answer. */
function clients(baseUrl: string, baseline?: { ref: string; sdk: Sdk }): Client[] {
  const hostup = createHostupClient({ apiKey: API_KEY, baseUrl }); // validation and retries on (the defaults)
  const bare = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${API_KEY}`, accept: ACCEPT } });
  const ax = axios.create({
    baseURL: baseUrl,
    httpAgent: new Agent({ keepAlive: true }),
    headers: { authorization: `Bearer ${API_KEY}`, accept: ACCEPT },
  });
  const url = `${baseUrl}/api/v2/domains/${DOMAIN_ID}/actions/status-sync`;
  // A fresh init per call, as code calling fetch directly writes it.
  const init = (): RequestInit => ({ method: "POST", headers: { authorization: `Bearer ${API_KEY}`, accept: ACCEPT } });
  const check = (data: unknown) => {
    if ((data as { newStatus?: unknown } | undefined)?.newStatus !== "active")
      throw new Error(`unexpected answer: ${JSON.stringify(data)}`);
  };
  const before = baseline?.sdk.createHostupClient({ apiKey: API_KEY, baseUrl });
  return [
    ...(before
      ? [
          { name: `sdk method @${baseline!.ref}`, call: async () => check(await before.syncDomainStatus(DOMAIN_ID)) },
          {
            name: `sdk raw @${baseline!.ref}`,
            call: async () => check((await before.raw.POST(PATH, { params: { path: { id: DOMAIN_ID } } })).data),
          },
        ]
      : []),
    { name: "sdk method", call: async () => check(await hostup.syncDomainStatus(DOMAIN_ID)) },
    { name: "sdk raw", call: async () => check((await hostup.raw.POST(PATH, { params: { path: { id: DOMAIN_ID } } })).data) },
    { name: "openapi-fetch", call: async () => check((await bare.POST(PATH, { params: { path: { id: DOMAIN_ID } } })).data) },
    { name: "axios", call: async () => check((await ax.post(`/api/v2/domains/${DOMAIN_ID}/actions/status-sync`)).data) },
    { name: "fetch", call: async () => check(await (await fetch(url, init())).json()) },
    // Reference: raw fetch plus what any per-attempt timeout costs (an AbortController and a timer
    // per request), as the SDK's transport does. Not a client anyone would ship; it shows the floor.
    {
      name: "fetch+timeout",
      call: async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 60_000);
        try {
          check(await (await fetch(url, { ...init(), signal: controller.signal })).json());
        } finally {
          clearTimeout(timer);
        }
      },
    },
  ];
}

export interface ModeResult {
  mode: string;
  /** Client name → median requests/s. */
  median: Record<string, number>;
  /** Client name → median over rounds of (client's block / fetch's block in the same round). */
  ratio: Record<string, number>;
  /** Client name → [min, max] of the per-round ratios to fetch (the round-to-round noise). */
  spread: Record<string, [number, number]>;
  /** Client name → median CPU time of this process per request (µs). */
  cpuUs: Record<string, number>;
  /** With a baseline: "sdk method" / "sdk raw" → median over rounds of (now / @ref), with min–max. */
  vsBaseline: Record<string, [number, number, number]>;
}

export interface OverheadOptions {
  rounds: number;
  sequential: number;
  concurrent: number;
  /** Per-block time cap in ms. */
  maxBlockMs: number;
  /** Warm-up requests per client and mode (JIT, connection pools), not counted. */
  warmup: number;
  /** The SDK at a git ref, measured alongside (`--baseline`). */
  baseline?: { ref: string; sdk: Sdk };
}

export async function measureRequestOverhead(options: OverheadOptions, log = console.log): Promise<ModeResult[]> {
  const server = await spawnStatusServer();
  try {
    const list = clients(server.url, options.baseline);
    const results: ModeResult[] = [];
    for (const [mode, concurrency, count] of [
      ["sequential", 1, options.sequential],
      ["32 concurrent", 32, options.concurrent],
    ] as const) {
      // Warm-up (JIT, connection pools), not counted; undici needs a few thousand requests to settle.
      for (let i = 0; i < 2; i++)
        for (const client of list) await runBlock(client.call, concurrency, options.warmup / 2, options.maxBlockMs);
      const rates: Record<string, number[]> = Object.fromEntries(list.map((c) => [c.name, []]));
      const cpu: Record<string, number[]> = Object.fromEntries(list.map((c) => [c.name, []]));
      for (let round = 0; round < options.rounds; round++) {
        const order = [...list.slice(round % list.length), ...list.slice(0, round % list.length)];
        for (const client of order) {
          collectGarbage();
          const block = await runBlock(client.call, concurrency, count, options.maxBlockMs);
          rates[client.name]!.push(block.rate);
          cpu[client.name]!.push(block.cpuUs);
        }
        log(
          `  ${mode} round ${round + 1}/${options.rounds}: ${order.map((c) => `${c.name} ${fmt.int(rates[c.name]!.at(-1)!)}`).join(", ")}`,
        );
      }
      const fetchRates = rates.fetch!;
      const result: ModeResult = { mode, median: {}, ratio: {}, spread: {}, cpuUs: {}, vsBaseline: {} };
      for (const client of list) {
        const own = rates[client.name]!;
        result.median[client.name] = median(own);
        const perRound = own.map((rate, i) => rate / fetchRates[i]!);
        result.ratio[client.name] = median(perRound);
        result.spread[client.name] = [Math.min(...perRound), Math.max(...perRound)];
        result.cpuUs[client.name] = median(cpu[client.name]!);
        const before = options.baseline && rates[`${client.name} @${options.baseline.ref}`];
        if (before) {
          const paired = own.map((rate, i) => rate / before[i]!);
          result.vsBaseline[client.name] = [median(paired), Math.min(...paired), Math.max(...paired)];
        }
      }
      results.push(result);
    }
    return results;
  } finally {
    await server.close();
  }
}

export function renderOverhead(results: ReadonlyArray<ModeResult>): string {
  const names = Object.keys(results[0]!.median);
  const baseline = results.flatMap((r) =>
    Object.entries(r.vsBaseline).map(
      ([name, [mid, min, max]]) => `${r.mode}: ${name} now / before ${mid.toFixed(2)}× (rounds ${min.toFixed(2)}–${max.toFixed(2)})`,
    ),
  );
  const rows = [["client", ...results.flatMap((r) => [`${r.mode} req/s`, "× fetch", "rounds", "CPU µs/req"])]];
  for (const name of names) {
    rows.push([
      name,
      ...results.flatMap((r) => [
        fmt.int(r.median[name]!),
        fmt.ratio(r.ratio[name]!),
        `${r.spread[name]![0].toFixed(2)}–${r.spread[name]![1].toFixed(2)}`,
        fmt.int(r.cpuUs[name]!),
      ]),
    ]);
  }
  return table(rows) + (baseline.length ? `\n\n${baseline.join("\n")}` : "");
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "15" },
      sequential: { type: "string", default: "600" },
      concurrent: { type: "string", default: "1500" },
      warmup: { type: "string", default: "3000" },
      "max-block-ms": { type: "string", default: "3000" },
      baseline: { type: "string" },
    },
  });
  const options: OverheadOptions = {
    rounds: Number(values.rounds),
    sequential: Number(values.sequential),
    concurrent: Number(values.concurrent),
    maxBlockMs: Number(values["max-block-ms"]),
    warmup: Number(values.warmup),
    baseline: values.baseline ? { ref: values.baseline, sdk: await baselineSdk(values.baseline) } : undefined,
  };
  console.log(
    `Request overhead: POST ${PATH} on a loopback node:http server (own process); ${options.rounds} rounds of interleaved blocks ` +
      `(${options.sequential} sequential / ${options.concurrent} at 32-way concurrency per block, ≤ ${options.maxBlockMs} ms each), after a warm-up.`,
  );
  const results = await measureRequestOverhead(options);
  console.log(
    `\n${renderOverhead(results)}\n(req/s: median of blocks; × fetch: median of the per-round ratios to fetch's block of the same round, min–max beside it; CPU µs/req: this process's user+system time per request, median of blocks)`,
  );
  summary(
    "request overhead (× raw fetch, same run)",
    results.map(
      (r) =>
        `${r.mode}: ` +
        Object.keys(r.ratio)
          .filter((name) => name !== "fetch" && !name.includes("@"))
          .map((name) => `${name} ${fmt.ratio(r.ratio[name]!)}`)
          .join(", ") +
        ` (fetch ${fmt.int(r.median.fetch!)} req/s)`,
    ),
  );
}
