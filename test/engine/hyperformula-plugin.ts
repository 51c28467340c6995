// Runs the catalog's functions inside HyperFormula, a real formula engine, so tests and the bench
// can put data in a sheet, type =PARETO_TIER(B1:B500,A1:A500) and read the spilled values back.
// Every function of shared/catalog.ts is registered by looping over FUNCTIONS under its bare name
// (the Google Sheets spelling). Cells are converted to the core's Cell (empty -> null, a
// HyperFormula error -> FormulaError with the matching code), the core is called through
// callByName, and a FormulaError comes back as a CellError of the same type with the same message.
//
// HyperFormula sizes an array formula when the formula is entered (from the formula text, before
// any cell is evaluated) and pads a smaller result with empty cells; it cannot grow the area later.
// So the size method below works out the output size from the shapes of the arguments:
// - a call whose arguments reference no cell is computed once and its result's size is used;
// - a function whose first parameter is a range (PARETO_TIER, PARETO_SHARE): that range's shape;
// - an element-wise function: the largest shape among its non-range arguments (1×1 if none);
// - PARETO_SUMMARY: (tiers + 2) × 5, tiers bounded by the cutoffs given (default 3 tiers);
// - PLAN_PHASE: the shape of weights, or 1×12 by default;
// - PLAN_REVIEW_DATES: count × 1, exact when horizon and step are constants, otherwise at most
//   MAX_REVIEWS rows (the rest stays empty).
// A result that would not fit the reserved area comes back as #SPILL! with a message, never as a
// crash of the engine.
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import type { ConfigParams, FunctionMetadata, RawCellContent } from 'hyperformula';
import { Cell, ErrorCode, FormulaError, Matrix, Result } from '../../shared/cells';
import { FUNCTIONS, FunctionSpec } from '../../shared/catalog';
import { MEASURES } from '../../shared/formulas/concentration';
import { MAX_REVIEWS } from '../../shared/formulas/plan';
import { callByName } from '../../shared/run';

// ---------------------------------------------------------------------------------------------
// Values: HyperFormula <-> core

/** The core's error codes as HyperFormula error types. #NULL! has no equivalent: #ERROR!. */
const TO_HF: Record<ErrorCode, ErrorType> = {
  '#VALUE!': ErrorType.VALUE,
  '#NUM!': ErrorType.NUM,
  '#DIV/0!': ErrorType.DIV_BY_ZERO,
  '#N/A': ErrorType.NA,
  '#REF!': ErrorType.REF,
  '#NAME?': ErrorType.NAME,
  '#NULL!': ErrorType.ERROR,
};

/** HyperFormula's error types as the core's codes; the ones without an equivalent say so in the message. */
const FROM_HF: Record<ErrorType, ErrorCode> = {
  [ErrorType.VALUE]: '#VALUE!',
  [ErrorType.NUM]: '#NUM!',
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!',
  [ErrorType.NA]: '#N/A',
  [ErrorType.REF]: '#REF!',
  [ErrorType.NAME]: '#NAME?',
  [ErrorType.CYCLE]: '#REF!',
  [ErrorType.SPILL]: '#REF!',
  [ErrorType.LIC]: '#VALUE!',
  [ErrorType.ERROR]: '#VALUE!',
};
const EXACT_TYPES = new Set<ErrorType>([ErrorType.VALUE, ErrorType.NUM, ErrorType.DIV_BY_ZERO, ErrorType.NA, ErrorType.REF, ErrorType.NAME]);

export const toHyperFormulaError = (e: FormulaError): CellError => new CellError(TO_HF[e.code], e.message);

export function fromHyperFormulaError(e: CellError): FormulaError {
  const code = FROM_HF[e.type] ?? '#VALUE!';
  const message = e.message ?? '';
  return new FormulaError(code, EXACT_TYPES.has(e.type) ? message : `#${e.type}!${message ? ` ${message}` : ''}`);
}

