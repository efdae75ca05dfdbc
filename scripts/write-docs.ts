import { costPath, renderCost } from "../bench/lib/cost.ts";
import { completeFigures, readFigures } from "../bench/lib/figures.ts";
import { writeFormattedDocument } from "../bench/lib/formatted-document.ts";
import { benchmarksPath, renderReport } from "../bench/lib/report.ts";
import { writeDataModelDoc } from "./lib/data-model-doc.ts";
import { writeEventsDoc } from "./lib/events-doc.ts";

/** Regenerates the generated parts of docs/ from the code (and docs/cost.md from the bench's last figures). */
writeDataModelDoc();
console.log("wrote docs/data-model.md (access patterns from shared/data/keys.ts)");
writeEventsDoc();
console.log("wrote docs/events.md (field tables from shared/schemas/billing-events.ts and outbound-messages.ts)");
const figures = completeFigures(readFigures() ?? {});
if ("missing" in figures) {
  console.log(`docs/cost.md not written: docs/benchmarks.json lacks ${figures.missing.join(", ")} (run \`npm run bench\`)`);
} else {
  writeFormattedDocument(benchmarksPath, renderReport(figures));
  writeFormattedDocument(costPath, renderCost(figures));
  console.log("wrote docs/benchmarks.md and docs/cost.md (the bench's figures in docs/benchmarks.json, the prices in bench/lib/prices.ts)");
}
