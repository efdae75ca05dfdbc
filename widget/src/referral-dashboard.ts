/**
 * `<referral-dashboard>`: the referral program inside the operator's customer area (docs/widget.md). One script
 * tag defines it; the page hands it a one-time widget token as a property (never in a URL):
 *
 *     <script type="module" src="https://api.example.com/widget/referral-dashboard.js"></script>
 *     <referral-dashboard api-base="https://api.example.com"></referral-dashboard>
 *     <script>
 *       const dashboard = document.querySelector("referral-dashboard");
 *       dashboard.tokenProvider = () => fetch("/my/widget-token", { method: "POST" }).then((r) => r.json()).then((b) => b.token);
 *     </script>
 *
 * It shows the seeds' dashboards: Ex2's "refer a friend" box (the link, copy, Facebook and the other channels, a QR
 * code, clicks and sign-ups updating live), paying customers, t2's invite code with e-mail/SMS invites, referred
 * clients and discount table and history, the earnings per currency, and Zadarma's withdrawal with the reason
 * when it is not possible. Shadow DOM, themed by CSS custom properties (styles.ts), texts in en/fr/ru/hu/cs (i18n.ts).
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import {
  type Balances,
  type CommissionRateAnswer,
  openWidgetApi,
  type PartnerLevelAnswer,
  type ReferralList,
  type ReferralOverview,
  type TokenProvider,
  type WidgetApi,
  WidgetApiError,
  type WidgetSession,
} from "./api.ts";
import { formatDate, formatDay, formatMoney, formatRate, type Messages, messagesFor, plural, pluralNoun } from "./i18n.ts";
import { qrPathOf } from "./qr.ts";
import { channelNames, shareChannels, shareUrl } from "./share.ts";
import { styles } from "./styles.ts";

type Tab = "invite" | "level" | "referrals" | "earnings" | "discounts";

interface DiscountsAnswer {
  readonly programs?: readonly {
    readonly programId: string;
    readonly discounts?: readonly { role: string; status: string; rateBps: number; startsOn: string; endsOn: string }[];
    readonly referrerTable?: {
      readonly rows: readonly { count: number; rateBps: number; validityMonths: number; bonus?: { description: string } }[];
      readonly beyond: { fromCount: number; rateBps: number; validityMonths: number };
    };
  }[];
  readonly history?: readonly { entryId: string; kind: string; at: string; effectiveOn: string; rateBps: number; endsOn: string }[];
}

interface Notice {
  readonly text: string;
  readonly problem: boolean;
}

const statKeys = ["clickCount", "signupCount", "customerCount"] as const;

type Referral = ReferralList["referrals"][number];

/** `first`, then those of `then` not in it: a referred client is one account in one program, listed once. */
function referralsUnion(first: readonly Referral[], then: readonly Referral[]): Referral[] {
  const keyOf = (referral: Referral) => `${referral.programId}\u0000${referral.clientAccountId}`;
  const listed = new Set(first.map(keyOf));
  return [...first, ...then.filter((referral) => !listed.has(keyOf(referral)))];
}

export class ReferralDashboard extends LitElement {
  static override styles = styles;

  static override properties = {
    apiBase: { attribute: "api-base" },
    locale: { attribute: "locale" },
    pollSeconds: { attribute: "poll-seconds", type: Number },
    token: { attribute: false },
    tokenProvider: { attribute: false },
    state: { state: true },
    overview: { state: true },
    referrals: { state: true },
    loadingMoreReferrals: { state: true },
    balances: { state: true },
    discounts: { state: true },
    partnerLevel: { state: true },
    commissionRate: { state: true },
    tab: { state: true },
    announcement: { state: true },
    inviteChannel: { state: true },
    inviteNotice: { state: true },
    withdrawNotices: { state: true },
    changedStats: { state: true },
  };

