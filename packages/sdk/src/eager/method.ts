import type { RequestOptions, WithResponse } from "./invoke.js";

/**
 * A generated API method: call it for the data, or call `.withResponse(…)` for the data plus the
 * HTTP response, request id and rate-limit headers.
 */
export interface Method<Args extends unknown[], Result> {
  (...args: [...Args, options?: RequestOptions]): Promise<Result>;
  withResponse(...args: [...Args, options?: RequestOptions]): Promise<WithResponse<Result>>;
}
