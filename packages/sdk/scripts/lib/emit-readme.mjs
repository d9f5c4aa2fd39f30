// The methods table of packages/sdk/README.md (method, HTTP route, scopes), written between the
// README's marker comments so the hand-written text around it stays as it is.
import { scopeCell } from "./scopes.mjs";

export const START = "<!-- scopes:start -->";
export const END = "<!-- scopes:end -->";
const NOTE = "<!-- generated from the spec by packages/sdk/scripts/generate.mjs: edit the spec, not this table -->";

/** How the README names a method's object argument: its fields when few, else `name`. */
function objectArg(fields, name) {
  const required = fields.filter((f) => f.required);
  if (required.length) return `{ ${required.map((f) => f.name).join(", ")}${required.length < fields.length ? ", …" : ""} }`;
  if (fields.length && fields.length <= 4) return `{ ${fields.map((f) => `${f.name}?`).join(", ")} }`;
  return name;
}

function signature(op) {
  const args = op.params.map((p) => p.name);
  if (op.query)
    args.push(
      objectArg(
        op.query.params.map((p) => ({ name: p.name, required: p.required === true })),
        "query",
      ),
    );
  if (op.body?.isArg) {
    const properties = op.body.rules.properties?.entries ?? [];
    const required = new Set(op.body.rules.required ?? []);
    args.push(
      objectArg(
        properties.map(([name]) => ({ name, required: required.has(name) })),
        "body",
      ),
    );
  }
  return `${op.id}(${args.join(", ")})`;
}

function route(op) {
  const status = op.success.status;
  const outcome = !op.success.json ? ` → ${status}, no data` : status === 200 ? "" : ` → ${status}`;
  return `\`${op.httpMethod} ${op.path}\`${outcome}`;
}

const cell = (text) => text.replace(/\|/g, "\\|");

/** The table, markers included. */
export function readmeTable(model) {
  const rows = model.operations.map((op) => `| \`${cell(signature(op))}\` | ${cell(route(op))} | ${cell(scopeCell(op.scopes))} |`);
  return [START, NOTE, "| method | HTTP | scopes |", "|---|---|---|", ...rows, END].join("\n");
}

/** `readme` with the text between its markers replaced by the table. */
export function spliceReadme(readme, model) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README: the methods table needs the markers ${START} and ${END}, in that order.`);
  return readme.slice(0, start) + readmeTable(model) + readme.slice(end + END.length);
}
