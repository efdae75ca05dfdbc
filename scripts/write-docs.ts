import { writeDataModelDoc } from "./lib/data-model-doc.ts";

/** Regenerates the generated parts of docs/ from the code (today: docs/data-model.md's access-pattern table). */
writeDataModelDoc();
console.log("wrote docs/data-model.md (access patterns from shared/data/keys.ts)");
