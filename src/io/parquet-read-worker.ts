/**
 * The worker thread of parallel parquet reads (see parallel-read.ts): opens the
 * file, decodes the task's row groups as a single-threaded read does, and sends
 * the parts back, moving their buffers.
 */
import { frameData } from "./frame-transfer.js";
import type { ReadTask, ReadTaskResult } from "./parallel-read.js";
import { prepareRead, readPreparedParts } from "./parquet-read.js";
import { freeParquetFile } from "./parquet-wasm.js";
import { serveTasks } from "./worker-pool.js";

serveTasks<ReadTask, ReadTaskResult>(
  async ({ path, rowGroups, options }) => {
    const r = await prepareRead(path, { ...options, rowGroups });
    try {
      const parts = await readPreparedParts(r);
      const out = parts.map(frameData);
      return { parts: out.map((o) => o.data), buffers: [...new Set(out.flatMap((o) => o.buffers))] };
    } finally {
      freeParquetFile(r.p.file);
    }
  },
  (res) => [...res.buffers],
);
