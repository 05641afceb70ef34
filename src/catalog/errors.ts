/**
 * Errors of the catalog room: a partition whose code failed (naming the
 * partition and its file, keeping the stack from the worker), and a partition
 * function that cannot run in a worker (a closure over an outer variable).
 */
import { NestedLcError } from "../frame/errors.js";

/** An error thrown while reading or processing one partition; `stack` ends with the original stack. */
export class PartitionError extends NestedLcError {
  override name = "PartitionError";
  constructor(
    readonly partition: number,
    readonly label: string,
    readonly file: string,
    readonly causeName: string,
    readonly causeMessage: string,
    causeStack: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`Partition ${partition} (${label}, file ${file}) failed: ${causeName}: ${causeMessage}`, options);
    if (causeStack) this.stack = `${this.name}: ${this.message}\n    --- where it was thrown ---\n${causeStack}`;
  }
}

/** The partition function cannot run where partitions run (inside worker threads, which see only its arguments). */
export class PartitionFunctionError extends NestedLcError {
  override name = "PartitionFunctionError";
}
