// The API's rate-limit headers, read in one place. HostUp sends `X-RateLimit-Limit` (the window's
// size), `X-RateLimit-Remaining` (what is left of it) and `X-RateLimit-Reset` (an ISO timestamp),
// and on a 429 `Retry-After` (seconds; an HTTP date is accepted as RFC 9110 allows).

/** Rate-limit state from `X-RateLimit-*` response headers (each `undefined` when absent). */
export interface RateLimit {
  limit?: number;
  remaining?: number;
  /** When the window resets (`X-RateLimit-Reset`, an ISO timestamp). */
  reset?: Date;
}

/** A header holding a non-negative integer, or `undefined` when it is absent or not one. */
export function headerInteger(headers: Headers, name: string): number | undefined {
  // `null` (no such header) fails the test as the text "null".
  const value = headers.get(name) as string;
  return /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** `X-RateLimit-Reset` in ms since the epoch, or `undefined`. */
export function resetTime(headers: Headers): number | undefined {
  const reset = Date.parse(headers.get("x-ratelimit-reset") as string); // `null`: NaN, as the text "null"
  return Number.isNaN(reset) ? undefined : reset;
}

export function readRateLimit(headers: Headers): RateLimit {
  const reset = resetTime(headers);
  return {
    limit: headerInteger(headers, "x-ratelimit-limit"),
    remaining: headerInteger(headers, "x-ratelimit-remaining"),
    reset: reset === undefined ? undefined : new Date(reset),
  };
}

/**
 * Milliseconds to wait from `now` before retrying, from `Retry-After` (seconds or an HTTP date) or,
 * failing that, `X-RateLimit-Reset`. `undefined` when neither is usable.
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  // Absent (`undefined`) or empty, it is neither a number nor a date.
  const retryAfter = headers.get("retry-after")?.trim() as string;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  const until = Number.isNaN(date) ? resetTime(headers) : date;
  return until === undefined ? undefined : Math.max(0, until - now);
}
