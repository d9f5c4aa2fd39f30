// Zone-file parsing (issue 18): time and memory to read a zone of 10,000 records and a file of about
// 50 MB, in both formats (BIND and octoDNS YAML), with @hostup/dns's readers and, before them, the
// CLI's own (packages/cli/src/zonefile at commit fdf3717, bundled from git with esbuild).
// - The zones are generated (deterministic): A, AAAA, CNAME, MX, SRV and CAA sets of one or two values,
//   TXT with SPF, DMARC in two strings, DKIM keys of 2048 bits split over a parenthesised entry,
//   verification tokens, comments; in YAML, names with lists of records and records with lists of values.
// - Every parse runs in a fresh child process (--max-old-space-size=4096, killed after --timeout
//   seconds): the time is the parse call's own (performance.now around it), the memory the child's
//   peak resident set (process.resourceUsage().maxRSS) minus that of baseline children that read the
//   same file and loaded the same reader without parsing. 10k records: medians of --runs children of
//   each kind; 50 MB: one of each.
// - The readers are called directly (readBindZone / readYamlZone), so that HostUp's 200-record limit,
//   checked by readZoneFile, does not cut the work short; readZoneFile's size limit is shown apart
//   (how fast it refuses the 50 MB text, and its message).
// - Linearity: 2,500 / 5,000 / 10,000 / 20,000 records (¼, ½, 1 and 2 × --records) in one child per
//   reader, after a warm-up, median of a few parses each; t(20k) / t(10k) is about 2 when the parse is linear.
// Wall-clock figures are printed, never enforced.
//
//   tsx src/dns-parse.ts [--records 10000] [--mb 50] [--runs 3] [--timeout 120] [--before | --no-before] [--keep]
//
// --before (the default when commit fdf3717 is in the clone) measures the old readers too; without
// the commit, or with --no-before, only the new ones are measured. The old readers need dnsz (BIND)
// and yaml (YAML) at the versions that commit pinned; one that is no longer installed anywhere in the
// workspace is skipped with a note.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { fmt, isMain, median, summary, table } from "./support/measure.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The last commit with the CLI's own zone-file readers (packages/cli/src/zonefile). */
export const BEFORE_COMMIT = "fdf3717";
const ORIGIN = "example.com";
const MB = 1_000_000;
const HEAP_MB = 4096;
/** Linearity: these multiples of --records (10,000: 2,500 / 5,000 / 10,000 / 20,000). */
const LINEAR_FACTORS = [0.25, 0.5, 1, 2] as const;
const linearSizes = (records: number) => LINEAR_FACTORS.map((f) => Math.round(records * f));

export type ZoneFormat = "bind" | "yaml";
export type Reader = "new" | "old";
const FORMATS: ReadonlyArray<ZoneFormat> = ["bind", "yaml"];
const FILE_NAME: Record<ZoneFormat, string> = { bind: `${ORIGIN}.zone`, yaml: `${ORIGIN}.yaml` };

// ---------------------------------------------------------------------------------------------
// The zones

/** A small deterministic generator (xorshift32), so that every run reads the same files. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const pick = (next: () => number, alphabet: string, length: number) => {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
  return text;
};

interface Block {
  bind: string;
  yaml: string;
  records: number;
}

/** TXT as octoDNS writes it in YAML: single-quoted, `;` escaped. */
const yamlTxt = (text: string) => `'${text.replace(/'/g, "''").replace(/;/g, "\\;")}'`;

/**
 * The records of block `i` in both formats (the same records): ten kinds in turn, 1.7 records a
 * block on average, each name used once.
 */
