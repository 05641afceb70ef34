/**
 * The one place parquet-wasm is loaded. Its Node entry (picked by the "node"
 * export condition) instantiates the wasm module synchronously on first import,
 * so every reader and writer shares one instance.
 *
 * Arrow crosses the boundary as an IPC stream: apache-arrow JS and the wasm side
 * do not share memory, and the stream is the format both speak.
 */
import * as arrow from "apache-arrow";
import * as wasm from "parquet-wasm";

export { wasm };

/** An apache-arrow Table handed to parquet-wasm (one IPC copy into wasm memory). */
export function toWasmTable(table: arrow.Table): wasm.Table {
  return wasm.Table.fromIPCStream(arrow.tableToIPC(table, "stream"));
}

/** A parquet-wasm Table as an apache-arrow Table; frees the wasm side. */
export function fromWasmTable(table: wasm.Table): arrow.Table {
  return arrow.tableFromIPC(table.intoIPCStream());
}
