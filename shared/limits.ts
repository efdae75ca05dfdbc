/**
 * Every bound of the system in one place. Each is asserted where it applies and tested on both sides.
 */
export const limits = {
  /** Ledger and list pages. */
  pageSizeDefault: 25,
  pageSizeMax: 100,
  /** HTTP request bodies we parse at all. */
  requestBodyBytesMax: 16 * 1024,
  /** Referral codes: length of generated codes (30 symbols each: docs/codes.md) and the longest we accept in a URL or a request. */
  referralCodeLength: 12,
  referralCodeLengthMax: 32,
  /** Deep-link path after /r/{code}/ and its query string. */
  deepLinkPathLengthMax: 1024,
  queryStringLengthMax: 2048,
  /** Attempts to find a free random referral code before giving up (collisions are ~1 in 10^10 even with 10^7 codes). */
  referralCodeAttemptsMax: 5,
  /** A visitor's repeated clicks on one link within this window count once. */
  clickRepeatWindowSeconds: 24 * 60 * 60,
  /** First-party referral cookie lifetime. */
  referralCookieMaxAgeSeconds: 90 * 24 * 60 * 60,
  /** Days of per-day click counts returned with the referral stats. */
  clickStatsDays: 30,
  /** In-memory caches on warm Lambda containers. */
  operatorConfigCacheSeconds: 60,
  referralCodeCacheSeconds: 30,
  referralCodeCacheEntriesMax: 10_000,
  /** SQS consumer: records processed at once in one batch, and per-record optimistic retries. */
  billingEventsBatchSizeMax: 10,
  billingEventsConcurrency: 4,
  optimisticRetriesMax: 5,
  /**
   * A deposit debit is decided again this many times when another debit of the same deposit held its
   * ledger account (TransactionConflict): every debit of one partner touches that one item, so a burst
   * of concurrent orders conflicts more than any other effect (bench: deposit debits per second).
   */
  depositDebitRetriesMax: 12,
  /**
   * Plausible booking times of billing events (shared/domain/booking-time.ts): at most this far after
   * the clock (producers' clocks drift, time zones get mislabelled), and at most this many days before
   * it (a year of backfill plus a month); outside, the event is dead-lettered.
   */
  bookingTimeFutureSkewSeconds: 24 * 60 * 60,
  bookingTimeHorizonDays: 400,
  /** Billing-event lines per invoice. */
  invoiceLinesMax: 200,
  /** DynamoDB hard limit on items in one TransactWriteItems. */
  transactionItemsMax: 100,
  /** Parked (early) events applied in one go when the event they wait for arrives. */
  parkedEventsPerApplyMax: 50,
  /** Payments rewarded under a months-N rule read per query when a first payment moved earlier (each outside the window is reversed, then the next page). */
  rewardsOutsideWindowPerQueryMax: 50,
  /** Queries one ledger page may make: a kind filter is applied after DynamoDB's Limit, so a page may take several. */
  ledgerPageQueriesMax: 10,
  /** Outbound messages one billing event may queue (one per reward rule of its program). */
  outboundMessagesPerEventMax: 20,
  /**
   * Write shards of each operator ledger account: a partition takes ~500 transactional updates a
   * second, so 16 shards carry ~8,000 operator-side postings a second per account and currency.
   */
  operatorAccountShards: 16,
  /** Largest amount we accept anywhere: keeps amount × rate inside Number.MAX_SAFE_INTEGER (1 000 000 000.00 in a two-decimal currency). */
  amountMinorMax: 100_000_000_000,
  /** SQS message size limit (body and attributes), and the excerpt of a body dead-lettered by reference when over it. */
  queueMessageBytesMax: 1024 * 1024,
  deadLetterBodyExcerptBytes: 64 * 1024,
  /**
   * Code entry (POST /accounts/{id}/code-redemptions): attempts per fixed UTC day, counted in the table
   * (shared/data/attempt-counter-store.ts), per account and, when the account itself calls, per hashed
   * source address. With 12-symbol codes of 30 symbols, 25 a day from one address find one of 10^7
   * codes with probability 25 × 365 × 10^7 / 30^12 ≈ 1.7 × 10^-7 a year (docs/codes.md).
   */
  codeEntryAttempts: { windowSeconds: 24 * 60 * 60, perAccount: 10, perSourceAddress: 25 },
  /**
   * Invites (POST /accounts/{id}/invites): per account and fixed UTC day; a recipient invited in the last
   * `recipientQuietDays` gets no second invite from anyone.
   */
  invites: { windowSeconds: 24 * 60 * 60, perAccount: 20, recipientQuietDays: 7 },
  /**
   * Manager (agency) consents (docs/agencies.md): a consent token carries `consentTokenBytes` random bytes
   * (256 bits) and lives `expiresInMinutesDefault` up to `expiresInMinutesMax` (a day).
   */
  managerConsents: { consentTokenBytes: 32, expiresInMinutesDefault: 60, expiresInMinutesMax: 24 * 60 },
  /**
   * API Gateway throttle of each route (shared/http-routes.ts), requests per second and burst. Every route
   * has its own bucket, so a flood on the public referral links answers 429 on those routes only and
   * never takes the budget of POST /attributions or the account routes. The sum over all routes
   * (4 × 300 + 7 × 50 + 11 × 100 + 4 × 20 + 22 × 10 + 5 = 2,955 req/s) stays well under the account's regional limit
   * (10,000 req/s), which all APIs of the account share. docs/deploy.md lists them.
   */
  routeThrottles: {
    /** Each of GET/HEAD /r/{link+} and /R/{link+}: visitors, bots and link previews. */
    referralLink: { rateLimitPerSecond: 300, burstLimit: 600 },
    /** POST /attributions: one call per sign-up from the operator's servers. */
    attribution: { rateLimitPerSecond: 50, burstLimit: 100 },
    /** POST /quotes: the operator's billing and checkout pricing baskets, server to server (read only: one Query per payer). */
    quote: { rateLimitPerSecond: 50, burstLimit: 100 },
    /** POST /accounts/{accountId}/deposit-debits: the billing system paying orders from partners' deposits. */
    depositDebit: { rateLimitPerSecond: 50, burstLimit: 100 },
    /** Each of the account routes (referral overview, referred clients, ledger, balance, statements): dashboards. */
    accountRead: { rateLimitPerSecond: 100, burstLimit: 200 },
    /** Each of POST /accounts/{accountId}/withdrawals (a partner asking for its commission, a few times a month), POST /accounts/{accountId}/partner-applications (an account applying to a partner program, rarely), POST /accounts/{accountId}/code-redemptions (a client entering an invite code; guessing is throttled per account and address in the table too) and POST /accounts/{accountId}/invites (limited per account and recipient in the table too). */
    accountAction: { rateLimitPerSecond: 20, burstLimit: 40 },
    /** Each operator route (marking a referral fraudulent, contracts, withdrawals, partner applications): people in a back office and the CLI. */
    operatorAction: { rateLimitPerSecond: 10, burstLimit: 20 },
    /** POST /widget-tokens: the operator's backend, once per page view of its customer area that embeds the widget. */
    widgetToken: { rateLimitPerSecond: 50, burstLimit: 100 },
    /** POST /widget-sessions: each widget, once per token (256-bit tokens: nothing to guess, so no table throttle). */
    widgetSession: { rateLimitPerSecond: 50, burstLimit: 100 },
    /** GET /widget/referral-dashboard.js: once per browser and 5 minutes (cache-control), then a 304 on its ETag. */
    widgetScript: { rateLimitPerSecond: 100, burstLimit: 200 },
    /** Each of GET /accounts/{accountId}/managed-accounts and /managers: an agency's or a client's list of links (docs/agencies.md). */
    managementRead: { rateLimitPerSecond: 50, burstLimit: 100 },
    /** Each of the two revocations of a manager link, and POST /accounts/{accountId}/manager-consents: rare, a person's click. */
    managementAction: { rateLimitPerSecond: 10, burstLimit: 20 },
    /** POST /accounts/{accountId}/managed-accounts: presenting a consent token (one-time; 128+ bits, so the throttle is not the guard against guessing). */
    consentPresentation: { rateLimitPerSecond: 5, burstLimit: 10 },
    /** GET /openapi.json: cached by clients for 5 minutes. */
    document: { rateLimitPerSecond: 10, burstLimit: 20 },
  },
} as const;

