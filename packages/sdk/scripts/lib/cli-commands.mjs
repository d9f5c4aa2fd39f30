// The `hostup` CLI's command for each operation: the table lives with the CLI
// (packages/cli/src/operation-commands.ts); this reads it (TypeScript, transpiled on the fly: it
// has no imports) and prints a template with an operation's example inputs.
import { readFileSync } from "node:fs";

/** `{ operationId: template }`, checked against the model: every entry names an operation. */
export async function readOperationCommands(file, model) {
  // Loaded here, not up front: only a run that writes the samples needs the compiler.
  const { default: ts } = await import("typescript");
  const source = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  }).outputText;
  const { OPERATION_COMMANDS: table } = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
  if (!table || typeof table !== "object") throw new Error(`${file} exports no OPERATION_COMMANDS table.`);
  const ids = new Set(model.operations.map((op) => op.id));
  for (const [id, template] of Object.entries(table)) {
    if (!ids.has(id)) throw new Error(`${file}: \`${id}\` is not an operationId of the spec.`);
    if (typeof template !== "string" || !template.trim()) throw new Error(`${file}: the command of \`${id}\` must be a non-empty string.`);
  }
  return table;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** One shell word: as it is when safe, else single-quoted. */
export const shellWord = (value) => (SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/**
 * `hostup …` for `op`: each `{placeholder}` of `template` replaced by the input it names
 * (`inputs`: `{ path, query, body }`), shell-quoted. A placeholder without a value fails. Longer
 * than `width`, each `--option` goes on a continuation line of its own.
 */
export function cliCommand(op, template, inputs, width = Infinity) {
  const command = fill(op, template, inputs);
  if (command.length <= width) return command;
  const [first, ...options] = command.split(/ (?=--)/);
  // `hostup <group> <command>` alone on the first line when its arguments do not fit beside it.
  const head = first.length <= width ? [first] : [first.split(" ").slice(0, 3).join(" "), first.split(" ").slice(3).join(" ")];
  return [...head, ...options].filter(Boolean).join(" \\\n  ");
}

function fill(op, template, inputs) {
  const words = template.replace(/\{([^}]+)\}/g, (_, name) => {
    const [part, field] = name.includes(".") ? name.split(".", 2) : ["path", name];
    const value = inputs[part]?.[field];
    if (value === undefined || value === null || (typeof value === "object" && !Array.isArray(value))) {
      throw new Error(`${op.id}: the CLI command's \`{${name}}\` has no example value (operation-commands.ts).`);
    }
    return []
      .concat(value)
      .map((item) => shellWord(String(item)))
      .join(" ");
  });
  return `hostup ${words}`;
}
