// The client's API methods. Their names and types come from generated/methods.ts, which is types
// only; what a call is sent with (method, path, ID patterns, retry safety: generated/operations.ts)
// is loaded on the first call. So an app's first load does not grow with the number of operations
// the API has (src/README.md).
import { HostupConfigError } from "../errors.js";
import type { HostupMethods } from "../generated/methods.js";
import { invoke, type CallContext } from "./invoke.js";
import { loadOnce } from "./load-once.js";
import type { Method } from "./method.js";
import type { OperationSpec } from "./operation.js";

export const operationTable = loadOnce(() => import("../generated/operations.js"));

/**
 * Names that JavaScript's own protocols and test tools look up on any object: never methods. A
 * `then` would make the client a thenable (`await`ing it would never end), a `toJSON` would change
 * `JSON.stringify`, an `asymmetricMatch` would fool vitest's and jest's `expect`. Object.prototype's
 * names (`constructor`, `toString`, …) are left alone by the `in` check.
 */
const NOT_METHODS = new Set(["then", "toJSON", "asymmetricMatch"]);
const METHOD_NAME = /^[a-z][A-Za-z0-9]*$/;

/**
 * `target` with a method for every operationId: `hostup.syncDomainStatus(…)`. A name that looks
 * like an operationId gets a method at once; whether the API has that operation is known on the
 * first call, which rejects with HostupConfigError when it has not (TypeScript rejects it earlier).
 */
export function withMethods<T extends object>(ctx: CallContext, target: T): T & HostupMethods {
  const made = new Map<string, Method<unknown[], unknown>>();
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key !== "string" || key in object || NOT_METHODS.has(key) || !METHOD_NAME.test(key)) {
        return Reflect.get(object, key, receiver);
      }
      let method = made.get(key);
      if (!method) made.set(key, (method = bindMethod(ctx, key)));
      return method;
    },
  }) as T & HostupMethods;
}

function bindMethod(ctx: CallContext, name: string): Method<unknown[], unknown> {
  const method = (...args: unknown[]) => invoke(ctx, operationNamed(name), args, false);
  method.withResponse = (...args: unknown[]) => invoke(ctx, operationNamed(name), args, true);
  return method as Method<unknown[], unknown>;
}

/** The operation, at once when the table is loaded (every call after the first), else once it is. */
function operationNamed(name: string): OperationSpec | Promise<OperationSpec> {
  const table = operationTable.loaded;
  if (!table) return operationTable().then((loaded) => lookUp(loaded.OPERATIONS, name));
  try {
    return lookUp(table.OPERATIONS, name);
  } catch (error) {
    return Promise.reject(error); // a method always answers with a promise, a failing one too
  }
}

function lookUp(operations: Readonly<Record<string, OperationSpec>>, name: string): OperationSpec {
  if (Object.hasOwn(operations, name)) return operations[name]!;
  throw new HostupConfigError(
    `hostup.${name} is not a method: the HostUp API has no operation called \`${name}\` (names are case-sensitive).`,
  );
}