/** Partner applications' bounds (docs/partners.md). Apart from `limits` so that the redirect's small bundle does not carry them. */
export const partnerLimits = {
  /** Accounts named in an application's duplicateRegistrationOf; beyond it the list is cut (and says so by its length). */
  registrationAccountsListedMax: 20,
  /** Registration-id Queries of a listing page in flight at once (one per distinct id of the page). */
  registrationQueriesInFlight: 8,
  /** Partner levels due for their monthly verification are spread over this many gsi1 partitions (PARTNER_LEVELS_DUE#0..3). */
  levelDueShards: 4,
  /** Due partners listed per index page. */
  levelDuePageSize: 25,
  /** A verification reads the history of each service the partner ever paid for: this many Queries in flight at once. */
  serviceHistoryQueriesInFlight: 16,
  /** The daily verification run starts no new partner once less than this is left of its invocation. */
  levelRunTimeReserveMilliseconds: 30_000,
  /** A level change the operator dates ahead takes effect at most this many days after the verification. */
  levelEffectiveAheadDaysMax: 90,
  /** Level history entries per page (GET partner-levels). */
  levelHistoryPageSizeMax: 100,
} as const;

/**
 * The outbox relay's bounds (shared/use-cases/relay-outbox.ts, every minute). An object of its own so
 * that the functions which import `limits` but never relay (the redirect's small bundle) do not carry it.
 */
