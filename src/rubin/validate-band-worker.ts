/**
 * The worker entry of the streamed last phase: serves BandTasks with
 * validateBand, moving each band's keep mask back instead of copying it.
 */
import { serveTasks } from "../io/worker-pool.js";
import { type BandResult, type BandTask, validateBand } from "./validate-band.js";

serveTasks<BandTask, BandResult>(validateBand, (r) => [r.keep.buffer as ArrayBuffer]);
