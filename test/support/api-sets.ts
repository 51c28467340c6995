// Which Office requirement sets the Excel code needs, read from the code itself: every member of the
// Office.js API it uses carries its set in the reference docs ("[Api set: ExcelApi 1.8]"), and the
// type declarations (@types/office-js, @types/custom-functions-runtime) carry those same remarks.
// The TypeScript checker resolves each property access and `new` to its declaration; a use inside
// an `if` whose condition asks `supports('ExcelApi', '1.9')` (Office.context.requirements
// .isSetSupported behind the port's option) counts as guarded.
import ts from 'typescript';

export interface ApiUse {
  set: string;
  version: string;
  /** Where: "workbook.ts: layout.zoom". */
  use: string;
  /** Inside a run-time check for this set at this version or later. */
  guarded: boolean;
}

const API_SET = /\[Api set: (ExcelApi|CustomFunctionsRuntime|SharedRuntime) (\d+\.\d+)/;
const GUARD = /supports\(\s*'(\w+)'\s*,\s*'(\d+\.\d+)'\s*\)|isSetSupported\(\s*'(\w+)'\s*,\s*'(\d+\.\d+)'\s*\)/g;

/** Compares "1.10" and "1.9" as versions. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  return x[0] - y[0] || x[1] - y[1];
}

function setOf(declaration: ts.Declaration): { set: string; version: string } | null {
  const source = declaration.getSourceFile().text;
  // The remarks sit in the JSDoc right before the declaration.
  const ranges = ts.getLeadingCommentRanges(source, declaration.getFullStart()) ?? [];
  for (const range of ranges.reverse()) {
    const m = API_SET.exec(source.slice(range.pos, range.end));
    if (m) return { set: m[1], version: m[2] };
  }
  return null;
}

function guardedFor(node: ts.Node, set: string, version: string): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (!ts.isIfStatement(at)) continue;
    for (const m of at.expression.getText().matchAll(GUARD)) {
      const [guardSet, guardVersion] = m[1] ? [m[1], m[2]] : [m[3], m[4]];
      if (guardSet === set && compareVersions(guardVersion, version) >= 0) return true;
    }
  }
  return false;
}

/** Every Office.js member the given files use, with the set and version it needs. */
export function apiUses(files: string[], tsconfigPath: string): ApiUse[] {
  const config = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, tsconfigPath.replace(/[^/]+$/, '')).options;
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`cannot read ${file}`);
    const visit = (node: ts.Node) => {
      const name = ts.isPropertyAccessExpression(node) ? node.name : ts.isNewExpression(node) ? node.expression : null;
      const symbol = name ? checker.getSymbolAtLocation(name) : undefined;
      for (const declaration of symbol?.declarations ?? []) {
        const found = setOf(declaration);
        if (!found) continue;
        uses.push({ ...found, use: `${file.replace(/^.*\//, '')}: ${node.getText(source).replace(/\s+/g, ' ').slice(0, 80)}`, guarded: guardedFor(node, found.set, found.version) });
        break;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}
