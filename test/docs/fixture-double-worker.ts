/** The worker behind the `doubleWorker` fixture: WorkerPool examples double numbers in it. */
import { serveTasks } from "../../src/io/worker-pool.js";

serveTasks((n: number) => 2 * n);
