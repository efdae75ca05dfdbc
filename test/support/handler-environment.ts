/**
 * The environment a function module needs when it loads. Each handler module wires its production
 * dependencies at import time (shared/config.ts fails a cold start without TABLE_NAME), while the tests
 * call the handler factories with dependencies of their own, so the table named here is never used.
 *
 * Load it before any other import, from vi.hoisted (which runs ahead of a file's imports):
 *   await vi.hoisted(() => import("../support/handler-environment.ts"));
 */
process.env.TABLE_NAME ??= "unused-by-factory-tests";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.HASH_SALT ??= "unused-by-factory-tests";
process.env.REFERRAL_LINK_BASE_URL ??= "https://unused-by-factory-tests.example";
process.env.OUTBOUND_QUEUE_URL ??= "https://unused-by-factory-tests.example/outbound.fifo";
