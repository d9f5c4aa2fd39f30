// generated/secrets.ts: the response fields the spec marks secret. A file of its own: only
// lazy/redact.ts imports it, so bundlers inline it there instead of making the redactor's chunk
// import the operation table's.
import { HEADER } from "./header.mjs";

export function emitSecrets(model) {
  return `${HEADER}

/** Response fields the spec marks \`x-hostup-secret\`: never logged, redacted from errors. */
export const SECRET_FIELDS: ReadonlyArray<string> = ${JSON.stringify(model.secretFields)};
`;
}
