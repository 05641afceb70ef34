/**
 * nested-lc: nested astronomical light curves. Public API, re-exports only.
 */

// frame: the core data model
export * from "./frame/column.js";
export { type NestedColumn, nestedCount, nestedLength, nestedSizes } from "./frame/nested-column.js";
export { NestedFrame, type NestedFrameInit, type LightCurve, type ResolvedColumn } from "./frame/nested-frame.js";
export { Cutflow, type CutflowStep, formatCutflow } from "./frame/cutflow.js";
export { ArgumentError, ColumnNotFoundError, InsufficientDataError, NestedLcError, SchemaError, nearestNames } from "./frame/errors.js";
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
export { type Dataset, datasetColumns, findDatasets, readDataset } from "./io/read-dataset.js";
export { FileColumnNotFoundError, FileFormatError, ParquetReadError, SchemaMismatchError } from "./io/errors.js";
export { type WorkerPoolOptions, WorkerPool, WorkerTaskError, defaultThreads, serveTasks } from "./io/worker-pool.js";
export { closeReadPools } from "./io/parallel-read.js";
export { type FromDanfoOptions, type ToDanfoOptions, fromDanfo, toDanfo } from "./io/danfo.js";

// catalog: whole catalogs, partition by partition, in worker threads
export { Catalog, type OpenCatalogOptions, type PartitionFunction, openCatalog } from "./catalog/catalog.js";
export { type CatalogKind, type CatalogPartition, type CatalogSource, type CatalogSourceOptions, type FlatLayout, catalogSource } from "./catalog/catalog-source.js";
export { PartitionError, PartitionFunctionError } from "./catalog/errors.js";
export { type ModuleFunction } from "./catalog/partition-function.js";
export { type PartitionContext } from "./catalog/partition-task.js";
export { type PathTemplate, pathTemplate } from "./catalog/path-template.js";
export { Progress, type ProgressOption, progressLine, progressWriter } from "./catalog/progress.js";
export { type RunOptions } from "./catalog/run-partitions.js";
export { type ColumnJSON, type FrameJSON, frameFromJSON, frameToJSON } from "./catalog/frame-json.js";
export { type GroupFlatOptions } from "./catalog/group-flat.js";

// stats: the statistics of the flux-error validation, each usable on its own
export { Random } from "./stats/random.js";
export { chiSquareQuantile, chiSquareSf, normalCdf, normalPdf, normalQuantile, normalSf } from "./stats/distributions.js";
export { logGamma, upperRegGamma } from "./stats/incomplete-gamma.js";
export { type WeightedMeans, weightedMeans } from "./stats/weighted-mean.js";
export { BAND_FLUX_STATISTICS, type BandFluxStatistic, type BandFluxSummaryOptions, bandFluxColumn, bandFluxSummaries, usableFluxRows } from "./stats/band-flux-summaries.js";
export { correctedPulls, naivePulls } from "./stats/pulls.js";
export { type WhitenedResiduals, whitenedResiduals } from "./stats/whiten.js";
export { chi2Pvalue, reducedChi2 } from "./stats/reduced-chi2.js";
export { type BinSpec, bins, formatBinSpec, parseBinSpec } from "./stats/bin-spec.js";
export { Histogram, type HistogramJSON } from "./stats/histogram.js";
export { Moments, type MomentsJSON } from "./stats/moments.js";
export { median, quantile } from "./stats/quantile.js";
export { iqrSigma, madSigma, madSigmaSorted } from "./stats/robust-sigma.js";
export { type KsTestResult, ksStatistic, ksTest } from "./stats/ks-test.js";
export { type AndersonDarlingResult, andersonDarling, andersonDarlingStatistic } from "./stats/anderson-darling.js";
export { SORTED_BLOCK, type SortedValues, checkSortedRange, sortedArray, sortedValueAt } from "./stats/sorted-values.js";
export { ExternalSorter, type ExternalSortOptions, type SortedSample } from "./stats/external-sort.js";
export { type ChiSquareResult, binnedChiSquare, chiSquareTest, expectedCounts } from "./stats/chi-square-test.js";
export { type JarqueBeraResult, jarqueBera, jarqueBeraOf } from "./stats/jarque-bera.js";
export { truncatedCdf } from "./stats/truncate.js";
export {
  type ErrorModelFit,
  type ErrorModelOptions,
  type ErrorModelPass,
  type ErrorModelPiece,
  type ErrorModelUsable,
  type FitContext,
  errorModelLogLikelihood,
  errorModelPieces,
  fitErrorModel,
  fitErrorModelPasses,
} from "./stats/error-model.js";
export { type ScreenData, type ScreenOptions, type ScreenResult, modelChi2, screenVariables, screenVariablesOver } from "./stats/variability.js";
export { type PackedLightCurves, packLightCurves } from "./stats/pack-light-curves.js";

