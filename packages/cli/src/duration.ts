// Durations on the command line (`--interval 5m`, `--wait-timeout 30s`) and in log lines.
import { UsageError } from "./config.js";

/** setTimeout's limit is about 24.8 days; no option of the CLI needs more than a day. */
export const MAX_DURATION_MS = 24 * 3_600_000;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `30s`, `5m`, `1h`, `1500ms` or a bare number of milliseconds, from 1 ms to 24h; `option` names the flag in the error. */
export function parseDuration(text: string, option = "--interval"): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? "ms"]! : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > MAX_DURATION_MS) {
    throw new UsageError(`${option} must be a duration such as 30s, 5m or 1h (or milliseconds), from 1 ms to 24h; got "${text}".`);
  }
  return ms;
}

/** A duration for log lines: `250ms`, `30s`, `5m`, `1h` (rounded to the unit). */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  if (ms < 60_000) return `${Math.round(ms / 1_000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  return `${Math.round(ms / 3_600_000)}h`;
}
