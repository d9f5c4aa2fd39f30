// generated/hints.ts: the guidance the spec documents for clients to show, so that no SDK source
// holds a copy of spec prose: `x-hostup-next-steps` (after an error status, read by
// lazy/failure.ts) and `x-hostup-how-to-find` (how to get an ID, read by lazy/validate.ts).
import { HEADER } from "./header.mjs";
import { literal, propertyName, record } from "./literal.mjs";

export function emitHints(model) {
  const steps = model.operations
    .filter((op) => Object.keys(op.nextSteps).length)
    .map((op) => `  ${propertyName(op.id)}: ${literal(record(op.nextSteps), op.id)},`);
  const kinds = Object.entries(model.howToFind).map(([kind, text]) => `  ${propertyName(kind)}: ${literal(text, kind)},`);
  return `${HEADER}

/** The documented next step after an error status, by operationId and status (\`x-hostup-next-steps\`). */
export const NEXT_STEPS: Readonly<Record<string, Readonly<Record<number, string>>>> = ${block(steps)};

/** How to get a valid ID of each kind (the ID schema's title), e.g. from which list (\`x-hostup-how-to-find\`). */
export const HOW_TO_FIND: Readonly<Record<string, string>> = ${block(kinds)};
`;
}

/** Entry lines as an object literal, one per line (`{}` when there are none). */
const block = (lines) => (lines.length ? `{\n${lines.join("\n")}\n}` : "{}");
