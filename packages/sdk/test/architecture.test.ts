// The SDK's main rule, checked on its source (src/README.md): the eager part (what an app loads
// with the client) reaches the lazy part (what loads on first need) only through dynamic
// `import()`, and the lazy part imports nothing of the eager part at run time. A static import
// across the line would put lazy code into every app's first load, or make bundlers split an eager
// module into a chunk of its own (two files up front instead of one).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
const LAZY_GENERATED = new Set(["generated/schemas.ts", "generated/secrets.ts", "generated/hints.ts"]);

const isLazy = (file: string) => file.startsWith("lazy/") || LAZY_GENERATED.has(file);

interface Edge {
  from: string;
  to: string;
  dynamic: boolean;
}

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [relative(SRC, path)] : [];
  });
}

/** Every import of `file` that exists at run time (type-only ones are erased), relative imports only. */
function runtimeImports(file: string): Edge[] {
  const text = readFileSync(join(SRC, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const add = (specifier: string, dynamic: boolean) => {
    if (!specifier.startsWith(".")) return;
    const to = relative(SRC, resolve(SRC, dirname(file), specifier)).replace(/\.js$/, ".ts");
    edges.push({ from: file, to, dynamic });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) add(node.moduleSpecifier.text, false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      if (!named?.every((element) => element.isTypeOnly)) add(node.moduleSpecifier.text, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) add(argument.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const files = sourceFiles();
const edges = files.flatMap(runtimeImports);

describe("the eager/lazy boundary", () => {
  test("the source has both parts, and each import resolves to a file", () => {
    expect(files.filter(isLazy).length).toBeGreaterThan(5);
    expect(files.filter((f) => !isLazy(f)).length).toBeGreaterThan(5);
    for (const edge of edges) expect(files, `${edge.from} imports ${edge.to}`).toContain(edge.to);
  });

  test("eager modules load lazy ones only through import()", () => {
    const crossing = edges.filter((e) => !isLazy(e.from) && isLazy(e.to) && !e.dynamic);
    expect(crossing.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  test("lazy modules import no eager module at run time (they get what they need handed in)", () => {
    const crossing = edges.filter((e) => isLazy(e.from) && !isLazy(e.to));
    expect(crossing.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  test("every import() names a lazy module, and lazy modules use no import() of their own", () => {
    const dynamic = edges.filter((e) => e.dynamic);
    expect(dynamic.length).toBeGreaterThanOrEqual(4);
    for (const edge of dynamic) {
      expect(isLazy(edge.to), `${edge.from} → ${edge.to}`).toBe(true);
      expect(isLazy(edge.from), `${edge.from} → ${edge.to}`).toBe(false);
    }
  });

  test("a standalone function reaches its operation's constant and no client: generated/functions.ts imports only that helper and the constants", () => {
    expect(
      edges
        .filter((e) => e.from === "generated/functions.ts")
        .map((e) => e.to)
        .sort(),
    ).toEqual(["eager/operation-function.ts", "generated/operations.ts"]);
    expect(edges.filter((e) => e.from === "eager/operation-function.ts").map((e) => e.to)).toEqual(["errors.ts"]);
    expect(edges.filter((e) => e.from === "operations.ts").map((e) => e.to)).toEqual(["generated/functions.ts"]);
  });

  test("generated/methods.ts is types only, so the number of operations costs nothing up front", () => {
    expect(edges.filter((e) => e.from === "generated/methods.ts")).toEqual([]);
    expect(readFileSync(join(SRC, "generated/methods.ts"), "utf8")).not.toMatch(/^export (const|function|class)/m);
  });
});
