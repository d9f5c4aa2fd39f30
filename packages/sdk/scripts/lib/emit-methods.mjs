// generated/methods.ts: one typed method per operation (types only), with its docs: the spec's
// summary and description, the scopes it needs, whether it is retried, the documented next steps.
import { HEADER } from "./header.mjs";
import { jsDoc, wrap } from "./literal.mjs";
import { scopeSentences } from "./scopes.mjs";

const RETRIED = "Retried on 429, 5xx, timeouts and connection errors.";
const NOT_RETRIED = "Retried only on 429: a repeat after a 5xx, timeout or lost connection could apply it twice.";

/** The method's JSDoc lines. */
export function methodDocLines(op) {
  const lines = [`${op.summary}.`];
  if (op.description) lines.push("", ...op.description.split("\n"));
  lines.push("", ...scopeSentences(op.scopes));
  lines.push(op.retrySafe ? RETRIED : NOT_RETRIED);
  // Wrapped like the spec's own descriptions (about 100 columns with the JSDoc's indentation).
  for (const [status, step] of Object.entries(op.nextSteps)) lines.push(...wrap(`After a ${status}: ${step}`, 100));
  return lines;
}

const operationType = (op) => `operations[${JSON.stringify(op.id)}]`;

/** The method's arguments as TypeScript (path parameters, then the query or the body). */
export function methodArgs(op) {
  const args = op.params.map((p) => `${p.name}: string`);
  if (op.query) {
    const optional = op.query.params.every((p) => !p.required) ? "?" : "";
    args.push(`query${optional}: NonNullable<${operationType(op)}["parameters"]["query"]>`);
  }
  if (op.body?.isArg) args.push(`body: NonNullable<${operationType(op)}["requestBody"]>["content"]["application/json"]`);
  return args;
}

/** What the method resolves to, as TypeScript. */
export function resultType(op) {
  if (op.success.text) return "string";
  return op.success.json ? `${operationType(op)}["responses"][${op.success.status}]["content"]["application/json"]` : "void";
}

export function emitMethods(model) {
  const members = model.operations.map(
    (op) => `${jsDoc(methodDocLines(op), "  ")}\n  ${op.id}: Method<[${methodArgs(op).join(", ")}], ${resultType(op)}>;`,
  );
  return `${HEADER}
import type { operations } from "@hostup/types";
import type { Method } from "../eager/method.js";

/** One method per operation: path parameters in path order, then the query or body, then options. */
export interface HostupMethods {
${members.join("\n\n")}
}
`;
}
