// The lines `--watch` prints, each starting with an ISO timestamp (JSON lines with --json): an
// update on stdout (what the updater is for: one line per change), problems and the stop on
// stderr, and unchanged checks only with --verbose. No line holds the token: errors come from the
// SDK, which keeps it out of every message, and from this package's own messages, which never see it.
import type { DynDnsUpdateResult } from "@hostup/sdk";
import { HostupDynDnsError } from "@hostup/sdk";
import type { Io } from "../output.js";
import { formatDuration } from "./interval.js";

export interface UpdaterLog {
  updated(result: DynDnsUpdateResult, previousIp: string | undefined): void;
  unchanged(ip: string): void;
  retrying(error: unknown, delayMs: number): void;
  /** The updater gives up on this error (the CLI then prints it in full and exits with its code). */
  givingUp(error: unknown): void;
  stopped(signal: string): void;
}

export function updaterLog(io: Io, hostname: string, options: { asJson: boolean; verbose: boolean }): UpdaterLog {
  const line = (to: "stdout" | "stderr", event: Record<string, unknown>, text: string) => {
    const time = new Date().toISOString();
    io[to](`${options.asJson ? JSON.stringify({ time, hostname, ...event }) : `${time} ${hostname}: ${text}`}\n`);
  };
  return {
    updated(result, previousIp) {
      const was = previousIp === undefined ? "" : ` (was ${previousIp})`;
      line(
        "stdout",
        { event: "updated", status: result.status, ip: result.ip, previousIp: previousIp ?? null },
        `${result.status} ${result.ip}${was}`,
      );
    },
    unchanged(ip) {
      if (options.verbose) line("stdout", { event: "unchanged", ip }, `unchanged ${ip}`);
    },
    retrying(error, delayMs) {
      line(
        "stderr",
        { event: "retrying", retryInMs: delayMs, error: summary(error) },
        `${describe(error).replace(/\.$/, "")}; retrying in ${formatDuration(delayMs)}`,
      );
    },
    givingUp(error) {
      const code = error instanceof HostupDynDnsError ? `"${error.code}"` : "this error";
      line("stderr", { event: "stopped", error: summary(error) }, `stopped: retrying after ${code} would not help`);
    },
    stopped(signal) {
      line("stderr", { event: "stopped", signal }, `stopped on ${signal}`);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function summary(error: unknown): Record<string, unknown> {
  const code = error instanceof HostupDynDnsError ? { code: error.code } : {};
  return { name: error instanceof Error ? error.name : "Error", message: describe(error), ...code };
}
