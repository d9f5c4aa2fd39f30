// generated/operations.ts: what every call is sent with (method, path, ID patterns, retry safety),
// one exported constant per operation, and the table of them all. A standalone function
// (generated/functions.ts) uses its operation's constant alone, so bundlers keep only the operations an
// app calls; the client with every method (client.ts) uses the table (src/README.md).
import { HEADER } from "./header.mjs";
import { literal, ref } from "./literal.mjs";

/** ID patterns are shared by many operations: each is one named constant, e.g. `DomainId`. */
function patternConstants(model) {
  const constants = new Map();
  const names = new Map();
  for (const param of model.operations.flatMap((op) => op.params)) {
    const key = param.pattern.source;
    if (names.has(key)) continue;
    const name = /^[A-Z][A-Za-z0-9]*$/.test(param.kind ?? "") ? param.kind : `IdPattern${constants.size + 1}`;
    if (constants.has(name)) throw new Error(`two ID patterns are called ${name}`);
    constants.set(name, param.pattern);
    names.set(key, name);
  }
  return { constants, nameOf: (pattern) => names.get(pattern.source) };
}

export function emitOperations(model) {
  const { constants, nameOf } = patternConstants(model);
  const entries = model.operations.map((op) => {
    const entry = {
      id: op.id,
      method: op.httpMethod,
      path: op.path,
      params: op.params.map((p) => ({ name: p.name, pattern: ref(nameOf(p.pattern)) })),
      ...(op.input ? { input: op.input } : {}),
      successBody: op.success.json,
      ...(op.success.text ? { successText: true } : {}),
      retrySafe: op.retrySafe,
      ...(op.apiKey ? {} : { apiKey: false }),
    };
    return `export const ${op.id}: OperationSpec = ${literal(entry, op.id)};`;
  });
  return `${HEADER}
import type { OperationSpec } from "../eager/operation.js";

${[...constants].map(([name, pattern]) => `const ${name} = ${literal(pattern)};`).join("\n")}

${entries.join("\n")}

/** Every operation by operationId: the client's methods, and what \`hostup.raw\` matches requests against. */
export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
${model.operations.map((op) => `  ${op.id},`).join("\n")}
};
`;
}