  /** The API's base URL (the stack's ApiUrl). */
  declare apiBase: string;
  /** Overrides the account's locale from the token (BCP 47). */
  declare locale: string | undefined;
  /** How often the statistics are read again, in seconds (default 3). */
  declare pollSeconds: number;
  /** The one-time widget token from the operator's backend. */
  declare token: string | undefined;
  /** Gives a new widget token when the session ends (optional; without it the widget asks for a reload). */
  declare tokenProvider: TokenProvider | undefined;

  declare state: "waiting" | "loading" | "ready" | "failed" | "ended";
  declare overview: ReferralOverview | undefined;
  /** The referred clients read so far, newest first; `nextCursor` is the deepest page's (more to show). */
  declare referrals: ReferralList | undefined;
  declare loadingMoreReferrals: boolean;
  declare balances: Balances | undefined;
  /** undefined: not read yet; null: the program has none or the route does not exist (the tab is hidden). */
  declare discounts: DiscountsAnswer | null | undefined;
  /** undefined: not read yet; null: the program has no levels or the account is not an approved partner (the tab is hidden). */
  declare partnerLevel: PartnerLevelAnswer | null | undefined;
  /** The open half month's standing (Zadarma); undefined when the program pays no commission or it could not be read. */
  declare commissionRate: CommissionRateAnswer | undefined;
  declare tab: Tab;
  declare announcement: string;
  declare inviteChannel: "email" | "sms";
  declare inviteNotice: Notice | undefined;
  declare withdrawNotices: Readonly<Record<string, Notice>>;
  declare changedStats: ReadonlySet<string>;

  private api: WidgetApi | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private pollCount = 0;
  private referralPagesShown = 0;
  private started = false;
  private readonly onVisibility = () => {
    if (!document.hidden) void this.poll();
  };