// plot
export { type SvgCurve, type SvgHistogramOptions, svgHistogram } from "./plot/svg-histogram.js";
export { type Axis, type BarTrace, type ErrorBars, type Figure, type HeatmapTrace, type Layout, type ScatterTrace, type Trace } from "./plot/figure.js";
export { BAND_COLORS, bandColor, sortBands } from "./plot/band-colors.js";
export { type BinnedCounts, histogramTotal } from "./plot/binned.js";
export { type HistogramSeries, type PullHistogramOptions, pullHistogramFigure } from "./plot/pull-histogram.js";
export { type QqOptions, histogramQqFigure, qqFigure } from "./plot/qq-plot.js";
export { type LightCurveFigureOptions, lightCurveFigure } from "./plot/light-curve.js";
export { type LengthDistributionOptions, lightCurveLengthFigure } from "./plot/length-distribution.js";
export { type HeatmapInput, type HeatmapOptions, heatmapFigure } from "./plot/heatmap.js";
export { type BarChartOptions, type BarSeries, barChartFigure } from "./plot/bar-chart.js";
export { type ScatterOptions, type ScatterSeries, scatterFigure } from "./plot/scatter.js";
export { type CutflowCounts, cutflowCounts, cutflowFigure } from "./plot/cutflow-chart.js";
export { type FigureHtmlOptions, figureHtml, plotlyScriptTag, plotlySource } from "./plot/figure-html.js";
export { type DisplayContent, type DisplayWriter, type FigureMimeBundle, type ShowOptions, figureMimeBundle, figureSummary, show } from "./plot/show.js";

// rubin: DP1 products, fields, magnitudes, the flux-error validation, simulators
export * from "./rubin/fields.js";
export * from "./rubin/healpix.js";
export * from "./rubin/magnitudes.js";
export * from "./rubin/products.js";
export { type BandLightCurvesOptions, bandLightCurves, bandOrder } from "./rubin/band-light-curves.js";
export {
  type FluxErrorValidation,
  type GroupKey,
  type GroupStatistics,
  type TestResult,
  type ValidateOptions,
  type ValidationGroup,
  type ValidationStep,
  type CheckedOptions,
  checkValidateOptions,
  validateFluxErrors,
} from "./rubin/validate.js";
export { GroupAccumulator, type GroupFitter, type GroupOptions, type GroupSortOptions } from "./rubin/validate-groups.js";
export { formatValidation, formatValidationCutflow, formatValidationGroups } from "./rubin/validate-format.js";
export { validationColumns } from "./rubin/validate-columns.js";
export {
  type CatalogRunOptions,
  type PartialRunOptions,
  type Shard,
  type ValidationPartial,
  type ValidationPartialJSON,
  mergeValidationPartials,
  partialFromJSON,
  partialToJSON,
  shardPartitions,
  validateCatalog,
  validationPartial,
} from "./rubin/validate-catalog.js";
export { type ValidationPiece, type ValidationSpill, type ValidationSpillArgs, validationPiece, validationSpill } from "./rubin/validate-partition.js";
export { type SpilledPartition, type StreamOptions, type StreamedResult, emptyGroup, streamedValidation } from "./rubin/validate-stream.js";
export { type BandPart, type BandResult, type BandTask, validateBand } from "./rubin/validate-band.js";
export { type SpillBand, type SpillBandInput, type SpillLayout, type SpillSegment, type SpillWriter, openSpill, readSpillBand, writeSpill } from "./rubin/validate-spill.js";
export { type CutflowBalance, formatBalance, validationBalance } from "./rubin/validate-balance.js";
export { type ReportMeta, validationReportHtml } from "./rubin/validate-report.js";
export {
  type FigureSelection,
  type GroupFigure,
  type ValidationFigures,
  bandHistograms,
  figureGroups,
  groupLabel,
  groupPullFigure,
  validationFigures,
} from "./rubin/validate-figures.js";
export { type ErrorModelHeatmapOptions, type HeatmapValue, errorModelHeatmap, errorScaleHeatmaps } from "./rubin/validate-heatmaps.js";
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
export { dropShortObjects } from "./rubin/validate-prefilter.js";
export { DIA_SUMMARY_STATISTICS, type DiaSummaryOptions, type DiaSummaryStatistic, diaSummaryColumn, recomputeDiaObjectSummaries } from "./rubin/dia-summary.js";
export { type DiaSummaryCheck, type DiaSummaryCheckOptions, type SummaryAgreement, type SummaryDifference, checkDiaObjectSummaries, formatDiaSummaryCheck } from "./rubin/dia-summary-check.js";

