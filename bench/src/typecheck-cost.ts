// Type-check cost: `tsc --noEmit --extendedDiagnostics` on a consumer that uses every operation
// (methods, `.withResponse`, `raw`, workflows: fixtures/consumer.ts), minus the same compiler run on an
// empty file. Then the cost per operation: the methods (fixtures/consumer-methods.ts) and `raw`
// (fixtures/consumer-raw.ts) consumers against the SDK built from the real spec and
// from the synthetic one (66: each consumer once per copy, renamed), the declarations emitted from
// each build and @hostup/types generated from each spec; the slope between the two is per operation.
// The counts (types, instantiations) are deterministic for a given TypeScript version and SDK build,
// so CI budgets the instantiations (test/budgets.test.ts); the times are printed only.
//
//   tsx src/typecheck-cost.ts
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { SpecNode } from "@hostup/openapi/walk";
import { fmt, isMain, summary, table } from "./support/measure.js";
import { withSdkBuild } from "./support/sdk-from-spec.js";
import { checkEveryOperationCalled, consumerCopy, consumerFixture, type ConsumerKind } from "./support/synthetic-consumer.js";
import { realSpec, SYNTHETIC_COPIES, syntheticSpec } from "./support/synthetic-spec.js";

/**
 * Budget for the instantiations the consumer adds over an empty file (TypeScript 5.9.3). Set at 11
 * operations to 24,500 (20,479 measured, nearly all of it `raw`, i.e. openapi-fetch's path types);
 * raised to 60,000 when the spec went to 32 operations (50,241 measured: the methods about 400, `raw`
 * the rest, about 830 per operation as the per-operation budget below says), plus about 20%. Raise it
 * only with a reason (new operations, a TypeScript upgrade); the per-operation budget is what keeps
 * the cost of each new operation in check.
 */
export const INSTANTIATION_BUDGET = 60_000;

/**
 * Budget per operation: the instantiations a consumer that calls every operation adds for each
 * operation the API has (and it calls), the slope between 11 and 66 operations. Measured when set
 * (TypeScript 5.9.3): 12.3 through the methods, 833.7 through `raw`; plus about 20%.
 */
export const PER_OPERATION_INSTANTIATION_BUDGET: Readonly<Record<ConsumerKind, number>> = { methods: 15, raw: 1_000 };

const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/lib/tsc.js");
const TS_VERSION = (require("typescript/package.json") as { version: string }).version;

export interface Diagnostics {
  files: number;
  types: number;
  instantiations: number;
  symbols: number;
  memoryKb: number;
  checkMs: number;
  totalMs: number;
}

export interface TypecheckCost {
  typescript: string;
  consumer: Diagnostics;
  empty: Diagnostics;
  /** consumer − empty */
  added: Diagnostics;
}

/** One compiler run with the consumer-like options of a browser app (no @types/node) on a fixture. */
export function diagnose(fixture: string): Promise<Diagnostics> {
  return diagnoseFiles([fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url))]);
}

