// The @example of every exported declaration in the packages' sources, shared by the test that
// type-checks them (examples.test.ts) and the one that runs those claiming a value (examples-run.test.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

export const ROOT = resolve(import.meta.dirname, "..");
export const PACKAGES = ["model", "io", "charts", "notebook", "cli"];

export interface Example {
  file: string;
  line: number;
  name: string;
  code: string;
}

export function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

// The @example of each exported declaration, with the names its module exports.
export function examplesOf(file: string): { examples: Example[]; exported: string[] } {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const examples: Example[] = [];
  const exported: string[] = [];
  for (const st of sf.statements) {
    const isExported =
      ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!isExported) continue;
    const names: string[] = [];
    if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) {
      if (st.name) names.push(st.name.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else continue;
    exported.push(...names);
    for (const tag of ts.getJSDocTags(st)) {
      if (tag.tagName.text !== "example") continue;
      const comment = typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
      if (!comment) continue;
      const { line } = sf.getLineAndCharacterOfPosition(tag.getStart());
      examples.push({ file, line: line + 1, name: names[0] ?? "", code: comment.trim() });
    }
  }
  return { examples, exported };
}

// The value names a package's index exports (types are not needed in examples).
export function publicNames(pkg: string): string[] {
  const file = join(ROOT, "packages", pkg, "src", "index.ts");
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  for (const st of sf.statements)
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.isTypeOnly)
      for (const e of st.exportClause.elements) if (!e.isTypeOnly) names.push(e.name.text);
  return names;
}
