// Type-check cost: `tsc --noEmit --extendedDiagnostics` on a consumer that uses every operation
// (methods, `.withResponse`, `raw`, workflows: fixtures/consumer.ts), minus the same compiler run on an
// empty file. The counts (types, instantiations) are deterministic for a given TypeScript version and
// SDK build, so CI budgets the instantiations (test/budgets.test.ts); the times are printed only.
//
//   tsx src/typecheck-cost.ts
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { fmt, isMain, summary, table } from "./support/measure.js";

/**
 * Budget for the instantiations the consumer adds over an empty file (TypeScript 5.9.3): 20,479 were
 * measured when it was set (about 20,250 of them from `raw`, i.e. openapi-fetch's types; the methods
 * need about 140), plus 20% headroom. Raise it only with a reason (a new operation, a TypeScript upgrade).
 */
export const INSTANTIATION_BUDGET = 24_500;

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

/** One compiler run with the consumer-like options of a browser app (no @types/node). */
export async function diagnose(fixture: string): Promise<Diagnostics> {
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
        },
        files: [fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url))],
      }),
    );
    const { stdout } = await promisify(execFile)(process.execPath, [TSC, "-p", config, "--extendedDiagnostics"], { maxBuffer: 1 << 24 }).catch(
      (error: { stdout?: string; message: string }) => {
        throw new Error(`tsc failed on fixtures/${fixture}:\n${error.stdout ?? error.message}`);
      },
    );
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

if (isMain(import.meta.url)) {
  console.log(
    `Type-check cost: tsc ${TS_VERSION} --noEmit --extendedDiagnostics (strict, NodeNext, lib ES2022+DOM, skipLibCheck, no @types) ` +
      "on fixtures/consumer.ts (every operation: methods, withResponse, raw, workflows) and on fixtures/empty.ts\n",
  );
  const cost = await measureTypecheckCost();
  console.log(renderTypecheck(cost));
  summary("type-check cost (consumer of every operation − empty file)", [
    `${fmt.int(cost.added.instantiations)} instantiations (budget ${fmt.int(INSTANTIATION_BUDGET)}), ${fmt.int(cost.added.types)} types, ` +
      `+${fmt.int(cost.added.checkMs)} ms check time, +${fmt.int(cost.added.totalMs)} ms total (TypeScript ${cost.typescript})`,
  ]);
}
