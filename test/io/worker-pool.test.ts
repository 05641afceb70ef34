import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { WorkerPool, WorkerTaskError, defaultThreads, serveTasks } from "../../src/io/worker-pool.js";
import type { PoolResult, PoolTask } from "./fixtures/pool-worker.js";

const ENTRY = new URL("./fixtures/pool-worker.js", import.meta.url);

async function withPool<T>(threads: number, body: (pool: WorkerPool<PoolTask, PoolResult>) => Promise<T>, workerData?: unknown): Promise<T> {
  const pool = new WorkerPool<PoolTask, PoolResult>(ENTRY, { threads, workerData });
  try {
    return await body(pool);
  } finally {
    await pool.close();
  }
}

const numberOf = (r: PoolResult): number => {
  if (r.kind !== "number") throw new Error(`expected a number result, got ${r.kind}`);
  return r.value;
};

describe("WorkerPool", () => {
  it("defaults to the parallelism the OS reports", () => {
    const pool = new WorkerPool<PoolTask, PoolResult>(ENTRY);
    expect(pool.threads).toBe(defaultThreads());
    expect(defaultThreads()).toBeGreaterThanOrEqual(1);
    return pool.close();
  });

  it("returns each task's own result whatever order the workers finish in", async () => {
    const xs = [7, 1, 5, 3, 9, 2];
    // Longer delays first, so later tasks finish before earlier ones.
    const results = await withPool(3, (pool) => Promise.all(xs.map((x, i) => pool.run({ kind: "square", x, delayMs: (xs.length - i) * 15 }))));
    expect(results.map(numberOf)).toEqual([49, 1, 25, 9, 81, 4]);
  });

  it("runs tasks on no more than `threads` workers, each with the pool's workerData", async () => {
    const seen = await withPool(
      2,
      async (pool) => {
        const rs = await Promise.all(Array.from({ length: 8 }, () => pool.run({ kind: "whoami" })));
        return rs.map((r) => (r.kind === "whoami" ? r : undefined));
      },
      { tag: "bench" },
    );
    const ids = new Set(seen.map((r) => r?.threadId));
    expect(ids.size).toBeGreaterThanOrEqual(1);
    expect(ids.size).toBeLessThanOrEqual(2);
    for (const r of seen) expect(r?.workerData).toEqual({ tag: "bench" });
  });

  it("rejects a task that throws with the worker's error name, message and stack", async () => {
    const error = await withPool(1, (pool) => pool.run({ kind: "throw", message: "row group 3 is corrupt" }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(WorkerTaskError);
    const e = error as WorkerTaskError;
    expect(e.workerName).toBe("RangeError");
    expect(e.workerMessage).toBe("row group 3 is corrupt");
    expect(e.message).toContain("RangeError: row group 3 is corrupt");
    expect(e.message).toContain("pool-worker");
    // The worker's stack names the function that threw, in the worker's file, and is kept in ours.
    expect(e.workerStack).toContain("failInWorker");
    expect(e.workerStack).toContain("pool-worker.ts");
    expect(e.stack).toContain("in the worker thread");
    expect(e.stack).toContain("failInWorker");
    expect((e.cause as Error).message).toBe("row group 3 is corrupt");
  });

  it("carries a typed error's fields so the caller can rebuild it", async () => {
    const e = (await withPool(1, (pool) => pool.run({ kind: "throwTyped", file: "visit_1.parquet" }).catch((x: unknown) => x))) as WorkerTaskError;
    expect(e.workerName).toBe("FileFormatError");
    expect(e.workerFields["file"]).toBe("visit_1.parquet");
    expect(e.workerFields["reason"]).toBe("not parquet");
  });

  it("keeps serving after a task throws", async () => {
    const results = await withPool(1, async (pool) => {
      const failed = pool.run({ kind: "throw", message: "bad" }).then(
        () => "resolved",
        () => "rejected",
      );
      const after = pool.run({ kind: "square", x: 4 });
      return [await failed, numberOf(await after)];
    });
    expect(results).toEqual(["rejected", 16]);
  });

  it("rejects the task of a worker that exits and replaces the worker", async () => {
    const [died, next] = await withPool(1, async (pool) => {
      const died = await pool.run({ kind: "exit", code: 3 }).catch((e: unknown) => e);
      const next = await pool.run({ kind: "square", x: 6 });
      return [died, next] as const;
    });
    expect(died).toBeInstanceOf(WorkerTaskError);
    expect((died as WorkerTaskError).message).toContain("exited with code 3");
    expect(numberOf(next)).toBe(36);
  });

  it("rejects the task of a worker killed by an uncaught error, with that error", async () => {
    const [died, queued] = await withPool(1, async (pool) => {
      // The second task waits for the only worker; it runs on the replacement.
      const d = pool.run({ kind: "uncaught", message: "decoder state lost" }).catch((e: unknown) => e);
      const q = pool.run({ kind: "square", x: 3 });
      return [await d, await q] as const;
    });
    expect(died).toBeInstanceOf(WorkerTaskError);
    expect((died as WorkerTaskError).workerName).toBe("TypeError");
    expect((died as WorkerTaskError).workerMessage).toBe("decoder state lost");
    expect(numberOf(queued)).toBe(9);
  });

  it("moves typed-array buffers both ways without copying", async () => {
    const xs = Float64Array.of(1, 2, 3, 4.5);
    const [scaled, leftInWorker] = await withPool(1, async (pool) => {
      const r = await pool.run({ kind: "scale", xs, by: 2 }, [xs.buffer]);
      const left = numberOf(await pool.run({ kind: "lastResultBytes" }));
      return [r, left] as const;
    });
    // Sent: detached here, received whole there.
    expect(xs.byteLength).toBe(0);
    if (scaled.kind !== "array") throw new Error("expected an array");
    expect(scaled.receivedBytes).toBe(32);
    expect([...scaled.xs]).toEqual([2, 4, 6, 9]);
    // Returned: the worker's copy of the result is detached, so it was moved, not cloned.
    expect(leftInWorker).toBe(0);
  });

  it("copies buffers that are not listed for transfer", async () => {
    const xs = Float64Array.of(1, 2);
    await withPool(1, (pool) => pool.run({ kind: "scale", xs, by: 3 }));
    expect([...xs]).toEqual([1, 2]);
  });

  it("lets outstanding tasks finish on close and refuses new ones", async () => {
    const pool = new WorkerPool<PoolTask, PoolResult>(ENTRY, { threads: 1 });
    const pending = [pool.run({ kind: "square", x: 2, delayMs: 30 }), pool.run({ kind: "square", x: 5 })];
    await pool.close();
    expect((await Promise.all(pending)).map(numberOf)).toEqual([4, 25]);
    await expect(pool.run({ kind: "square", x: 1 })).rejects.toThrow(/closed/);
  });

  it("prestarts every worker, which then serve tasks as usual", async () => {
    const ids = await withPool(2, async (pool) => {
      pool.prestart();
      pool.prestart(); // a second call starts nothing more
      const rs = await Promise.all([pool.run({ kind: "whoami" }), pool.run({ kind: "square", x: 3, delayMs: 20 })]);
      return rs;
    });
    expect(ids[0]!.kind).toBe("whoami");
    expect(numberOf(ids[1]!)).toBe(9);
  });

  it("starts workers without the parent's Node flags unless given some", async () => {
    const flags = async (execArgv?: readonly string[]) => {
      const pool = new WorkerPool<PoolTask, PoolResult>(ENTRY, { threads: 1, ...(execArgv ? { execArgv } : {}) });
      try {
        const r = await pool.run({ kind: "whoami" });
        return r.kind === "whoami" ? r.execArgv : undefined;
      } finally {
        await pool.close();
      }
    };
    expect(await flags()).toEqual([]);
    expect(await flags(["--no-warnings"])).toEqual(["--no-warnings"]);
  });

  it("closes at once when no worker was started", async () => {
    const pool = new WorkerPool<PoolTask, PoolResult>(ENTRY, { threads: 4 });
    await pool.close();
    await expect(pool.run({ kind: "square", x: 1 })).rejects.toBeInstanceOf(ArgumentError);
  });

  it("refuses a bad thread count and a missing entry, naming them", () => {
    expect(() => new WorkerPool(ENTRY, { threads: 0 })).toThrow(/threads must be an integer >= 1, got 0/);
    expect(() => new WorkerPool(ENTRY, { threads: 1.5 })).toThrow(ArgumentError);
    expect(() => new WorkerPool(new URL("./fixtures/no-such-worker.js", import.meta.url))).toThrow(/no-such-worker\.js does not exist \(nor .*no-such-worker\.ts\)/);
  });

  it("serveTasks refuses to run in the main thread", () => {
    expect(() => serveTasks((n: number) => n)).toThrow(/worker thread/);
  });
});
