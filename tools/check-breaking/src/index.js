// @hostup/check-breaking: the command (`main`), and the comparison for tests that check the rules in-process.
export { parseArguments } from "./args.js";
export { readChangesets } from "./changesets.js";
export { compareSpecs } from "./diff/specs.js";
export { makeSide } from "./documents.js";
export { main } from "./main.js";
export { UsageError } from "./usage-error.js";