/** One HyperFormula scalar (raw, rich number, empty symbol or error) as a core Cell. */
export function toCell(v: unknown): Cell {
  if (v === EmptyValue || v === null || v === undefined) return null;
  if (v instanceof CellError) return fromHyperFormulaError(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  // Dates, percentages, currencies: RichNumber objects holding the number in `val`.
  if (typeof v === 'object' && typeof (v as { val?: unknown }).val === 'number') return (v as { val: number }).val;
  return new FormulaError('#VALUE!', `unexpected value ${String(v)}`);
}

/** An evaluated argument (a range or a scalar) as a block of cells. */
export function toMatrix(v: unknown): Matrix {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(toCell));
  return [[toCell(v)]];
}

/** One core Cell as a HyperFormula value. */
function fromCell(c: Cell): unknown {
  if (c === null) return EmptyValue;
  if (c instanceof FormulaError) return toHyperFormulaError(c);
  return c;
}

// ---------------------------------------------------------------------------------------------
// The plugin

/** The bits of HyperFormula's (not exported) AST and interpreter state the plugin reads. */
interface Ast {
  type: string;
  [key: string]: unknown;
}
interface CallAst extends Ast {
  procedureName: string;
  args: Ast[];
}
interface State {
  formulaAddress: unknown;
  arraysFlag: boolean;
  formulaVertex?: { formula?: unknown; width?: number; height?: number };
}
/** A result's size as [height, width]. */
type Shape = [number, number];

const REFERENCE_NODES = new Set(['CELL_REFERENCE', 'CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE', 'NAMED_EXPRESSION']);

/** Maps the method names HyperFormula calls to catalog entries. */
const methodName = (spec: FunctionSpec) => `kam_${spec.name}`;
const sizeMethodName = (spec: FunctionSpec) => `kam_${spec.name}_size`;

export class AccountPlannerPlugin extends FunctionPlugin {
  static override implementedFunctions: Record<string, FunctionMetadata> = Object.fromEntries(
    FUNCTIONS.map((spec) => [
      spec.name,
      {
        method: methodName(spec),
        sizeOfResultArrayMethod: sizeMethodName(spec),
        // Ranges and scalars alike (ANY), every one optional as far as HyperFormula is concerned:
        // the core checks required arguments and says which one is missing.
        parameters: spec.params.map(() => ({ argumentType: FunctionArgumentType.ANY, optionalArg: true })),
        vectorizationForbidden: true,
      } satisfies FunctionMetadata,
    ]),
  );

  /** Evaluates the arguments as the core wants them: blocks of cells, null for a left-out one. */
  evaluateArgs(ast: CallAst, state: State): (Matrix | null)[] {
    return ast.args.map((arg) => (arg.type === 'EMPTY' ? null : toMatrix(this.evaluateAst(arg as never, state as never))));
  }

  /** Runs a catalog function on a call's arguments. */
  compute(spec: FunctionSpec, ast: CallAst, state: State): Result {
    return callByName(spec.name, this.evaluateArgs(ast, state));
  }

  /** HyperFormula's entry point for a call of `spec`. */
  run(spec: FunctionSpec, ast: CallAst, state: State): unknown {
    const result = this.compute(spec, ast, state);
    if (result instanceof FormulaError) return toHyperFormulaError(result);
    const rows = result.length;
    const cols = result[0]?.length ?? 0;
    if (rows === 0 || cols === 0) return EmptyValue;
    const vertex = state.formulaVertex;
    // The whole formula is this call: the result must fit the area reserved when it was entered.
    if (vertex && vertex.formula === ast) {
      const height = vertex.height ?? 1;
      const width = vertex.width ?? 1;
      if (rows > height || cols > width) {
        return new CellError(
          ErrorType.SPILL,
          `${spec.name} returns ${rows}×${cols} cells but only ${height}×${width} were reserved when the formula was entered`,
        );
      }
    }
    if (rows === 1 && cols === 1) return fromCell(result[0][0]);
    return SimpleRangeValue.onlyValues(result.map((row) => row.map(fromCell)) as never);
  }

