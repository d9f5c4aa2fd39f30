// The API scopes an operation needs, read from its security requirements and the spec's
// extensions, and the sentences the method docs and the README table say them with.
//
// - `security`: alternatives (a key, or a dashboard session), each naming every scope it needs.
// - `x-hostup-scopes-undocumented: true`: HostUp's page gives no scope; the requirements list none.
// - `x-hostup-conditional-scopes: [{ scope, when: { field } }]`: a scope needed only when the
//   request body has `field` (openapi/README.md, "Extensions").

const SCOPE = /^(read|write|delete):[a-z][a-z_]*$/;

/** `{ alternatives: [{ schemes, scopes }], undocumented, conditional: [{ scope, field }] }` for one operation. */
export function operationScopes(spec, operation, operationId, bodyFields) {
  const requirements = operation.security ?? spec.security ?? [];
  const alternatives = requirements.map((requirement) => {
    const schemes = Object.keys(requirement);
    const scopes = [...new Set(schemes.flatMap((scheme) => requirement[scheme] ?? []))];
    return { schemes, scopes };
  });
  const undocumented = operation["x-hostup-scopes-undocumented"] === true;
  if (undocumented && alternatives.some((a) => a.scopes.length)) {
    throw new Error(`${operationId}: x-hostup-scopes-undocumented is set, but its security requirements name scopes.`);
  }
  return { alternatives, undocumented, conditional: conditionalScopes(operation, operationId, bodyFields) };
}

function conditionalScopes(operation, operationId, bodyFields) {
  const raw = operation["x-hostup-conditional-scopes"];
  if (raw === undefined) return [];
  const where = `${operationId}: x-hostup-conditional-scopes`;
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${where} must be a non-empty list of { scope, when: { field } }.`);
  return raw.map((entry, i) => {
    const scope = entry?.scope;
    const field = entry?.when?.field;
    if (typeof scope !== "string" || !SCOPE.test(scope))
      throw new Error(`${where}[${i}].scope must be an API scope such as \`write:cdn\`.`);
    if (typeof field !== "string" || !field) throw new Error(`${where}[${i}].when.field must name a request body field.`);
    if (!bodyFields) throw new Error(`${where}[${i}]: the operation has no request body for \`${field}\` to be sent in.`);
    if (bodyFields.length && !bodyFields.includes(field)) {
      throw new Error(`${where}[${i}].when.field \`${field}\` is not a field of the request body (${bodyFields.join(", ")}).`);
    }
    const extra = Object.keys(entry).filter((key) => key !== "scope" && key !== "when");
    const extraWhen = Object.keys(entry.when).filter((key) => key !== "field");
    if (extra.length || extraWhen.length)
      throw new Error(`${where}[${i}] has keys this generator does not know: ${[...extra, ...extraWhen].join(", ")}.`);
    return { scope, field };
  });
}

const code = (text) => `\`${text}\``;
const and = (items) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** Every scope the operation may need, unconditional ones first. */
export function allScopes(scopes) {
  return [...new Set([...scopes.alternatives.flatMap((a) => a.scopes), ...scopes.conditional.map((c) => c.scope)])];
}

/** The sentences for the method docs, e.g. "Required API scopes: `write:domains` and `write:billing`." */
export function scopeSentences(scopes) {
  const lines = [];
  const sets = [...new Set(scopes.alternatives.map((a) => a.scopes.join(" ")))];
  if (scopes.undocumented || (sets.length === 1 && sets[0] === "")) {
    lines.push("HostUp documents no scope for this operation.");
  } else if (sets.length === 0) {
    lines.push("The spec lists no security requirement for this operation.");
  } else if (sets.length === 1) {
    const list = scopes.alternatives[0].scopes;
    lines.push(`Required API scope${list.length > 1 ? "s" : ""}: ${and(list.map(code))}.`);
  } else {
    const options = scopes.alternatives.map((a) => `${a.scopes.length ? and(a.scopes.map(code)) : "no scope"} (${a.schemes.join(" + ")})`);
    lines.push(`Required API scopes, depending on how the call authenticates: ${options.join("; or ")}.`);
  }
  for (const { scope, field } of scopes.conditional) lines.push(`Also needs ${code(scope)} when ${code(field)} is sent.`);
  return lines;
}

/** The README table's cell, e.g. "`write:domains` + `write:billing`". */
export function scopeCell(scopes) {
  const sets = [...new Set(scopes.alternatives.map((a) => a.scopes.join(" ")))];
  let cell;
  if (scopes.undocumented || (sets.length === 1 && sets[0] === "")) cell = "not documented";
  else if (sets.length === 0) cell = "none listed";
  else
    cell = scopes.alternatives
      .filter((a, i, all) => all.findIndex((b) => b.scopes.join(" ") === a.scopes.join(" ")) === i)
      .map((a) => a.scopes.map(code).join(" + "))
      .join(" or ");
  const conditional = scopes.conditional.map(({ scope, field }) => `; ${code(scope)} too when ${code(field)} is sent`);
  return cell + conditional.join("");
}
