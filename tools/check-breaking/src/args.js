// The command line: `--released <file> --current <file> --changesets <dir> --json --update --force --help`.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** @import { Options } from "./types.js" */

/** The repository this package belongs to (tools/check-breaking/src → the root): where the defaults are. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** @satisfies {import("node:util").ParseArgsConfig["options"]} */
const OPTIONS = {
  released: { type: "string" },
  current: { type: "string" },
  changesets: { type: "string" },
  json: { type: "boolean" },
  update: { type: "boolean" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/**
 * @param {string[]} argv the arguments after the script's name
 * @param {string} [root] the repository whose files are the defaults
 * @returns {Options} paths resolved against the working directory
 */
export function parseArguments(argv, root = REPO_ROOT) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(explain(argv));
    throw error;
  }
  return {
    released: resolve(values.released ?? join(root, "openapi/released/openapi.json")),
    current: resolve(values.current ?? join(root, "openapi/dist/openapi.json")),
    changesets: resolve(values.changesets ?? join(root, ".changeset")),
    json: values.json === true,
    update: values.update === true,
    force: values.force === true,
    help: values.help === true,
  };
}

/** @param {unknown} error */
function isParseArgsError(error) {
  return error instanceof TypeError && "code" in error && typeof error.code === "string" && error.code.startsWith("ERR_PARSE_ARGS_");
}

/**
 * What is wrong with the arguments strict parsing refused, in the check's own words (`unknown argument
 * --frobnicate`, `--released needs a value`): the lenient parse's tokens say which argument it was.
 * @param {string[]} argv
 */
function explain(argv) {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional") return `unknown argument ${token.value}`;
    if (token.kind !== "option") continue;
    const known = Object.hasOwn(OPTIONS, token.name) ? OPTIONS[/** @type {keyof typeof OPTIONS} */ (token.name)] : undefined;
    if (!known) return `unknown argument ${token.rawName}`;
    if (known.type === "boolean" && token.value !== undefined) return `unknown argument ${argv[token.index]}`;
    if (known.type === "string" && token.value === undefined) return `${token.rawName} needs a value`;
    if (known.type === "string" && !token.inlineValue && token.value?.startsWith("-")) {
      const inline = `${token.rawName}=${token.value}`;
      return `${token.rawName} needs a value, not the option ${token.value} (a file whose name starts with "-": ${inline})`;
    }
  }
  return `cannot read the arguments ${argv.join(" ")}`;
}