  /** HyperFormula's size method for a call of `spec` (see the header of this file). */
  size(spec: FunctionSpec, ast: CallAst, state: State): ArraySize {
    let shape: Shape;
    try {
      shape = this.isConstant(ast) ? this.computedShape(spec, ast, state) : this.boundShape(spec, ast, state);
    } catch {
      shape = this.boundShape(spec, ast, state);
    }
    const maxRows = (this.config as unknown as { maxRows: number }).maxRows;
    const maxColumns = (this.config as unknown as { maxColumns: number }).maxColumns;
    const [h, w] = [Math.min(Math.max(1, shape[0]), maxRows), Math.min(Math.max(1, shape[1]), maxColumns)];
    return h === 1 && w === 1 ? ArraySize.scalar() : new ArraySize(w, h);
  }

  /** True when nothing in the call refers to a cell or a volatile function: it can be computed now. */
  isConstant(ast: unknown): boolean {
    if (ast === null || typeof ast !== 'object') return true;
    if (Array.isArray(ast)) return ast.every((a) => this.isConstant(a));
    const node = ast as Ast;
    if (REFERENCE_NODES.has(node.type)) return false;
    if (node.type === 'FUNCTION_CALL') {
      const name = String(node.procedureName);
      const registry = (this.interpreter as unknown as { functionRegistry?: { isFunctionVolatile?: (n: string) => boolean } }).functionRegistry;
      if (registry?.isFunctionVolatile?.(name)) return false;
    }
    for (const key of ['args', 'left', 'right', 'value', 'expression']) {
      if (key in node && !this.isConstant(node[key])) return false;
    }
    return true;
  }

  private computedShape(spec: FunctionSpec, ast: CallAst, state: State): Shape {
    const result = this.compute(spec, ast, { formulaAddress: state.formulaAddress, arraysFlag: state.arraysFlag });
    if (result instanceof FormulaError) return [1, 1];
    return [result.length, result[0]?.length ?? 1];
  }

  private argShape(ast: CallAst, i: number, state: State): Shape | undefined {
    const arg = ast.args[i];
    if (!arg || arg.type === 'EMPTY') return undefined;
    const s = this.arraySizeForAst(arg as never, state as never);
    return [s.height, s.width];
  }

  /** The value of an argument if it can be known now (a constant), else undefined. */
  private constantArg(ast: CallAst, i: number, state: State): Matrix | null | undefined {
    const arg = ast.args[i];
    if (!arg || arg.type === 'EMPTY') return null;
    if (!this.isConstant(arg)) return undefined;
    return toMatrix(this.evaluateAst(arg as never, state as never));
  }

