// Type-checks README code blocks against the built @hostup/sdk with the TypeScript compiler API.
//
// Each block becomes a virtual module file inside this package (so `@hostup/sdk` resolves to the
// workspace package and its built `dist/index.d.ts`, and package.json's "type": "module" makes it
// ESM: top-level await is allowed). `export {}` is appended so that fragments are modules too.
// Fragments may use a few names the surrounding guide has already introduced; PRELUDE declares
// exactly those, and only for a block that uses the name without declaring it itself.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { CodeBlock } from "./markdown.js";

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The names README fragments may use without declaring them, and their declarations. */
export const PRELUDE: Readonly<Record<string, string>> = {
  // "const hostup = createHostupClient(…)" from the quickstart above the fragment.
  hostup: 'declare const hostup: import("@hostup/sdk").HostupClient;',
  // The bulk example's input: any number of domain IDs.
  ids: "declare const ids: string[];",
};

/** What a user of the SDK compiles with: strict ESM for Node (the repository's base settings). */
export const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

export interface Problem {
  /** `file:line:column` in the Markdown file. */
  where: string;
  code: number;
  message: string;
  source: string;
}

export interface CheckedBlock {
  block: CodeBlock;
  prelude: string[];
  virtualFile: string;
  problems: Problem[];
}

/** Top-level names a block declares (variables, functions, classes, imports, types). */
function declaredNames(code: string): Set<string> {
  const source = ts.createSourceFile("block.ts", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bind(d.name);
    else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
    }
  }
  return names;
}

/** Identifiers a block refers to (not property names after a dot, not comments or strings). */
function usedNames(code: string): Set<string> {
  const source = ts.createSourceFile("block.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The prelude names a block needs: referred to, and not declared by the block itself. */
export function preludeFor(code: string): string[] {
  const declared = declaredNames(code);
  const used = usedNames(code);
  return Object.keys(PRELUDE).filter((name) => used.has(name) && !declared.has(name));
}

/** Compiles every block in one program and returns each block's problems, mapped to Markdown lines. */
export function typecheckBlocks(blocks: CodeBlock[]): CheckedBlock[] {
  const files = new Map<string, { checked: CheckedBlock; text: string; offset: number }>();
  blocks.forEach((block, i) => {
    const prelude = preludeFor(block.code);
    const slug = block.file.replace(/[^A-Za-z0-9]+/g, "-");
    const virtualFile = join(packageDir, "__readme_blocks__", `${String(i).padStart(2, "0")}-${slug}-L${block.line}.ts`);
    const head = prelude.map((name) => PRELUDE[name]!);
    const text = [...head, block.code, "export {};", ""].join("\n");
    files.set(virtualFile, { checked: { block, prelude, virtualFile, problems: [] }, text, offset: head.length });
  });

  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.getCurrentDirectory = () => packageDir;
  host.fileExists = (name) => files.has(resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => files.get(resolve(name))?.text ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const virtual = files.get(resolve(name));
    if (virtual) return ts.createSourceFile(name, virtual.text, languageVersion, true, ts.ScriptKind.TS);
    return getSourceFile.call(host, name, languageVersion, onError, shouldCreate);
  };

  const program = ts.createProgram({ rootNames: [...files.keys()], options: COMPILER_OPTIONS, host });
  const global = program.getOptionsDiagnostics().concat(program.getGlobalDiagnostics());
  if (global.length > 0) throw new Error(ts.formatDiagnostics(global, host));

  for (const [name, { checked, offset }] of files) {
    const source = program.getSourceFile(name);
    if (!source) throw new Error(`${name} was not part of the program`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    const lines = checked.block.code.split("\n");
    for (const d of diagnostics) {
      const { line, character } = d.start === undefined ? { line: offset, character: 0 } : source.getLineAndCharacterOfPosition(d.start);
      const blockLine = line - offset; // 0-based within the block; negative: in the prelude
      checked.problems.push({
        where: `${checked.block.file}:${checked.block.line + Math.max(blockLine, 0)}:${character + 1}`,
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
        source: blockLine >= 0 ? (lines[blockLine] ?? "") : `(prelude) ${PRELUDE[checked.prelude[line] ?? ""] ?? ""}`,
      });
    }
  }
  return [...files.values()].map((f) => f.checked);
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.where} TS${p.code}: ${p.message}\n    ${p.source.trim()}`).join("\n");
}