export const outboxRelayLimits = {
  /**
   * The unsent-outbox index is spread over this many gsi2 partitions (OUTBOX#0..7), so that no index
   * partition is written by every effect; a partition takes ~1,000 writes a second and each outbox
   * writes its entry twice (put, remove).
   */
  shards: 8,
  /** An outbox younger than this is left to the commit path that is still sending it. */
  graceSeconds: 60,
  /** Outboxes one run sends per shard (at most 8 × 50 = 400 a minute, each up to 20 messages). */
  pageSize: 50,
  /** Unsent outboxes counted per shard for the backlog metric; beyond it the metric saturates. */
  backlogCountPerShardMax: 1_000,
  /** A run starts no new outbox with less than this left before its timeout. */
  timeReserveMilliseconds: 10_000,
  /** A run stops after this many failed sends (the queue is likely unreachable: the next run retries). */
  failuresMax: 3,
} as const;

/** Settlement's bounds (docs/ledger.md, "Settlement"), apart from `limits` for the redirect's small bundle. */
export const settlementLimits = {
  /**
   * Settlement: the index of a period's accounts to settle, and its progress counters, are split into
   * this many partitions (every commission rewrites its accrual's index entry; every settled account
   * counts on its shard), so neither is one key written by every event.
   */
  shards: 16,
  /** Accounts one page of the settlement index lists and enqueues (one SQS message per account, sent 10 to a request). */
  pageSize: 250,
  /** Settlement worker: records of one batch processed at once, and receives of a work item before its dead-letter queue. */
  workConcurrency: 10,
  maxReceiveCount: 5,
  /** Newest period accruals a referral remembers being counted in as an active customer (docs/ledger.md, "Settlement"). */
  commissionedPeriodsKept: 12,
  /**
   * A commission posted within this many seconds of its period's end checks, as one of a closed period does, that the
   * period's settlement run has not started (docs/ledger.md, "Settlement"): its transaction may commit after the run
   * began listing the period's accounts. Far above a transaction's few seconds.
   */
  runCheckMarginSeconds: 60,
  /**
   * A run may start this many seconds before its 00:00 (the scheduler's clock and the function's may differ by a
   * little): less than `runCheckMarginSeconds`, so a commission posted in that last moment still checks the run.
   */
  runEarlySeconds: 30,
} as const;

/**
 * BatchGetItem (shared/data/batch-get.ts), apart from `limits` so that functions which never batch-read
 * (the redirect's small bundle) do not carry them: DynamoDB's bound on keys per request, and how many
 * times the keys it left unprocessed (short of read capacity) are asked for again.
 */
/** The discounts' bounds (docs/discounts.md), apart from `limits` so that the redirect's bundle does not carry them. */
export const discountLimits = {
  /**
   * Partitions of the due index (gsi1 DISCOUNTS_DUE#0..15): each discount's entry is written when it is decided and
   * moved at each transition, a few writes per discount over its life, spread by discount id.
   */
  dueShards: 16,
  /** Due discounts read per Query page by the daily schedule. */
  duePageSize: 100,
  /**
   * The daily run starts no further discount when less than this is left of its invocation (expire-discounts' timeout
   * is 300 s): it ends incomplete and fails, so that its retry decides the rest.
   */
  runTimeReserveMilliseconds: 15_000,
  /** History entries returned by GET /accounts/{id}/discounts (newest first). */
  historyPageSizeMax: 100,
  /** Lines of one quote (POST /quotes), and the quantity of one line. */
  quoteLinesMax: 200,
  quoteQuantityMax: 1_000_000,
  /**
   * A quote's body: 200 lines of the longest fields (sku and category 64 characters, two account ids of 128) are
   * about 110 KB, over the 16 KiB every other route takes (limits.requestBodyBytesMax).
   */
  quoteBodyBytesMax: 128 * 1024,
  /** The discount Queries of a quote's distinct payers in flight at once (one Query each, AP42). */
  quotePayerQueriesInFlight: 16,
} as const;

/**
 * The embeddable dashboard's credentials (shared/domain/widget-sessions.ts, docs/widget.md), apart from `limits` for the
 * redirect's small bundle. A token is minted per page view and exchanged at once, so it needs only minutes; a session
 * outlives it by the quarter hour a dashboard stays open, then the widget asks its host page for a new token.
 */
export const widgetLimits = {
  /** A widget token's lifetime (at most 15 minutes: widgetTokenLifetimeSecondsMax). */
  tokenLifetimeSeconds: 5 * 60,
  /** A widget session's lifetime. */
  sessionLifetimeSeconds: 15 * 60,
  /** Browser origins one configuration may allow (widget.allowedOrigins). */
  allowedOriginsMax: 20,
} as const;

export const batchGetLimits = {
  keysMax: 100,
  unprocessedKeysRetriesMax: 5,
} as const;

/** Statements' bounds (docs/ledger.md, "Statements"), apart from `limits` for the redirect's small bundle. */
export const statementLimits = {
  /** Half-month periods one statement lists (a year is 24): a longer range is refused with 400, ask for it in parts. */
  periodsMax: 24,
  /**
   * A settled period's transfers are read from its settlement on, not from its start (its accruals are
   * on its accrual item): from this long before the earliest `settledAt` of its accruals, so that a
   * clawback posted right after settlement by a function whose clock is a little behind is still read.
   */
  settlementClockSkewSeconds: 60,
  /** Queries of settled periods' transfers in flight at once. */
  periodQueriesInFlight: 8,
} as const;