  /** An upper bound on the output size from the shapes of the arguments. */
  private boundShape(spec: FunctionSpec, ast: CallAst, state: State): Shape {
    const index = (name: string) => spec.params.findIndex((p) => p.name === name);
    switch (spec.name) {
      case 'PARETO_SUMMARY': {
        // With groups: a header, then per group (at most one per row) its tiers and a total line.
        const groups = this.argShape(ast, index('groups'), state);
        if (groups) {
          const known = this.constantArg(ast, index('cutoffs'), state);
          const tiers = (known ? known.flat().filter((c) => c !== null && c !== '').length || 2 : 2) + 1;
          return [1 + groups[0] * groups[1] * (tiers + 1), 6];
        }
        // Tiers = cutoffs + 1; blank cutoffs are skipped and no cutoffs at all means the default 2.
        const i = index('cutoffs');
        const known = this.constantArg(ast, i, state);
        let cutoffs: number;
        if (known === null) cutoffs = 2;
        else if (known !== undefined) cutoffs = known.flat().filter((c) => c !== null && c !== '').length || 2;
        else {
          const [h, w] = this.argShape(ast, i, state) ?? [1, 2];
          cutoffs = Math.max(2, h * w);
        }
        return [cutoffs + 1 + 2, 5];
      }
      case 'PARETO_CUTOFFS':
        return [1, 2];
      case 'ACCOUNT_SCORE':
        // One score per row of ratings.
        return [this.argShape(ast, 0, state)?.[0] ?? 1, 1];
      case 'PARETO_MIGRATION': {
        // Two columns per row of values (two rows for a row of values).
        const [h, w] = this.argShape(ast, 0, state) ?? [1, 1];
        return h === 1 && w > 1 ? [2, w] : [h, 2];
      }
      case 'CONCENTRATION': {
        // One measure: one cell; none (or one only known later): the table of all of them.
        const measure = this.constantArg(ast, index('measure'), state);
        return measure && measure[0][0] !== null && measure[0][0] !== '' ? [1, 1] : [MEASURES.length, 2];
      }
      case 'PLAN_PHASE': {
        const shape = this.argShape(ast, index('weights'), state);
        // A single weight cell might be blank, which means the default 12 months.
        return !shape || (shape[0] === 1 && shape[1] === 1) ? [1, 12] : shape;
      }
      case 'PLAN_REVIEW_DATES': {
        const horizon = this.constantArg(ast, index('horizon_days'), state);
        const every = this.constantArg(ast, index('every_days'), state);
        const number = (m: Matrix | null | undefined, fallback: number) =>
          m === null || (m && m[0][0] === null) ? fallback : m && typeof m[0][0] === 'number' ? m[0][0] : undefined;
        const h = number(horizon, 90);
        const e = number(every, 30);
        if (h !== undefined && e !== undefined && e > 0 && h >= 0) {
          return [Math.min(MAX_REVIEWS, Math.max(1, Math.floor(h / e + 1e-9))), 1];
        }
        return [MAX_REVIEWS, 1];
      }
    }
    // A function on a range (one row per row of the range): the shape of that range.
    if (spec.params[0]?.kind === 'range') return this.argShape(ast, 0, state) ?? [1, 1];
    // Element-wise: the largest shape among the arguments that are not ranges in their own right.
    let shape: Shape = [1, 1];
    spec.params.forEach((p, i) => {
      if (p.kind === 'range') return;
      const s = this.argShape(ast, i, state);
      if (s) shape = [Math.max(shape[0], s[0]), Math.max(shape[1], s[1])];
    });
    return shape;
  }
}

// One evaluation method and one size method per catalog function, generated from the catalog.
const prototype = AccountPlannerPlugin.prototype as unknown as Record<string, unknown>;
for (const spec of FUNCTIONS) {
  prototype[methodName(spec)] = function (this: AccountPlannerPlugin, ast: CallAst, state: State) {
    return this.run(spec, ast, state);
  };
  prototype[sizeMethodName(spec)] = function (this: AccountPlannerPlugin, ast: CallAst, state: State) {
    return this.size(spec, ast, state);
  };
}

/** The function names in every language HyperFormula knows (the bare names everywhere). */
function translations(): Record<string, Record<string, string>> {
  const names = Object.fromEntries(FUNCTIONS.map((f) => [f.name, f.name]));
  const languages = new Set(['enGB', ...HyperFormula.getRegisteredLanguagesCodes()]);
  return Object.fromEntries([...languages].map((code) => [code, names]));
}

/** Registers the plugin with HyperFormula once; calling it again does nothing. */
export function registerAccountPlanner(): void {
  if (FUNCTIONS.every((f) => HyperFormula.getFunctionPlugin(f.name) === AccountPlannerPlugin)) return;
  HyperFormula.registerFunctionPlugin(AccountPlannerPlugin, translations());
}

/** The engine settings the tests and the bench use: GPL licence for this dev-only use, exact numbers. */
export const ENGINE_CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  // Values as computed, without HyperFormula's display rounding, so they compare exactly with the core.
  smartRounding: false,
};

/** Builds an engine with the plugin from one sheet given as rows of raw cell contents. */
export function buildEngine(sheet: RawCellContent[][], config: Partial<ConfigParams> = {}): HyperFormula {
  registerAccountPlanner();
  return HyperFormula.buildFromArray(sheet, { ...ENGINE_CONFIG, ...config });
}