/** The same on any files; `paths` (tsconfig) resolve packages elsewhere, e.g. to an SDK built from another spec. */
export async function diagnoseFiles(files: ReadonlyArray<string>, paths?: Record<string, string[]>): Promise<Diagnostics> {
  const dir = mkdtempSync(join(tmpdir(), "hostup-tsc-"));
  try {
    const config = join(dir, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          ...(paths && { paths }),
        },
        files,
      }),
    );
    const { stdout } = await promisify(execFile)(process.execPath, [TSC, "-p", config, "--extendedDiagnostics"], {
      maxBuffer: 1 << 24,
    }).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`tsc failed on ${files.join(", ")}:\n${error.stdout ?? error.message}`);
    });
    const value = (label: string) => {
      const match = new RegExp(`^${label}:\\s+([\\d.]+)(K|s)?\\s*$`, "m").exec(stdout);
      if (!match) throw new Error(`no "${label}" in tsc --extendedDiagnostics output:\n${stdout}`);
      return match[2] === "s" ? Number(match[1]) * 1000 : Number(match[1]);
    };
    return {
      files: value("Files"),
      types: value("Types"),
      instantiations: value("Instantiations"),
      symbols: value("Symbols"),
      memoryKb: value("Memory used"),
      checkMs: value("Check time"),
      totalMs: value("Total time"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureTypecheckCost(): Promise<TypecheckCost> {
  const empty = await diagnose("empty.ts");
  const consumer = await diagnose("consumer.ts");
  const added = Object.fromEntries(
    Object.keys(consumer).map((key) => [key, consumer[key as keyof Diagnostics] - empty[key as keyof Diagnostics]]),
  ) as unknown as Diagnostics;
  return { typescript: TS_VERSION, consumer, empty, added };
}

export function renderTypecheck(cost: TypecheckCost): string {
  const row = (name: string, d: Diagnostics) => [
    name,
    fmt.int(d.files),
    fmt.int(d.types),
    fmt.int(d.instantiations),
    fmt.int(d.symbols),
    `${fmt.int(d.memoryKb / 1000)} MB`,
    `${fmt.int(d.checkMs)} ms`,
    `${fmt.int(d.totalMs)} ms`,
  ];
  return table([
    ["", "files", "types", "instantiations", "symbols", "memory", "check time", "total time"],
    row("consumer.ts", cost.consumer),
    row("empty.ts", cost.empty),
    row("added by the SDK", cost.added),
  ]);
}

export interface Cost {
  instantiations: number;
  types: number;
}

export interface ConsumerSlope {
  /** A consumer calling every operation once, over an empty file: with the real spec's operations and with the synthetic spec's. */
  few: Cost;
  many: Cost;
  /** (many − few) ÷ the operations between them. */
  perOperation: Cost;
  /** The real spec's calls alone against the synthetic API: what a bigger API costs code that does not change. */
  sameCallsAtMany: Cost;
}

export interface TypecheckSlope {
  typescript: string;
  operations: { few: number; many: number };
  methods: ConsumerSlope;
  raw: ConsumerSlope;
}

const KINDS: ReadonlyArray<ConsumerKind> = ["methods", "raw"];

export async function measureTypecheckSlope(): Promise<TypecheckSlope> {
  const real = realSpec();
  const texts = Object.fromEntries(KINDS.map((kind) => [kind, consumerFixture(kind)])) as Record<ConsumerKind, string>;
  for (const kind of KINDS) checkEveryOperationCalled(kind, texts[kind], real);
  const empty = await diagnose("empty.ts");
  const added = (d: Diagnostics): Cost => ({ instantiations: d.instantiations - empty.instantiations, types: d.types - empty.types });

  const measure = (spec: SpecNode, copies: number) =>
    withSdkBuild(spec, { declarations: true }, async (sdk) => {
      const consumer = (kind: ConsumerKind, upTo: number) =>
        Array.from({ length: upTo + 1 }, (_, copy) => {
          const file = join(sdk.dir, `consumer-${kind}-copy${copy}.ts`);
          writeFileSync(file, consumerCopy(kind, texts[kind], real, copy));
          return file;
        });
      const costs = {} as Record<ConsumerKind, { all: Cost; original: Cost }>;
      for (const kind of KINDS) {
        const all = added(await diagnoseFiles(consumer(kind, copies), sdk.typePaths));
        costs[kind] = { all, original: copies ? added(await diagnoseFiles(consumer(kind, 0), sdk.typePaths)) : all };
      }
      return { operations: sdk.operations, costs };
    });
  // Two builds of their own, each compiled in its own processes: in parallel on two cores.
  const [few, many] = await Promise.all([measure(real, 0), measure(syntheticSpec(real), SYNTHETIC_COPIES)]);
  const between = many.operations - few.operations;
  const slope = (kind: ConsumerKind): ConsumerSlope => {
    const [a, b] = [few.costs[kind].all, many.costs[kind].all];
    return {
      few: a,
      many: b,
      perOperation: { instantiations: (b.instantiations - a.instantiations) / between, types: (b.types - a.types) / between },
      sameCallsAtMany: many.costs[kind].original,
    };
  };
  return {
    typescript: TS_VERSION,
    operations: { few: few.operations, many: many.operations },
    methods: slope("methods"),
    raw: slope("raw"),
  };
}

export function renderTypecheckSlope(slope: TypecheckSlope): string {
  const { few, many } = slope.operations;
  const row = (kind: ConsumerKind) => {
    const s = slope[kind];
    return [
      kind === "methods" ? "methods (consumer-methods.ts)" : "raw (consumer-raw.ts)",
      `${fmt.int(s.few.instantiations)} / ${fmt.int(s.few.types)}`,
      `${fmt.int(s.many.instantiations)} / ${fmt.int(s.many.types)}`,
      `${s.perOperation.instantiations.toFixed(1)} / ${s.perOperation.types.toFixed(1)}`,
      fmt.int(PER_OPERATION_INSTANTIATION_BUDGET[kind]),
      `${fmt.int(s.sameCallsAtMany.instantiations)} / ${fmt.int(s.sameCallsAtMany.types)}`,
    ];
  };
  return table([
    [
      "consumer (instantiations / types added)",
      `every op, ${few} ops`,
      `every op, ${many} ops`,
      "per operation",
      "budget per op",
      `the ${few} original calls, ${many} ops`,
    ],
    row("methods"),
    row("raw"),
  ]);
}

if (isMain(import.meta.url)) {
  console.log(
    `Type-check cost: tsc ${TS_VERSION} --noEmit --extendedDiagnostics (strict, NodeNext, lib ES2022+DOM, skipLibCheck, no @types) ` +
      "on fixtures/consumer.ts (every operation: methods, withResponse, raw, workflows) and on fixtures/empty.ts\n",
  );
  const cost = await measureTypecheckCost();
  console.log(renderTypecheck(cost));
  console.log(
    "\nPer operation: the SDK built from the real spec and from the synthetic one (declarations emitted, @hostup/types generated)\n",
  );
  const slope = await measureTypecheckSlope();
  console.log(renderTypecheckSlope(slope));
  summary("type-check cost (consumer of every operation − empty file)", [
    `${fmt.int(cost.added.instantiations)} instantiations (budget ${fmt.int(INSTANTIATION_BUDGET)}), ${fmt.int(cost.added.types)} types, ` +
      `+${fmt.int(cost.added.checkMs)} ms check time, +${fmt.int(cost.added.totalMs)} ms total (TypeScript ${cost.typescript})`,
    ...KINDS.map(
      (kind) =>
        `per operation through ${kind}: ${slope[kind].perOperation.instantiations.toFixed(1)} instantiations ` +
        `(budget ${PER_OPERATION_INSTANTIATION_BUDGET[kind]}; ${fmt.int(slope[kind].few.instantiations)} at ${slope.operations.few} operations, ` +
        `${fmt.int(slope[kind].many.instantiations)} at ${slope.operations.many})`,
    ),
  ]);
}
