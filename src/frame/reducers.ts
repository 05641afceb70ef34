/** PENDING: per-object reducers (count, sum, mean, wmean, ...) over nested offsets. */
export interface Reducer {
  readonly name: string;
}
export type ReducerSpec = Reducer | string;
