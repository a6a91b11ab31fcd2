/**
 * Converts the Nice reference files (../shared/data/nice, or IPO_REFERENCE_DATA) into compact git-ignored artifacts
 * under .generated/. A missing source is logged and skipped: the app must start without reference data.
 */
import { generate, referenceDataDir } from "../src/node.js";

const report = generate();
for (const w of report.written) console.log(`nice-classification: ${w.source} → .generated/${w.artifact}`);
for (const m of report.missing) console.warn(`nice-classification: skipped ${m.source}: ${m.reason}`);
if (report.written.length === 0)
  console.warn(`nice-classification: no reference data found in ${referenceDataDir()}; editions will be unavailable`);
