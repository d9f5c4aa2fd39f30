// Rendering: human tables by default, JSON with --json, and errors that show Problem Details readably.
import {
  HostupApiError,
  HostupConfigError,
  HostupConnectionError,
  HostupDomainNotFoundError,
  HostupError,
  HostupValidationError,
} from "@hostup/sdk";
import type { Clock } from "./clock.js";
import { UsageError } from "./config.js";
import { EXIT } from "./exit-codes.js";

/** Everything a command touches of the outside world: `main(argv, io)` runs the CLI in a test the way the binary runs it. */
export interface Io {
  /** Raw writes; `println`/`eprintln` add the newline. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Is stderr a terminal (progress bars)? */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Asks the user a question on the terminal and resolves to the answer; absent when there is no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
  /** Calls `handler` on SIGINT or SIGTERM until the returned function is called. */
  onInterrupt?: (handler: (signal: string) => void) => () => void;
  /** The user hostup runs as, whose files of secrets must be theirs or root's; `process.getuid()` when absent. */
  uid?: number;
  /** How the commands that wait tell the time and wait (`--watch`, `--wait`); the real clock when absent. */
  clock?: Clock;
}

/**
 * Runs `work` with a signal that an interrupt (SIGINT, SIGTERM) aborts; resolves to the interrupt's
 * name if one came. The handlers are removed afterwards, so nothing keeps the process alive.
 */
export async function untilInterrupted<T>(io: Io, work: (signal: AbortSignal) => Promise<T>): Promise<{ result: T; interrupt?: string }> {
  const controller = new AbortController();
  let interrupt: string | undefined;
  const remove = io.onInterrupt?.((signal) => {
    interrupt = signal;
    controller.abort();
  });
  try {
    const result = await work(controller.signal);
    return interrupt ? { result, interrupt } : { result };
  } finally {
    remove?.();
  }
}

export function table(rows: ReadonlyArray<Record<string, unknown>>, columns: ReadonlyArray<[key: string, title: string]>): string {
  if (rows.length === 0) return "(none)";
  const cells = rows.map((row) => columns.map(([key]) => cell(row[key])));
  const widths = columns.map(([, title], i) => Math.max(title.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(columns.map(([, title]) => title)), ...cells.map(line)].join("\n");
}

const cell = (value: unknown) =>
  value === null || value === undefined ? "-" : typeof value === "object" ? JSON.stringify(value) : String(value);

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export const println = (io: Io, text: string) => io.stdout(`${text}\n`);
export const eprintln = (io: Io, text: string) => io.stderr(`${text}\n`);

/** Prints an error and returns the exit code for it. */
export function reportError(error: unknown, io: Io, asJson: boolean): number {
  const code = exitCodeOf(error);
  if (asJson) {
    eprintln(
      io,
      json({
        error: error instanceof HostupError ? error.toJSON() : { name: "Error", message: String((error as Error)?.message ?? error) },
      }),
    );
    return code;
  }
  if (error instanceof HostupApiError) {
    const head = `Error: HTTP ${error.status}${error.code ? ` ${error.code}` : ""}: ${error.detail ?? error.title ?? error.message}`;
    const lines = [head];
    for (const field of error.errors) lines.push(`  ${field.pointer}: ${field.detail}${field.code ? ` (${field.code})` : ""}`);
    const canDelete = (error as { canDelete?: { reason?: string | null } }).canDelete;
    if (canDelete?.reason) lines.push(`  reason: ${canDelete.reason}`);
    if (error.hint) lines.push(`  next: ${error.hint}`);
    if (error.requestId) lines.push(`  request id: ${error.requestId}`);
    eprintln(io, lines.join("\n"));
  } else if (error instanceof HostupError || error instanceof UsageError) {
    eprintln(io, `Error: ${error.message}`);
  } else {
    eprintln(io, `Error: ${(error as Error)?.stack ?? String(error)}`);
  }
  return code;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof HostupValidationError || error instanceof HostupConfigError) return EXIT.usage;
  if (error instanceof HostupDomainNotFoundError) return EXIT.usage;
  if (error instanceof HostupApiError) return EXIT.api;
  if (error instanceof HostupConnectionError) return EXIT.network;
  if (error instanceof HostupError) return EXIT.api;
  return EXIT.internal;
}

/** A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal. */
export function progressBar(io: Io, label: string): { update(done: number, total: number, note?: string): void; end(): void } {
  if (!io.isTTY) return { update() {}, end() {} };
  return {
    update(done, total, note = "") {
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : 0;
      io.stderr(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${note}`.padEnd(80));
    },
    end() {
      io.stderr("\n");
    },
  };
}
