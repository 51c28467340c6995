// Excel custom functions. Host globals used here: CustomFunctions (the custom-functions runtime).
// Every catalog function is associated under its catalog name; the manifest adds the KAM prefix.
import { Cell, ERROR_CODES, ErrorCode, FormulaError, Matrix } from '../../shared/cells';
import { FUNCTIONS, FunctionSpec } from '../../shared/catalog';
import { callFunction } from '../../shared/run';

type ExcelValue = number | string | boolean | null | undefined | CustomFunctions.Error;

function fromExcel(value: ExcelValue): Cell {
  // Excel on the web sends empty cells as null, a formula's "" as "", desktop sends 0 (which
  // cannot be told from a real 0 and counts as one).
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') {
    // allowErrorForDataTypeAny: error cells arrive as CustomFunctions.Error objects.
    const code = ERROR_CODES.includes(value.code as ErrorCode) ? (value.code as ErrorCode) : '#VALUE!';
    return new FormulaError(code, value.message ?? '');
  }
  return value;
}

const toMatrix = (arg: unknown): Matrix | undefined => {
  if (arg === null || arg === undefined) return undefined;
  const rows = Array.isArray(arg) ? (arg as unknown[]) : [[arg]];
  return rows.map((row) => (Array.isArray(row) ? row : [row]).map((v) => fromExcel(v as ExcelValue)));
};

// Excel shows a custom message only with #VALUE! and #N/A; other codes go out bare.
const CODES_WITH_MESSAGE: readonly ErrorCode[] = ['#VALUE!', '#N/A'];

function toExcelError(e: FormulaError): CustomFunctions.Error {
  const code = e.code as unknown as CustomFunctions.ErrorCode;
  return CODES_WITH_MESSAGE.includes(e.code) ? new CustomFunctions.Error(code, e.message) : new CustomFunctions.Error(code);
}

/** What Excel calls: matrices in (plus Excel's invocation object last), a matrix or a thrown error out. */
export function excelFunction(spec: FunctionSpec) {
  return (...args: unknown[]): Matrix => {
    let result;
    try {
      result = callFunction(spec, args.slice(0, spec.params.length).map(toMatrix));
    } catch {
      // A bug in the core must still reach the cell as a readable error, never a hung #BUSY!.
      throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `${spec.name} failed unexpectedly; please report this with the inputs`);
    }
    if (result instanceof FormulaError) throw toExcelError(result);
    // A blank result cell must be "", or Excel shows 0. Only rows holding a blank are copied (the
    // core already answers "" for blanks, and its rows may be shared between accounts' lines).
    return result.map((row) => (row.includes(null) ? row.map((v) => (v === null ? '' : v)) : row)) as Matrix;
  };
}

for (const spec of FUNCTIONS) CustomFunctions.associate(spec.name, excelFunction(spec));
