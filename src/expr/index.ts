/** The query expression language: parse, compile once, evaluate to masks. */
export type { ArithOp, CompareOp, Expr, FunctionName } from "./ast.js";
export { columnsOf, conjunctsOf } from "./ast.js";
export { type CompiledConjunct, type CompiledExpr, type ExprFrame, type ExprMasks, type Level, compileExpr, evaluateExpr } from "./compile.js";
export { ExprSyntaxError, ExprTypeError } from "./errors.js";
export { formatExpr } from "./format.js";
export { parseExpr } from "./parser.js";
export { type Token, tokenize } from "./lexer.js";
