/**
 * The worker thread of parallel parquet reads (see parallel-read.ts): decodes
 * the task's row groups as a single-threaded read does and sends the parts
 * back, moving their buffers. The file stays open between tasks (a read sends
 * several tasks of the same file; its footer is parsed once per worker, not
 * per task) until a task names another file, or the same path changed on disk.
 */
import { stat } from "node:fs/promises";
import { frameData } from "./frame-transfer.js";
import type { ReadTask, ReadTaskResult } from "./parallel-read.js";
import { type OpenedParquet, openParquet } from "./parquet-open.js";
import { prepareOpened, readPreparedParts } from "./parquet-read.js";
import { freeParquetFile } from "./parquet-wasm.js";
import { serveTasks } from "./worker-pool.js";

let open: { readonly key: string; readonly p: OpenedParquet } | undefined;

function close(): void {
  if (open) freeParquetFile(open.p.file);
  open = undefined;
}

/** The file at `path`, opened once while its size and modification time stay the same. */
async function opened(path: string): Promise<OpenedParquet> {
  const s = await stat(path).catch(() => undefined);
  const key = s ? `${path}\0${s.size}\0${s.mtimeMs}` : "";
  if (open?.key !== key || key === "") {
    close();
    // A missing file fails here with the reader's own error naming it.
    open = { key, p: await openParquet(path) };
  }
  return open.p;
}

serveTasks<ReadTask, ReadTaskResult>(
  async ({ path, rowGroups, options }) => {
    try {
      const r = prepareOpened(await opened(path), { ...options, rowGroups });
      const out = (await readPreparedParts(r)).map(frameData);
      return { parts: out.map((o) => o.data), buffers: [...new Set(out.flatMap((o) => o.buffers))] };
    } catch (e) {
      // After a failure (a corrupt chunk may have retired the wasm instance) the file is opened afresh.
      close();
      throw e;
    }
  },
  (res) => [...res.buffers],
);
