#!/usr/bin/env node
/** The `nested-lc` bin entry: run the command line, set the exit code. */
import { main } from "./run.js";

// `nested-lc ... | head` closes stdout early. That is not an error, and it must not stop the
// command: files it writes (--json, --html) are still written, only the printing stops.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  console.log = () => {};
});

process.exitCode = await main(process.argv.slice(2));
