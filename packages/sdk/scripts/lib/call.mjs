// A method call with example inputs, as TypeScript: shared by the docs samples and the contract
// tests, so both call the SDK the way its types say (path parameters, then the query or body).
import { Code, pretty } from "./literal.mjs";

/** The method's arguments for `inputs` (`{ path, query, body }`), in order; absent optional ones dropped. */
export function callArgs(op, inputs) {
  const args = op.params.map((p) => inputs.path[p.name]);
  if (op.query) args.push(inputs.query ?? {});
  if (op.body?.isArg) args.push(inputs.body);
  return args;
}

/**
 * `${prefix}${target}(args…)`, without a semicolon, in `width` columns: on one line when it fits,
 * else with the last object argument spread over lines, else one argument per line.
 */
export function callText(prefix, target, args, width = 100) {
  const fits = (text) => text.split("\n").every((line) => line.length < width);
  const flat = `${prefix}${target}(${args.map((a) => pretty(a, "", Infinity)).join(", ")})`;
  if (fits(flat)) return flat;
  const breakable = (a) => a && typeof a === "object" && !(a instanceof Code) && Object.keys(a).length > 0;
  const lastObject = [...args.keys()].reverse().find((i) => breakable(args[i]));
  if (lastObject !== undefined) {
    const parts = args.map((a, i) => (i === lastObject ? pretty(a, "", width, true) : pretty(a, "", Infinity)));
    const spread = `${prefix}${target}(${parts.join(", ")})`;
    if (fits(spread)) return spread;
  }
  return `${prefix}${target}(\n${args.map((a) => `  ${pretty(a, "  ", width)},`).join("\n")}\n)`;
}

/** The example inputs of each kind: `required` (only what must be sent), `all`, `sample` (as the docs show it). */
export function exampleInputs(op, which) {
  const path = Object.fromEntries(op.params.map((p) => [p.name, p.example]));
  const query = op.query ? (which === "required" ? op.query.inputs.required : op.query.inputs.all) : undefined;
  const bodyInputs = op.body?.inputs;
  const body = bodyInputs ? (which === "required" ? bodyInputs.required : which === "all" ? bodyInputs.all : bodyInputs.sample) : undefined;
  return { path, query, body };
}
