/**
 * The worker entry of partitioned runs: serves PartitionTasks with
 * runPartitionTask, moving result buffers back instead of copying them.
 */
import { serveTasks } from "../io/worker-pool.js";
import { type PartitionOutcome, type PartitionTask, runPartitionTask } from "./partition-task.js";

serveTasks<PartitionTask, { outcome: PartitionOutcome; transfer: ArrayBuffer[] }>(runPartitionTask, (r) => r.transfer);
