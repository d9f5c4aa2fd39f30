import type { LogRecord } from "./transport.js";

/** `[hostup] createDynDnsConfig POST /api/v2/domains/dom_…/dyndns → 201 in 84 ms (attempt 1/1)` */
export function formatLogRecord(record: LogRecord): string {
  const outcome = record.status ?? record.error ?? "error";
  const retry = record.retryInMs !== undefined ? `, retrying in ${Math.round(record.retryInMs)} ms` : "";
  const held = record.pausedMs !== undefined ? `, sent after a ${Math.round(record.pausedMs)} ms rate-limit pause` : "";
  const op = record.operationId ? `${record.operationId} ` : "";
  return `[hostup] ${op}${record.method} ${record.path} → ${outcome} in ${record.durationMs} ms (attempt ${record.attempt}/${record.maxAttempts}${held}${retry})`;
}

/**
 * Debug logging switched on by the environment (`HOSTUP_DEBUG=1`), where there is one. Never throws:
 * Deno without `--allow-env` throws on any `process.env` read, and that is no debug.
 */
export function debugFromEnvironment(): boolean {
  try {
    // Unset, it fails the test as the text "undefined".
    return /^(1|true)$/i.test((globalThis as { process?: { env?: Record<string, string> } }).process?.env?.HOSTUP_DEBUG as string);
  } catch {
    return false;
  }
}
