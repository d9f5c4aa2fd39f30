// An operation as a function of its own (`syncDomainStatus(hostup, id)`): what generated/functions.ts
// is made of. The function holds its operation's constant and nothing else; the call itself is made
// by the client it is given, through the one property every client has under CALL. So the module of
// functions carries no transport, and an app that mixes `require` and `import` (two copies of the
// SDK's code) still gets its errors from the copy that made the client: `instanceof` holds.
import { HostupConfigError } from "../errors.js";
import type { RequestOptions, WithResponse } from "./invoke.js";
import type { Method } from "./method.js";
import type { OperationSpec } from "./operation.js";

/** Where a client keeps its way of making a call: `Symbol.for`, so that every copy of the SDK finds it. */
export const CALL: unique symbol = Symbol.for("@hostup/sdk.call") as never;

/** Sends one operation with the client's key, timeouts and retries (`full`: with its response, for `.withResponse`). */
export type Call = (operation: OperationSpec, args: unknown[], full: boolean) => Promise<unknown>;

/** What every client has: what createHostupCore returns, and what createHostupClient returns with its methods. */
export interface HostupCore {
  /** How the client sends a call (what every operation function uses); not for application code. */
  readonly [CALL]: Call;
  /**
   * Starts loading, all at once, what a call may wait for before its request goes out (input checks,
   * reading error answers), so that the first call does not wait for it. Optional: each part loads on
   * first need anyway. Useful in a browser app at start-up; rejects if a part cannot be loaded.
   */
  preload(): Promise<void>;
}

/** A method as a standalone function: the client first, then the method's own arguments. */
export type OperationFunction<M> =
  M extends Method<infer Args, infer Result>
    ? {
        (hostup: HostupCore, ...args: [...Args, options?: RequestOptions]): Promise<Result>;
        withResponse(hostup: HostupCore, ...args: [...Args, options?: RequestOptions]): Promise<WithResponse<Result>>;
      }
    : never;

export function operationFunction<M>(operation: OperationSpec): OperationFunction<M> {
  const call = (hostup: unknown, args: unknown[], full: boolean): Promise<unknown> => {
    const send = (hostup as { [CALL]?: Call } | null | undefined)?.[CALL];
    if (typeof send === "function") return send(operation, args, full);
    return Promise.reject(
      new HostupConfigError(
        `${operation.id}(hostup, …): the first argument must be a client from createHostupCore() or createHostupClient(), got ${
          hostup === null ? "null" : typeof hostup
        }.`,
      ),
    );
  };
  const fn = (hostup: unknown, ...args: unknown[]) => call(hostup, args, false);
  fn.withResponse = (hostup: unknown, ...args: unknown[]) => call(hostup, args, true);
  // Frozen: an app's modules share each function, and one must not patch it for all.
  return Object.freeze(Object.defineProperty(fn, "name", { value: operation.id })) as unknown as OperationFunction<M>;
}
