#!/usr/bin/env node
/** The `nested-lc` bin entry: run the command line, set the exit code. */
import { main } from "./run.js";

// `nested-lc ... | head` closes stdout early; that is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
