// The one HyperFormula module the tests reach into (test/support/evaluate.ts), untyped by its package.
declare module '*/hyperformula/es/interpreter/ArithmeticHelper.mjs' {
  export const ArithmeticHelper: { prototype: object };
}
