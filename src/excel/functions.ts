// Excel custom functions. Host globals used here: CustomFunctions (the custom-functions runtime)
// and Excel (the shared runtime's workbook API, read only, to tell empty cells from zeros).
// Every catalog function is associated under its catalog name; the manifest adds the KAM prefix.
import { ERROR_CODES, ErrorCode, FormulaError, Matrix, cellAt } from '../../shared/cells';
import { FUNCTIONS, FunctionSpec } from '../../shared/catalog';
import { HostCells, callForHost } from '../../shared/run';
import { EmptyCells, emptyCellsAmongZeros } from './blanks';

type ExcelValue = number | string | boolean | null | undefined | CustomFunctions.Error;

/** An error value handed over by Excel (allowErrorForDataTypeAny), as the core's FormulaError. */
function fromExcelError(value: CustomFunctions.Error): FormulaError {
  const code = value.code as string;
  if (ERROR_CODES.includes(code as ErrorCode)) return new FormulaError(code as ErrorCode, value.message ?? '');
  // Newer codes (#SPILL!, #CALC!, #BUSY!...) travel on as #VALUE!, naming the original.
  return new FormulaError('#VALUE!', `${code}${value.message ? `: ${value.message}` : ''}`);
}

/** Rows holding a 0 in one argument: the only ones where Excel desktop may have sent a blank. */
export interface Zeros {
  first: number;
  last: number;
}

/**
 * An argument as the core reads it. Excel hands each call fresh arrays, so they are used as they
 * are: null (empty on the web), "" and plain values stay; only error values are changed in place.
 * Notes the rows with zeros: Excel desktop sends an empty cell as 0.
 */
function readArg(arg: unknown): { matrix: Matrix | undefined; zeros: Zeros | null } {
  if (arg === null || arg === undefined) return { matrix: undefined, zeros: null };
  const rows = (Array.isArray(arg) ? arg : [[arg]]) as unknown[][];
  let first = -1;
  let last = -1;
  for (let r = 0; r < rows.length; r++) {
    let row = rows[r];
    if (!Array.isArray(row)) rows[r] = row = [row];
    for (let c = 0; c < row.length; c++) {
      const v = cellAt(row, c) as ExcelValue;
      // typeof first: a column of texts then never meets a comparison with a number.
      if (typeof v === 'number') {
        if (v === 0) {
          if (first < 0) first = r;
          last = r;
        }
      } else if (typeof v === 'object' && v !== null) row[c] = fromExcelError(v);
    }
  }
  return { matrix: rows as Matrix, zeros: first < 0 ? null : { first, last } };
}

// Excel shows a custom message only with #VALUE! and #N/A; other codes go out bare. #NAME? and
// #REF! are inputs only: the core never answers them (shared/formulas/args.ts, propagated).
const CODES_WITH_MESSAGE: readonly ErrorCode[] = ['#VALUE!', '#N/A'];
const OUTPUT_CODES: readonly ErrorCode[] = ['#VALUE!', '#N/A', '#NUM!', '#DIV/0!', '#NULL!'];

function toExcelError(e: FormulaError): CustomFunctions.Error {
  const code = (OUTPUT_CODES.includes(e.code) ? e.code : '#VALUE!') as unknown as CustomFunctions.ErrorCode;
  return CODES_WITH_MESSAGE.includes(code as unknown as ErrorCode) ? new CustomFunctions.Error(code, e.message) : new CustomFunctions.Error(code);
}

const unexpected = (spec: FunctionSpec) =>
  new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `${spec.name} failed unexpectedly; please report this with the inputs`);

/**
 * The core's result as Excel takes it: a blank must be "" (or Excel shows 0), and an error inside
 * the result (an element-wise function's bad row) a CustomFunctions.Error, which Excel shows in
 * that cell alone.
 */
const EXCEL_CELLS: HostCells = { blank: '', error: toExcelError };

function compute(spec: FunctionSpec, matrices: (Matrix | undefined)[]): Matrix {
  let result;
  try {
    // The arrays came from Excel for this call alone: results may be written over them.
    result = callForHost(spec, matrices, EXCEL_CELLS);
  } catch {
    // A bug in the core must still reach the cell as a readable error, never a hung #BUSY!.
    throw unexpected(spec);
  }
  if (result instanceof FormulaError) throw toExcelError(result);
  return result as Matrix;
}

/** Turns the zeros that are empty cells into blanks, in place. */
function blankOut(matrix: Matrix, empty: EmptyCells): void {
  for (const [r, c] of empty) if (matrix[r][c] === 0) matrix[r][c] = null;
}

/**
 * What Excel calls: matrices in (plus Excel's invocation object last), a matrix or a thrown error
 * out. When an argument holds zeros and Excel gave its address, the empty cells among them are
 * found with one workbook read for the whole call (./blanks.ts) and the answer comes as a Promise.
 */
export function excelFunction(spec: FunctionSpec) {
  return (...args: unknown[]): Matrix | Promise<Matrix> => {
    const count = spec.params.length;
    const invocation = args[count] as CustomFunctions.Invocation | undefined;
    const read = args.slice(0, count).map(readArg);
    const matrices = read.map((a) => a.matrix);
    const addresses = invocation?.parameterAddresses;
    const suspects = read.flatMap((a, i) => (a.zeros && addresses?.[i] ? [{ index: i, address: addresses[i], zeros: a.zeros, matrix: a.matrix! }] : []));
    if (!suspects.length || typeof Excel === 'undefined') return compute(spec, matrices);
    return emptyCellsAmongZeros(suspects).then((found) => {
      found.forEach((empty, k) => blankOut(suspects[k].matrix, empty));
      return compute(spec, matrices);
    });
  };
}

for (const spec of FUNCTIONS) CustomFunctions.associate(spec.name, excelFunction(spec));
