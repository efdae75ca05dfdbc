/**
 * What `cdk synth` / `cdk deploy` run (cdk.json: "npx tsx infra/app.ts"). Settings come from CDK
 * context; see infra/ledger-app.ts and docs/deploy.md.
 */
import { createLedgerApp } from "./ledger-app.ts";

createLedgerApp().app.synth();
