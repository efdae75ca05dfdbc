/**
 * Generated from docs/openapi.json by openapi-typescript (scripts/lib/client-types.ts): run
 * `npm run openapi` after changing a route; test/unit/client-types.test.ts fails when this file is stale.
 */
export interface paths {
  "/r/{link}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow a referral link (`/r/<code>` or `/r/<code>/<page>`) to the operator's site
     * @description The referral link. Counted once per visitor and 24 hours; not counted: HEAD requests, bots and link-preview fetchers (Facebook's share preview among them), and paid advertising (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid and similar, or utm_medium cpc/ppc/paid/display). Paid traffic gets no click id and no cookie, so it can never be attributed. The page after the code, and the query, are kept. `/r/ABC123`, `/r/abc123/`, `/r/ABC123.` and `/r/%41BC123` are the same link.
     *
     *     Public: no token.
     */
    get: operations["followReferralLink"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    /**
     * Follow a referral link (`/r/<code>` or `/r/<code>/<page>`) to the operator's site
     * @description The referral link. Counted once per visitor and 24 hours; not counted: HEAD requests, bots and link-preview fetchers (Facebook's share preview among them), and paid advertising (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid and similar, or utm_medium cpc/ppc/paid/display). Paid traffic gets no click id and no cookie, so it can never be attributed. The page after the code, and the query, are kept. `/r/ABC123`, `/r/abc123/`, `/r/ABC123.` and `/r/%41BC123` are the same link.
     *
     *     Public: no token.
     */
    head: operations["headReferralLink"];
    patch?: never;
    trace?: never;
  };
  "/R/{link}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The same referral link typed in capitals (`/R/<code>`)
     * @description The referral link. Counted once per visitor and 24 hours; not counted: HEAD requests, bots and link-preview fetchers (Facebook's share preview among them), and paid advertising (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid and similar, or utm_medium cpc/ppc/paid/display). Paid traffic gets no click id and no cookie, so it can never be attributed. The page after the code, and the query, are kept. `/r/ABC123`, `/r/abc123/`, `/r/ABC123.` and `/r/%41BC123` are the same link.
     *
     *     Public: no token.
     */
    get: operations["followReferralLinkUpperCase"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    /**
     * The same referral link typed in capitals (`/R/<code>`)
     * @description The referral link. Counted once per visitor and 24 hours; not counted: HEAD requests, bots and link-preview fetchers (Facebook's share preview among them), and paid advertising (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid and similar, or utm_medium cpc/ppc/paid/display). Paid traffic gets no click id and no cookie, so it can never be attributed. The page after the code, and the query, are kept. `/r/ABC123`, `/r/abc123/`, `/r/ABC123.` and `/r/%41BC123` are the same link.
     *
     *     Public: no token.
     */
    head: operations["headReferralLinkUpperCase"];
    patch?: never;
    trace?: never;
  };
  "/attributions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Attribute a sign-up to its referrer (server to server)
     * @description Called by the operator's sign-up with the click id it received (the `ref` cookie or the `ref_click` parameter) or the invite code the customer typed. Creates the permanent referral; the first attribution wins and a second one returns it unchanged (200). Rejects self-referral: the same account, or the same e-mail or payment fingerprint when given. `attributedAt` (optional, default now) backdates a sign-up recorded elsewhere first; only payments at or after the referral's `attributedAt` earn. Operator only: an account's token gets 403 forbidden, with or without `attributedAt`.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["createAttribution"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/quotes": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Price a basket for an account on a day, with the discounts in force (operator)
     * @description Each line gets every discount of its payer (the quote's `accountId` unless the line names another `payerAccountId`) in force on `date` (operator time zone: startsOn ≤ date < endsOn), of every program and role, except those whose program excludes the line's category (t2: `sms_package`). Several discounts combine multiplicatively, largest rate first: price = list × Π(1 − rate), so together they never exceed 100 % and each keeps its meaning; the price is rounded once per line, half away from zero. With `unitPurchaseCostMinor` the final price is never below quantity × that cost (nor above the list price): the ACTIVE 24 floor. Totals per currency, never added across currencies (docs/discounts.md, "Quotes"). At most 200 lines and 128 KiB; quantities 1-1000000, every amount and quantity × unit amount at most 100000000000 minor units. Reads one Query per distinct payer and writes nothing: the same request answers the same quote until a discount changes.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["createQuote"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/code-redemptions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Enter a personal invite code after sign-up (t2)
     * @description The account (or the operator for it) enters the invite code of the client who referred it, until the end of the same day of the month `codeEntryWindowMonths` after its registration, in the operator's time zone (t2: one month; registered 31 January: until the end of 28/29 February). One code per account, ever; the own code is refused (self_referral). A code attributes the account to the code's owner even when a referral link had attributed it before, as long as no payment was counted on that referral; the sign-up moves from the link's code to this one. A wrong, disabled or foreign code (another program's, or one whose window for this account is over) gets one answer, `referral_code_unknown`, with the same message. Guessing is throttled in the table, so across every container: 10 attempts per account and, when the account itself calls, 25 per source address, per UTC day (docs/codes.md). The account's registration (account.registered) must have arrived.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     *
     *     A manager (agency) account linked to the path's client account may call it too, as itself, acting for the client (docs/agencies.md): `x-managed-access: act`.
     */
    post: operations["redeemInviteCode"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/invites": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send the account's invite code by e-mail or SMS
     * @description Puts an `invite.requested` message (channel, recipient, code, program, locale) on the outbound queue for the operator's mailer (docs/events.md); this service sends no e-mail or SMS itself. Exactly one of `email` or `phone` (E.164). The account's code in the program is created on first use. At most 20 invites per account and UTC day; a recipient invited in the last 7 days, by anyone, gets no second invite (the same address however written: case and `+tags` aside). The recipient is stored only as a keyed hash. After a 503 send the same request again: the same invite goes out (same `inviteId`).
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    post: operations["sendInvite"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/referrals": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The clients an account referred (t2's 'referred clients' tab)
     * @description Newest first: each client's account id, the display name the operator gave in account.registered (`displayName`), the program, how it was referred and when (the moment the code was activated, or the link attributed). Paged with `limit` and `cursor`; a cursor of another listing is refused. A referral is listed under its current referrer only (a code that replaced a link moves it).
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     *
     *     A manager (agency) account linked to the path's client account may call it too, as itself (docs/agencies.md): `x-managed-access: read`.
     */
    get: operations["getReferrals"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/discounts": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's discounts, their history and the program's table (t2's discount tabs)
     * @description Per program that gives discounts: the account's current discount as referred client (`referee`) and as referrer, with rate, start, end (the first day no longer in force) and status (scheduled, active, ended), what the program gives a referred client, and the referrer's stacking table (t2: 20/40/60/80/100 % for 3/6/12/12/12 months, 12 beyond five, 1,200 SMS at 3 and 3,200 SMS at 5). Then the account's discount history, **newest first** (by the time each change was decided), paged with `limit` (1-100) and `cursor`; every page carries the current discounts and tables again. `programId` narrows all three to one program. A discount changes when a code referral is decided (within seconds, from the table's stream) and in the daily run shortly after midnight in the operator's time zone (docs/discounts.md).
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     *
     *     A manager (agency) account linked to the path's client account may call it too, as itself (docs/agencies.md): `x-managed-access: read`.
     */
    get: operations["getDiscounts"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/referral": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's referral link, invite code and statistics
     * @description Creates the account's code in the program on first use (no registration step). `link` is `<base>/r/<code>` on the service's configured public address (REFERRAL_LINK_BASE_URL), never on the host the request came to.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     *
     *     A manager (agency) account linked to the path's client account may call it too, as itself (docs/agencies.md): `x-managed-access: read`.
     */
    get: operations["getReferral"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/ledger": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's ledger entries, newest first
     * @description The entries of the transfers that touch the account's ledger accounts (double entry: every movement is a transfer from one ledger account to another, docs/ledger.md): each with the ledger account it changes (`ledgerAccountKind`), its signed effect on it (`amountMinor`), the transfer's `code` and `kind`, the other side (`counterparty`), currency, program, period and source event. A transfer between two of the account's own ledger accounts (a settlement release) shows as two entries. Filter by kind, code, half-month period and currency; page with `limit` and `cursor`. The operator reads any account's ledger, and its own accounts (commission_expense, credit_expense, payout_clearing, deposit_funding) under the account id `operator`, one `currency` at a time: the same entries, seen from the operator's side (the counterparty is the customer's ledger account), with the same filters and cursor rules; a cursor of one listing is refused by another. Changed with the double-entry ledger: `entryId` is now `transferId`, `status` is now `ledgerAccountKind` (pending → commission_pending, available → commission_available, paid → credit_granted), `reversesEntryId` is now `reversesTransferId`; `code` and `counterparty` are new; `kind`, signed `amountMinor`, `currency`, `periodId`, `sourceEventId` and `refereeAccountId` keep their names and meaning.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     *
     *     A manager (agency) account linked to the path's client account may call it too, as itself (docs/agencies.md): `x-managed-access: read`.
     */
    get: operations["getLedger"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/balance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's ledger accounts and dashboard figures per currency
     * @description Per currency, each of the account's ledger accounts (commission_pending, commission_available, payout_reserved, credit_granted, deposit) with its balance, debits, credits and transfer count (each the sum of its transfers), and the figures a dashboard shows: commission pending, commission available to withdraw (negative after a clawback of paid-out commission), payout reserved, credit granted, deposit. An account without transfers has no balances. The operator reads its own accounts (commission_expense, credit_expense, payout_clearing, deposit_funding) under the account id `operator`, one `currency` at a time. Changed with the double-entry ledger: `pendingMinor`, `availableMinor` and `paidMinor` are now `commissionPendingMinor`, `commissionAvailableMinor` and `creditGrantedMinor` (paid out commission will be `payout_clearing`, no longer mixed with credit), and `ledgerAccounts` is new.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     *
     *     A manager (agency) account linked to the path's client account may call it too, as itself (docs/agencies.md): `x-managed-access: read`.
     */
    get: operations["getBalance"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/statements": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's commission statement per half-month period (JSON, or CSV with Accept: text/csv)
     * @description One row per half-month settlement period from the one holding `from` to the one holding `to` (operator time zone, at most 24): commission accrued (less what refunds took back while it was pending), the settlement of the period per program (the rate it was paid at and why: individual rate, tier of active referred customers, or the rule's rate; the tier top-up or reduction; the amount released to available), commission and top-up clawed back by refunds after settlement, withdrawals reserved, paid and returned, the net movement of commission_pending, commission_available and payout_reserved, and their opening and closing balances. A row shows what is booked to its period (a refund after settlement appears in its payment's period), read now: its figures sum to the ledger's transfers, and the last period's closing balances are the balances now when nothing is booked after it. The balances are the currency's ledger accounts, all programs (`programId` narrows the figures only). `Accept: text/csv` answers the same as CSV (RFC 4180, header line, one line per period, every amount in minor units and as a decimal: docs/ledger.md, "Statements").
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     *
     *     A manager (agency) account linked to the path's client account may call it too, as itself (docs/agencies.md): `x-managed-access: read`.
     */
    get: operations["getStatement"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/referrals/{refereeAccountId}/fraud": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark a referral fraudulent (operator)
     * @description From this moment the referee's payments earn its referrer nothing. Rewards already posted stay (reverse them with an adjustment if needed). Marking again changes nothing.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["markReferralFraudulent"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/settlements": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Settle commission on demand for a date (operator)
     * @description Starts a settlement run as if the semi-monthly schedule had fired at 00:00 of `date` in the operator's time zone: each program with a commission rule settles the half month that closed at least its `holdDays` before (2026-11-15 settles 1–14 November with no hold), and, where a hold that is not a whole number of half months makes this the scheduled run of an earlier one too, that one first (`programs` lists each program and period, oldest first). The run fans out on the settlement queue and returns at once; read its progress with GET /settlements/{programId}/{periodId}. Idempotent: an account is settled once per period whatever runs, repeats or late runs do. A `date` whose 00:00 is still ahead is refused (422 `settlement_date_in_future`): its run would settle a half month still open, or one whose hold has not passed. `dryRun` only answers which period each program would settle, for any date.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["startSettlement"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/settlements/{programId}/{periodId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A settlement run's progress (operator)
     * @description Accounts enqueued, settled and failed for one program and period (sums over the run's shards), whether the run is complete, and up to 50 failed accounts with their reason.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    get: operations["getSettlement"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/commission-rates/{programId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partner's commission rate in a program
     * @description The partner (or the operator): the program's tier ladder, the partner's individual rate if the operator set one (it overrides the tiers), the commission rule's rate (the floor), and where the open half month stands per currency: its accrual so far, the active referred customers that count towards a tier, the rate the whole period would be paid at if it were settled now (the rule settlement applies: individual rate, else the highest tier reached, else the rule's rate), the next tier it can still reach, and the day of the run that settles it. Nothing is written.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    get: operations["getCommissionRate"];
    /**
     * Set a partner's individual commission rate (operator)
     * @description Settlement pays the whole period at this rate instead of the program's tier ladder, from the next settlement run on, and records `individual_rate` as the reason. Setting again replaces it.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    put: operations["setCommissionRate"];
    post?: never;
    /**
     * Remove a partner's individual commission rate (operator)
     * @description Later settlement runs use the program's tier ladder again.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    delete: operations["removeCommissionRate"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/withdrawals": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Withdraw the available commission in one currency
     * @description Reserves the account's WHOLE available commission in `currency` for a payout, under the payout policy of `programId`: allowed only when the available balance strictly exceeds the program's threshold in that currency (Zadarma: 100.00 EUR is refused, 100.01 allowed) and, where the program requires it, a referral contract is on file; at most one withdrawal is open per account, program and currency. The amount moves at once from commission_available to payout_reserved (a two-phase transfer: two requests can never reserve more than is available) and a `withdrawal.requested` message goes to the outbound queue. Idempotent by `withdrawalId`: the same request again answers 200 with the withdrawal as it is now; a refusal writes nothing, so the same id may be sent again later. The operator may request on the account's behalf (recorded as `requestedBy: operator`); the same rules apply.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    post: operations["requestWithdrawal"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/withdrawals": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Withdrawals by status (operator)
     * @description Withdrawals in one status, oldest request first: `requested` (default) are the ones to pay. Read from an index, so a withdrawal whose status changed a moment ago may still be listed under its old status; `GET /withdrawals/{withdrawalId}` reads it exactly.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    get: operations["listWithdrawals"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/withdrawals/{withdrawalId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A withdrawal (operator)
     * @description Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    get: operations["getWithdrawal"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/withdrawals/{withdrawalId}/paid": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark a withdrawal paid (operator)
     * @description The payout went out: the reserved amount is posted from payout_reserved to the operator's payout_clearing (it leaves the ledger) and a `withdrawal.paid` message goes to the outbound queue. Marking it paid again with the same reference changes nothing (`changed: false`).
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["markWithdrawalPaid"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/withdrawals/{withdrawalId}/failed": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark a withdrawal failed (operator)
     * @description The payout failed or was refused: the reservation is voided, exactly the reserved amount returns to the account's commission_available, and a `withdrawal.failed` message goes to the outbound queue. The account may then request again. Marking it failed again with the same reason changes nothing (`changed: false`).
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["markWithdrawalFailed"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/contracts/{programId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Record the referral contract an account signed for a program (operator)
     * @description Puts the contract on file: where the signed document is filed and the date it was signed (not after today in the operator's time zone). Replaces a revoked contract or the one on file (a renewal); the same contract again changes nothing (`changed: false`). Programs whose payout policy requires a contract (Zadarma) pay out only while one is on file.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    put: operations["recordContract"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/contracts/{programId}/revocation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke the referral contract on file (operator)
     * @description The contract ended on `revokedOn` (not after today, not before it was signed); from now on the program's withdrawals are refused (`contract_not_on_file`) until a contract is recorded again. A withdrawal requested before stays as it is: mark it failed if it must not be paid. Revoking again on the same date changes nothing.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["revokeContract"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/widget-tokens": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mint a one-time widget token for one account (operator)
     * @description The operator's backend calls this for each page view of its customer area that embeds `<referral-dashboard>`, and hands the token to the element as its `token` property (or answers the element's `tokenProvider` with it), never in a URL. The token expires after 5 minutes and opens one widget session, once (POST /widget-sessions). It is stored only as its SHA-256. `locale` is the account's language: the widget's texts, dates and amounts follow it.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["createWidgetToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/widget-sessions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange a widget token once for a widget session (the widget, from the browser)
     * @description Public: the widget token in the body is the credential. The request must come from a page whose `Origin` is one of the operator configuration's `widget.allowedOrigins`; the session is pinned to that origin. The session bearer (`Authorization: Bearer ws_…`) is the token's account on the account's own routes (`/accounts/{accountId}/…`), for 15 minutes, from that origin only; then the widget asks its page for a new token. One exchange per token, ever: a second one, also two at once, gets 401.
     *
     *     Public: no token.
     */
    post: operations["createWidgetSession"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/widget/referral-dashboard.js": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The <referral-dashboard> script (one script tag in the operator's customer area)
     * @description A classic script (no module, so no CORS is needed to load it) that defines the `<referral-dashboard>` custom element: `<script src="<ApiUrl>/widget/referral-dashboard.js" defer></script>`. Cached 5 minutes by the browser, then revalidated on its ETag. docs/widget.md says how to hand it a widget token.
     *
     *     Public: no token.
     */
    get: operations["getWidgetScript"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/deposit": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partner's deposit: balance and movements
     * @description The deposit's settings, what it holds now (the `deposit` ledger account, which never goes below zero) and its movements newest first: top-ups (`top_up`, positive) and orders paid from it (`order`, negative), paged. An account without a deposit gets balance 0 and no movements. The account itself or the operator.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    get: operations["getDeposit"];
    /**
     * Enable a partner's prepaid deposit (operator)
     * @description On the partner's authorized request (its reference is recorded), opens the partner's prepaid deposit in one currency: from then on `deposit.topped_up` billing events credit it and `POST /accounts/{accountId}/deposit-debits` pays orders from it. Enabling it again in the same currency changes nothing (200); in another currency it is refused (409 deposit_already_enabled).
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    put: operations["enableDeposit"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/deposit-debits": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pay an order from a partner's deposit (operator or billing system)
     * @description Debits the order's amount from the deposit at once, in one transaction whose balance rule refuses taking the deposit below zero: a debit larger than the balance is refused (409 insufficient_balance) and writes nothing, also when many debits race. Idempotent by `orderId`: the same order again answers 200 with the debit made before; the same order id with another account, amount or currency is 409 payload_mismatch.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["debitDeposit"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/deposit/statements/{month}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partner's monthly deposit statement
     * @description One document for a calendar month (operator time zone) instead of a payment document per order: opening balance, every top-up and order of the month oldest first, the totals topped up and debited, and the closing balance. Read now: a month in progress shows what is booked so far. The account itself or the operator.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    get: operations["getDepositStatement"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/manager-consents": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a one-time consent for a manager (agency) account to link this client account
     * @description The client account itself only (not the operator, not a manager). Returns a random token (256 bits, `mct_` and base64url) shown this once: the table keeps only its SHA-256 hash. Give it to the manager, which presents it with `POST /accounts/{managerAccountId}/managed-accounts` within `expiresInMinutes` (1-1440, default 60); it links once. With `managerAccountId` only that manager may present it. The body is optional. An audit entry `consent_issued` is written.
     *
     *     Caller: the account in the path (token `sub`) only; not the operator, not a manager acting for it.
     */
    post: operations["createManagerConsent"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/managed-accounts": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A manager's client accounts (its links, active and revoked)
     * @description By client account id, with each link's state, when it was made and by which consent, and how it ended. Page with `limit` and `cursor`.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    get: operations["listManagedAccounts"];
    put?: never;
    /**
     * Present a client's consent token: link the client to this manager (agency) account
     * @description The manager account itself only. Links the client that issued the consent to the manager in the path, once: the consent is marked used in the same transaction (of two presentations at once, one links and the other gets consent_already_used). From now on the manager may call the client's routes marked `x-managed-access`, as itself. A revoked link is linked again by a new consent. Audit entries `link_created` are written under both accounts. Every refusal is 409 with the same body shape and writes nothing.
     *
     *     Caller: the account in the path (token `sub`) only; not the operator, not a manager acting for it.
     */
    post: operations["linkManagedAccount"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/managers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A client's manager accounts (its links, active and revoked)
     * @description By manager account id, with each link's state. Page with `limit` and `cursor`.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    get: operations["listManagers"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/managed-accounts/{clientAccountId}/revocation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The manager ends its link to a client
     * @description By the manager account itself or the operator. From the next request on the manager is refused (403) on the client's routes. Revoking again changes nothing (`changed: false`). Audit entries `link_revoked` are written under both accounts.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    post: operations["revokeManagedAccount"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/managers/{managerAccountId}/revocation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The client ends a manager's link to it
     * @description By the client account itself or the operator. From the next request on the manager is refused (403). Revoking again changes nothing (`changed: false`). Audit entries `link_revoked` are written under both accounts.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    post: operations["revokeManager"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/management-audit": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's manager-link audit entries (operator)
     * @description Oldest first: every consent the account issued, and every link and revocation on either side of it (a link or revocation is listed under both accounts, with the same `entryId`). Append-only. Page with `limit` and `cursor`.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    get: operations["listManagementAudit"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/partner-applications": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Apply to a partner program
     * @description The account (or the operator on its behalf, recorded as `submittedBy: operator`) applies to a partner program with the fields the program's form asks for (`partnerProgram.applicationFields`: company name, registration or VAT id, website, expected number of domains or services, free text; each required or optional, any other refused). At most one open application per account and program; a rejected account may apply again after the program's wait (`reapplyAfterRejection`: immediately, from the operator-local day N days after the rejection, or never); an approved partner does not apply again. The application is `submitted` for the operator to decide, or `approved` at once (with a `partner.application.approved` message) where the program's `autoApprove` says so. The same registration id on another account is flagged to the operator (`duplicateRegistrationOf`), never refused.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    post: operations["applyToPartnerProgram"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/partner-applications": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A program's partner applications by status (operator)
     * @description Applications to one program in one status, oldest first: `submitted` (default) are the ones to decide. Each carries `duplicateRegistrationOf`, the other accounts that applied with the same registration id. Read from an index, so an application decided a moment ago may still be listed under its old status; `GET /partner-applications/{applicationId}` reads it exactly. An unknown program lists nothing.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    get: operations["listPartnerApplications"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/partner-applications/{applicationId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partner application (operator)
     * @description Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    get: operations["getPartnerApplication"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/partner-applications/{applicationId}/approval": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a partner application (operator)
     * @description The account becomes a partner of the program (its membership: what the program's discounts read) and a `partner.application.approved` message goes to the outbound queue for the operator's mailer, once. Approving again changes nothing and sends nothing (`changed: false`), whatever the reason or note. Two operators deciding at once end in one decision: the other gets `changed: false` (the same decision) or 409.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["approvePartnerApplication"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/partner-applications/{applicationId}/rejection": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reject a partner application (operator)
     * @description The application is rejected with a reason code (a note is required with `other`) and a `partner.application.rejected` message goes to the outbound queue for the operator's mailer, once, saying when the account may apply again (the program's `reapplyAfterRejection`). Rejecting again changes nothing and sends nothing (`changed: false`).
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["rejectPartnerApplication"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/partner-levels/{programId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partner's level in a program
     * @description The partner (or the operator): its level (`current`, and `next` when a move is dated ahead), what quotes apply today (`inForceToday`: the level's rate on every line whose payer is the partner, except the level's excluded categories), the last verification's figures (services active with the partner as their payer), when the monthly verification is due, and the verifications newest first, each with its figures and what it decided (`entered` at approval, `confirmed`, `moved_up`, `moved_down`). Page the history with `limit` and `cursor`.
     *
     *     Caller: the account in the path (token `sub`) or the operator (scope `referral-ledger/operator`).
     */
    get: operations["getPartnerLevel"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{accountId}/partner-levels/{programId}/verifications": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Verify a partner's level now (operator)
     * @description ACTIVE 24 may verify the conditions at any time: measures the partner now (services active with it as their payer), puts it at the last of the program's levels whose conditions it meets (or none), records the verification with its figures, and, when the level moved, sends `partner.level.changed` on the outbound queue. A move takes effect on `effectiveOn` (today by default, or a later day: quotes apply the new rate from that day). Idempotent by `verificationId`: the same id again answers what was recorded (`repeated: true`) and changes nothing. The monthly verification is due again on the 1st of the next month.
     *
     *     Caller: the operator only. The API requires the scope `referral-ledger/operator` on this route (a valid token without it: 403 before the function runs), and the function checks it again.
     */
    post: operations["verifyPartnerLevel"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/openapi.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * This API description (OpenAPI 3.1)
     * @description Public: no token.
     */
    get: operations["getOpenApiDocument"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description An error. Only 4xx errors carry a specific message; 5xx errors say only 'internal error'. */
    Error: {
      error: {
        /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
        code: string;
        message: string;
        issues?: {
          /** @description The field at fault, e.g. body.refereeAccountId. */
          path: string;
          message: string;
        }[];
      };
    };
    /** @description A sign-up to attribute: exactly one of clickId or code. */
    AttributionRequest: {
      /** @description The new customer's account id in the operator's system. */
      refereeAccountId: string;
      /** @description The click id from the `ref` cookie or the `ref_click` query parameter the sign-up page received. */
      clickId?: string;
      /** @description An invite code the new customer typed in (case-insensitive; hyphens and spaces ignored). */
      code?: string;
      /**
       * Format: email
       * @description The referee's e-mail; used only as a keyed hash, to reject self-referral.
       */
      email?: string;
      /** @description A card or account fingerprint from the payment provider; used only as a keyed hash, to reject self-referral. */
      paymentFingerprint?: string;
      /** @description When given, the code must belong to this program. */
      programId?: string;
      /**
       * Format: date-time
       * @description When the sign-up happened, for a sign-up recorded elsewhere first (a migration from another referral system, a backfill after an outage): ISO 8601 with an offset, not in the future, not before the referee's registration when an account.registered is known. Only payments at or after it earn. Default: now.
       */
      attributedAt?: string;
    };
    AttributionResponse: {
      /** @description true when this request created the referral (201); false when the account was already referred (200) and nothing changed. */
      created: boolean;
      /** @description The referral of a referee: permanent, first attribution wins. */
      referral: {
        /** @description The operator's own customer account id. */
        refereeAccountId: string;
        /** @description The operator's own customer account id. */
        referrerAccountId: string;
        programId: string;
        code: string;
        /** @enum {string} */
        source: "link" | "code";
        clickId?: string;
        /** Format: date-time */
        attributedAt: string;
        /** Format: date-time */
        codeActivatedAt?: string;
        /** Format: date-time */
        promoEndsAt?: string;
        replacedLink?: {
          /** @description The operator's own customer account id. */
          referrerAccountId: string;
          programId: string;
          code: string;
          /** Format: date-time */
          attributedAt: string;
        };
        /** @enum {string} */
        status: "active" | "fraudulent";
        /** Format: date-time */
        firstPaymentAt?: string;
        /** Format: date-time */
        firstInvoicePaidAt?: string;
        firstInvoiceId?: string;
        /** Format: date-time */
        firstRechargeCompletedAt?: string;
        firstRechargeId?: string;
        /** Format: date-time */
        markedFraudulentAt?: string;
        commissionedPeriods?: string[];
      };
    };
    ReferralOverview: {
      /** @description The operator's own customer account id. */
      accountId: string;
      programId: string;
      /** @description The referral code: the link's slug and the personal invite code. */
      code: string;
      /** @description The code to type in at sign-up (the same code). */
      inviteCode: string;
      /** @description The referral link; null when the program does not use links. */
      link: string | null;
      /** @description A Facebook share dialog URL for the link; null when the program does not use links. */
      facebookShareUrl: string | null;
      /** Format: date-time */
      createdAt: string;
      stats: {
        /** @description Counted clicks, all time. */
        clickCount: number;
        /** @description Referrals attributed to the code, all time. */
        signupCount: number;
        /** @description Referred accounts that have paid, all time. */
        customerCount: number;
        /** @description Counted clicks per day in the operator's time zone, the last 30 days, oldest first. */
        clicksByDay: {
          /** Format: date */
          day: string;
          clickCount: number;
        }[];
      };
    };
    WithdrawalResponse: {
      /** @description A withdrawal: `requested` (the amount is reserved in payout_reserved), then `paid` (posted to the operator's payout_clearing) or `failed` (the amount is back in commission_available), once. */
      withdrawal: {
        /** @description The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal. */
        withdrawalId: string;
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
        /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
        currency: string;
        /** @description The amount reserved: the whole available commission when it was requested. */
        amountMinor: number;
        /** @enum {string} */
        status: "requested" | "paid" | "failed";
        /** Format: date-time */
        requestedAt: string;
        /**
         * @description Who asked: the account itself, or the operator on its behalf.
         * @enum {string}
         */
        requestedBy: "account" | "operator";
        reservationTransferId: string;
        contractDocumentReference?: string;
        resolvedByTransferId?: string;
        /** Format: date-time */
        paidAt?: string;
        payoutReference?: string;
        /** Format: date-time */
        failedAt?: string;
        failureReason?: string;
      };
    };
    WithdrawalOutcome: {
      /** @description A withdrawal: `requested` (the amount is reserved in payout_reserved), then `paid` (posted to the operator's payout_clearing) or `failed` (the amount is back in commission_available), once. */
      withdrawal: {
        /** @description The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal. */
        withdrawalId: string;
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
        /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
        currency: string;
        /** @description The amount reserved: the whole available commission when it was requested. */
        amountMinor: number;
        /** @enum {string} */
        status: "requested" | "paid" | "failed";
        /** Format: date-time */
        requestedAt: string;
        /**
         * @description Who asked: the account itself, or the operator on its behalf.
         * @enum {string}
         */
        requestedBy: "account" | "operator";
        reservationTransferId: string;
        contractDocumentReference?: string;
        resolvedByTransferId?: string;
        /** Format: date-time */
        paidAt?: string;
        payoutReference?: string;
        /** Format: date-time */
        failedAt?: string;
        failureReason?: string;
      };
      /** @description false when the same outcome (same reference or reason) had been recorded before: nothing changed. */
      changed: boolean;
    };
    ContractResponse: {
      contract: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
        /** @description Where the signed contract is filed (document number, archive path). */
        documentReference: string;
        /**
         * Format: date
         * @description The date the contract was signed (YYYY-MM-DD).
         */
        signedOn: string;
        /**
         * @description active: on file; revoked: no longer valid, withdrawals are refused until one is recorded again.
         * @enum {string}
         */
        status: "active" | "revoked";
        /**
         * Format: date-time
         * @description When the operator recorded this contract.
         */
        recordedAt: string;
        /**
         * Format: date
         * @description The date the contract ended (YYYY-MM-DD), once revoked.
         */
        revokedOn?: string;
        /**
         * Format: date-time
         * @description When the operator recorded the revocation.
         */
        revokedAt?: string;
        /** @description Why it was revoked, for people. */
        revocationReason?: string;
      };
      /** @description false when the same contract (or the same revocation) was already on file: nothing changed. */
      changed: boolean;
    };
    QuoteRequest: {
      /** @description The account the basket is priced for: the payer of every line that names none. */
      accountId: string;
      /**
       * Format: date
       * @description The day to price on (operator time zone): the discounts the payer holds now that are in force that day (for today and the days ahead, what will apply; for a past day, not what applied then: a referrer's earlier, ended streak is not priced, and a partner's current level is priced also before its `since`, docs/discounts.md "Quotes"), and a service's payer at the end of that day (or now, for today or a later day).
       */
      date: string;
      /** @description 1-200 lines, in any currencies (totals are per currency). */
      lines: {
        /** @description The billing system's product code. */
        sku: string;
        /** @description A program's discounts skip the categories it excludes (t2: `sms_package`). */
        category: string;
        /** @description Units, 1-1000000. */
        quantity: number;
        /** @description The list price of one unit, in minor units of `currency`. */
        unitListPriceMinor: number;
        /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
        currency: string;
        /** @description The operator's purchase cost of one unit, when it has one (ACTIVE 24): the line's final price is never below quantity × this (nor above its list price). */
        unitPurchaseCostMinor?: number;
        /** @description The existing service the line renews or extends (a domain, a hosting plan): its payer and administrator are those its history records at the quote's date (`service.activated`, `service.payer_changed`), so a partner's level discount applies only while the partner is the service's payer (ACTIVE 24). Not with `payerAccountId` or `administratorAccountId`. A service with no recorded payer is priced for the quote's account. */
        serviceId?: string;
        /** @description The payer of a new service (default: the quote's `accountId`). The line gets the discounts of its payer, and of no one else: a partner's discount applies where it is the payer (ACTIVE 24). */
        payerAccountId?: string;
        /** @description The service's administrator (default: the quote's `accountId`). Recorded on the line; it earns the line no discount. */
        administratorAccountId?: string;
      }[];
    };
    Quote: {
      /** @description The operator's own customer account id. */
      accountId: string;
      /** Format: date */
      date: string;
      /** @description In the request's order. */
      lines: {
        sku: string;
        category: string;
        quantity: number;
        /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
        currency: string;
        unitListPriceMinor: number;
        unitPurchaseCostMinor?: number;
        /** @description The service the line names, when it names one. */
        serviceId?: string;
        /** @description The operator's own customer account id. */
        payerAccountId: string;
        /** @description The operator's own customer account id. */
        administratorAccountId: string;
        /**
         * @description Where the payer comes from: the service's history at the quote's date, the line's payerAccountId, or the quote's account (a line naming neither, or a service with no recorded payer).
         * @enum {string}
         */
        payerSource: "service_history" | "line" | "quote_account";
        /** @description quantity × unitListPriceMinor. */
        listPriceMinor: number;
        /** @description The payer's discounts and partner levels in force on the day that cover the line's category. */
        discounts: {
          /** @description The discount's id; a partner level's is `partner-level:<accountId>:<programId>`. */
          discountId: string;
          programId: string;
          /**
           * @description Whose discount: the referred client's (referee), the referring client's (referrer), or the payer's partner level (partner, ACTIVE 24).
           * @enum {string}
           */
          role: "referee" | "referrer" | "partner";
          rateBps: number;
          /** @description Why the discount has its rate (its last change: code activated, a referral with its streak count, ...; `partner_level` with the level for a partner's). */
          reason:
            | {
                /** @enum {string} */
                code: "promo_period_ended" | "code_activated" | "referral" | "start_day_reached" | "validity_passed";
                /** @description The operator's own customer account id. */
                refereeAccountId?: string;
                /** Format: date */
                referralOn?: string;
                streakCount?: number;
              }
            | {
                /** @constant */
                code: "partner_level";
                /** @description The partner's level. */
                levelId: string;
              };
          /** @description What this discount took off the line, after the discounts listed before it (multiplicative, largest rate first). */
          amountMinor: number;
        }[];
        /** @description The list price less every discount, rounded once (half away from zero). */
        discountedPriceMinor: number;
        /** @description Present when the purchase-cost floor raised the price: by how much (the final price is the floor). */
        floorRaisedByMinor?: number;
        /** @description What the line costs: the discounted price, never below the purchase-cost floor. */
        finalPriceMinor: number;
      }[];
      /** @description One per currency, in the order of first appearance: amounts in different currencies are never added. */
      totals: {
        /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
        currency: string;
        listPriceMinor: number;
        /** @description listPriceMinor − finalPriceMinor: every discount less what the floors gave back. */
        discountMinor: number;
        finalPriceMinor: number;
      }[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  followReferralLink: {
    parameters: {
      query?: {
        /** @description Any query parameters; they are kept on the destination. Paid-advertising parameters (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid, ... or utm_medium=cpc/ppc/paid/display) mark the click as not counted. */
        query?: {
          [key: string]: string;
        };
      };
      header?: never;
      path: {
        /** @description The referral code (case-insensitive, Crockford base32), optionally followed by `/` and a deep link: the page of the operator's site to land on (may contain slashes). Read as people paste it: a trailing slash, sentence punctuation after the link (`ABC123.`), invisible characters and percent-encoding are ignored. An unknown or disabled code, or a path that could leave the operator's hosts, redirects to the home page. */
        link: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Always a redirect, never an error for a visitor. To the requested page of the operator's site with a `ref_click` click id for a counted visitor; to the page without a click id for bots, link previews, HEAD requests and paid traffic; to the home page for an unknown or disabled code or a path that would leave the operator's hosts. */
      302: {
        headers: {
          /** @description The destination, always on one of the operator's configured hosts. */
          location?: string;
          /** @description `ref=<clickId>; Domain=<cookieDomain>; Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=Lax`, only when this service and the destination are under the operator's cookie domain. */
          "set-cookie"?: string;
          /** @description no-store: every click reaches the counter. */
          "cache-control"?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  headReferralLink: {
    parameters: {
      query?: {
        /** @description Any query parameters; they are kept on the destination. Paid-advertising parameters (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid, ... or utm_medium=cpc/ppc/paid/display) mark the click as not counted. */
        query?: {
          [key: string]: string;
        };
      };
      header?: never;
      path: {
        /** @description The referral code (case-insensitive, Crockford base32), optionally followed by `/` and a deep link: the page of the operator's site to land on (may contain slashes). Read as people paste it: a trailing slash, sentence punctuation after the link (`ABC123.`), invisible characters and percent-encoding are ignored. An unknown or disabled code, or a path that could leave the operator's hosts, redirects to the home page. */
        link: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Always a redirect, never an error for a visitor. To the requested page of the operator's site with a `ref_click` click id for a counted visitor; to the page without a click id for bots, link previews, HEAD requests and paid traffic; to the home page for an unknown or disabled code or a path that would leave the operator's hosts. */
      302: {
        headers: {
          /** @description The destination, always on one of the operator's configured hosts. */
          location?: string;
          /** @description `ref=<clickId>; Domain=<cookieDomain>; Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=Lax`, only when this service and the destination are under the operator's cookie domain. */
          "set-cookie"?: string;
          /** @description no-store: every click reaches the counter. */
          "cache-control"?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  followReferralLinkUpperCase: {
    parameters: {
      query?: {
        /** @description Any query parameters; they are kept on the destination. Paid-advertising parameters (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid, ... or utm_medium=cpc/ppc/paid/display) mark the click as not counted. */
        query?: {
          [key: string]: string;
        };
      };
      header?: never;
      path: {
        /** @description The referral code (case-insensitive, Crockford base32), optionally followed by `/` and a deep link: the page of the operator's site to land on (may contain slashes). Read as people paste it: a trailing slash, sentence punctuation after the link (`ABC123.`), invisible characters and percent-encoding are ignored. An unknown or disabled code, or a path that could leave the operator's hosts, redirects to the home page. */
        link: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Always a redirect, never an error for a visitor. To the requested page of the operator's site with a `ref_click` click id for a counted visitor; to the page without a click id for bots, link previews, HEAD requests and paid traffic; to the home page for an unknown or disabled code or a path that would leave the operator's hosts. */
      302: {
        headers: {
          /** @description The destination, always on one of the operator's configured hosts. */
          location?: string;
          /** @description `ref=<clickId>; Domain=<cookieDomain>; Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=Lax`, only when this service and the destination are under the operator's cookie domain. */
          "set-cookie"?: string;
          /** @description no-store: every click reaches the counter. */
          "cache-control"?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  headReferralLinkUpperCase: {
    parameters: {
      query?: {
        /** @description Any query parameters; they are kept on the destination. Paid-advertising parameters (gclid, gbraid, wbraid, msclkid, dclid, yclid, ttclid, ... or utm_medium=cpc/ppc/paid/display) mark the click as not counted. */
        query?: {
          [key: string]: string;
        };
      };
      header?: never;
      path: {
        /** @description The referral code (case-insensitive, Crockford base32), optionally followed by `/` and a deep link: the page of the operator's site to land on (may contain slashes). Read as people paste it: a trailing slash, sentence punctuation after the link (`ABC123.`), invisible characters and percent-encoding are ignored. An unknown or disabled code, or a path that could leave the operator's hosts, redirects to the home page. */
        link: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Always a redirect, never an error for a visitor. To the requested page of the operator's site with a `ref_click` click id for a counted visitor; to the page without a click id for bots, link previews, HEAD requests and paid traffic; to the home page for an unknown or disabled code or a path that would leave the operator's hosts. */
      302: {
        headers: {
          /** @description The destination, always on one of the operator's configured hosts. */
          location?: string;
          /** @description `ref=<clickId>; Domain=<cookieDomain>; Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=Lax`, only when this service and the destination are under the operator's cookie domain. */
          "set-cookie"?: string;
          /** @description no-store: every click reaches the counter. */
          "cache-control"?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  createAttribution: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["AttributionRequest"];
      };
    };
    responses: {
      /** @description The account was already referred: the existing referral, nothing changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AttributionResponse"];
        };
      };
      /** @description The referral was created; the code's sign-up counter has been incremented. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AttributionResponse"];
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description referral_code_unknown (no such active code, or its program does not take this kind of attribution), click_id_invalid (not a click id a redirect issued: ids are signed; also a click after `attributedAt`), click_window_expired (the click id is older than the program's `clickWindowDays` at `attributedAt`), code_entry_window_closed (a code after the program's code-entry window of the referee's registration), self_referral, attributed_at_in_future (`attributedAt` after the service's clock), or attributed_at_before_registration (`attributedAt` before the referee's registeredAt from account.registered). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createQuote: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["QuoteRequest"];
      };
    };
    responses: {
      /** @description The priced basket: each line with its discounts, floor and final price, and the totals per currency. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Quote"];
        };
      };
      /** @description validation_failed: a malformed request (`error.issues` names the fields at fault): no lines or too many, a quantity or amount out of range or whose product with the quantity is, a date that is not a day, the account id `operator`, an unknown field, a body over the size limit. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description transient: DynamoDB throttled or timed out; send the same request again. */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          "retry-after"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  redeemInviteCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The invite code the client typed (case-insensitive; hyphens and spaces ignored; O reads as 0, I and L as 1). */
          code: string;
          /** @description When given, only a code of this program is accepted. */
          programId?: string;
        };
      };
    };
    responses: {
      /** @description The code is activated: the account's referral is now by code (`codeActivatedAt`). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The account's referral, now by code (`source: code`, `codeActivatedAt`). */
            referral: {
              /** @description The operator's own customer account id. */
              refereeAccountId: string;
              /** @description The operator's own customer account id. */
              referrerAccountId: string;
              programId: string;
              code: string;
              /** @enum {string} */
              source: "link" | "code";
              clickId?: string;
              /** Format: date-time */
              attributedAt: string;
              /** Format: date-time */
              codeActivatedAt?: string;
              /** Format: date-time */
              promoEndsAt?: string;
              /** @enum {string} */
              status: "active" | "fraudulent";
              /** Format: date-time */
              firstPaymentAt?: string;
              /** Format: date-time */
              firstInvoicePaidAt?: string;
              firstInvoiceId?: string;
              /** Format: date-time */
              firstRechargeCompletedAt?: string;
              firstRechargeId?: string;
              /** Format: date-time */
              markedFraudulentAt?: string;
            };
            /** @description true when the code replaced an earlier attribution by a referral link (no payment had been counted on it). */
            replacedLinkAttribution: boolean;
          };
        };
      };
      /** @description A malformed request, or the account id `operator`. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description code_already_redeemed (the account was referred by a code before), referral_already_rewarded (referred by a link and a payment was counted), referral_fraudulent, or registration_unknown (account.registered has not arrived yet: retry shortly). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description referral_code_unknown (no such code, or it cannot be entered for this account: one answer for every reason), code_entry_window_closed (the account's code-entry window is over in every program), or self_referral (the own code, or the same e-mail or payment fingerprint). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description too_many_attempts: the account or the address used up its attempts for the day. Nothing was looked up. */
      429: {
        headers: {
          /** @description Seconds until the window that refused ends. */
          "retry-after"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  sendInvite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * Format: email
           * @description Invite by e-mail. Exactly one of email or phone.
           */
          email?: string;
          /** @description Invite by SMS, in E.164. Exactly one of email or phone. */
          phone?: string;
          /** @description The program whose invite code the message carries (t2: t2-invite). */
          programId: string;
          /**
           * @description The language of the message the operator's mailer writes (default en).
           * @default en
           */
          locale?: string;
        };
      };
    };
    responses: {
      /** @description The invite is on the outbound queue. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The id of the `invite.requested` message (deduplicate by it). */
            inviteId: string;
            /** @enum {string} */
            channel: "email" | "sms";
            programId: string;
            /** @description The invite code the message carries. */
            code: string;
            /** Format: date-time */
            requestedAt: string;
          };
        };
      };
      /** @description A malformed request (neither or both of email and phone, a number not in E.164), or the account id `operator`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No active program of that id takes a typed code: neither a program of invite codes (`attribution.codeEntryWindowMonths`, t2) nor a link program (`attribution.links`, whose code is typed at sign-up). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description recipient_recently_invited: invited in the last 7 days. Nothing was sent. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description too_many_attempts: the account's invites for the day are used up. */
      429: {
        headers: {
          /** @description Seconds until the window that refused ends. */
          "retry-after"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getReferrals: {
    parameters: {
      query?: {
        /** @description Referred clients per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of referred clients. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description Newest first. Read from an index: a referral made a moment ago may not be listed yet. */
            referrals: {
              /** @description The referred client's account id. */
              clientAccountId: string;
              /** @description The name the operator gave at registration (account.registered); absent when it gave none. */
              displayName?: string;
              programId: string;
              /**
               * @description How the client was referred.
               * @enum {string}
               */
              source: "link" | "code";
              /**
               * Format: date-time
               * @description When the code was activated (`source: code`) or the link attributed (`source: link`).
               */
              referredAt: string;
              /** @enum {string} */
              status: "active" | "fraudulent";
            }[];
            /** @description Present when there may be more. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  getDiscounts: {
    parameters: {
      query?: {
        /** @description Only this program: its discounts, its table and its history entries. */
        programId?: string;
        /** @description History entries per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The discounts and a page of history (an account without discounts: no discounts, no history). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description Every program that gives discounts (in the configuration's order), then any other program the account holds a discount in; with `programId`, that one only. */
            programs: {
              programId: string;
              /** @description The program's name; absent when the configuration no longer has the program. */
              name?: string;
              /** @description The account's current discount in this program, as referred client (`referee`) and as referrer: none, one or both. */
              discounts: {
                discountId: string;
                /** @description The operator's own customer account id. */
                accountId: string;
                programId: string;
                /** @enum {string} */
                role: "referee" | "referrer";
                /** @enum {string} */
                status: "scheduled" | "active" | "ended";
                rateBps: number;
                /** Format: date */
                startsOn: string;
                /** Format: date */
                endsOn: string;
                /** Format: date */
                endedOn?: string;
                excludedCategories: string[];
                streak?: {
                  count: number;
                  /** Format: date */
                  lastReferralOn: string;
                  bonusesGranted: number[];
                };
                streakNumber?: number;
                reason: {
                  /** @enum {string} */
                  code: "promo_period_ended" | "code_activated" | "referral" | "start_day_reached" | "validity_passed";
                  /** @description The operator's own customer account id. */
                  refereeAccountId?: string;
                  /** Format: date */
                  referralOn?: string;
                  streakCount?: number;
                };
                /** Format: date-time */
                updatedAt: string;
              }[];
              /** @description What a client referred by code gets (absent: the program gives none). */
              refereeDiscount?: {
                /** @description The referred client's rate (t2: 2000, 20 %). */
                rateBps: number;
                /** @description For this many months from the end of its promo period, or from the code's activation (t2: 3). */
                months: number;
                excludedCategories: string[];
              };
              /** @description The stacked referrer discount's table (absent: the program gives none). */
              referrerTable?: {
                /** @description One row per count while the rate, the validity or a bonus changes. */
                rows: {
                  /** @description The streak's n-th referral. */
                  count: number;
                  /** @description The rate it gives: min(cap, first + (n − 1) × step). */
                  rateBps: number;
                  /** @description The discount then ends this many months after the streak's latest referral day. */
                  validityMonths: number;
                  /** @description The package granted once in the streak at this count (t2: 1,200 SMS at 3, 3,200 SMS at 5). */
                  bonus?: {
                    sku: string;
                    description: string;
                  };
                }[];
                /** @description What every later referral of a streak gives. */
                beyond: {
                  fromCount: number;
                  rateBps: number;
                  validityMonths: number;
                };
                excludedCategories: string[];
              };
            }[];
            /** @description The account's discount history, newest first (by the time each change was decided), paged with `limit` and `cursor`. */
            history: {
              entryId: string;
              discountId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              /** @enum {string} */
              role: "referee" | "referrer";
              /** @enum {string} */
              kind: "scheduled" | "activated" | "raised_and_extended" | "ended" | "bonus_granted";
              /** Format: date-time */
              at: string;
              /** Format: date */
              effectiveOn: string;
              rateBps: number;
              /** Format: date */
              startsOn: string;
              /** Format: date */
              endsOn: string;
              previousRateBps?: number;
              /** Format: date */
              previousEndsOn?: string;
              sku?: string;
              bonusAtCount?: number;
              reason: {
                /** @enum {string} */
                code: "promo_period_ended" | "code_activated" | "referral" | "start_day_reached" | "validity_passed";
                /** @description The operator's own customer account id. */
                refereeAccountId?: string;
                /** Format: date */
                referralOn?: string;
                streakCount?: number;
              };
            }[];
            /** @description Present when there may be more history. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description `programId` names no program that gives discounts, and the account holds none in it. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getReferral: {
    parameters: {
      query?: {
        /** @description The program; defaults to the operator's default program. */
        programId?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The link, the code, a Facebook share URL and live statistics. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ReferralOverview"];
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getLedger: {
    parameters: {
      query?: {
        /** @description Only entries of this kind (credit, commission_accrued, clawback, settlement, payout, deposit, adjustment: each groups transfer codes). */
        kind?: "credit" | "commission_accrued" | "clawback" | "settlement" | "payout" | "deposit" | "adjustment";
        /** @description Only entries of transfers with this code (finer than kind). */
        code?:
          | "commission_accrual"
          | "settlement_release"
          | "tier_top_up"
          | "commission_clawback"
          | "credit_grant"
          | "credit_clawback"
          | "withdrawal_reserve"
          | "withdrawal_post"
          | "withdrawal_void"
          | "deposit_top_up"
          | "deposit_debit"
          | "adjustment";
        /** @description Only entries of this half-month period (YYYY-MM-1: 1st-14th, YYYY-MM-2: 15th-end, operator time zone). */
        periodId?: string;
        /** @description Only entries in this currency. Required for the operator's own accounts (GET /accounts/operator/ledger), listed one currency at a time. */
        currency?: string;
        /** @description Transfers per page, 1-100 (default 25); a transfer between two of the account's own ledger accounts shows as two entries. With a kind or code filter a page may hold fewer: follow nextCursor until it is absent. */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of ledger entries, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description Newest first (by posting time, then transfer id). */
            entries: {
              /** @description The transfer (one movement between two ledger accounts); replaces entryId. */
              transferId: string;
              /** @description The account whose ledger this is. */
              accountId: string;
              /**
               * @description Which of the account's ledger accounts the entry changes (commission_pending, commission_available, payout_reserved, credit_granted, deposit); replaces status (pending → commission_pending, available → commission_available, paid → credit_granted).
               * @enum {string}
               */
              ledgerAccountKind:
                | "commission_pending"
                | "commission_available"
                | "payout_reserved"
                | "credit_granted"
                | "deposit"
                | "commission_expense"
                | "credit_expense"
                | "payout_clearing"
                | "deposit_funding";
              /**
               * @description What happened, grouped as before transfers: credit, commission_accrued, clawback, settlement, payout, deposit, adjustment.
               * @enum {string}
               */
              kind: "credit" | "commission_accrued" | "clawback" | "settlement" | "payout" | "deposit" | "adjustment";
              /**
               * @description The transfer's code: what happened, exactly (credit_grant, commission_accrual, commission_clawback, credit_clawback, …).
               * @enum {string}
               */
              code:
                | "commission_accrual"
                | "settlement_release"
                | "tier_top_up"
                | "commission_clawback"
                | "credit_grant"
                | "credit_clawback"
                | "withdrawal_reserve"
                | "withdrawal_post"
                | "withdrawal_void"
                | "deposit_top_up"
                | "deposit_debit"
                | "adjustment";
              /** @description The signed effect on that ledger account: positive raises its balance, negative lowers it. */
              amountMinor: number;
              /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
              currency: string;
              /** @description The other side of the transfer: where the money came from or went to (often the operator's expense account). */
              counterparty: {
                holder: "operator" | string;
                /** @enum {string} */
                kind:
                  | "commission_pending"
                  | "commission_available"
                  | "payout_reserved"
                  | "credit_granted"
                  | "deposit"
                  | "commission_expense"
                  | "credit_expense"
                  | "payout_clearing"
                  | "deposit_funding";
                /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                currency: string;
              };
              programId?: string;
              /** @description The half-month period the transfer belongs to. */
              periodId?: string;
              /** @description The billing event (or derived event) whose effect posted it. */
              sourceEventId: string;
              sourceEventType: string;
              /** Format: date-time */
              postedAt: string;
              /** @description For people. */
              memo: string;
              /** @description The referred customer whose payment it comes from. */
              refereeAccountId?: string;
              /** @description The payment it earns from or claws back from. */
              payment?: {
                /** @enum {string} */
                kind: "invoice" | "recharge";
                id: string;
              };
              /** @description A deposit movement's top-up (`top_up`, the billing system's id) or the order paid from the deposit (`order`). */
              depositReference?: {
                /** @enum {string} */
                kind: "top_up" | "order";
                id: string;
              };
              ruleId?: string;
              /** @description The rate applied, in basis points. */
              rateBps?: number;
              /** @description The amount the rate was applied to (a tier top-up's: the period's whole base). */
              basisMinor?: number;
              /** @description A clawback names the transfer it reverses (in part or in full); replaces reversesEntryId. */
              reversesTransferId?: string;
              /** @description A withdrawal's post or void names its reserve transfer. */
              reservationTransferId?: string;
              /**
               * @description Why it corrects an earlier transfer when it is not a refund or chargeback.
               * @enum {string}
               */
              reason?: "first_payment_superseded" | "recurrence_window_moved" | "replaces_later_first_payment";
            }[];
            /** @description Present when there may be more entries. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, a code outside the kind asked for, a cursor that does not belong to this listing, or the operator's accounts listed without a currency. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  getBalance: {
    parameters: {
      query?: {
        /** @description The operator's own accounts only (GET /accounts/operator/balance): the currency to read, required there. */
        currency?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ledger accounts and figures per currency. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description One per currency the account holds ledger accounts in, in currency order (amounts in different currencies are never added). The figures are absent for the operator's own accounts. */
            balances: {
              /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
              currency: string;
              /** @description Commission earned, waiting for the settlement of its period (customer accounts). */
              commissionPendingMinor?: number;
              /** @description Settled commission available to withdraw; may be negative after a clawback of paid-out commission (customer accounts). */
              commissionAvailableMinor?: number;
              /** @description Set aside by requested withdrawals (customer accounts). */
              payoutReservedMinor?: number;
              /** @description Account credit delivered to the billing system, net of clawbacks (customer accounts). */
              creditGrantedMinor?: number;
              /** @description A partner's prepaid deposit, never below zero (customer accounts). */
              depositMinor?: number;
              /** @description Every ledger account the holder has in this currency, each the sum of its transfers. */
              ledgerAccounts: {
                /** @enum {string} */
                kind:
                  | "commission_pending"
                  | "commission_available"
                  | "payout_reserved"
                  | "credit_granted"
                  | "deposit"
                  | "commission_expense"
                  | "credit_expense"
                  | "payout_clearing"
                  | "deposit_funding";
                /** @description On the account's normal side: what it holds (operator accounts: what they cost or hold). */
                balanceMinor: number;
                debitsMinor: number;
                creditsMinor: number;
                transferCount: number;
              }[];
            }[];
          };
        };
      };
      /** @description A malformed query, or the operator's accounts read without a currency. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  getStatement: {
    parameters: {
      query: {
        /** @description The first day (YYYY-MM-DD, operator time zone): the statement starts with the half-month period that holds it. */
        from: string;
        /** @description The last day: the statement ends with the period that holds it. At most 24 periods from `from`. */
        to: string;
        /** @description The currency of the statement; absent: the one currency the account holds commission in (400 when none or several). */
        currency?: string;
        /** @description Only this commission program's figures. The balances stay the currency's (a ledger account is per currency, not per program). */
        programId?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement. */
      200: {
        headers: {
          /** @description accept: the media type follows the Accept header. */
          vary?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
            currency: string;
            programId?: string;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @description The operator's time zone: the periods' days are in it. */
            timeZone: string;
            /** @description One per half-month period from `from` to `to`, oldest first. */
            periods: {
              periodId: string;
              /** Format: date */
              firstDay: string;
              /** Format: date */
              lastDay: string;
              /** @description Commission accrued in the period less what refunds took back while it was pending (commission_pending +). */
              accruedMinor: number;
              /** @description Released by the period's settlement (commission_pending → commission_available). */
              releasedMinor: number;
              /** @description The tier top-up of the period's settlement, negative for a reduction (commission_available). */
              topUpMinor: number;
              /** @description Commission of the period's payments clawed back from commission_available by refunds after its settlement. */
              clawedBackAfterSettlementMinor: number;
              /** @description The top-up's share those refunds took back (negative: a reduction's share given back). */
              topUpReversedMinor: number;
              /** @description Withdrawals requested in the period (commission_available → payout_reserved). */
              withdrawalReservedMinor: number;
              /** @description Withdrawals paid out in the period (payout_reserved → the operator's payout_clearing). */
              withdrawalPaidMinor: number;
              /** @description Withdrawals that failed in the period, returned to commission_available. */
              withdrawalReturnedMinor: number;
              /** @description The net change of each ledger account booked to the period (closing − opening). */
              movements: {
                commissionPendingMinor: number;
                commissionAvailableMinor: number;
                payoutReservedMinor: number;
              };
              openingBalances: {
                commissionPendingMinor: number;
                commissionAvailableMinor: number;
                payoutReservedMinor: number;
              };
              /** @description The ledger accounts after everything booked to this period and the ones before it (all programs of the currency). */
              closingBalances: {
                commissionPendingMinor: number;
                commissionAvailableMinor: number;
                payoutReservedMinor: number;
              };
              /** @description The period's accrual and settlement per commission program. */
              programs: {
                programId: string;
                /**
                 * @description Whether the period's settlement ran for this program.
                 * @enum {string}
                 */
                settlement: "settled" | "open";
                /** @description The period's commission accruals less the clawbacks taken from them while pending. */
                accruedMinor: number;
                /** @description The commissioned payments of the period, net of refunds (what a tier rate is applied to). */
                baseMinor: number;
                /** @description The rule's rate the period accrued at. */
                accrualRateBps?: number;
                /** @description Referred customers with a commissioned payment in the period (the tier basis). */
                activeCustomers: number;
                /** Format: date-time */
                settledAt?: string;
                /** @description The rate the whole period was paid at. */
                rateBps?: number;
                rateReason?:
                  | {
                      /** @constant */
                      kind: "individual_rate";
                      /** Format: date-time */
                      setAt: string;
                    }
                  | {
                      /** @constant */
                      kind: "tier";
                      minActiveCustomers: number;
                    }
                  | {
                      /** @constant */
                      kind: "rule_rate";
                    };
                /** @description Why that rate, in words. */
                rateExplanation?: string;
                settledBaseMinor?: number;
                /** @description What settlement paid on top of what accrued, at the rate in force (negative: a reduction). */
                topUpMinor?: number;
              }[];
            }[];
          };
          "text/csv": string;
        };
      };
      /** @description A malformed query: a day that is not a date, `to` before `from`, more than 24 periods, no `currency` while the account holds commission in none or several; or the account id `operator`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description `programId` names no program with a commission rule. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  markReferralFraudulent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        refereeAccountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The referral, now fraudulent. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            referral: {
              /** @description The operator's own customer account id. */
              refereeAccountId: string;
              /** @description The operator's own customer account id. */
              referrerAccountId: string;
              programId: string;
              code: string;
              /** @enum {string} */
              source: "link" | "code";
              clickId?: string;
              /** Format: date-time */
              attributedAt: string;
              /** Format: date-time */
              codeActivatedAt?: string;
              /** Format: date-time */
              promoEndsAt?: string;
              replacedLink?: {
                /** @description The operator's own customer account id. */
                referrerAccountId: string;
                programId: string;
                code: string;
                /** Format: date-time */
                attributedAt: string;
              };
              /** @enum {string} */
              status: "active" | "fraudulent";
              /** Format: date-time */
              firstPaymentAt?: string;
              /** Format: date-time */
              firstInvoicePaidAt?: string;
              firstInvoiceId?: string;
              /** Format: date-time */
              firstRechargeCompletedAt?: string;
              firstRechargeId?: string;
              /** Format: date-time */
              markedFraudulentAt?: string;
              commissionedPeriods?: string[];
            };
            /**
             * Format: date-time
             * @description When the referral was first marked; marking again changes nothing.
             */
            markedFraudulentAt: string;
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The account has no referral. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  startSettlement: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * Format: date
           * @description Settle as if the schedule fired at 00:00 of this date in the operator's time zone: 2026-11-15 settles 1–14 November (less the program's hold).
           */
          date: string;
          /** @description Only this program; absent: every program with a commission rule. */
          programId?: string;
          /**
           * @description Only say which period each program would settle; nothing is written or enqueued.
           * @default false
           */
          dryRun?: boolean;
        };
      };
    };
    responses: {
      /** @description Dry run: the periods that would be settled; nothing was written. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /**
             * Format: date-time
             * @description The run time the periods were computed from.
             */
            runAt: string;
            timeZone: string;
            /** @enum {string} */
            trigger: "schedule" | "on_demand";
            /** @description Each program and period the run settles, oldest first: usually one per program; two where a hold that is not a whole number of half months makes two periods fall due between two scheduled runs; none for a program when a scheduled run has no period of its own to settle. */
            programs: {
              programId: string;
              periodId: string;
              /** Format: date */
              firstDay: string;
              /** Format: date */
              lastDay: string;
              holdDays: number;
              /** @description How often this period was started, this run included (0 in a dry run). */
              runs: number;
            }[];
          };
        };
      };
      /** @description The run is started: its pages and accounts are on the settlement queue. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /**
             * Format: date-time
             * @description The run time the periods were computed from.
             */
            runAt: string;
            timeZone: string;
            /** @enum {string} */
            trigger: "schedule" | "on_demand";
            /** @description Each program and period the run settles, oldest first: usually one per program; two where a hold that is not a whole number of half months makes two periods fall due between two scheduled runs; none for a program when a scheduled run has no period of its own to settle. */
            programs: {
              programId: string;
              periodId: string;
              /** Format: date */
              firstDay: string;
              /** Format: date */
              lastDay: string;
              holdDays: number;
              /** @description How often this period was started, this run included (0 in a dry run). */
              runs: number;
            }[];
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description `programId` names no program with a commission rule. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description `settlement_date_in_future`: 00:00 of `date` in the operator's time zone is still ahead (a dry run may look ahead). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getSettlement: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        programId: string;
        periodId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The progress. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            programId: string;
            periodId: string;
            /** @description Absent: the period was never started. */
            run?: {
              programId: string;
              periodId: string;
              /** Format: date-time */
              firstStartedAt: string;
              /** Format: date-time */
              lastStartedAt: string;
              /** Format: date-time */
              lastRunAt: string;
              /** @enum {string} */
              lastTrigger: "schedule" | "on_demand";
              runs: number;
              shards: number;
            };
            /** @description Accounts (per currency) listed from the index and enqueued so far. */
            enqueued: number;
            /** @description Accounts settled by this period's runs (each once). */
            settled: number;
            /** @description Accounts that could not be settled; `failures` says why. */
            failed: number;
            shardsListed: number;
            shards: number;
            /** @description Every shard listed, and every enqueued account settled or failed. */
            complete: boolean;
            /** @description Up to 50 failed accounts with their reason. */
            failures: {
              programId: string;
              periodId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
              currency: string;
              code: string;
              message: string;
              /** Format: date-time */
              failedAt: string;
            }[];
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  getCommissionRate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The ladder, the individual rate and the open period. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            programId: string;
            /** @description The operator's individual rate for this partner (PUT …/commission-rates/{programId}); it overrides the tiers. */
            individualRate: {
              rateBps: number;
              /** Format: date-time */
              setAt: string;
            } | null;
            /** @description The program's ladder, ascending: from this many active referred customers in a half month, this rate. */
            tiers: {
              minActiveCustomers: number;
              rateBps: number;
            }[];
            /** @description The program's commission rule's rate: the floor below the first tier. */
            ruleRateBps: number;
            openPeriod: {
              /** @description The half-month period commission accrues to now (operator time). */
              periodId: string;
              /** Format: date */
              firstDay: string;
              /** Format: date */
              lastDay: string;
              /**
               * Format: date
               * @description The operator-local day of the run that settles it (after the program's holdDays).
               */
              settlesOn: string;
              /** @description One per currency the program pays out in or the period accrued in, each settled on its own (a currency without commission yet: zeros). */
              currencies: {
                /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                currency: string;
                /** @description Commission accrued in the period so far, less refunds while pending. */
                accruedMinor: number;
                /** @description The commissioned payments of the period so far, net of refunds. */
                baseMinor: number;
                /** @description Referred customers with a commissioned payment in the period so far: the tier basis. */
                activeCustomers: number;
                /** @description The rate the whole period would be paid at if it were settled now. */
                rateNow: {
                  rateBps: number;
                  reason:
                    | {
                        /** @constant */
                        kind: "individual_rate";
                        /** Format: date-time */
                        setAt: string;
                      }
                    | {
                        /** @constant */
                        kind: "tier";
                        minActiveCustomers: number;
                      }
                    | {
                        /** @constant */
                        kind: "rule_rate";
                      };
                  /** @description Why that rate, in words (as statements say it). */
                  explanation: string;
                };
                /** @description The next tier the period can still reach; null at the top of the ladder, or with an individual rate. */
                nextTier: {
                  minActiveCustomers: number;
                  rateBps: number;
                } | null;
              }[];
            };
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No program of that id pays commission. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  setCommissionRate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The partner's individual rate in basis points; settlement pays the whole period at it, over the ladder. */
          rateBps: number;
          /** @description Why (the agreement, a reference), for people. */
          note?: string;
        };
      };
    };
    responses: {
      /** @description The rate now in force. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            programId: string;
            rateBps: number;
            note?: string;
            /** Format: date-time */
            setAt: string;
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No program of that id with a commission rule. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  removeCommissionRate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            programId: string;
            /** @constant */
            removed: true;
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The partner has no individual rate in that program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  requestWithdrawal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal. */
          withdrawalId: string;
          /** @description The program whose payout policy applies (its threshold in the currency, its contract rule). */
          programId: string;
          /** @description The currency to withdraw in: the whole available commission in it is withdrawn. */
          currency: string;
        };
      };
    };
    responses: {
      /** @description The same request was made before: the withdrawal as it is now, nothing changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WithdrawalResponse"];
        };
      };
      /** @description Requested: the amount is reserved. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WithdrawalResponse"];
        };
      };
      /** @description A malformed request, or the account id `operator`. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description withdrawal_already_open (another withdrawal of this program and currency must be paid or fail first) or withdrawal_mismatch (the id was used for another account, program or currency). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description below_threshold (the available commission does not exceed the threshold, also when it is negative after a clawback of paid-out commission: it carries over), contract_not_on_file (the program requires a signed referral contract and none is active), no_payout_policy (the program pays out no commission in this currency). */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listWithdrawals: {
    parameters: {
      query?: {
        /** @description Only withdrawals in this status (default requested: the ones to pay). */
        status?: "requested" | "paid" | "failed";
        /** @description Withdrawals per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of withdrawals. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            status: "requested" | "paid" | "failed";
            /** @description Oldest request first. Read from an index: a withdrawal whose status changed a moment ago may still be listed under its old one. */
            withdrawals: {
              /** @description The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal. */
              withdrawalId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
              currency: string;
              /** @description The amount reserved: the whole available commission when it was requested. */
              amountMinor: number;
              /** @enum {string} */
              status: "requested" | "paid" | "failed";
              /** Format: date-time */
              requestedAt: string;
              /**
               * @description Who asked: the account itself, or the operator on its behalf.
               * @enum {string}
               */
              requestedBy: "account" | "operator";
              reservationTransferId: string;
              contractDocumentReference?: string;
              resolvedByTransferId?: string;
              /** Format: date-time */
              paidAt?: string;
              payoutReference?: string;
              /** Format: date-time */
              failedAt?: string;
              failureReason?: string;
            }[];
            /** @description Present when there may be more. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  getWithdrawal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal. */
        withdrawalId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The withdrawal as stored now. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WithdrawalResponse"];
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such withdrawal. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  markWithdrawalPaid: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal. */
        withdrawalId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The operator's reference of the money transfer (bank transfer id, payment-provider payout id): sent on withdrawal.paid. */
          payoutReference: string;
        };
      };
    };
    responses: {
      /** @description Paid (`changed: false`: it already was, with this reference). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WithdrawalOutcome"];
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such withdrawal. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description withdrawal_already_paid (with another reference) or withdrawal_already_failed: nothing changed. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  markWithdrawalFailed: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal. */
        withdrawalId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Why the payout failed or was refused, for people: sent on withdrawal.failed. */
          reason: string;
        };
      };
    };
    responses: {
      /** @description Failed (`changed: false`: it already was, with this reason). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WithdrawalOutcome"];
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such withdrawal. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description withdrawal_already_failed (with another reason) or withdrawal_already_paid: nothing changed. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  recordContract: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Where the signed contract is filed: a document number or archive path. */
          documentReference: string;
          /**
           * Format: date
           * @description The date it was signed (YYYY-MM-DD, the operator's calendar): not after today.
           */
          signedOn: string;
        };
      };
    };
    responses: {
      /** @description Recorded, replacing the previous one (`changed: false`: it was already on file). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ContractResponse"];
        };
      };
      /** @description The account's first contract in the program. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ContractResponse"];
        };
      };
      /** @description A malformed request, a signing date after today, or the account id `operator`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  revokeContract: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * Format: date
           * @description The date the contract ended (YYYY-MM-DD): not after today, not before it was signed.
           */
          revokedOn: string;
          /** @description Why, for people. */
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Revoked (`changed: false`: it already was, on that date). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ContractResponse"];
        };
      };
      /** @description A malformed request, or a date after today or before the signature. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No contract on file for this account and program, or no such program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description contract_already_revoked: revoked before, on another date. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createWidgetToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The customer account the widget shows; its session may read and act for this account only. */
          accountId: string;
          /** @description The program the widget shows (default: the operator's default program). */
          programId?: string;
          /**
           * @description The account's language (BCP 47): en, fr, ru, hu and cs are translated, any other falls back to English. Default en.
           * @default en
           */
          locale?: string;
        };
      };
    };
    responses: {
      /** @description The token. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The widget token (`wt_…`): hand it to the page's <referral-dashboard> as its `token` property (never in a URL). It opens one session, once, within 5 minutes. */
            token: string;
            /** @description The operator's own customer account id. */
            accountId: string;
            programId: string;
            /** Format: date-time */
            expiresAt: string;
          };
        };
      };
      /** @description A malformed request, or the account id `operator`. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createWidgetSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The widget token the host page handed over. */
          token: string;
        };
      };
    };
    responses: {
      /** @description The session, and what the widget shows of the program. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The session bearer (`ws_…`): `Authorization: Bearer <sessionToken>` on the account's own routes, from the same origin only. */
            sessionToken: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description The operator's own customer account id. */
            accountId: string;
            locale: string;
            /** @description The operator's time zone: the widget shows dates in it (periods and windows are computed in it). */
            timeZone: string;
            /** @description What the widget shows of the program. */
            program: {
              programId: string;
              name: string;
              /** @description The program has referral links (clicks are counted). */
              links: boolean;
              /** @description Invite codes may be entered after sign-up (t2). The invite tab, which sends the code by e-mail or SMS, is there for these programs and for link programs (`links`). */
              inviteCodes: boolean;
              /** @description The program grants discounts (t2): the widget shows its table, the account's discounts and their history (GET /accounts/{id}/discounts). */
              discounts: boolean;
              /** @description Withdrawals of commission: allowed above each currency's threshold; null when the program pays no commission out. */
              payout: {
                thresholds: {
                  /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                  currency: string;
                  exceedsMinor: number;
                }[];
                contractRequired: boolean;
              } | null;
              /** @description When pending commission is settled: null when the program pays no commission (Ex2's credits are granted at once). */
              settlement: {
                /** @description The half-month period commission accrues to now (operator time). */
                openPeriodId: string;
                /**
                 * Format: date
                 * @description The operator-local day of the run that settles that period (a 1st or a 15th, at 00:00, after the program's `holdDays`).
                 */
                nextRunOn: string;
              } | null;
              /** @description The partner program's levels, lowest first (ACTIVE 24): the widget shows an approved partner its level and what the next one asks for (GET /accounts/{id}/partner-levels/{programId}); null when the program has no levels. */
              partnerLevels:
                | {
                    levelId: string;
                    name: string;
                    /** @description The level's discount on the services the partner pays for. */
                    rateBps: number;
                    /** @description What the level asks for: at least this many active services with the partner as their payer; null: nothing. */
                    activeServicesAsPayerMin: number | null;
                    /** @description What the level asks for: at least this much paid as the payer of invoices in the 12 months before; null: nothing. */
                    paidRevenueMin: {
                      /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                      currency: string;
                      amountMinor: number;
                    } | null;
                  }[]
                | null;
            };
          };
        };
      };
      /** @description A malformed request. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description widget_token_invalid: the token is unknown, expired or already used (one answer for the three). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description origin_not_allowed: the request's Origin is not one of widget.allowedOrigins. The token stays unused. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getWidgetScript: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The script (text/javascript), under 30 kB gzipped. */
      200: {
        headers: {
          /** @description The script's SHA-256 prefix: send it back in If-None-Match. */
          etag?: string;
          /** @description public, max-age=300. */
          "cache-control"?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not modified: the If-None-Match ETag is the script's. */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getDeposit: {
    parameters: {
      query?: {
        /** @description Movements per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The deposit. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description Absent when the deposit is not enabled. */
            deposit?: {
              /** @description The operator's own customer account id. */
              accountId: string;
              /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
              currency: string;
              requestReference: string;
              /** Format: date-time */
              enabledAt: string;
            };
            /** @description What the deposit holds now (0 when not enabled). */
            balanceMinor: number;
            /** @description Newest first. */
            movements: {
              /** @description The ledger transfer of the movement. */
              transferId: string;
              /**
               * @description `top_up`: money paid in (deposit.topped_up); `order`: an order paid from the deposit.
               * @enum {string}
               */
              kind: "top_up" | "order";
              /** @description The top-up id or the order id. */
              reference: string;
              /** @description The signed effect on the deposit: positive for a top-up, negative for an order. */
              amountMinor: number;
              /** Format: date-time */
              postedAt: string;
              memo: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query or cursor, or the account id `operator`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  enableDeposit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The partner's authorized request to have a deposit (the signed form, the ticket): recorded with it. */
          requestReference: string;
          /** @description The deposit's one currency: top-ups and debits in another are refused. */
          currency: string;
        };
      };
    };
    responses: {
      /** @description It was enabled before, in this currency: the deposit as it is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description false when the deposit was enabled before (the same currency): nothing changed. */
            created: boolean;
            /** @description The deposit as enabled: currency, the authorized request, when. */
            deposit: {
              /** @description The operator's own customer account id. */
              accountId: string;
              /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
              currency: string;
              requestReference: string;
              /** Format: date-time */
              enabledAt: string;
            };
          };
        };
      };
      /** @description Enabled. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description false when the deposit was enabled before (the same currency): nothing changed. */
            created: boolean;
            /** @description The deposit as enabled: currency, the authorized request, when. */
            deposit: {
              /** @description The operator's own customer account id. */
              accountId: string;
              /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
              currency: string;
              requestReference: string;
              /** Format: date-time */
              enabledAt: string;
            };
          };
        };
      };
      /** @description A malformed request, or the account id `operator`. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description deposit_already_enabled: the deposit exists in another currency. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  debitDeposit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The order paid from the deposit: a debit is made once per order id, whatever is retried. */
          orderId: string;
          /** @description The order's amount, in minor units of the deposit's currency. */
          amountMinor: number;
          /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
          currency: string;
          /** @description For people: shown on the movement and the statement. */
          description?: string;
        };
      };
    };
    responses: {
      /** @description This order was debited before: nothing changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description false when this order was debited before (same amount and currency): nothing changed. */
            created: boolean;
            /** @description The operator's own customer account id. */
            accountId: string;
            orderId: string;
            amountMinor: number;
            /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
            currency: string;
            transferId: string;
            /** Format: date-time */
            debitedAt: string;
            /** @description The deposit's balance right after this debit (absent for a repeated order). */
            balanceMinor?: number;
          };
        };
      };
      /** @description Debited. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description false when this order was debited before (same amount and currency): nothing changed. */
            created: boolean;
            /** @description The operator's own customer account id. */
            accountId: string;
            orderId: string;
            amountMinor: number;
            /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
            currency: string;
            transferId: string;
            /** Format: date-time */
            debitedAt: string;
            /** @description The deposit's balance right after this debit (absent for a repeated order). */
            balanceMinor?: number;
          };
        };
      };
      /** @description A malformed request, or the account id `operator`. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description insufficient_balance (the deposit holds less than the amount), deposit_not_enabled, currency_mismatch (the deposit is in another currency) or payload_mismatch (the order id was debited with another body). Nothing was written. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getDepositStatement: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        /** @description The calendar month, YYYY-MM, in the operator's time zone. */
        month: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
            currency: string;
            month: string;
            timeZone: string;
            /**
             * Format: date-time
             * @description The month's first instant (inclusive).
             */
            from: string;
            /**
             * Format: date-time
             * @description The next month's first instant (exclusive).
             */
            to: string;
            openingBalanceMinor: number;
            toppedUpMinor: number;
            debitedMinor: number;
            closingBalanceMinor: number;
            /** @description The month's movements, oldest first: one document instead of one per order. */
            movements: {
              /** @description The ledger transfer of the movement. */
              transferId: string;
              /**
               * @description `top_up`: money paid in (deposit.topped_up); `order`: an order paid from the deposit.
               * @enum {string}
               */
              kind: "top_up" | "order";
              /** @description The top-up id or the order id. */
              reference: string;
              /** @description The signed effect on the deposit: positive for a top-up, negative for an order. */
              amountMinor: number;
              /** Format: date-time */
              postedAt: string;
              memo: string;
            }[];
          };
        };
      };
      /** @description A malformed month, or the account id `operator`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description deposit_not_enabled: the account has no deposit. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createManagerConsent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Only this manager may present the token (recommended). */
          managerAccountId?: string;
          /**
           * @description How long the token is accepted, 1-1440 minutes (default 60).
           * @default 60
           */
          expiresInMinutes?: number;
        };
      };
    };
    responses: {
      /** @description The consent, with its token (shown once). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Names the consent in audit entries. */
            consentId: string;
            /** @description The token to give the manager: shown this once, stored only as its SHA-256 hash. */
            consentToken: string;
            /** @description The operator's own customer account id. */
            clientAccountId: string;
            /** @description The operator's own customer account id. */
            managerAccountId?: string;
            /** Format: date-time */
            expiresAt: string;
          };
        };
      };
      /** @description A malformed body, the account id `operator`, or the client itself as the manager. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The caller is not the client account itself (the operator and managers may not consent for it). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listManagedAccounts: {
    parameters: {
      query?: {
        /** @description Entries per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of links. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description Active and revoked links, by the other account's id. */
            links: {
              /** @description The manager (agency) account. */
              managerAccountId: string;
              /** @description The client account it manages. */
              clientAccountId: string;
              /**
               * @description active: the manager may use the client's managed routes; revoked: it may not.
               * @enum {string}
               */
              status: "active" | "revoked";
              /** @description The consent that created the link. */
              consentId: string;
              /** Format: date-time */
              linkedAt: string;
              /** Format: date-time */
              revokedAt?: string;
              /**
               * @description Who did it: the client account, the manager account, or the operator.
               * @enum {string}
               */
              revokedBy?: "client" | "manager" | "operator";
            }[];
            /** @description Pass as `cursor` for the next page. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  linkManagedAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The token the client issued (POST /accounts/{accountId}/manager-consents). */
          consentToken: string;
        };
      };
    };
    responses: {
      /** @description Linked. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            link: {
              /** @description The manager (agency) account. */
              managerAccountId: string;
              /** @description The client account it manages. */
              clientAccountId: string;
              /**
               * @description active: the manager may use the client's managed routes; revoked: it may not.
               * @enum {string}
               */
              status: "active" | "revoked";
              /** @description The consent that created the link. */
              consentId: string;
              /** Format: date-time */
              linkedAt: string;
              /** Format: date-time */
              revokedAt?: string;
              /**
               * @description Who did it: the client account, the manager account, or the operator.
               * @enum {string}
               */
              revokedBy?: "client" | "manager" | "operator";
            };
            /** @description false: it was already so (a revocation repeated). */
            changed: boolean;
          };
        };
      };
      /** @description A malformed body, the account id `operator`, or the client's own consent. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The caller is not the manager account itself. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description consent_invalid (no consent has this token: forged, mistyped, or deleted a day after it expired), consent_expired, consent_already_used, consent_for_another_manager (issued for another manager account). Nothing was written. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listManagers: {
    parameters: {
      query?: {
        /** @description Entries per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of links. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description Active and revoked links, by the other account's id. */
            links: {
              /** @description The manager (agency) account. */
              managerAccountId: string;
              /** @description The client account it manages. */
              clientAccountId: string;
              /**
               * @description active: the manager may use the client's managed routes; revoked: it may not.
               * @enum {string}
               */
              status: "active" | "revoked";
              /** @description The consent that created the link. */
              consentId: string;
              /** Format: date-time */
              linkedAt: string;
              /** Format: date-time */
              revokedAt?: string;
              /**
               * @description Who did it: the client account, the manager account, or the operator.
               * @enum {string}
               */
              revokedBy?: "client" | "manager" | "operator";
            }[];
            /** @description Pass as `cursor` for the next page. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  revokeManagedAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        /** @description The operator's own customer account id. */
        clientAccountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (`changed: false`: it already was). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            link: {
              /** @description The manager (agency) account. */
              managerAccountId: string;
              /** @description The client account it manages. */
              clientAccountId: string;
              /**
               * @description active: the manager may use the client's managed routes; revoked: it may not.
               * @enum {string}
               */
              status: "active" | "revoked";
              /** @description The consent that created the link. */
              consentId: string;
              /** Format: date-time */
              linkedAt: string;
              /** Format: date-time */
              revokedAt?: string;
              /**
               * @description Who did it: the client account, the manager account, or the operator.
               * @enum {string}
               */
              revokedBy?: "client" | "manager" | "operator";
            };
            /** @description false: it was already so (a revocation repeated). */
            changed: boolean;
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The two accounts were never linked. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  revokeManager: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        /** @description The operator's own customer account id. */
        managerAccountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (`changed: false`: it already was). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            link: {
              /** @description The manager (agency) account. */
              managerAccountId: string;
              /** @description The client account it manages. */
              clientAccountId: string;
              /**
               * @description active: the manager may use the client's managed routes; revoked: it may not.
               * @enum {string}
               */
              status: "active" | "revoked";
              /** @description The consent that created the link. */
              consentId: string;
              /** Format: date-time */
              linkedAt: string;
              /** Format: date-time */
              revokedAt?: string;
              /**
               * @description Who did it: the client account, the manager account, or the operator.
               * @enum {string}
               */
              revokedBy?: "client" | "manager" | "operator";
            };
            /** @description false: it was already so (a revocation repeated). */
            changed: boolean;
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The two accounts were never linked. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listManagementAudit: {
    parameters: {
      query?: {
        /** @description Entries per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit entries. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The operator's own customer account id. */
            accountId: string;
            /** @description Oldest first. */
            entries: {
              /** @description `mau_` and 24 hex digits; the same under both accounts of one event. */
              entryId: string;
              /**
               * @description consent_issued: a client issued a consent; link_created: a manager presented it (the consent is used); link_revoked.
               * @enum {string}
               */
              kind: "consent_issued" | "link_created" | "link_revoked";
              /** Format: date-time */
              at: string;
              /** @description The operator's own customer account id. */
              clientAccountId: string;
              /** @description Absent on a consent issued for any manager. */
              managerAccountId?: string;
              consentId: string;
              /**
               * @description Who did it: the client account, the manager account, or the operator.
               * @enum {string}
               */
              actor: "client" | "manager" | "operator";
            }[];
            /** @description Pass as `cursor` for the next page. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  applyToPartnerProgram: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The partner program to apply to (it must have a `partnerProgram` block). */
          programId: string;
          /** @description The form's fields. Which ones the program asks for, and which of them are required, is its configuration (`partnerProgram.applicationFields`): a field it does not ask for is refused. */
          fields: {
            /** @description The partner's company name, 1–200 characters. */
            companyName?: string;
            /** @description The company's registration or VAT id (`CZ12345678`, `12345678`): stored upper case without spaces, dots, dashes or slashes, then 4–32 letters and digits. The same id on two accounts is flagged to the operator, not refused. */
            registrationId?: string;
            /**
             * Format: uri
             * @description The partner's website: an http or https URL with a domain name, at most 500 characters.
             */
            website?: string;
            /** @description The number of domains or services the partner expects to manage, 0–10,000,000. */
            expectedServices?: number;
            /** @description Free text for the operator, 1–2,000 characters. */
            note?: string;
          };
        };
      };
    };
    responses: {
      /** @description Applied: the application, `submitted` (or `approved` by the program's autoApprove). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description An application to a partner program: `submitted`, then `approved` or `rejected` once, with the decision. */
            application: {
              /** @description The application's id: `pa_` and 24 hex digits. */
              applicationId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected";
              fields: {
                /** @description The partner's company name. */
                companyName?: string;
                /** @description The registration or VAT id, normalized: upper case, without spaces, dots, dashes or slashes. */
                registrationId?: string;
                /** @description The partner's website (http or https). */
                website?: string;
                /** @description The number of domains or services the partner expects to manage. */
                expectedServices?: number;
                /** @description Free text for the operator. */
                note?: string;
              };
              /** Format: date-time */
              submittedAt: string;
              /**
               * @description Who applied: the account itself, or the operator on its behalf.
               * @enum {string}
               */
              submittedBy: "account" | "operator";
              /** @description The decision, once there is one. */
              decision?: {
                /** @enum {string} */
                outcome: "approved" | "rejected";
                /** @description From the closed list of docs/partners.md. */
                reasonCode:
                  | ("conditions_met" | "operator_discretion" | "auto_approved")
                  | (
                      | "conditions_not_met"
                      | "incomplete_application"
                      | "registration_id_invalid"
                      | "duplicate_account"
                      | "not_a_business"
                      | "other"
                    );
                /** @description The operator's note, for people (sent on the outbound message). */
                note?: string;
                /** Format: date-time */
                decidedAt: string;
                /**
                 * @description The operator, or `auto` when the program approves every application.
                 * @enum {string}
                 */
                decidedBy: "operator" | "auto";
              };
            };
          };
        };
      };
      /** @description A malformed request: a field the program does not ask for, a required one missing, a bound crossed, a website that is not an http(s) URL, a registration id that is not 4–32 letters and digits once normalized, or the account id `operator`. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description application_already_open (the account's application to this program is still open; the message names it), already_partner (it was approved), reapply_not_allowed_yet (rejected; the message gives the first day it may apply again) or reapply_never (the program takes no application after a rejection). Nothing was written. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description no_partner_program: the program takes no partner applications. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listPartnerApplications: {
    parameters: {
      query: {
        /** @description The partner program whose applications to list. */
        programId: string;
        /** @description Only applications in this status (default submitted: the ones to decide). */
        status?: "submitted" | "approved" | "rejected";
        /** @description Applications per page, 1-100 (default 25). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of applications. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            programId: string;
            /** @enum {string} */
            status: "submitted" | "approved" | "rejected";
            /** @description Oldest first. Read from an index: an application decided a moment ago may still be listed under its old status. */
            applications: {
              /** @description The application's id: `pa_` and 24 hex digits. */
              applicationId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected";
              fields: {
                /** @description The partner's company name. */
                companyName?: string;
                /** @description The registration or VAT id, normalized: upper case, without spaces, dots, dashes or slashes. */
                registrationId?: string;
                /** @description The partner's website (http or https). */
                website?: string;
                /** @description The number of domains or services the partner expects to manage. */
                expectedServices?: number;
                /** @description Free text for the operator. */
                note?: string;
              };
              /** Format: date-time */
              submittedAt: string;
              /**
               * @description Who applied: the account itself, or the operator on its behalf.
               * @enum {string}
               */
              submittedBy: "account" | "operator";
              /** @description The decision, once there is one. */
              decision?: {
                /** @enum {string} */
                outcome: "approved" | "rejected";
                /** @description From the closed list of docs/partners.md. */
                reasonCode:
                  | ("conditions_met" | "operator_discretion" | "auto_approved")
                  | (
                      | "conditions_not_met"
                      | "incomplete_application"
                      | "registration_id_invalid"
                      | "duplicate_account"
                      | "not_a_business"
                      | "other"
                    );
                /** @description The operator's note, for people (sent on the outbound message). */
                note?: string;
                /** Format: date-time */
                decidedAt: string;
                /**
                 * @description The operator, or `auto` when the program approves every application.
                 * @enum {string}
                 */
                decidedBy: "operator" | "auto";
              };
              /** @description Other accounts that applied (to any program, whatever the outcome) with the same normalized registration id: flagged for the operator, never refused. Empty without a registration id or when no other account used it. */
              duplicateRegistrationOf: string[];
            }[];
            /** @description Present when there may be more. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
    };
  };
  getPartnerApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The application's id: `pa_` and 24 hex digits. */
        applicationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The application as stored now, with `duplicateRegistrationOf`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            application: {
              /** @description The application's id: `pa_` and 24 hex digits. */
              applicationId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected";
              fields: {
                /** @description The partner's company name. */
                companyName?: string;
                /** @description The registration or VAT id, normalized: upper case, without spaces, dots, dashes or slashes. */
                registrationId?: string;
                /** @description The partner's website (http or https). */
                website?: string;
                /** @description The number of domains or services the partner expects to manage. */
                expectedServices?: number;
                /** @description Free text for the operator. */
                note?: string;
              };
              /** Format: date-time */
              submittedAt: string;
              /**
               * @description Who applied: the account itself, or the operator on its behalf.
               * @enum {string}
               */
              submittedBy: "account" | "operator";
              /** @description The decision, once there is one. */
              decision?: {
                /** @enum {string} */
                outcome: "approved" | "rejected";
                /** @description From the closed list of docs/partners.md. */
                reasonCode:
                  | ("conditions_met" | "operator_discretion" | "auto_approved")
                  | (
                      | "conditions_not_met"
                      | "incomplete_application"
                      | "registration_id_invalid"
                      | "duplicate_account"
                      | "not_a_business"
                      | "other"
                    );
                /** @description The operator's note, for people (sent on the outbound message). */
                note?: string;
                /** Format: date-time */
                decidedAt: string;
                /**
                 * @description The operator, or `auto` when the program approves every application.
                 * @enum {string}
                 */
                decidedBy: "operator" | "auto";
              };
              /** @description Other accounts that applied (to any program, whatever the outcome) with the same normalized registration id: flagged for the operator, never refused. Empty without a registration id or when no other account used it. */
              duplicateRegistrationOf: string[];
            };
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such application. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  approvePartnerApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The application's id: `pa_` and 24 hex digits. */
        applicationId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * @description Why it is approved: `conditions_met` or `operator_discretion` (docs/partners.md).
           * @enum {string}
           */
          reasonCode: "conditions_met" | "operator_discretion";
          /** @description For people, 1–1,000 characters: sent on partner.application.approved. */
          note?: string;
        };
      };
    };
    responses: {
      /** @description Approved (`changed: false`: it already was). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description An application to a partner program: `submitted`, then `approved` or `rejected` once, with the decision. */
            application: {
              /** @description The application's id: `pa_` and 24 hex digits. */
              applicationId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected";
              fields: {
                /** @description The partner's company name. */
                companyName?: string;
                /** @description The registration or VAT id, normalized: upper case, without spaces, dots, dashes or slashes. */
                registrationId?: string;
                /** @description The partner's website (http or https). */
                website?: string;
                /** @description The number of domains or services the partner expects to manage. */
                expectedServices?: number;
                /** @description Free text for the operator. */
                note?: string;
              };
              /** Format: date-time */
              submittedAt: string;
              /**
               * @description Who applied: the account itself, or the operator on its behalf.
               * @enum {string}
               */
              submittedBy: "account" | "operator";
              /** @description The decision, once there is one. */
              decision?: {
                /** @enum {string} */
                outcome: "approved" | "rejected";
                /** @description From the closed list of docs/partners.md. */
                reasonCode:
                  | ("conditions_met" | "operator_discretion" | "auto_approved")
                  | (
                      | "conditions_not_met"
                      | "incomplete_application"
                      | "registration_id_invalid"
                      | "duplicate_account"
                      | "not_a_business"
                      | "other"
                    );
                /** @description The operator's note, for people (sent on the outbound message). */
                note?: string;
                /** Format: date-time */
                decidedAt: string;
                /**
                 * @description The operator, or `auto` when the program approves every application.
                 * @enum {string}
                 */
                decidedBy: "operator" | "auto";
              };
            };
            /** @description false when the application already had this decision: nothing changed, nothing was sent. */
            changed: boolean;
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such application. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description application_already_decided: it was rejected (the message names the decision); nothing changed. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description no_partner_program: the program no longer takes partner applications. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  rejectPartnerApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The application's id: `pa_` and 24 hex digits. */
        applicationId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * @description Why it is rejected (docs/partners.md, 'Reason codes').
           * @enum {string}
           */
          reasonCode:
            | "conditions_not_met"
            | "incomplete_application"
            | "registration_id_invalid"
            | "duplicate_account"
            | "not_a_business"
            | "other";
          /** @description For people, 1–1,000 characters (required with `other`): sent on partner.application.rejected. */
          note?: string;
        };
      };
    };
    responses: {
      /** @description Rejected (`changed: false`: it already was). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description An application to a partner program: `submitted`, then `approved` or `rejected` once, with the decision. */
            application: {
              /** @description The application's id: `pa_` and 24 hex digits. */
              applicationId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              /** @enum {string} */
              status: "submitted" | "approved" | "rejected";
              fields: {
                /** @description The partner's company name. */
                companyName?: string;
                /** @description The registration or VAT id, normalized: upper case, without spaces, dots, dashes or slashes. */
                registrationId?: string;
                /** @description The partner's website (http or https). */
                website?: string;
                /** @description The number of domains or services the partner expects to manage. */
                expectedServices?: number;
                /** @description Free text for the operator. */
                note?: string;
              };
              /** Format: date-time */
              submittedAt: string;
              /**
               * @description Who applied: the account itself, or the operator on its behalf.
               * @enum {string}
               */
              submittedBy: "account" | "operator";
              /** @description The decision, once there is one. */
              decision?: {
                /** @enum {string} */
                outcome: "approved" | "rejected";
                /** @description From the closed list of docs/partners.md. */
                reasonCode:
                  | ("conditions_met" | "operator_discretion" | "auto_approved")
                  | (
                      | "conditions_not_met"
                      | "incomplete_application"
                      | "registration_id_invalid"
                      | "duplicate_account"
                      | "not_a_business"
                      | "other"
                    );
                /** @description The operator's note, for people (sent on the outbound message). */
                note?: string;
                /** Format: date-time */
                decidedAt: string;
                /**
                 * @description The operator, or `auto` when the program approves every application.
                 * @enum {string}
                 */
                decidedBy: "operator" | "auto";
              };
            };
            /** @description false when the application already had this decision: nothing changed, nothing was sent. */
            changed: boolean;
          };
        };
      };
      /** @description The request is malformed; `error.issues` names the fields at fault. Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description No such application. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description application_already_decided: it was approved (the message names the decision); nothing changed. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description no_partner_program: the program no longer takes partner applications. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getPartnerLevel: {
    parameters: {
      query?: {
        /** @description History entries per page, 1-100 (default 20). */
        limit?: number;
        /** @description The nextCursor of the previous page (opaque). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The level and a page of its history. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            level: {
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              current: {
                /** @description The level (the program's `partnerProgram.levels[].levelId`); null: the partner meets no level's conditions. */
                levelId: string | null;
                /** @description The level's discount on lines the partner pays for (0 without a level). */
                rateBps: number;
                /** @description Categories the level's discount skips. */
                excludedCategories: string[];
                /**
                 * Format: date
                 * @description The operator-local day it has been in force from.
                 */
                since: string;
              };
              /** @description A move the operator dated ahead, in force from its effectiveOn. */
              next?: {
                /** @description The level (the program's `partnerProgram.levels[].levelId`); null: the partner meets no level's conditions. */
                levelId: string | null;
                /** @description The level's discount on lines the partner pays for (0 without a level). */
                rateBps: number;
                /** @description Categories the level's discount skips. */
                excludedCategories: string[];
                /**
                 * Format: date
                 * @description The first operator-local day of this level.
                 */
                effectiveOn: string;
              };
              /** @description What quotes apply today: `next` from its day on, `current` before. */
              inForceToday: {
                /** @description The level (the program's `partnerProgram.levels[].levelId`); null: the partner meets no level's conditions. */
                levelId: string | null;
                /** @description The level's discount on lines the partner pays for (0 without a level). */
                rateBps: number;
                /** @description Categories the level's discount skips. */
                excludedCategories: string[];
              };
              /** @description The last verification's figures. */
              measured: {
                /** @description Services active at `measuredAt` whose payer, then, was the partner (service.activated / payer_changed / cancelled). */
                activeServicesAsPayer: number;
                /** @description The paid revenue of the 12 months before the measuring instant's month, in the currency the levels state it in. */
                paidRevenue?: {
                  /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                  currency: string;
                  /** @description Paid by the partner as the payer of invoices, net of their refunds and chargebacks. */
                  amountMinor: number;
                  /** @description The first operator-local month counted (`YYYY-MM`). */
                  fromMonth: string;
                  /** @description The last operator-local month counted: the month before `measuredAt`'s. */
                  toMonth: string;
                };
                /**
                 * Format: date-time
                 * @description The instant the figures are for.
                 */
                measuredAt: string;
              };
              /** Format: date-time */
              lastVerifiedAt: string;
              /**
               * Format: date
               * @description The operator-local day the monthly verification is due.
               */
              nextVerificationOn: string;
            };
            /** @description Verifications, newest first: each with its figures and what it decided. */
            history: {
              entryId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              verificationId: string;
              /** @enum {string} */
              kind: "entered" | "confirmed" | "moved_up" | "moved_down";
              /** @enum {string} */
              trigger: "approval" | "schedule" | "operator";
              /** Format: date-time */
              at: string;
              /** Format: date */
              effectiveOn: string;
              levelId: string | null;
              rateBps: number;
              previousLevelId?: string | null;
              previousRateBps?: number;
              measured: {
                /** @description Services active at `measuredAt` whose payer, then, was the partner (service.activated / payer_changed / cancelled). */
                activeServicesAsPayer: number;
                /** @description The paid revenue of the 12 months before the measuring instant's month, in the currency the levels state it in. */
                paidRevenue?: {
                  /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                  currency: string;
                  /** @description Paid by the partner as the payer of invoices, net of their refunds and chargebacks. */
                  amountMinor: number;
                  /** @description The first operator-local month counted (`YYYY-MM`). */
                  fromMonth: string;
                  /** @description The last operator-local month counted: the month before `measuredAt`'s. */
                  toMonth: string;
                };
                /**
                 * Format: date-time
                 * @description The instant the figures are for.
                 */
                measuredAt: string;
              };
            }[];
            /** @description Present when there may be more history. */
            nextCursor?: string;
          };
        };
      };
      /** @description A malformed query, or a cursor of another listing. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The account is not an approved partner of the program. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  verifyPartnerLevel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operator's own customer account id. */
        accountId: string;
        programId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The verification's idempotency key, the operator's to choose: the same id again answers what was recorded and changes nothing. */
          verificationId: string;
          /**
           * Format: date
           * @description The operator-local day a move up or down takes effect: today (default) or up to 90 days later.
           */
          effectiveOn?: string;
        };
      };
    };
    responses: {
      /** @description Verified: the level now and what this verification decided. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            level: {
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              current: {
                /** @description The level (the program's `partnerProgram.levels[].levelId`); null: the partner meets no level's conditions. */
                levelId: string | null;
                /** @description The level's discount on lines the partner pays for (0 without a level). */
                rateBps: number;
                /** @description Categories the level's discount skips. */
                excludedCategories: string[];
                /**
                 * Format: date
                 * @description The operator-local day it has been in force from.
                 */
                since: string;
              };
              /** @description A move the operator dated ahead, in force from its effectiveOn. */
              next?: {
                /** @description The level (the program's `partnerProgram.levels[].levelId`); null: the partner meets no level's conditions. */
                levelId: string | null;
                /** @description The level's discount on lines the partner pays for (0 without a level). */
                rateBps: number;
                /** @description Categories the level's discount skips. */
                excludedCategories: string[];
                /**
                 * Format: date
                 * @description The first operator-local day of this level.
                 */
                effectiveOn: string;
              };
              /** @description What quotes apply today: `next` from its day on, `current` before. */
              inForceToday: {
                /** @description The level (the program's `partnerProgram.levels[].levelId`); null: the partner meets no level's conditions. */
                levelId: string | null;
                /** @description The level's discount on lines the partner pays for (0 without a level). */
                rateBps: number;
                /** @description Categories the level's discount skips. */
                excludedCategories: string[];
              };
              /** @description The last verification's figures. */
              measured: {
                /** @description Services active at `measuredAt` whose payer, then, was the partner (service.activated / payer_changed / cancelled). */
                activeServicesAsPayer: number;
                /** @description The paid revenue of the 12 months before the measuring instant's month, in the currency the levels state it in. */
                paidRevenue?: {
                  /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                  currency: string;
                  /** @description Paid by the partner as the payer of invoices, net of their refunds and chargebacks. */
                  amountMinor: number;
                  /** @description The first operator-local month counted (`YYYY-MM`). */
                  fromMonth: string;
                  /** @description The last operator-local month counted: the month before `measuredAt`'s. */
                  toMonth: string;
                };
                /**
                 * Format: date-time
                 * @description The instant the figures are for.
                 */
                measuredAt: string;
              };
              /** Format: date-time */
              lastVerifiedAt: string;
              /**
               * Format: date
               * @description The operator-local day the monthly verification is due.
               */
              nextVerificationOn: string;
            };
            /** @description What this verification measured and decided. */
            verification: {
              entryId: string;
              /** @description The operator's own customer account id. */
              accountId: string;
              programId: string;
              verificationId: string;
              /** @enum {string} */
              kind: "entered" | "confirmed" | "moved_up" | "moved_down";
              /** @enum {string} */
              trigger: "approval" | "schedule" | "operator";
              /** Format: date-time */
              at: string;
              /** Format: date */
              effectiveOn: string;
              levelId: string | null;
              rateBps: number;
              previousLevelId?: string | null;
              previousRateBps?: number;
              measured: {
                /** @description Services active at `measuredAt` whose payer, then, was the partner (service.activated / payer_changed / cancelled). */
                activeServicesAsPayer: number;
                /** @description The paid revenue of the 12 months before the measuring instant's month, in the currency the levels state it in. */
                paidRevenue?: {
                  /** @description The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's). */
                  currency: string;
                  /** @description Paid by the partner as the payer of invoices, net of their refunds and chargebacks. */
                  amountMinor: number;
                  /** @description The first operator-local month counted (`YYYY-MM`). */
                  fromMonth: string;
                  /** @description The last operator-local month counted: the month before `measuredAt`'s. */
                  toMonth: string;
                };
                /**
                 * Format: date-time
                 * @description The instant the figures are for.
                 */
                measuredAt: string;
              };
            };
            /** @description true: this verificationId was recorded before; nothing changed now and nothing was sent. */
            repeated: boolean;
          };
        };
      };
      /** @description A malformed request, or an effectiveOn before today or more than 90 days ahead (operator time zone). Nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or a token the API's JWT authorizer does not accept: API Gateway answers `{"message":"Unauthorized"}` before the function runs. A token that names no account: the Error shape, `unauthorized`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description The token may not access this resource. From API Gateway, `{"message":"Forbidden"}`: a valid token without the route's scope (operator routes), or on the account routes a bearer their authorizer does not accept (docs/local-stack.md). From the function, the Error shape, `forbidden`: another account's data. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                error: {
                  /** @description Stable error code, e.g. validation_failed, self_referral, referral_code_unknown, click_id_invalid. */
                  code: string;
                  message: string;
                  issues?: {
                    /** @description The field at fault, e.g. body.refereeAccountId. */
                    path: string;
                    message: string;
                  }[];
                };
              }
            | {
                /** @enum {string} */
                message: "Unauthorized" | "Forbidden";
              };
        };
      };
      /** @description not_a_partner (the account is not an approved partner of the program, also of a program that never had a partner program, or an unknown program) or payload_mismatch (the verificationId was used with another effectiveOn). Nothing was written. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description no_partner_program: the account is a partner of the program, whose `partnerProgram` block has been removed since. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getOpenApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI 3.1 document, the same as docs/openapi.json. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
    };
  };
}