  constructor() {
    super();
    this.apiBase = "";
    this.pollSeconds = 3;
    this.state = "waiting";
    this.discounts = undefined;
    this.partnerLevel = undefined;
    this.loadingMoreReferrals = false;
    this.tab = "invite";
    this.announcement = "";
    this.inviteChannel = "email";
    this.withdrawNotices = {};
    this.changedStats = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A token given as an attribute is read once and removed, so it does not stay in the page's DOM.
    const attributeToken = this.getAttribute("token");
    if (attributeToken) {
      this.token = attributeToken;
      this.removeAttribute("token");
    }
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.onVisibility);
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has("token") || changed.has("tokenProvider") || changed.has("apiBase")) && !this.started) void this.start();
  }

  private get tag(): string {
    return this.locale ?? this.api?.session().locale ?? document.documentElement.lang ?? "en";
  }

  private get text(): Messages {
    return messagesFor(this.tag);
  }

  private get session(): WidgetSession | undefined {
    return this.api?.session();
  }

  private async start(): Promise<void> {
    if (this.started || !this.apiBase || (!this.token && !this.tokenProvider)) return;
    this.started = true;
    this.state = "loading";
    try {
      const token = this.token ?? (await this.tokenProvider!());
      this.token = undefined; // used once
      this.api = await openWidgetApi({ apiBase: this.apiBase, token, tokenProvider: this.tokenProvider });
      this.tab = this.tabs()[0] ?? "referrals";
      await Promise.all([
        this.readOverview(),
        this.readReferrals(),
        this.readBalances(),
        this.readDiscounts(),
        this.readPartnerLevel(),
        this.readCommissionRate(),
      ]);
      this.state = "ready";
      this.pollTimer = setInterval(() => void this.poll(), Math.max(1, this.pollSeconds) * 1000);
      this.dispatchEvent(new CustomEvent("referral-dashboard-ready", { bubbles: true, composed: true }));
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    const ended = error instanceof WidgetApiError && (error.code === "session_ended" || error.code === "widget_token_invalid");
    this.state = ended ? "ended" : "failed";
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** The statistics every tick while the page is visible; referred clients and earnings every fourth. */
  private async poll(): Promise<void> {
    if (this.state !== "ready" || document.hidden) return;
    this.pollCount += 1;
    try {
      await this.readOverview();
      if (this.pollCount % 4 === 0)
        await Promise.all([this.readReferrals(), this.readBalances(), this.readPartnerLevel(), this.readCommissionRate()]);
    } catch (error) {
      if (error instanceof WidgetApiError && error.code === "session_ended") this.fail(error);
      // Anything else (a network blip): the next tick reads again.
    }
  }

  private async readOverview(): Promise<void> {
    const next = await this.api!.referral();
    const previous = this.overview;
    if (previous) {
      const changed = new Set(statKeys.filter((key) => previous.stats[key] !== next.stats[key]));
      if (changed.size > 0) this.changedStats = changed;
    }
    this.overview = next;
  }

  /** The newest page again (first read, and polls); the older pages already shown stay, after the newest. */
  private async readReferrals(): Promise<void> {
    const newest = await this.api!.referrals();
    const shown = this.referrals;
    if (!shown || this.referralPagesShown <= 1) {
      this.referrals = newest;
      this.referralPagesShown = 1;
      return;
    }
    this.referrals = { ...shown, referrals: referralsUnion(newest.referrals, shown.referrals) };
  }

  /** The next page of older referred clients, after the ones shown. */
  private async showMoreReferrals(): Promise<void> {
    const shown = this.referrals;
    if (!shown?.nextCursor || this.loadingMoreReferrals) return;
    this.loadingMoreReferrals = true;
    try {
      const older = await this.api!.referrals(shown.nextCursor);
      const referrals = referralsUnion(shown.referrals, older.referrals);
      this.referrals = { ...older, referrals };
      this.referralPagesShown += 1;
      await this.announce(plural(this.tag, referrals.length, older.nextCursor ? this.text.referralsNewest : this.text.referralsCount));
      // The button is gone after the last page: the panel keeps the focus instead of the page's body.
      if (!older.nextCursor) this.renderRoot.querySelector<HTMLElement>("#panel-referrals")?.focus();
    } catch (error) {
      if (error instanceof WidgetApiError && error.code === "session_ended") this.fail(error);
      else await this.announce(this.text.failed);
    } finally {
      this.loadingMoreReferrals = false;
    }
  }

  private async readBalances(): Promise<void> {
    this.balances = await this.api!.balances();
  }

  private async readDiscounts(): Promise<void> {
    if (!this.session?.program.discounts) {
      this.discounts = null;
      return;
    }
    try {
      this.discounts = ((await this.api!.discounts()) as DiscountsAnswer | undefined) ?? null;
    } catch {
      this.discounts = null; // the route is not deployed (or not reachable): the tab stays hidden
    }
    if (this.discounts === null && this.tab === "discounts") this.tab = this.tabs()[0] ?? "referrals";
  }

  private async readCommissionRate(): Promise<void> {
    if (!this.session?.program.settlement) return;
    try {
      this.commissionRate = await this.api!.commissionRate();
    } catch (error) {
      // Not deployed or not reachable: the earnings tab shows the balances without it. A session that ended ends the widget.
      if (error instanceof WidgetApiError && error.code === "session_ended") throw error;
    }
  }

  private async readPartnerLevel(): Promise<void> {
    if (!this.session?.program.partnerLevels) {
      this.partnerLevel = null;
      return;
    }
    // Not an approved partner (404): the tab stays hidden. A failure on a later poll keeps what is shown.
    this.partnerLevel = (await this.api!.partnerLevel()) ?? null;
    if (this.partnerLevel === null && this.tab === "level") this.tab = this.tabs()[0] ?? "referrals";
  }

  /** Says `text` through the live region (cleared first, so the same words are announced again). */
  private async announce(text: string): Promise<void> {
    this.announcement = "";
    await this.updateComplete;
    this.announcement = text;
  }

  private async copy(value: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      await this.announce(done);
    } catch {
      await this.announce(this.text.copyFailed);
    }
  }

  private tabs(): Tab[] {
    const program = this.session?.program;
    const tabs: Tab[] = [];
    if (program && (program.links || program.inviteCodes)) tabs.push("invite");
    if (program?.partnerLevels && this.partnerLevel) tabs.push("level");
    tabs.push("referrals", "earnings");
    if (program?.discounts && this.discounts) tabs.push("discounts");
    return tabs;
  }

  private onTabKey(event: KeyboardEvent): void {
    const tabs = this.tabs();
    const at = tabs.indexOf(this.tab);
    const next =
      event.key === "ArrowRight"
        ? tabs[(at + 1) % tabs.length]
        : event.key === "ArrowLeft"
          ? tabs[(at - 1 + tabs.length) % tabs.length]
          : event.key === "Home"
            ? tabs[0]
            : event.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  private async sendInvite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.querySelector<HTMLInputElement>("input[name=recipient]")!;
    const recipient = input.value.trim();
    const text = this.text;
    // A malformed address is said like every other outcome: shown, and announced through the live region.
    if (!input.checkValidity() || recipient === "") {
      this.inviteNotice = { text: text.inviteInvalid, problem: true };
      input.focus();
    } else
      try {
        await this.api!.invite({ ...(this.inviteChannel === "email" ? { email: recipient } : { phone: recipient }), locale: this.tag });
        this.inviteNotice = { text: text.inviteSent(recipient), problem: false };
        input.value = "";
      } catch (error) {
        const code = error instanceof WidgetApiError ? error.code : "";
        const message =
          code === "recipient_recently_invited"
            ? text.inviteRecentlyInvited
            : code === "too_many_attempts"
              ? text.inviteTooMany
              : code === "validation_failed"
                ? text.inviteInvalid
                : text.failed;
        this.inviteNotice = { text: message, problem: true };
      }
    await this.announce(this.inviteNotice.text);
  }

  private async withdraw(currency: string, amount: string): Promise<void> {
    const text = this.text;
    try {
      await this.api!.withdraw(currency);
      this.withdrawNotices = { ...this.withdrawNotices, [currency]: { text: text.withdrawRequested(amount), problem: false } };
      await this.readBalances();
    } catch (error) {
      const code = error instanceof WidgetApiError ? error.code : "";
      const message = code === "contract_not_on_file" ? text.withdrawContractMissing : text.failed;
      this.withdrawNotices = { ...this.withdrawNotices, [currency]: { text: message, problem: true } };
    }
    await this.announce(this.withdrawNotices[currency]!.text);
  }

  protected override render(): TemplateResult {
    const text = this.text;
    return html`
      <section class="box" aria-labelledby="rd-title" lang=${this.text === messagesFor("") ? "en" : this.tag}>
        <div role="status" aria-live="polite" class="visually-hidden" id="rd-live">${this.announcement}</div>
        ${this.state === "ready" ? this.renderReady(text) : this.renderWaiting(text)}
      </section>
    `;
  }

  private renderWaiting(text: Messages): TemplateResult {
    return html`
      <h2 id="rd-title">${text.title}</h2>
      ${
        this.state === "ended"
          ? html`<p class="notice problem" role="alert">${text.sessionEnded}</p>`
          : this.state === "failed"
            ? html`<p class="notice problem" role="alert">${text.failed}</p>
              <button type="button" @click=${() => this.retry()}>${text.retry}</button>`
            : html`<p class="muted">${text.loading}</p>`
      }
    `;
  }

  private retry(): void {
    this.started = false;
    this.state = "waiting";
    if (this.tokenProvider) void this.start();
    else this.state = "ended";
  }

  private renderReady(text: Messages): TemplateResult {
    const overview = this.overview!;
    const tag = this.tag;
    const link = overview.link;
    const tabs = this.tabs();
    const tabLabels: Record<Tab, string> = {
      invite: text.tabInvite,
      level: text.tabLevel,
      referrals: text.tabReferrals,
      earnings: text.tabEarnings,
      discounts: text.tabDiscounts,
    };
    return html`
      <header>
        <h2 id="rd-title">${text.title}</h2>
        ${link ? html`<button type="button" id="rd-copy-link" @click=${() => this.copy(link, text.linkCopied)}>${text.copyLink}</button>` : nothing}
      </header>
      ${
        link
          ? html`<div class="top">
            <div>
              <p class="muted">${text.intro}</p>
              <label for="rd-link">${text.linkLabel}</label>
              <div class="link-row">
                <input id="rd-link" type="text" readonly .value=${link} @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()} />
              </div>
              <ul class="share">
                ${shareChannels.map(
                  (channel) =>
                    html`<li>
                      <a
                        data-channel=${channel}
                        href=${shareUrl(channel, link, text.shareText, text.shareSubject)}
                        target="_blank"
                        rel="noopener noreferrer"
                        aria-label=${channel === "email" ? text.shareByEmail : text.shareOn(channelNames[channel])}
                        >${channel === "email" ? text.shareByEmail : channelNames[channel]}</a
                      >
                    </li>`,
                )}
              </ul>
            </div>
            ${this.renderQr(link, text)}
          </div>`
          : nothing
      }
      <h3 id="rd-stats-heading">${text.statsHeading}</h3>
      <dl class="stats" aria-labelledby="rd-stats-heading" aria-live="polite">
        ${statKeys
          // A program without links (t2: invite codes only) counts no clicks.
          .filter((key) => key !== "clickCount" || this.session!.program.links)
          .map((key) => {
            const count = overview.stats[key];
            const forms = key === "clickCount" ? text.clicks : key === "signupCount" ? text.signups : text.customers;
            return html`<div class="stat ${this.changedStats.has(key) ? "changed" : ""}" data-stat=${key} @animationend=${() => (this.changedStats = new Set())}>
            <dt>${pluralNoun(tag, count, forms)}</dt>
            <dd>${new Intl.NumberFormat(tag).format(count)}</dd>
          </div>`;
          })}
      </dl>
      <p class="muted">${text.liveNote}</p>
      <div role="tablist" aria-label=${text.tabsLabel} @keydown=${(event: KeyboardEvent) => this.onTabKey(event)}>
        ${tabs.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${tab}"
              aria-selected=${this.tab === tab ? "true" : "false"}
              aria-controls="panel-${tab}"
              tabindex=${this.tab === tab ? "0" : "-1"}
              @click=${() => (this.tab = tab)}
            >
              ${tabLabels[tab]}
            </button>`,
        )}
      </div>
      ${tabs.map(
        (tab) =>
          html`<div role="tabpanel" id="panel-${tab}" aria-labelledby="tab-${tab}" tabindex="0" ?hidden=${this.tab !== tab}>
            ${this.tab === tab ? this.renderPanel(tab, text) : nothing}
          </div>`,
      )}
    `;
  }

  private renderQr(link: string, text: Messages): TemplateResult {
    const qr = qrPathOf(link);
    return html`<figure class="qr">
      <svg viewBox="0 0 ${qr.size} ${qr.size}" role="img" aria-label=${text.qrLabel} shape-rendering="crispEdges">
        <path d=${qr.path} fill="#000000"></path>
      </svg>
    </figure>`;
  }

  private renderPanel(tab: Tab, text: Messages): TemplateResult {
    switch (tab) {
      case "invite":
        return this.renderInvite(text);
      case "level":
        return this.renderLevel(text);
      case "referrals":
        return this.renderReferrals(text);
      case "earnings":
        return this.renderEarnings(text);
      case "discounts":
        return this.renderDiscounts(text);
    }
  }

  private renderInvite(text: Messages): TemplateResult {
    const code = this.overview!.inviteCode;
    const email = this.inviteChannel === "email";
    return html`
      <label for="rd-code">${text.inviteCodeLabel}</label>
      <div class="link-row">
        <input id="rd-code" type="text" readonly .value=${code} />
        <button type="button" class="secondary" id="rd-copy-code" @click=${() => this.copy(code, text.codeCopied)}>${text.copyCode}</button>
      </div>
      <h3>${text.inviteHeading}</h3>
      <form novalidate @submit=${(event: SubmitEvent) => this.sendInvite(event)}>
        <fieldset>
          <legend>${text.channelLegend}</legend>
          <label><input type="radio" name="channel" value="email" .checked=${email} @change=${() => this.chooseChannel("email")} />${text.channelEmail}</label>
          <label><input type="radio" name="channel" value="sms" .checked=${!email} @change=${() => this.chooseChannel("sms")} />${text.channelSms}</label>
        </fieldset>
        <label for="rd-recipient">${email ? text.emailLabel : text.phoneLabel}</label>
        ${
          email
            ? html`<input id="rd-recipient" name="recipient" type="email" autocomplete="off" required />`
            : html`<input
              id="rd-recipient"
              name="recipient"
              type="tel"
              autocomplete="off"
              required
              pattern="\\+[1-9][0-9]{7,14}"
              aria-describedby="rd-phone-hint"
            />
            <p class="muted" id="rd-phone-hint">${text.phoneHint}</p>`
        }
        <button type="submit" id="rd-send-invite">${text.sendInvite}</button>
        ${this.inviteNotice ? html`<p class="notice ${this.inviteNotice.problem ? "problem" : ""}" id="rd-invite-notice">${this.inviteNotice.text}</p>` : nothing}
      </form>
    `;
  }

  private chooseChannel(channel: "email" | "sms"): void {
    this.inviteChannel = channel;
    this.inviteNotice = undefined;
  }

  private renderReferrals(text: Messages): TemplateResult {
    const tag = this.tag;
    const referrals = this.referrals?.referrals ?? [];
    const timeZone = this.session!.timeZone;
    if (referrals.length === 0) return html`<p>${text.referralsEmpty}</p>`;
    const more = this.referrals?.nextCursor !== undefined;
    return html`
      <p>${plural(tag, referrals.length, more ? text.referralsNewest : text.referralsCount)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">${text.columnClient}</th>
            <th scope="col">${text.columnName}</th>
            <th scope="col">${text.columnActivated}</th>
            <th scope="col">${text.columnHow}</th>
          </tr>
        </thead>
        <tbody>
          ${referrals.map(
            (referral) => html`<tr>
              <td>${referral.clientAccountId}</td>
              <td>${referral.displayName ?? "—"}</td>
              <td>${formatDate(tag, referral.referredAt, timeZone)}</td>
              <td>${referral.source === "code" ? text.sourceCode : text.sourceLink}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        more
          ? html`<button
              type="button"
              class="secondary"
              id="rd-more-referrals"
              ?disabled=${this.loadingMoreReferrals}
              @click=${() => this.showMoreReferrals()}
            >
              ${text.referralsMore}
            </button>`
          : nothing
      }
    `;
  }

  private renderEarnings(text: Messages): TemplateResult {
    const tag = this.tag;
    const balances = this.balances?.balances ?? [];
    const payout = this.session!.program.payout;
    const currencies = [
      ...new Set([...balances.map((balance) => balance.currency), ...(payout?.thresholds.map((threshold) => threshold.currency) ?? [])]),
    ];
    const settlement = this.session!.program.settlement;
    const nextSettlement = settlement
      ? html`<p class="muted" id="rd-next-settlement">${text.settlementNext(formatDay(tag, settlement.nextRunOn))}</p>`
      : nothing;
    if (currencies.length === 0) return html`<p>${text.earningsEmpty}</p>${nextSettlement}`;
    return html`${nextSettlement}${currencies.map((currency) => {
      const balance = balances.find((candidate) => candidate.currency === currency);
      const figures: [string, string, number | undefined][] = [
        ["pending", text.pending, balance?.commissionPendingMinor],
        ["available", text.available, balance?.commissionAvailableMinor],
        ["reserved", text.reserved, balance?.payoutReservedMinor],
        ["credit", text.creditGranted, balance?.creditGrantedMinor],
      ];
      const threshold = payout?.thresholds.find((candidate) => candidate.currency === currency);
      const standing = this.commissionRate?.openPeriod.currencies.find((candidate) => candidate.currency === currency);
      const individual = this.commissionRate?.individualRate;
      return html`<section aria-label=${currency} data-currency=${currency}>
        <h3>${currency}</h3>
        ${
          standing
            ? html`<p id="rd-rate-${currency}">
                ${individual ? html`${text.commissionIndividualRate(formatRate(tag, individual.rateBps))} ` : nothing}
                ${text.commissionRateNow(plural(tag, standing.activeCustomers, text.activeCustomers), formatRate(tag, standing.rateNow.rateBps))}
                ${
                  standing.nextTier
                    ? html`<span class="muted">
                        ${text.commissionNextTier(
                          formatRate(tag, standing.nextTier.rateBps),
                          plural(tag, standing.nextTier.minActiveCustomers, text.activeCustomers),
                        )}
                      </span>`
                    : nothing
                }
              </p>`
            : nothing
        }
        <dl class="figures">
          ${figures
            .filter(([name, , value]) => value !== undefined && (value !== 0 || (threshold && name !== "credit")))
            .map(
              ([name, label, value]) =>
                html`<div data-figure=${name}><dt>${label}</dt><dd>${formatMoney(tag, value!, currency)}</dd></div>`,
            )}
        </dl>
        ${threshold ? this.renderWithdrawal(text, currency, threshold.exceedsMinor, balance) : nothing}
      </section>`;
    })}`;
  }

  private renderWithdrawal(
    text: Messages,
    currency: string,
    exceedsMinor: number,
    balance: Balances["balances"][number] | undefined,
  ): TemplateResult {
    const tag = this.tag;
    const available = balance?.commissionAvailableMinor ?? 0;
    const reserved = balance?.payoutReservedMinor ?? 0;
    const amount = formatMoney(tag, available, currency);
    const allowed = reserved === 0 && available > exceedsMinor;
    const reason =
      reserved > 0
        ? text.withdrawOpen(formatMoney(tag, reserved, currency))
        : allowed
          ? undefined
          : text.withdrawBelowThreshold(formatMoney(tag, exceedsMinor, currency));
    const notice = this.withdrawNotices[currency];
    return html`
      <button
        type="button"
        id="rd-withdraw-${currency}"
        aria-disabled=${allowed ? "false" : "true"}
        aria-describedby=${reason ? `rd-withdraw-reason-${currency}` : nothing}
        @click=${() => (allowed ? this.withdraw(currency, amount) : undefined)}
      >
        ${text.withdraw(allowed ? amount : currency)}
      </button>
      ${reason ? html`<p class="muted" id="rd-withdraw-reason-${currency}">${reason}</p>` : nothing}
      ${notice ? html`<p class="notice ${notice.problem ? "problem" : ""}">${notice.text}</p>` : nothing}
    `;
  }

  /** ACTIVE 24's partner level: the one in force, a move dated ahead, the figures counted, and what the next level asks for. */
  private renderLevel(text: Messages): TemplateResult {
    const tag = this.tag;
    const { level } = this.partnerLevel!;
    const ladder = this.session!.program.partnerLevels ?? [];
    const nameOf = (levelId: string | null) =>
      levelId === null ? text.levelNoneName : (ladder.find((each) => each.levelId === levelId)?.name ?? levelId);
    const today = level.inForceToday;
    const measured = level.measured.activeServicesAsPayer;
    const at = ladder.findIndex((each) => each.levelId === today.levelId);
    const higher = ladder.slice(at + 1).find((each) => each.activeServicesAsPayerMin || each.paidRevenueMin);
    const revenue = level.measured.paidRevenue;
    const paid = (money: { amountMinor: number; currency: string }) =>
      text.paidRevenue(formatMoney(tag, money.amountMinor, money.currency));
    const needs = higher && [
      higher.activeServicesAsPayerMin ? plural(tag, higher.activeServicesAsPayerMin, text.levelUpNeeds) : "",
      higher.paidRevenueMin ? paid(higher.paidRevenueMin) : "",
    ];
    const upcoming = level.next && level.next.levelId !== today.levelId ? level.next : undefined;
    return html`
      <p class="level-current" id="rd-level-current">
        ${today.levelId === null ? text.levelNone : text.levelCurrent(nameOf(today.levelId), formatRate(tag, today.rateBps))}
      </p>
      ${upcoming ? html`<p id="rd-level-next">${text.levelNext(nameOf(upcoming.levelId), formatDay(tag, upcoming.effectiveOn))}</p>` : nothing}
      <p id="rd-level-measured">
        ${plural(tag, measured, text.activeServices)}${revenue ? `, ${paid(revenue)}` : ""}.
        <span class="muted">${text.levelMeasuredOn(formatDate(tag, level.measured.measuredAt, this.session!.timeZone))}</span>
      </p>
      <p id="rd-level-up">
        ${higher ? text.levelUpNext(higher.name, needs!.filter(Boolean).join(", ")) : text.levelTop}
      </p>
      <p class="muted" id="rd-level-verification">${text.levelNextVerification(formatDay(tag, level.nextVerificationOn))}</p>
    `;
  }

  private renderDiscounts(text: Messages): TemplateResult {
    const tag = this.tag;
    const program = this.session!.program;
    const answer = this.discounts ?? {};
    const ofProgram = answer.programs?.find((candidate) => candidate.programId === program.programId);
    const current = ofProgram?.discounts ?? [];
    // t2's table as the discounts route gives it (shared/domain/discounts.ts streakTableOf): its rows, then every later referral.
    const table = ofProgram?.referrerTable;
    const format = new Intl.NumberFormat(tag);
    const rows = table
      ? [
          ...table.rows.map((row) => ({ ...row, count: format.format(row.count), bonus: row.bonus?.description ?? "" })),
          { ...table.beyond, count: `${format.format(table.beyond.fromCount)}+`, bonus: "" },
        ]
      : [];
    const history = answer.history ?? [];
    return html`
      <h3>${text.discountsCurrent}</h3>
      ${
        current.length === 0
          ? html`<p>${text.discountsNone}</p>`
          : html`<ul>
            ${current.map(
              (discount) =>
                html`<li data-role=${discount.role}>
                  <strong>${formatRate(tag, discount.rateBps)}</strong> · ${text.discountRole(discount.role)} · ${text.discountStatus(discount.status)} ·
                  ${text.discountFrom(formatDay(tag, discount.startsOn))} ${text.discountUntil(formatDay(tag, discount.endsOn))}
                </li>`,
            )}
          </ul>`
      }
      ${
        rows.length > 0
          ? html`<h3 id="rd-discount-table">${text.discountTableHeading}</h3>
            <table aria-labelledby="rd-discount-table">
              <thead>
                <tr>
                  <th scope="col">${text.columnReferredClients}</th>
                  <th scope="col">${text.columnDiscount}</th>
                  <th scope="col">${text.columnValidity}</th>
                  <th scope="col">${text.columnBonus}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) => html`<tr>
                    <td>${row.count}</td>
                    <td>${formatRate(tag, row.rateBps)}</td>
                    <td>${plural(tag, row.validityMonths, text.months)}</td>
                    <td>${row.bonus}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
      <h3>${text.discountsHistory}</h3>
      ${
        history.length === 0
          ? html`<p>${text.discountsNone}</p>`
          : html`<ul>
            ${history.map(
              (entry) =>
                html`<li>${formatDay(tag, entry.effectiveOn)}: ${text.discountKind(entry.kind)} · ${formatRate(tag, entry.rateBps)} ·
                  ${text.discountUntil(formatDay(tag, entry.endsOn))}</li>`,
            )}
          </ul>`
      }
    `;
  }
}

if (!customElements.get("referral-dashboard")) customElements.define("referral-dashboard", ReferralDashboard);

declare global {
  interface HTMLElementTagNameMap {
    "referral-dashboard": ReferralDashboard;
  }
}