function block(i: number, next: () => number): Block {
  const octet = (n: number) => (n % 254) + 1;
  switch (i % 10) {
    case 0:
      return {
        records: 2,
        bind: `; --- group ${i / 10} ---\nwww-${i}\t300\tIN\tA\t192.0.2.${octet(i)}\n\t\t300\tIN\tA\t198.51.100.${octet(i + 7)}\n`,
        yaml: `# --- group ${i / 10} ---\nwww-${i}:\n  ttl: 300\n  type: A\n  values:\n  - 192.0.2.${octet(i)}\n  - 198.51.100.${octet(i + 7)}\n`,
      };
    case 1: {
      const v6 = `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
      return {
        records: 2,
        bind: `host-${i}\tIN\tA\t203.0.113.${octet(i)}\n\tIN\tAAAA\t${v6}\n`,
        yaml: `host-${i}:\n- type: A\n  value: 203.0.113.${octet(i)}\n- type: AAAA\n  value: ${v6}\n`,
      };
    }
    case 2:
      return {
        records: 1,
        bind: `app-${i}\t600\tIN\tCNAME\tlb-${i % 97}.cdn.example.net.\n`,
        yaml: `app-${i}:\n  ttl: 600\n  type: CNAME\n  value: lb-${i % 97}.cdn.example.net.\n`,
      };
    case 3: {
      const spf = `v=spf1 ip4:192.0.2.${octet(i)} ip6:2001:db8::/32 include:_spf.example.net ~all`;
      return {
        records: 3,
        bind: `mail-${i}\tIN\tMX\t10 mx1.example.net.\n\tIN\tMX\t20 mx2.example.net. ; backup\n\tIN\tTXT\t"${spf}"\n`,
        yaml:
          `mail-${i}:\n- type: MX\n  values:\n  - exchange: mx1.example.net.\n    preference: 10\n` +
          `  - exchange: mx2.example.net. # backup\n    preference: 20\n- type: TXT\n  value: ${yamlTxt(spf)}\n`,
      };
    }
    case 4: {
      // A 2048-bit RSA key as DKIM publishes it: 392 characters of base64, in strings of at most 255.
      const key = `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${pick(next, BASE64, 348)}`;
      return {
        records: 1,
        bind:
          `sel${i}._domainkey\t3600\tIN\tTXT\t( "v=DKIM1; k=rsa; "\n\t\t"p=${key.slice(0, 240)}"\n` +
          `\t\t"${key.slice(240)}" ) ; 2048-bit key\n`,
        yaml: `sel${i}._domainkey:\n  ttl: 3600\n  type: TXT\n  value: ${yamlTxt(`v=DKIM1; k=rsa; p=${key}`)}\n`,
      };
    }
    case 5:
      return {
        records: 2,
        bind: `_sip._tcp.svc-${i}\tIN\tSRV\t10 60 5060 sip1.example.net.\n\t\tIN\tSRV\t20 40 5060 sip2.example.net.\n`,
        yaml:
          `_sip._tcp.svc-${i}:\n  type: SRV\n  values:\n  - port: 5060\n    priority: 10\n    target: sip1.example.net.\n    weight: 60\n` +
          `  - port: 5060\n    priority: 20\n    target: sip2.example.net.\n    weight: 40\n`,
      };
    case 6:
      return {
        records: 2,
        bind: `c-${i}\tIN\tCAA\t0 issue "letsencrypt.org"\n\tIN\tCAA\t0 iodef "mailto:security@example.com"\n`,
        yaml:
          `c-${i}:\n  type: CAA\n  values:\n  - flags: 0\n    tag: issue\n    value: letsencrypt.org\n` +
          `  - flags: 0\n    tag: iodef\n    value: mailto:security@example.com\n`,
      };
    case 7:
      return {
        records: 1,
        bind: `v6-${i}\tIN\tAAAA\t2001:db8::${i.toString(16)} ; IPv6 only\n`,
        yaml: `v6-${i}:\n  type: AAAA\n  value: 2001:db8::${i.toString(16)} # IPv6 only\n`,
      };
    case 8: {
      const first = "v=DMARC1; p=reject; pct=100; ";
      const second = `rua=mailto:dmarc-${i}@example.com; ruf=mailto:forensic-${i}@example.com; fo=1`;
      return {
        records: 1,
        bind: `_dmarc.d-${i}\tIN\tTXT\t"${first}" "${second}"\n`,
        yaml: `_dmarc.d-${i}:\n  type: TXT\n  value: ${yamlTxt(first + second)}\n`,
      };
    }
    default: {
      const google = `google-site-verification=${pick(next, `${ALNUM}ABCDEFGHIJ_-`, 43)}`;
      const ms = `MS=ms${(next() % 90_000_000) + 10_000_000}`;
      return {
        records: 2,
        bind: `t-${i}\t300\tIN\tTXT\t"${google}"\n\t300\tIN\tTXT\t"${ms}"\n`,
        yaml: `t-${i}:\n  ttl: 300\n  type: TXT\n  values:\n  - ${yamlTxt(google)}\n  - ${yamlTxt(ms)}\n`,
      };
    }
  }
}

