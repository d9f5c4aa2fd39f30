// The client's API methods and workflows, by name. The methods' names and types come from
// generated/methods.ts, which is types only; what a call is sent with (method, path, ID patterns,
// retry safety: generated/operations.ts) is loaded on the first call. A name the table does not have
// is looked up in the workflows (lazy/workflows/index.ts), loaded then. So an app's first load grows
// neither with the number of operations the API has nor with the number of workflows (src/README.md).
import { HostupConfigError } from "../errors.js";
import type { HostupMethods } from "../generated/methods.js";
import { invoke, validation, type CallContext } from "./invoke.js";
import { loadOnce } from "./load-once.js";
import type { Method } from "./method.js";

export const operationTable = loadOnce(() => import("../generated/operations.js"));

/** The workflow called `name`, bound to the client, or `undefined` when the SDK has none by that name. */
export type WorkflowLookup = (name: string) => Promise<((...args: unknown[]) => unknown) | undefined>;

/**
 * Names that JavaScript's own protocols and test tools look up on any object: never methods. A
 * `then` would make the client a thenable (`await`ing it would never end), a `toJSON` would change
 * `JSON.stringify`, an `asymmetricMatch` would fool vitest's and jest's `expect`. Object.prototype's
 * names (`constructor`, `toString`, …) are left alone by the `in` check.
 */
const NOT_METHODS = new Set(["then", "toJSON", "asymmetricMatch"]);
const METHOD_NAME = /^[a-z][A-Za-z0-9]*$/;
/**
 * Workflows named `iterate…` answer with an async iterator, which a `for await` asks for at once:
 * no operation is named so (test/workflows/names.test.ts), so they skip the operation table.
 */
const ITERATING = /^iterate[A-Z]/;

/**
 * `target` with a method for every operationId (`hostup.syncDomainStatus(…)`) and every workflow. A
 * name that looks like one gets a function at once; what it is, is known on its first call, which
 * rejects with HostupConfigError when it is neither (TypeScript rejects it earlier).
 */
export function withMethods<T extends object>(ctx: CallContext, target: T, workflow: WorkflowLookup): T & HostupMethods {
  const made = new Map<string, unknown>();
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key !== "string" || key in object || NOT_METHODS.has(key) || !METHOD_NAME.test(key)) {
        return Reflect.get(object, key, receiver);
      }
      let method = made.get(key);
      if (!method) made.set(key, (method = ITERATING.test(key) ? iterating(key, workflow) : bindMethod(ctx, key, workflow)));
      return method;
    },
  }) as T & HostupMethods;
}

function bindMethod(ctx: CallContext, name: string, workflow: WorkflowLookup): Method<unknown[], unknown> {
  const call = (args: unknown[], full: boolean) => {
    // At once when the table is loaded (every call after the first) and has the name.
    const loaded = operationTable.loaded?.OPERATIONS;
    if (loaded && Object.hasOwn(loaded, name)) return invoke(ctx, loaded[name]!, args, full);
    return operationTable().then(async ({ OPERATIONS }) => {
      if (Object.hasOwn(OPERATIONS, name)) return invoke(ctx, OPERATIONS[name]!, args, full);
      const run = full ? undefined : await workflow(name); // a workflow has no HTTP response to return
      if (!run) throw await notFound(name);
      return run(...args);
    });
  };
  const method = (...args: unknown[]) => call(args, false);
  method.withResponse = (...args: unknown[]) => call(args, true);
  return method as Method<unknown[], unknown>;
}

function iterating(name: string, workflow: WorkflowLookup) {
  return async function* (...args: unknown[]) {
    const run = await workflow(name);
    if (!run) throw await notFound(name);
    yield* run(...args) as AsyncIterable<unknown>;
  };
}

/** The error for a name that is neither an operation nor a workflow (its message is written by validate.ts). */
const notFound = async (name: string) => new HostupConfigError((await validation()).notAMethod(name));