// association: DIASource -> DIAObject association, aggregates, forced sources, truth and scores
export { ARCSEC_PER_DEG, chord2, separationArcsec, unitVectors, vectorToRaDec } from "./association/sky-geometry.js";
export { SkyGrid } from "./association/sky-grid.js";
export { BruteSkyIndex } from "./association/brute-sky-index.js";
export { type SkyIndex } from "./association/sky-index.js";
export { type AssociateOptions, type Association, associateSources } from "./association/associate-sources.js";
export { type FriendsOfFriendsOptions, friendsOfFriends, friendsOfFriendsLabels } from "./association/friends-of-friends.js";
export { type DiaObjectAggregateOptions, diaObjectAggregates } from "./association/dia-object-aggregates.js";
export { type DiaObjectFrameOptions } from "./association/dia-object-frame.js";
export { type AttachForcedOptions, attachForcedSources } from "./association/attach-forced-sources.js";
export { type SimulateDiaSkyOptions, type SimulatedDiaSky, simulateDiaSky } from "./association/simulate-dia-sky.js";
export { type AssociationScores, associationScores } from "./association/association-scores.js";

// rubin: DPDD/DC2-style flat tables, column mappings kept as data, and the Source-table exercises
export {
  DC2_FORCED_SOURCE_MAPPING,
  DC2_OBJECT_MAPPING,
  DC2_SOURCE_MAPPING,
  DP1_FORCED_SOURCE_MAPPING,
  DP1_OBJECT_MAPPING,
  DP1_SOURCE_MAPPING,
  DPDD_MAPPINGS,
  type DpddAbMag,
  type DpddAbMagErr,
  type DpddColumnRule,
  type DpddMapping,
  type DpddRename,
  type DpddSnr,
} from "./rubin/dpdd-mappings.js";
export { type MappedColumn, MappedColumnNotFoundError, applyDpddMapping, checkMapping, dpddMapping, mappedColumns, mappingUnits } from "./rubin/dpdd-mapping.js";
export { type ReadDpddTableOptions, readDpddTable } from "./rubin/dpdd-tables.js";
export { type SampleSummary, type SkySourceBand, type SkySourceCheck, type SkySourceOptions, formatSkySourceCheck, skySourceFluxCheck, summarizeSample } from "./rubin/sky-sources.js";
export { type ColorColor, type ColorColorOptions, colorColor } from "./rubin/color-color.js";
export { type ColorColorFigureOptions, type SkySourceFigureOptions, colorColorFigure, skySourceFigure } from "./rubin/source-table-figures.js";
export { stellarLocusGr } from "./rubin/sim-star-colors.js";
export {
  DEFAULT_SKY_SCALE,
  SOURCE_TABLE_FIELDS,
  type SimulateSourceTablesOptions,
  type SimulatedSourceTables,
  type SourceTablesTruth,
  simulateSourceTables,
} from "./rubin/sim-sources.js";
export { type SimSourceField } from "./rubin/sim-object-table.js";
