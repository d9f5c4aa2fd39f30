import { afterEach, describe, expect, test, vi } from "vitest";
import { headerInteger, readRateLimit, retryAfterMs } from "../../src/eager/rate-limit.js";
import { apiErrorFor, HostupRateLimitError } from "../../src/errors.js";

const NOW = Date.parse("2026-04-27T12:00:00.000Z");
const headers = (init: Record<string, string>) => new Headers(init);

afterEach(() => vi.restoreAllMocks());

describe("rate-limit headers", () => {
  test.each([
    ["0", 0],
    [" 42 ", 42],
    ["-1", undefined],
    ["1.5", undefined],
    ["ten", undefined],
  ])("X-RateLimit-Remaining %j reads as %j", (value, expected) => {
    expect(headerInteger(headers({ "x-ratelimit-remaining": value }), "x-ratelimit-remaining")).toBe(expected);
  });

  test("readRateLimit reads limit, remaining and the ISO reset", () => {
    const read = readRateLimit(
      headers({ "x-ratelimit-limit": "100", "x-ratelimit-remaining": "7", "x-ratelimit-reset": "2026-04-27T12:01:00Z" }),
    );
    expect(read).toEqual({ limit: 100, remaining: 7, reset: new Date("2026-04-27T12:01:00Z") });
    expect(readRateLimit(headers({}))).toEqual({ limit: undefined, remaining: undefined, reset: undefined });
  });

  test.each([
    ["Retry-After in seconds", { "retry-after": "30" }, 30_000],
    ["Retry-After as an HTTP date", { "retry-after": "Mon, 27 Apr 2026 12:00:45 GMT" }, 45_000],
    ["a date already past", { "retry-after": "Mon, 27 Apr 2026 11:59:00 GMT" }, 0],
    ["only X-RateLimit-Reset", { "x-ratelimit-reset": "2026-04-27T12:00:10Z" }, 10_000],
    ["nothing usable", { "retry-after": "soon" }, undefined],
  ])("%s", (_, init, expected) => {
    expect(retryAfterMs(headers(init), NOW)).toBe(expected);
  });
});

describe("HostupRateLimitError.retryAfterMs", () => {
  test.each([
    ["seconds", { "retry-after": "45" }],
    ["an HTTP date", { "retry-after": "Mon, 27 Apr 2026 12:00:45 GMT" }],
    ["an X-RateLimit-Reset", { "x-ratelimit-reset": "2026-04-27T12:00:45Z" }],
  ])("is measured when the answer arrived, and stays the same when read later (%s)", (_, init) => {
    const clock = vi.spyOn(Date, "now").mockReturnValue(NOW);
    const error = apiErrorFor({ status: 429, headers: headers(init) }) as HostupRateLimitError;
    expect(error).toBeInstanceOf(HostupRateLimitError);
    expect(error.retryAfterMs).toBe(45_000);
    clock.mockReturnValue(NOW + 20_000);
    expect(error.retryAfterMs).toBe(45_000);
  });
});
