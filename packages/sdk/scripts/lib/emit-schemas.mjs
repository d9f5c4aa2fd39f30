// generated/schemas.ts: what the input checks need beyond the operation table (each path
// parameter's ID kind, the query and body rules), loaded with lazy/validate.ts.
import { HEADER } from "./header.mjs";
import { literal, record } from "./literal.mjs";

export function emitSchemas(model) {
  const entries = model.operations.map((op) => {
    const params = record(Object.fromEntries(op.params.map((p) => [p.name, { kind: p.kind, ...(p.prefix ? { prefix: p.prefix } : {}) }])));
    const paramsText = literal(params, `${op.id}.params`);
    return [
      `  ${op.id}: {`,
      `    params: ${paramsText},`,
      ...(op.query ? [`    query: ${literal(op.query.rules, `${op.id}.query`)},`] : []),
      ...(op.body?.isArg ? [`    body: ${literal(op.body.rules, `${op.id}.body`)},`] : []),
      `  },`,
    ].join("\n");
  });
  return `${HEADER}
import type { RequestSchema } from "../eager/operation.js";

/** Each operation's request rules, for the checks made before anything is sent (lazy/validate.ts). */
export const REQUEST_SCHEMAS: Readonly<Record<string, RequestSchema>> = {
${entries.join("\n")}
};

`;
}
