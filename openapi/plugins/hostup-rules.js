// House lint rules that Redocly's configurable rules cannot express: they relate several nodes
// (every security requirement of an operation names the same scopes) or derive a value from a name
// (a schema `FooId` must fix its ID prefix with a pattern).

const SCOPE = /^(read|write|delete):[a-z][a-z_]*$/;

/**
 * Every operation declares security requirements that all name the same API scopes (one or more,
 * such as `read:domains`). An operation whose documentation states no scope says so with
 * `x-hostup-scopes-undocumented: true` and lists none. A scope needed only when a body field is
 * sent is listed in `x-hostup-conditional-scopes` (`[{ scope, when: { field } }]`), not in the
 * requirements (openapi/README.md, "Extensions").
 */
function OperationRequiredScope() {
  return {
    Operation: {
      enter(operation, ctx) {
        const requirements = operation.security;
        if (!Array.isArray(requirements) || requirements.length === 0) {
          ctx.report({
            message: "Operation must declare `security` requirements naming its required API scope.",
            location: ctx.location.key(),
          });
          return;
        }
        const undocumented = operation["x-hostup-scopes-undocumented"] === true;
        const sets = new Set();
        requirements.forEach((requirement, index) => {
          for (const [scheme, list] of Object.entries(requirement)) {
            const where = ctx.location.child(["security", index, scheme]);
            const valid = Array.isArray(list) && (undocumented ? list.length === 0 : list.length > 0 && list.every((s) => SCOPE.test(s)));
            if (!valid) {
              ctx.report({
                message: undocumented
                  ? `Security requirement \`${scheme}\` must list no scope: the operation says its scopes are undocumented.`
                  : `Security requirement \`${scheme}\` must list the operation's API scopes, such as \`read:domains\`.`,
                location: where,
              });
              continue;
            }
            sets.add([...list].sort().join(" "));
          }
        });
        if (sets.size > 1) {
          ctx.report({
            message: `All security requirements of an operation must name the same scopes (found ${[...sets].map((s) => s || "none").join(" / ")}).`,
            location: ctx.location.child("security"),
          });
        }
        checkConditionalScopes(operation, ctx, undocumented, new Set([...sets].flatMap((set) => set.split(" "))));
      },
    },
  };
}

/** `x-hostup-conditional-scopes`: a list of `{ scope, when: { field } }`, each a scope the requirements do not already name. */
function checkConditionalScopes(operation, ctx, undocumented, unconditional) {
  const list = operation["x-hostup-conditional-scopes"];
  if (list === undefined) return;
  const where = ctx.location.child("x-hostup-conditional-scopes");
  if (!Array.isArray(list) || list.length === 0) {
    ctx.report({ message: "`x-hostup-conditional-scopes` must be a non-empty list of `{ scope, when: { field } }`.", location: where });
    return;
  }
  if (undocumented) {
    ctx.report({ message: "An operation whose scopes are undocumented cannot document conditional scopes.", location: where });
  }
  list.forEach((entry, index) => {
    const keys = entry && typeof entry === "object" ? Object.keys(entry) : [];
    const whenKeys = entry?.when && typeof entry.when === "object" ? Object.keys(entry.when) : [];
    const valid =
      typeof entry?.scope === "string" &&
      SCOPE.test(entry.scope) &&
      typeof entry.when?.field === "string" &&
      entry.when.field !== "" &&
      keys.every((k) => k === "scope" || k === "when") &&
      whenKeys.every((k) => k === "field");
    if (!valid) {
      ctx.report({
        message: "Each conditional scope is `{ scope: <read|write|delete>:<area>, when: { field: <body field> } }`.",
        location: where.child([index]),
      });
    } else if (unconditional.has(entry.scope)) {
      ctx.report({
        message: `\`${entry.scope}\` is already required unconditionally: drop it from \`x-hostup-conditional-scopes\`.`,
        location: where.child([index]),
      });
    }
  });
}

/**
 * A schema titled `XyzId` describes a public ID: a string whose `pattern` fixes its prefix.
 * Schemas live in their own files (`components/schemas/XyzId.yaml`), so the title is the name.
 */
function IdSchemaPattern() {
  return {
    Schema: {
      enter(schema, ctx) {
        const title = schema.title;
        if (typeof title !== "string" || !title.endsWith("Id")) return;
        if (schema.type !== "string" || typeof schema.pattern !== "string" || !/^\^\(?[a-z|]+\)?_/.test(schema.pattern)) {
          ctx.report({
            message: `ID schema \`${title}\` must be a string whose \`pattern\` fixes its public prefix (e.g. \`^dom_…\`).`,
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

/** Every operation says whether clients may repeat it after a 5xx, timeout or lost connection. */
function OperationRetrySafety() {
  return {
    Operation: {
      enter(operation, ctx) {
        if (typeof operation["x-hostup-retry-safe"] !== "boolean") {
          ctx.report({
            message:
              "Operation must declare `x-hostup-retry-safe: true|false` (may a client repeat it after a 5xx, timeout or lost connection?).",
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

/**
 * An `allOf` member that makes fields required must also declare them: openapi-typescript ignores a
 * `required` list whose properties live in a sibling member, so the generated types would not mark
 * the fields as required.
 */
function AllOfRequiredDeclared() {
  return {
    Schema: {
      enter(schema, ctx) {
        if (!Array.isArray(schema.allOf)) return;
        schema.allOf.forEach((member, index) => {
          if (!member || member.$ref || !Array.isArray(member.required)) return;
          const missing = member.required.filter((name) => !(member.properties && name in member.properties));
          if (missing.length) {
            ctx.report({
              message: `allOf member requires ${missing.map((n) => `\`${n}\``).join(", ")} without declaring them in its \`properties\` (generated types would not mark them required).`,
              location: ctx.location.child(["allOf", index]),
            });
          }
        });
      },
    },
  };
}

export default function hostupRules() {
  return {
    id: "hostup",
    rules: {
      oas3: {
        "operation-required-scope": OperationRequiredScope,
        "id-schema-pattern": IdSchemaPattern,
        "operation-retry-safety": OperationRetrySafety,
        "allof-required-declared": AllOfRequiredDeclared,
      },
    },
  };
}
