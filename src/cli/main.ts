#!/usr/bin/env node
/** The `nested-lc` bin entry: run the command line, set the exit code. */
import { internalError, main } from "./run.js";

// An error that escapes main (a stray rejection, a throw in a callback) is still one line and exit 1.
const crash = (e: unknown): void => {
  console.error(internalError(e, process.argv.includes("--debug")));
  process.exit(1);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

// `nested-lc ... | head` closes stdout early. That is not an error, and it must not stop the
// command: files it writes (--json, --html) are still written, only the printing stops.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  console.log = () => {};
});

process.exitCode = await main(process.argv.slice(2));
