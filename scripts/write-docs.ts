import { writeDataModelDoc } from "./lib/data-model-doc.ts";
import { writeEventsDoc } from "./lib/events-doc.ts";

/** Regenerates the generated parts of docs/ from the code. */
writeDataModelDoc();
console.log("wrote docs/data-model.md (access patterns from shared/data/keys.ts)");
writeEventsDoc();
console.log("wrote docs/events.md (field tables from shared/schemas/billing-events.ts and outbound-messages.ts)");
