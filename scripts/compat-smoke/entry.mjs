// The smoke checks' entry for runtimes that run a file (Node, Bun, Deno):
//   <runtime> entry.mjs <base URL> <expected User-Agent pattern>
// `@hostup/sdk` resolves through the package's `exports` with the runtime's own conditions
// (drive.mjs links it into the directory it runs this from). Arguments, not environment variables:
// Deno runs this without --allow-env. Prints one line per check; exit code 1 if any failed.
import * as sdk from "@hostup/sdk";
import * as operations from "@hostup/sdk/operations";
import { smoke } from "./smoke.mjs";

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const [baseUrl, userAgent] = args;
const { lines, failed } = await smoke(sdk, operations, { baseUrl, userAgent });
console.log(lines.join("\n"));
console.log(`# ${lines.length - failed} passed, ${failed} failed`);
if (failed) process.exitCode = 1;