/** One record, for the last block when a bigger one would pass the record count. */
const filler = (i: number): Block => ({
  records: 1,
  bind: `f-${i}\tIN\tCNAME\tapp.example.net.\n`,
  yaml: `f-${i}:\n  type: CNAME\n  value: app.example.net.\n`,
});

const HEADER: Record<ZoneFormat, Block> = {
  bind: {
    records: 5,
    bind:
      `$ORIGIN ${ORIGIN}.\n$TTL 3600\n; ${ORIGIN}: a zone generated by bench/src/dns-parse.ts\n` +
      "@\tIN\tSOA\tns1.example.net. hostmaster.example.com. (\n\t\t2026120701 ; serial\n\t\t7200       ; refresh\n" +
      "\t\t3600       ; retry\n\t\t1209600    ; expire\n\t\t300 )      ; minimum\n" +
      '\tIN\tNS\tns1.example.net.\n\tIN\tNS\tns2.example.net.\n\tIN\tMX\t10 mx1.example.net.\n\tIN\tTXT\t"v=spf1 include:_spf.example.net ~all"\n',
    yaml: "",
  },
  yaml: {
    records: 4,
    bind: "",
    yaml:
      `---\n# ${ORIGIN}: a zone generated by bench/src/dns-parse.ts\n'':\n- type: MX\n  value:\n    exchange: mx1.example.net.\n    preference: 10\n` +
      "- type: NS\n  values:\n  - ns1.example.net.\n  - ns2.example.net.\n" +
      `- type: TXT\n  value: ${yamlTxt("v=spf1 include:_spf.example.net ~all")}\n`,
  },
};

export interface GeneratedZone {
  format: ZoneFormat;
  text: string;
  records: number;
}

/** A zone file of exactly `records` records, or of at least `bytes` characters (all ASCII: bytes). */
export function generateZone(format: ZoneFormat, size: { records: number } | { bytes: number }): GeneratedZone {
  const next = random(0x5eed);
  const header = HEADER[format];
  const parts = [header[format]];
  let records = header.records;
  let length = parts[0]!.length;
  const more = "records" in size ? () => records < size.records : () => length < size.bytes;
  for (let i = 0; more(); i++) {
    let b = block(i, next);
    if ("records" in size && records + b.records > size.records) b = filler(i);
    parts.push(b[format]);
    records += b.records;
    length += b[format].length;
  }
  return { format, text: parts.join(""), records };
}

// ---------------------------------------------------------------------------------------------
// The readers, in a child process

interface ParseResult {
  /** Records read (values of every set, kept or skipped). */
  records: number;
  /** Problems reported (the old readers throw at the first). */
  problems: number;
  firstProblem?: string;
}
type Parse = (text: string, format: ZoneFormat) => ParseResult;

const countRecords = (zone: { sets: Array<{ values: unknown[] }>; skipped?: Array<{ set: { values: unknown[] } }> }) =>
  zone.sets.reduce((n, set) => n + set.values.length, 0) + (zone.skipped ?? []).reduce((n, s) => n + s.set.values.length, 0);

async function loadReader(reader: Reader, oldBundle: string | undefined): Promise<Parse> {
  if (reader === "new") {
    const dns = await import("@hostup/dns");
    return (text, format) => {
      const options = { file: FILE_NAME[format], origin: ORIGIN };
      const { zone, problems } = format === "bind" ? dns.readBindZone(text, options) : dns.readYamlZone(text, options);
      return { records: countRecords(zone), problems: problems.length, firstProblem: problems[0]?.message };
    };
  }
  if (!oldBundle) throw new Error("the old readers were not built");
  type Old = (text: string, file: string, options?: { origin?: string }) => Parameters<typeof countRecords>[0];
  const old = (await import(pathToFileURL(oldBundle).href)) as { parseBindZone: Old; parseYamlZone: Old };
  return (text, format) => {
    try {
      const zone = (format === "bind" ? old.parseBindZone : old.parseYamlZone)(text, FILE_NAME[format], { origin: ORIGIN });
      return { records: countRecords(zone), problems: 0 };
    } catch (error) {
      return { records: 0, problems: 1, firstProblem: String((error as Error).message).split("\n")[0] };
    }
  };
}

