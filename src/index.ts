/**
 * nested-lc: nested astronomical light curves. Public API, re-exports only.
 */

// frame: the core data model
export * from "./frame/column.js";
export { type NestedColumn, nestedCount, nestedLength, nestedSizes } from "./frame/nested-column.js";
export { NestedFrame, type NestedFrameInit, type LightCurve, type ResolvedColumn } from "./frame/nested-frame.js";
export { Cutflow, type CutflowStep, formatCutflow } from "./frame/cutflow.js";
export { ArgumentError, ColumnNotFoundError, NestedLcError, SchemaError, nearestNames } from "./frame/errors.js";
export { type FormatOptions, formatFrame } from "./frame/format.js";
export { type Reducer, type ReducerSpec, parseReducer, reducerNames, reducers } from "./frame/reducers.js";

// frame verbs as free functions (each is also a NestedFrame method)
export { countNested } from "./frame/verbs/count-nested.js";
export { describe } from "./frame/verbs/describe.js";
export { dropEmpty } from "./frame/verbs/drop-empty.js";
export { type DropnaOptions, dropna } from "./frame/verbs/dropna.js";
export { type FlatInput, type FromFlatOptions, fromFlat } from "./frame/verbs/from-flat.js";
export { type FromListsOptions, fromLists } from "./frame/verbs/from-lists.js";
export { head } from "./frame/verbs/head.js";
export { type JoinNestedOptions, joinNested } from "./frame/verbs/join-nested.js";
export { type LocSelector, loc } from "./frame/verbs/loc.js";
export { type RowResult, type RowView, mapRows } from "./frame/verbs/map-rows.js";
export { query } from "./frame/verbs/query.js";
export { reduce } from "./frame/verbs/reduce.js";
export { select } from "./frame/verbs/select.js";
export { sortBy } from "./frame/verbs/sort-by.js";
export { split } from "./frame/verbs/split.js";
export { toFlat } from "./frame/verbs/to-flat.js";

// expr: the query language, for compiling once and evaluating on many partitions
export * from "./expr/index.js";

// io: Arrow, parquet, HATS, flat per-visit files
export { type FromArrowOptions, fromArrow } from "./io/from-arrow.js";
export { type NestedLayout, type ToArrowOptions, toArrow } from "./io/to-arrow.js";
export { type ReadParquetOptions, readParquet, readParquetBatches } from "./io/parquet-read.js";
export { type ParquetColumnInfo, type ParquetSchemaInfo, parquetSchema } from "./io/parquet-schema.js";
export { type ParquetCompression, type WriteParquetOptions, toParquetBuffer, writeParquet } from "./io/parquet-write.js";
export { type HatsCatalog, type HatsCollection, type HatsPartition, openHats } from "./io/hats-open.js";
export { type HatsPixel, type ReadHatsOptions, hatsPartitionFrames, readHats } from "./io/hats-read.js";
export { type ReadFlatOptions, readFlat } from "./io/flat.js";
export { listParquetFiles } from "./io/list-files.js";
export { concatFrames } from "./io/concat-frames.js";
export { type Dataset, findDatasets, readDataset } from "./io/read-dataset.js";
export { FileColumnNotFoundError, FileFormatError, ParquetReadError, SchemaMismatchError } from "./io/errors.js";

// stats and rubin (more arrives with the flux-error validation)
export { Random } from "./stats/random.js";
export * from "./rubin/fields.js";
export * from "./rubin/healpix.js";
export {
  DEFAULT_ERROR_FLOOR,
  DEFAULT_ERROR_SCALE,
  DP1_BANDS,
  type InjectedTruth,
  type SimulateForcedSourceOptions,
  type SimulatedForcedSource,
  type SimulationOptions,
  simulateForcedSource,
} from "./rubin/simulate.js";
export { type SimulateDiaObjectsOptions, type SimulatedDiaObjects, simulateDiaObjects } from "./rubin/sim-dia.js";
