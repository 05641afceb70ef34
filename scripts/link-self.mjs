// Makes `import ... from "nested-lc"` resolve inside this project, as it does in a user's project
// that installed the package: notebooks/ cells are compiled by tslab with Node10 module resolution,
// which finds node_modules/nested-lc (package.json main/types -> dist/), not ../src.
import { existsSync, lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const link = join(root, "node_modules", "nested-lc");
mkdirSync(dirname(link), { recursive: true });
if (existsSync(link) || lstatSync(link, { throwIfNoEntry: false })) {
  const st = lstatSync(link);
  if (st.isSymbolicLink() && readlinkSync(link) === "..") process.exit(0);
  if (!st.isSymbolicLink()) {
    console.error(`link-self: ${link} exists and is not a link; leaving it alone`);
    process.exit(0);
  }
  unlinkSync(link);
}
symlinkSync("..", link, "dir");