interface ChildRequest {
  mode: "baseline" | "parse" | "linear";
  reader: Reader;
  format: ZoneFormat;
  /** One file (baseline, parse), or one per size (linear). */
  files: string[];
  oldBundle?: string;
  /** linear: parses per size (the median is kept). */
  repeat?: number;
}

interface ChildResult {
  ms?: number;
  /** linear: median ms per file. */
  linear?: number[];
  result?: ParseResult;
  /** KiB, process.resourceUsage().maxRSS at the end. */
  maxRssKiB: number;
}

async function child(request: ChildRequest): Promise<ChildResult> {
  const parse = await loadReader(request.reader, request.oldBundle);
  if (request.mode === "linear") {
    const texts = request.files.map((file) => readFileSync(file, "utf8"));
    // Warm-up: the smallest file twice, so that the first size is not the one that pays for the JIT.
    for (let i = 0; i < 2; i++) parse(texts[0]!, request.format);
    // Rounds over every size, so that another process's load falls on all sizes alike. No forced GC
    // between parses: after one, the next parse (YAML: 2,500 records) took 2.5 times as long.
    const times: number[][] = texts.map(() => []);
    for (let round = 0; round < (request.repeat ?? 5); round++) {
      texts.forEach((text, i) => {
        const started = performance.now();
        parse(text, request.format);
        times[i]!.push(performance.now() - started);
      });
    }
    return { linear: times.map(median), maxRssKiB: process.resourceUsage().maxRSS };
  }
  const text = readFileSync(request.files[0]!, "utf8");
  if (request.mode === "baseline") return { maxRssKiB: process.resourceUsage().maxRSS };
  const started = performance.now();
  const result = parse(text, request.format);
  const ms = performance.now() - started;
  return { ms, result, maxRssKiB: process.resourceUsage().maxRSS };
}

type Outcome = { ok: true; value: ChildResult; wallMs: number } | { ok: false; reason: string; wallMs: number };

/** Runs `request` in a fresh process: this file again, with tsx's loader (process.execArgv), bounded in heap and time. */
function inChild(request: ChildRequest, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, ...process.execArgv, fileURLToPath(import.meta.url), "--child", JSON.stringify(request)],
      { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs, killSignal: "SIGKILL" },
    );
    let stdout = "";
    let stderr = "";
    proc.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    proc.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    proc.on("error", reject);
    proc.on("close", (status, signal) => {
      const wallMs = performance.now() - started;
      if (status === 0) {
        const last = stdout.trim().split("\n").at(-1) ?? "";
        resolve({ ok: true, value: JSON.parse(last) as ChildResult, wallMs });
      } else if (signal === "SIGKILL" && wallMs >= timeoutMs - 50) resolve({ ok: false, reason: `> ${timeoutMs / 1000} s`, wallMs });
      else if (/heap out of memory|Allocation failed/i.test(stderr))
        resolve({ ok: false, reason: `out of memory (heap ${HEAP_MB} MB)`, wallMs });
      else {
        const lines = stderr.trim().split("\n");
        const error = lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1) ?? "";
        resolve({ ok: false, reason: `exit ${status ?? signal}: ${error.slice(0, 200)}`, wallMs });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The old readers, from git

export interface OldReaders {
  bundle?: string;
  /** Why they, or one of them, cannot be measured. */
  notes: string[];
  bind: boolean;
  yaml: boolean;
}

/**
 * packages/cli/src/zonefile at BEFORE_COMMIT (git archive), with stand-ins for its two imports from
 * outside the folder (`../config.js`'s UsageError, `@hostup/sdk`'s dnsTxtValue, copied from the
 * SDK's dns-names.ts of the same commit), bundled for Node with esbuild, with dnsz and yaml at the
 * versions that commit pinned.
 */
async function buildOldReaders(dir: string): Promise<OldReaders> {
  try {
    execFileSync("git", ["-C", ROOT, "cat-file", "-e", `${BEFORE_COMMIT}^{commit}`], { stdio: "ignore" });
  } catch {
    return { notes: [`commit ${BEFORE_COMMIT} is not in this clone: no "before" figures`], bind: false, yaml: false };
  }
  const src = join(dir, "before");
  mkdirSync(src, { recursive: true });
  const tar = join(src, "src.tar");
  execFileSync("git", [
    "-C",
    ROOT,
    "archive",
    "--format=tar",
    "-o",
    tar,
    BEFORE_COMMIT,
    "packages/cli/src/zonefile",
    "packages/sdk/src/dns-names.ts",
  ]);
  execFileSync("tar", ["-xf", tar, "-C", src]);
  writeFileSync(join(src, "packages/cli/src/config.ts"), "export class UsageError extends Error {}\n");
  writeFileSync(
    join(src, "packages/sdk/src/errors.ts"),
    "export class HostupValidationError extends Error {\n  constructor(message: string, ..._context: string[]) {\n    super(message);\n  }\n}\n",
  );
  writeFileSync(join(src, "entry.ts"), 'export { parseBindZone, parseYamlZone } from "./packages/cli/src/zonefile/index.js";\n');
  // dnsz and yaml at the versions that commit's CLI pinned: from the CLI's node_modules, else from
  // another workspace package's (yaml: @hostup/dns), else from pnpm's virtual store (a dependency
  // removed from the workspace stays there until it is pruned); else that reader is skipped.
  const pinned =
    (
      JSON.parse(execFileSync("git", ["-C", ROOT, "show", `${BEFORE_COMMIT}:packages/cli/package.json`], { encoding: "utf8" })) as {
        dependencies?: Record<string, string>;
      }
    ).dependencies ?? {};
  const notes: string[] = [];
  const found: Record<string, string> = {};
  const stubs: Record<string, string> = {};
  for (const [name, reader] of [
    ["dnsz", "BIND"],
    ["yaml", "YAML"],
  ] as const) {
    const version = pinned[name];
    const dirs = [join(ROOT, "packages/cli"), join(ROOT, "packages/dns"), join(ROOT, `node_modules/.pnpm/${name}@${version}`)];
    const dir = dirs.find((d) => {
      try {
        return (
          (JSON.parse(readFileSync(join(d, "node_modules", name, "package.json"), "utf8")) as { version?: string }).version === version
        );
      } catch {
        return false;
      }
    });
    if (dir) {
      found[name] = dir;
      if (dir !== dirs[0])
        notes.push(
          `${name} ${version} (the CLI's at ${BEFORE_COMMIT}) is taken from ${join(dir, "node_modules", name).slice(ROOT.length)}`,
        );
    } else {
      notes.push(`${name} ${version ?? ""} (the CLI's at ${BEFORE_COMMIT}) is no longer installed: the old ${reader} reader is skipped`);
      stubs[name] = `throw new Error("${name} is not installed");`;
    }
  }
  const { build } = await import("esbuild");
  const bundle = join(src, "old-readers.mjs");
  await build({
    entryPoints: [join(src, "entry.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "es2022",
    outfile: bundle,
    // yaml's Node build is CommonJS and requires Node's modules: give the ESM bundle a require.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    logLevel: "error",
    plugins: [
      {
        name: "before-imports",
        setup(b) {
          b.onResolve({ filter: /^@hostup\/sdk$/ }, () => ({ path: join(src, "packages/sdk/src/dns-names.ts") }));
          b.onResolve({ filter: /^(dnsz|yaml)$/ }, (args) => {
            if (args.pluginData === "found") return undefined;
            const dir = found[args.path];
            if (!dir) return { path: args.path, namespace: "stub" };
            return b.resolve(args.path, { kind: args.kind, resolveDir: dir, pluginData: "found" });
          });
          b.onLoad({ filter: /.*/, namespace: "stub" }, (args) => ({ contents: stubs[args.path]!, loader: "js" }));
        },
      },
    ],
  });
  return { bundle, notes, bind: !stubs.dnsz, yaml: !stubs.yaml };
}

// ---------------------------------------------------------------------------------------------
// The benchmark

export interface Input {
  format: ZoneFormat;
  label: string;
  file: string;
  records: number;
  bytes: number;
}

export interface Measurement {
  input: Input;
  reader: Reader;
  runs: number;
  /** Median parse time of the runs, or why there is none. */
  ms?: number;
  failure?: string;
  maxRssMB?: number;
  /** maxRSS minus the baseline child's. */
  overBaselineMB?: number;
  baselineMB?: number;
  result?: ParseResult;
}

const kibToMB = (kib: number) => (kib * 1024) / MB;

async function measure(input: Input, reader: Reader, runs: number, timeoutMs: number, oldBundle?: string): Promise<Measurement> {
  const request = { reader, format: input.format, files: [input.file], ...(oldBundle && { oldBundle }) };
  // As many baseline children as parse runs: their peak RSS varies by tens of MB (V8's heap sizing).
  const baselines: number[] = [];
  for (let i = 0; i < runs; i++) {
    const baseline = await inChild({ ...request, mode: "baseline" }, timeoutMs);
    if (baseline.ok) baselines.push(kibToMB(baseline.value.maxRssKiB));
  }
  const outcomes: Outcome[] = [];
  for (let i = 0; i < runs; i++) {
    const outcome = await inChild({ ...request, mode: "parse" }, timeoutMs);
    outcomes.push(outcome);
    if (!outcome.ok) break; // a run that timed out would time out again
  }
  const done = outcomes.flatMap((o) => (o.ok ? [o.value] : []));
  const failed = outcomes.find((o): o is Extract<Outcome, { ok: false }> => !o.ok);
  const m: Measurement = { input, reader, runs: outcomes.length };
  if (failed) m.failure = failed.reason;
  if (done.length && !failed) {
    m.ms = median(done.map((d) => d.ms!));
    m.maxRssMB = median(done.map((d) => kibToMB(d.maxRssKiB)));
    m.result = done[0]!.result!;
    if (baselines.length) {
      m.baselineMB = median(baselines);
      m.overBaselineMB = m.maxRssMB - m.baselineMB;
    }
  }
  return m;
}

const READER_NAME: Record<Reader, string> = { new: "after (@hostup/dns)", old: `before (CLI @${BEFORE_COMMIT})` };
const FORMAT_NAME: Record<ZoneFormat, string> = { bind: "BIND", yaml: "YAML" };
const short = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : fmt.int(n));
const mb = (n: number) => `${n.toFixed(1)} MB`;
const timeText = (m: Measurement) => m.failure ?? (m.ms === undefined ? "–" : m.ms < 1000 ? `${m.ms.toFixed(0)} ms` : fmt.s(m.ms));
const memoryText = (m: Measurement) =>
  m.overBaselineMB === undefined
    ? m.maxRssMB === undefined
      ? "–"
      : mb(m.maxRssMB)
    : `${m.overBaselineMB < 0 ? "−" : "+"}${mb(Math.abs(m.overBaselineMB))}`;
const resultText = (m: Measurement) =>
  !m.result
    ? ""
    : m.result.problems
      ? `${fmt.int(m.result.records)} records, ${m.result.problems} problem(s): ${m.result.firstProblem ?? ""}`.slice(0, 120)
      : m.result.records === m.input.records
        ? "all records read"
        : `${fmt.int(m.result.records)} of ${fmt.int(m.input.records)} records read`;

export function renderMeasurements(rows: ReadonlyArray<Measurement>): string {
  return table([
    ["input", "reader", "parse time", "max RSS over baseline", "max RSS (baseline)", "read"],
    ...rows.map((m) => [
      `${FORMAT_NAME[m.input.format]} ${m.input.label} (${fmt.int(m.input.records)} records, ${mb(m.input.bytes / MB)})`,
      READER_NAME[m.reader],
      `${timeText(m)}${m.runs > 1 && m.ms !== undefined ? ` (median of ${m.runs})` : ""}`,
      memoryText(m),
      m.maxRssMB === undefined ? "–" : `${mb(m.maxRssMB)} (${m.baselineMB === undefined ? "?" : mb(m.baselineMB)})`,
      resultText(m),
    ]),
  ]);
}

interface Refusal {
  format: ZoneFormat;
  bytes: number;
  ms: number;
  message: string;
}

/** readZoneFile with its default size limit on the big text: how fast it says no, and what it says. */
async function sizeLimitRefusal(format: ZoneFormat, text: string): Promise<Refusal> {
  const { readZoneFile } = await import("@hostup/dns");
  const times: number[] = [];
  let message = "(no error: the text was read)";
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    try {
      readZoneFile(text, { file: FILE_NAME[format], format });
    } catch (error) {
      message = String((error as Error).message).split("\n")[0]!;
    }
    times.push(performance.now() - started);
  }
  return { format, bytes: text.length, ms: median(times), message };
}

export interface DnsParseOptions {
  records: number;
  mb: number;
  runs: number;
  timeoutMs: number;
  /** undefined: when the commit is there. */
  before: boolean | undefined;
  /** Keep the temporary directory (the zone files and the old readers' bundle). */
  keep?: boolean;
  log?: (line: string) => void;
}

export async function measureDnsParse(options: DnsParseOptions) {
  const log = options.log ?? console.log;
  const dir = mkdtempSync(join(tmpdir(), "hostup-dns-parse-"));
  try {
    let old: OldReaders = { notes: ["--no-before: the old readers are not measured"], bind: false, yaml: false };
    if (options.before !== false) {
      try {
        old = await buildOldReaders(dir);
      } catch (error) {
        old = {
          notes: [`the old readers could not be built: ${String((error as Error).message).split("\n")[0]}`],
          bind: false,
          yaml: false,
        };
      }
      if (options.before === true && !old.bundle) throw new Error(`--before: ${old.notes.join("; ")}`);
    }
    for (const note of old.notes) log(`  note: ${note}`);

    const inputs: Input[] = [];
    const linear: Record<ZoneFormat, Input[]> = { bind: [], yaml: [] };
    const refusals: Refusal[] = [];
    const write = (zone: GeneratedZone, label: string): Input => {
      const file = join(dir, `${label.replace(/\W+/g, "-")}-${FILE_NAME[zone.format]}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, zone.text);
      return { format: zone.format, label, file, records: zone.records, bytes: Buffer.byteLength(zone.text) };
    };
    const started = performance.now();
    for (const format of FORMATS) {
      inputs.push(write(generateZone(format, { records: options.records }), `${fmt.int(options.records)} records`));
      for (const records of linearSizes(options.records)) linear[format].push(write(generateZone(format, { records }), `${records}`));
      const big = generateZone(format, { bytes: options.mb * MB });
      inputs.push(write(big, `${options.mb} MB`));
      refusals.push(await sizeLimitRefusal(format, big.text));
    }
    log(`  zones generated and written in ${fmt.s(performance.now() - started)} (${dir})`);

    const readers = (format: ZoneFormat): Reader[] => (old.bundle && old[format] ? ["new", "old"] : ["new"]);
    const measurements: Measurement[] = [];
    // The new readers first: if the old ones run out of time, the new figures are there.
    for (const reader of ["new", "old"] as const) {
      for (const input of inputs) {
        if (!readers(input.format).includes(reader)) continue;
        const runs = input.records <= options.records ? options.runs : 1;
        const m = await measure(input, reader, runs, options.timeoutMs, old.bundle);
        measurements.push(m);
        log(`  ${FORMAT_NAME[input.format]} ${input.label}, ${READER_NAME[reader]}: ${timeText(m)}, ${memoryText(m)} ${resultText(m)}`);
      }
    }

    const linearity: Array<{ format: ZoneFormat; reader: Reader; ms?: number[]; failure?: string }> = [];
    for (const reader of ["new", "old"] as const) {
      for (const format of FORMATS) {
        if (!readers(format).includes(reader)) continue;
        const files = linear[format].map((i) => i.file);
        const outcome = await inChild(
          { mode: "linear", reader, format, files, repeat: reader === "new" ? 5 : 3, ...(old.bundle && { oldBundle: old.bundle }) },
          options.timeoutMs,
        );
        const row = outcome.ok ? { format, reader, ms: outcome.value.linear! } : { format, reader, failure: outcome.reason };
        linearity.push(row);
        log(
          `  linearity ${FORMAT_NAME[format]}, ${READER_NAME[reader]}: ${row.ms ? row.ms.map((ms) => `${ms.toFixed(1)} ms`).join(" / ") : row.failure}`,
        );
      }
    }
    return { inputs, measurements, linearity, refusals, notes: old.notes };
  } finally {
    if (options.keep) log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** t(2 × records) / t(records). */
const doubledRatio = (ms: number[] | undefined) => {
  const [a, b] = [ms?.[LINEAR_FACTORS.indexOf(2)], ms?.[LINEAR_FACTORS.indexOf(1)]];
  return a !== undefined && b !== undefined ? a / b : undefined;
};

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      child: { type: "string" },
      records: { type: "string", default: "10000" },
      mb: { type: "string", default: "50" },
      runs: { type: "string", default: "3" },
      timeout: { type: "string", default: "120" },
      before: { type: "boolean" },
      "no-before": { type: "boolean" },
      keep: { type: "boolean", default: false },
    },
  });
  if (values.child) {
    const result = await child(JSON.parse(values.child) as ChildRequest);
    console.log(JSON.stringify(result));
  } else {
    const options: DnsParseOptions = {
      records: Number(values.records),
      mb: Number(values.mb),
      runs: Number(values.runs),
      timeoutMs: Number(values.timeout) * 1000,
      before: values["no-before"] ? false : values.before,
      keep: values.keep,
    };
    console.log(
      `Zone-file parsing: generated zones (BIND and octoDNS YAML) of ${fmt.int(options.records)} records and of ${options.mb} MB, each parse in a fresh\n` +
        `child process (--max-old-space-size=${HEAP_MB}, killed after ${options.timeoutMs / 1000} s); time: the parse call; memory: the child's peak RSS\n` +
        "(process.resourceUsage().maxRSS) minus that of a child that read the file and loaded the reader without parsing.\n" +
        `after: @hostup/dns readBindZone / readYamlZone (packages/dns/dist); before: the CLI's parseBindZone / parseYamlZone at ${BEFORE_COMMIT}.\n`,
    );
    const { measurements, linearity, refusals } = await measureDnsParse(options);
    console.log(`\n${renderMeasurements(measurements)}`);
    console.log(
      `\nLinearity (one child per reader, after a warm-up; median of 5 parses, 3 for the old readers; ${linearSizes(options.records).map(fmt.int).join(" / ")} records):\n`,
    );
    console.log(
      table([
        [
          "format",
          "reader",
          ...linearSizes(options.records).map(fmt.int),
          `t(${short(2 * options.records)}) / t(${short(options.records)})`,
        ],
        ...linearity.map((row) => {
          const r = doubledRatio(row.ms);
          return [
            FORMAT_NAME[row.format],
            READER_NAME[row.reader],
            ...LINEAR_FACTORS.map((_, i) => (row.ms ? `${row.ms[i]!.toFixed(1)} ms` : (row.failure ?? "–"))),
            r === undefined ? "–" : fmt.ratio(r),
          ];
        }),
      ]),
    );
    console.log("\nSize limit: readZoneFile(text) with the default maxBytes (4 MiB) on the big text (median of 3):\n");
    for (const r of refusals)
      console.log(`  ${FORMAT_NAME[r.format]}, ${mb(r.bytes / MB)}: refused in ${r.ms.toFixed(1)} ms: ${r.message}`);

    const find = (format: ZoneFormat, big: boolean, reader: Reader) =>
      measurements.find((m) => m.input.format === format && m.reader === reader && m.input.records > options.records === big);
    const cell = (m: Measurement | undefined) => (m ? `${timeText(m)}, ${memoryText(m)} RSS` : "not measured");
    const lines: string[] = [];
    for (const format of FORMATS) {
      for (const big of [false, true]) {
        const now = find(format, big, "new");
        if (!now) continue;
        lines.push(
          `${FORMAT_NAME[format]} ${now.input.label}${big ? ` (${fmt.int(now.input.records)} records)` : ""}: ${cell(now)}; before: ${cell(find(format, big, "old"))}`,
        );
      }
    }
    lines.push(
      `t(${short(2 * options.records)})/t(${short(options.records)}): ${linearity
        .map((row) => {
          const r = doubledRatio(row.ms);
          return `${FORMAT_NAME[row.format]} ${row.reader === "new" ? "after" : "before"} ${r === undefined ? (row.failure ?? "–") : fmt.ratio(r)}`;
        })
        .join(", ")}`,
    );
    lines.push(
      `size limit: readZoneFile refuses ${refusals.map((r) => `${mb(r.bytes / MB)} ${FORMAT_NAME[r.format]} in ${r.ms.toFixed(1)} ms`).join(", ")}`,
    );
    summary("dns parse (time; max RSS over a baseline child)", lines);
  }
}
