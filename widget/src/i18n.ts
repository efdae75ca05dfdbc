/**
 * The widget's texts in en, fr, ru, hu and cs, and its numbers, amounts and dates through `Intl` in the account's
 * locale. Plurals follow CLDR's rules through `Intl.PluralRules` (ICU's plural categories): Czech has one / few /
 * many / other ("1 proklik, 2 prokliky, 5 prokliků", "1,5 prokliku"), Russian one / few / many / other
 * ("1 переход, 2 перехода, 5 переходов, 21 переход"), French one for 0 and 1, Hungarian and English one / other.
 * A locale without its own texts (de, pt-BR…) gets English texts and its own number and date formats.
 */

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

export type Locale = "en" | "fr" | "ru" | "hu" | "cs";
export const locales: readonly Locale[] = ["en", "fr", "ru", "hu", "cs"];

/** The texts of one language. Counted nouns are plural forms; `#` stands for the formatted number. */
export interface Messages {
  readonly title: string;
  readonly intro: string;
  readonly linkLabel: string;
  readonly copyLink: string;
  readonly linkCopied: string;
  readonly copyFailed: string;
  readonly shareOn: (network: string) => string;
  readonly shareByEmail: string;
  readonly shareText: string;
  readonly shareSubject: string;
  readonly qrLabel: string;
  readonly statsHeading: string;
  readonly clicks: PluralForms;
  readonly signups: PluralForms;
  readonly customers: PluralForms;
  readonly liveNote: string;
  readonly tabsLabel: string;
  readonly tabInvite: string;
  readonly tabReferrals: string;
  readonly tabEarnings: string;
  readonly tabDiscounts: string;
  readonly inviteCodeLabel: string;
  readonly copyCode: string;
  readonly codeCopied: string;
  readonly inviteHeading: string;
  readonly channelLegend: string;
  readonly channelEmail: string;
  readonly channelSms: string;
  readonly emailLabel: string;
  readonly phoneLabel: string;
  readonly phoneHint: string;
  readonly sendInvite: string;
  readonly inviteSent: (recipient: string) => string;
  readonly inviteRecentlyInvited: string;
  readonly inviteTooMany: string;
  readonly inviteInvalid: string;
  readonly referralsCount: PluralForms;
  readonly referralsEmpty: string;
  /** Said instead of the count while older referred clients are not shown yet. */
  readonly referralsNewest: PluralForms;
  readonly referralsMore: string;
  readonly columnClient: string;
  readonly columnName: string;
  readonly columnActivated: string;
  readonly columnHow: string;
  readonly sourceLink: string;
  readonly sourceCode: string;
  readonly earningsEmpty: string;
  readonly settlementNext: (day: string) => string;
  /** The open half month's standing: `customers` is `activeCustomers` with its number, `rate` the rate if settled now. */
  readonly commissionRateNow: (customers: string, rate: string) => string;
  readonly activeCustomers: PluralForms;
  readonly commissionNextTier: (rate: string, customers: string) => string;
  readonly commissionIndividualRate: (rate: string) => string;
  readonly pending: string;
  readonly available: string;
  readonly reserved: string;
  readonly creditGranted: string;
  readonly withdraw: (amount: string) => string;
  readonly withdrawBelowThreshold: (threshold: string) => string;
  readonly withdrawOpen: (amount: string) => string;
  readonly withdrawRequested: (amount: string) => string;
  readonly withdrawContractMissing: string;
  readonly discountTableHeading: string;
  readonly columnReferredClients: string;
  readonly columnDiscount: string;
  readonly columnValidity: string;
  readonly columnBonus: string;
  readonly months: PluralForms;
  readonly discountsCurrent: string;
  readonly discountsNone: string;
  readonly discountsHistory: string;
  readonly discountRole: (role: string) => string;
  readonly discountStatus: (status: string) => string;
  readonly discountKind: (kind: string) => string;
  readonly discountUntil: (day: string) => string;
  readonly discountFrom: (day: string) => string;
  readonly tabLevel: string;
  readonly levelCurrent: (name: string, rate: string) => string;
  readonly levelNone: string;
  /** A move the operator dated ahead; `name` is the level's, or `levelNoneName`. */
  readonly levelNext: (name: string, day: string) => string;
  readonly levelNoneName: string;
  readonly activeServices: PluralForms;
  readonly levelMeasuredOn: (day: string) => string;
  /** What the next level asks for, after "Next level: <name>, ". */
  readonly levelUpNeeds: PluralForms;
  readonly levelUpNext: (name: string, needs: string) => string;
  /** Paid revenue in the 12 months before: what was measured, and what a level asks for (after the services, or alone). */
  readonly paidRevenue: (amount: string) => string;
  readonly levelTop: string;
  readonly levelNextVerification: (day: string) => string;
  readonly loading: string;
  readonly failed: string;
  readonly retry: string;
  readonly sessionEnded: string;
}

const en: Messages = {
  title: "Refer a friend",
  intro: "Share your link. Whoever signs up through it becomes your client for life.",
  linkLabel: "Your referral link",
  copyLink: "Copy link",
  linkCopied: "Link copied to the clipboard.",
  copyFailed: "Could not copy: select the link and press Ctrl+C.",
  shareOn: (network) => `Share on ${network}`,
  shareByEmail: "Send by e-mail",
  shareText: "Join me: sign up through my link.",
  shareSubject: "An invitation",
  qrLabel: "QR code of your referral link",
  statsHeading: "Your link so far",
  clicks: { one: "click", other: "clicks" },
  signups: { one: "sign-up", other: "sign-ups" },
  customers: { one: "paying customer", other: "paying customers" },
  liveNote: "Updated live.",
  tabsLabel: "Referral program",
  tabInvite: "Invite",
  tabReferrals: "Referred clients",
  tabEarnings: "Earnings",
  tabDiscounts: "Discounts",
  inviteCodeLabel: "Your invite code",
  copyCode: "Copy code",
  codeCopied: "Invite code copied to the clipboard.",
  inviteHeading: "Send your code to a friend",
  channelLegend: "Send by",
  channelEmail: "E-mail",
  channelSms: "SMS",
  emailLabel: "Your friend's e-mail",
  phoneLabel: "Your friend's mobile number",
  phoneHint: "International format, for example +420601234567.",
  sendInvite: "Invite",
  inviteSent: (recipient) => `Invitation sent to ${recipient}.`,
  inviteRecentlyInvited: "This person was invited in the last 7 days; no second invitation was sent.",
  inviteTooMany: "You have sent all of today's invitations. Try again tomorrow.",
  inviteInvalid: "Check the address or the number.",
  referralsCount: { one: "# referred client", other: "# referred clients" },
  referralsEmpty: "No referred clients yet.",
  columnClient: "Client ID",
  columnName: "Name",
  columnActivated: "Since",
  columnHow: "How",
  sourceLink: "Link",
  sourceCode: "Code",
  settlementNext: (day) => `Pending commission is settled on ${day}.`,
  commissionRateNow: (customers, rate) => `This half month: ${customers}, paid at ${rate} if settled now.`,
  activeCustomers: { one: "# active customer", other: "# active customers" },
  commissionNextTier: (rate, customers) => `Next rate ${rate}: ${customers} or more.`,
  commissionIndividualRate: (rate) => `Your individual rate: ${rate}.`,
  earningsEmpty: "No earnings yet.",
  pending: "Pending",
  available: "Available",
  reserved: "Being paid out",
  creditGranted: "Credit granted",
  withdraw: (amount) => `Withdraw ${amount}`,
  withdrawBelowThreshold: (threshold) => `Withdrawal possible once the available balance exceeds ${threshold}.`,
  withdrawOpen: (amount) => `A withdrawal of ${amount} is being paid out.`,
  withdrawRequested: (amount) => `Withdrawal of ${amount} requested.`,
  withdrawContractMissing: "A signed referral contract is needed first: ask support for it.",
  discountTableHeading: "Discount by referred clients",
  columnReferredClients: "Referred clients",
  columnDiscount: "Discount",
  columnValidity: "Valid for",
  columnBonus: "Bonus",
  months: { one: "# month", other: "# months" },
  discountsCurrent: "Your discounts",
  discountsNone: "No discount yet.",
  discountsHistory: "Discount history",
  discountRole: (role) => (role === "referee" ? "As a referred client" : "For your referrals"),
  discountStatus: (status) => ({ scheduled: "Scheduled", active: "Active", ended: "Ended" })[status] ?? status,
  discountKind: (kind) =>
    ({
      scheduled: "Scheduled",
      activated: "Activated",
      raised_and_extended: "Raised and extended",
      ended: "Ended",
      bonus_granted: "Bonus granted",
    })[kind] ?? kind,
  discountUntil: (day) => `until ${day}`,
  discountFrom: (day) => `from ${day}`,
  tabLevel: "Partner level",
  levelCurrent: (name, rate) => `Your level: ${name}, ${rate} off the services you pay for.`,
  levelNone: "You have no partner level yet.",
  levelNext: (name, day) => `From ${day}: ${name}.`,
  levelNoneName: "no level",
  activeServices: { one: "# active service you pay for", other: "# active services you pay for" },
  levelMeasuredOn: (day) => `Counted on ${day}.`,
  levelUpNeeds: { one: "from # active service you pay for", other: "from # active services you pay for" },
  levelUpNext: (name, needs) => `Next level: ${name}, ${needs}.`,
  paidRevenue: (amount) => `${amount} paid in 12 months`,
  levelTop: "You are at the program's highest level.",
  levelNextVerification: (day) => `Next verification: ${day}.`,
  loading: "Loading…",
  failed: "Something went wrong.",
  referralsNewest: { one: "The newest referred client", other: "The newest # referred clients" },
  referralsMore: "Show more",
  retry: "Try again",
  sessionEnded: "This page's session has ended. Reload the page to see your referral program.",
};

const fr: Messages = {
  title: "Parrainer un ami",
  intro: "Partagez votre lien : toute personne qui s'inscrit par ce lien devient votre filleul pour toujours.",
  linkLabel: "Votre lien de parrainage",
  copyLink: "Copier le lien",
  linkCopied: "Lien copié dans le presse-papiers.",
  copyFailed: "Copie impossible : sélectionnez le lien et appuyez sur Ctrl+C.",
  shareOn: (network) => `Partager sur ${network}`,
  shareByEmail: "Envoyer par e-mail",
  shareText: "Rejoignez-moi : inscrivez-vous avec mon lien.",
  shareSubject: "Une invitation",
  qrLabel: "Code QR de votre lien de parrainage",
  statsHeading: "Votre lien jusqu'ici",
  clicks: { one: "clic", other: "clics" },
  signups: { one: "inscription", other: "inscriptions" },
  customers: { one: "client payant", other: "clients payants" },
  liveNote: "Mis à jour en direct.",
  tabsLabel: "Programme de parrainage",
  tabInvite: "Inviter",
  tabReferrals: "Filleuls",
  tabEarnings: "Gains",
  tabDiscounts: "Remises",
  inviteCodeLabel: "Votre code d'invitation",
  copyCode: "Copier le code",
  codeCopied: "Code d'invitation copié dans le presse-papiers.",
  inviteHeading: "Envoyez votre code à un ami",
  channelLegend: "Envoyer par",
  channelEmail: "E-mail",
  channelSms: "SMS",
  emailLabel: "L'e-mail de votre ami",
  phoneLabel: "Le numéro de mobile de votre ami",
  phoneHint: "Au format international, par exemple +33612345678.",
  sendInvite: "Inviter",
  inviteSent: (recipient) => `Invitation envoyée à ${recipient}.`,
  inviteRecentlyInvited: "Cette personne a été invitée ces 7 derniers jours : aucune nouvelle invitation n'a été envoyée.",
  inviteTooMany: "Vous avez envoyé toutes les invitations du jour. Réessayez demain.",
  inviteInvalid: "Vérifiez l'adresse ou le numéro.",
  referralsCount: { one: "# filleul", many: "# de filleuls", other: "# filleuls" },
  referralsEmpty: "Aucun filleul pour l'instant.",
  columnClient: "N° client",
  columnName: "Nom",
  columnActivated: "Depuis le",
  columnHow: "Par",
  sourceLink: "Lien",
  sourceCode: "Code",
  settlementNext: (day) => `La commission en attente est réglée le ${day}.`,
  commissionRateNow: (customers, rate) => `Cette quinzaine : ${customers}, payée à ${rate} si elle était réglée maintenant.`,
  activeCustomers: { one: "# client actif", many: "# de clients actifs", other: "# clients actifs" },
  commissionNextTier: (rate, customers) => `Taux suivant ${rate} : ${customers} ou plus.`,
  commissionIndividualRate: (rate) => `Votre taux individuel : ${rate}.`,
  earningsEmpty: "Aucun gain pour l'instant.",
  pending: "En attente",
  available: "Disponible",
  reserved: "En cours de paiement",
  creditGranted: "Crédit accordé",
  withdraw: (amount) => `Retirer ${amount}`,
  withdrawBelowThreshold: (threshold) => `Retrait possible dès que le solde disponible dépasse ${threshold}.`,
  withdrawOpen: (amount) => `Un retrait de ${amount} est en cours de paiement.`,
  withdrawRequested: (amount) => `Retrait de ${amount} demandé.`,
  withdrawContractMissing: "Un contrat de parrainage signé est d'abord nécessaire : demandez-le au support.",
  discountTableHeading: "Remise selon le nombre de filleuls",
  columnReferredClients: "Filleuls",
  columnDiscount: "Remise",
  columnValidity: "Durée",
  columnBonus: "Bonus",
  months: { one: "# mois", many: "# de mois", other: "# mois" },
  discountsCurrent: "Vos remises",
  discountsNone: "Aucune remise pour l'instant.",
  discountsHistory: "Historique des remises",
  discountRole: (role) => (role === "referee" ? "En tant que filleul" : "Pour vos filleuls"),
  discountStatus: (status) => ({ scheduled: "Prévue", active: "Active", ended: "Terminée" })[status] ?? status,
  discountKind: (kind) =>
    ({
      scheduled: "Programmée",
      activated: "Activée",
      raised_and_extended: "Augmentée et prolongée",
      ended: "Terminée",
      bonus_granted: "Bonus accordé",
    })[kind] ?? kind,
  discountUntil: (day) => `jusqu'au ${day}`,
  discountFrom: (day) => `à partir du ${day}`,
  tabLevel: "Niveau partenaire",
  levelCurrent: (name, rate) => `Votre niveau : ${name}, ${rate} de remise sur les services que vous payez.`,
  levelNone: "Vous n'avez pas encore de niveau partenaire.",
  levelNext: (name, day) => `À partir du ${day} : ${name}.`,
  levelNoneName: "aucun niveau",
  activeServices: {
    one: "# service actif que vous payez",
    many: "# de services actifs que vous payez",
    other: "# services actifs que vous payez",
  },
  levelMeasuredOn: (day) => `Compté le ${day}.`,
  levelUpNeeds: {
    one: "à partir de # service actif que vous payez",
    many: "à partir de # de services actifs que vous payez",
    other: "à partir de # services actifs que vous payez",
  },
  levelUpNext: (name, needs) => `Niveau suivant : ${name}, ${needs}.`,
  paidRevenue: (amount) => `${amount} payés sur 12 mois`,
  levelTop: "Vous êtes au plus haut niveau du programme.",
  levelNextVerification: (day) => `Prochaine vérification : ${day}.`,
  loading: "Chargement…",
  failed: "Une erreur s'est produite.",
  referralsNewest: { one: "Le dernier filleul", many: "Les # derniers filleuls", other: "Les # derniers filleuls" },
  referralsMore: "Afficher plus",
  retry: "Réessayer",
  sessionEnded: "La session de cette page a pris fin. Rechargez la page pour voir votre programme de parrainage.",
};

const ru: Messages = {
  title: "Пригласить друга",
  intro: "Поделитесь ссылкой: каждый, кто зарегистрируется по ней, навсегда станет вашим клиентом.",
  linkLabel: "Ваша реферальная ссылка",
  copyLink: "Скопировать ссылку",
  linkCopied: "Ссылка скопирована в буфер обмена.",
  copyFailed: "Не удалось скопировать: выделите ссылку и нажмите Ctrl+C.",
  shareOn: (network) => `Поделиться в ${network}`,
  shareByEmail: "Отправить по email",
  shareText: "Присоединяйтесь: зарегистрируйтесь по моей ссылке.",
  shareSubject: "Приглашение",
  qrLabel: "QR-код вашей реферальной ссылки",
  statsHeading: "Ваша ссылка на сегодня",
  clicks: { one: "переход", few: "перехода", many: "переходов", other: "перехода" },
  signups: { one: "регистрация", few: "регистрации", many: "регистраций", other: "регистрации" },
  customers: { one: "платящий клиент", few: "платящих клиента", many: "платящих клиентов", other: "платящего клиента" },
  liveNote: "Обновляется в реальном времени.",
  tabsLabel: "Реферальная программа",
  tabInvite: "Пригласить",
  tabReferrals: "Приведённые клиенты",
  tabEarnings: "Начисления",
  tabDiscounts: "Скидки",
  inviteCodeLabel: "Ваш код-приглашение",
  copyCode: "Скопировать код",
  codeCopied: "Код-приглашение скопирован в буфер обмена.",
  inviteHeading: "Отправьте свой код другу",
  channelLegend: "Отправить через",
  channelEmail: "Email",
  channelSms: "SMS",
  emailLabel: "Email получателя",
  phoneLabel: "Мобильный номер получателя",
  phoneHint: "В международном формате, например +79161234567.",
  sendInvite: "Пригласить",
  inviteSent: (recipient) => `Приглашение отправлено: ${recipient}.`,
  inviteRecentlyInvited: "Этого человека уже приглашали за последние 7 дней; повторное приглашение не отправлено.",
  inviteTooMany: "Вы отправили все приглашения на сегодня. Попробуйте завтра.",
  inviteInvalid: "Проверьте адрес или номер.",
  referralsCount: {
    one: "# приведённый клиент",
    few: "# приведённых клиента",
    many: "# приведённых клиентов",
    other: "# приведённого клиента",
  },
  referralsEmpty: "Приведённых клиентов пока нет.",
  columnClient: "ID клиента",
  columnName: "Название",
  columnActivated: "Код активирован",
  columnHow: "Способ",
  sourceLink: "Ссылка",
  sourceCode: "Код",
  settlementNext: (day) => `Комиссия в ожидании будет рассчитана ${day}.`,
  commissionRateNow: (customers, rate) => `Эти полмесяца: ${customers}, ставка ${rate}, если рассчитать сейчас.`,
  activeCustomers: { one: "# активный клиент", few: "# активных клиента", many: "# активных клиентов", other: "# активного клиента" },
  commissionNextTier: (rate, customers) => `Следующая ставка ${rate}: ${customers} и больше.`,
  commissionIndividualRate: (rate) => `Ваша индивидуальная ставка: ${rate}.`,
  earningsEmpty: "Начислений пока нет.",
  pending: "Ожидает расчёта",
  available: "Доступно",
  reserved: "Выплачивается",
  creditGranted: "Начислено на счёт",
  withdraw: (amount) => `Вывести ${amount}`,
  withdrawBelowThreshold: (threshold) => `Вывод возможен, когда доступная сумма превысит ${threshold}.`,
  withdrawOpen: (amount) => `Выплата ${amount} уже в обработке.`,
  withdrawRequested: (amount) => `Заявка на вывод ${amount} принята.`,
  withdrawContractMissing: "Сначала нужен подписанный договор: запросите его в службе поддержки.",
  discountTableHeading: "Таблица скидок",
  columnReferredClients: "Количество приведённых клиентов",
  columnDiscount: "Скидка",
  columnValidity: "Срок действия",
  columnBonus: "Дополнительно",
  months: { one: "# месяц", few: "# месяца", many: "# месяцев", other: "# месяца" },
  discountsCurrent: "Ваши скидки",
  discountsNone: "Скидок пока нет.",
  discountsHistory: "История скидок",
  discountRole: (role) => (role === "referee" ? "Как приглашённому клиенту" : "За приведённых клиентов"),
  discountStatus: (status) => ({ scheduled: "Запланирована", active: "Действует", ended: "Завершена" })[status] ?? status,
  discountKind: (kind) =>
    ({
      scheduled: "Запланирована",
      activated: "Активирована",
      raised_and_extended: "Увеличена и продлена",
      ended: "Завершена",
      bonus_granted: "Начислен бонус",
    })[kind] ?? kind,
  discountUntil: (day) => `до ${day}`,
  discountFrom: (day) => `с ${day}`,
  tabLevel: "Уровень партнёра",
  levelCurrent: (name, rate) => `Ваш уровень: ${name}, скидка ${rate} на услуги, которые вы оплачиваете.`,
  levelNone: "У вас пока нет партнёрского уровня.",
  levelNext: (name, day) => `С ${day}: ${name}.`,
  levelNoneName: "без уровня",
  activeServices: {
    one: "# активная услуга, которую вы оплачиваете",
    few: "# активные услуги, которые вы оплачиваете",
    many: "# активных услуг, которые вы оплачиваете",
    other: "# активной услуги, которую вы оплачиваете",
  },
  levelMeasuredOn: (day) => `Подсчитано ${day}.`,
  levelUpNeeds: { one: "от # активной услуги", few: "от # активных услуг", many: "от # активных услуг", other: "от # активной услуги" },
  levelUpNext: (name, needs) => `Следующий уровень: ${name}, ${needs}.`,
  paidRevenue: (amount) => `${amount} оплачено за 12 месяцев`,
  levelTop: "У вас высший уровень программы.",
  levelNextVerification: (day) => `Следующая проверка: ${day}.`,
  loading: "Загрузка…",
  failed: "Что-то пошло не так.",
  referralsNewest: {
    one: "Последний # приведённый клиент",
    few: "Последние # приведённых клиента",
    many: "Последние # приведённых клиентов",
    other: "Последние # приведённого клиента",
  },
  referralsMore: "Показать ещё",
  retry: "Повторить",
  sessionEnded: "Сеанс этой страницы закончился. Обновите страницу, чтобы увидеть реферальную программу.",
};

const hu: Messages = {
  title: "Ajánlj egy barátot",
  intro: "Oszd meg a linkedet: aki rajta keresztül regisztrál, örökre az ügyfeled lesz.",
  linkLabel: "Az ajánlói linked",
  copyLink: "Link másolása",
  linkCopied: "A link a vágólapra került.",
  copyFailed: "Nem sikerült másolni: jelöld ki a linket, és nyomd meg a Ctrl+C billentyűket.",
  shareOn: (network) => `Megosztás: ${network}`,
  shareByEmail: "Küldés e-mailben",
  shareText: "Csatlakozz: regisztrálj a linkemmel.",
  shareSubject: "Meghívó",
  qrLabel: "Az ajánlói linked QR-kódja",
  statsHeading: "A linked eddig",
  clicks: { one: "kattintás", other: "kattintás" },
  signups: { one: "regisztráció", other: "regisztráció" },
  customers: { one: "fizető ügyfél", other: "fizető ügyfél" },
  liveNote: "Élőben frissül.",
  tabsLabel: "Ajánlói program",
  tabInvite: "Meghívás",
  tabReferrals: "Ajánlott ügyfelek",
  tabEarnings: "Jóváírások",
  tabDiscounts: "Kedvezmények",
  inviteCodeLabel: "A meghívókódod",
  copyCode: "Kód másolása",
  codeCopied: "A meghívókód a vágólapra került.",
  inviteHeading: "Küldd el a kódodat egy barátodnak",
  channelLegend: "Küldés módja",
  channelEmail: "E-mail",
  channelSms: "SMS",
  emailLabel: "A barátod e-mail-címe",
  phoneLabel: "A barátod mobilszáma",
  phoneHint: "Nemzetközi formában, például +36301234567.",
  sendInvite: "Meghívás",
  inviteSent: (recipient) => `Meghívó elküldve: ${recipient}.`,
  inviteRecentlyInvited: "Őt az elmúlt 7 napban már meghívták, ezért nem küldtünk újabb meghívót.",
  inviteTooMany: "Ma már minden meghívódat elküldted. Próbáld újra holnap.",
  inviteInvalid: "Ellenőrizd a címet vagy a számot.",
  referralsCount: { one: "# ajánlott ügyfél", other: "# ajánlott ügyfél" },
  referralsEmpty: "Még nincs ajánlott ügyfeled.",
  columnClient: "Ügyfélazonosító",
  columnName: "Név",
  columnActivated: "Mióta",
  columnHow: "Hogyan",
  sourceLink: "Link",
  sourceCode: "Kód",
  settlementNext: (day) => `A függő jutalék elszámolása: ${day}.`,
  commissionRateNow: (customers, rate) => `Ez a félhónap: ${customers}, most elszámolva ${rate}.`,
  activeCustomers: { one: "# aktív ügyfél", other: "# aktív ügyfél" },
  commissionNextTier: (rate, customers) => `Következő ráta ${rate}: legalább ${customers}.`,
  commissionIndividualRate: (rate) => `Egyéni rátád: ${rate}.`,
  earningsEmpty: "Még nincs jóváírásod.",
  pending: "Függőben",
  available: "Felvehető",
  reserved: "Kifizetés alatt",
  creditGranted: "Jóváírt egyenleg",
  withdraw: (amount) => `${amount} kifizetése`,
  withdrawBelowThreshold: (threshold) => `Kifizetést akkor kérhetsz, ha a felvehető egyenleg meghaladja ezt: ${threshold}.`,
  withdrawOpen: (amount) => `${amount} kifizetése folyamatban van.`,
  withdrawRequested: (amount) => `${amount} kifizetését kérted.`,
  withdrawContractMissing: "Előbb aláírt ajánlói szerződés kell: kérd az ügyfélszolgálattól.",
  discountTableHeading: "Kedvezmény az ajánlott ügyfelek száma szerint",
  columnReferredClients: "Ajánlott ügyfelek",
  columnDiscount: "Kedvezmény",
  columnValidity: "Érvényesség",
  columnBonus: "Bónusz",
  months: { one: "# hónap", other: "# hónap" },
  discountsCurrent: "A kedvezményeid",
  discountsNone: "Még nincs kedvezményed.",
  discountsHistory: "Kedvezmények előzményei",
  discountRole: (role) => (role === "referee" ? "Ajánlott ügyfélként" : "Az ajánlásaidért"),
  discountStatus: (status) => ({ scheduled: "Ütemezve", active: "Érvényes", ended: "Lejárt" })[status] ?? status,
  discountKind: (kind) =>
    ({
      scheduled: "Ütemezve",
      activated: "Életbe lépett",
      raised_and_extended: "Megemelve és meghosszabbítva",
      ended: "Lejárt",
      bonus_granted: "Bónusz jóváírva",
    })[kind] ?? kind,
  discountUntil: (day) => `eddig: ${day}`,
  discountFrom: (day) => `ettől: ${day}`,
  tabLevel: "Partnerszint",
  levelCurrent: (name, rate) => `A szinted: ${name}, ${rate} kedvezmény az általad fizetett szolgáltatásokra.`,
  levelNone: "Még nincs partnerszinted.",
  levelNext: (name, day) => `Új szint ettől a naptól: ${day}: ${name}.`,
  levelNoneName: "nincs szint",
  activeServices: { one: "# általad fizetett aktív szolgáltatás", other: "# általad fizetett aktív szolgáltatás" },
  levelMeasuredOn: (day) => `Számolva: ${day}.`,
  levelUpNeeds: { one: "legalább # általad fizetett aktív szolgáltatás", other: "legalább # általad fizetett aktív szolgáltatás" },
  levelUpNext: (name, needs) => `Következő szint: ${name}, ${needs}.`,
  paidRevenue: (amount) => `${amount} fizetve 12 hónap alatt`,
  levelTop: "A program legmagasabb szintjén vagy.",
  levelNextVerification: (day) => `Következő ellenőrzés: ${day}.`,
  loading: "Betöltés…",
  failed: "Hiba történt.",
  referralsNewest: { one: "A legutóbbi # ajánlott ügyfél", other: "A legutóbbi # ajánlott ügyfél" },
  referralsMore: "Több megjelenítése",
  retry: "Újra",
  sessionEnded: "Az oldal munkamenete lejárt. Töltsd be újra az oldalt az ajánlói programod megtekintéséhez.",
};

const cs: Messages = {
  title: "Doporučte přítele",
  intro: "Sdílejte svůj odkaz: kdo se přes něj zaregistruje, zůstane navždy vaším klientem.",
  linkLabel: "Váš doporučující odkaz",
  copyLink: "Kopírovat odkaz",
  linkCopied: "Odkaz je zkopírován do schránky.",
  copyFailed: "Kopírování se nezdařilo: označte odkaz a stiskněte Ctrl+C.",
  shareOn: (network) => `Sdílet na ${network}`,
  shareByEmail: "Poslat e-mailem",
  shareText: "Přidejte se: zaregistrujte se přes můj odkaz.",
  shareSubject: "Pozvánka",
  qrLabel: "QR kód vašeho doporučujícího odkazu",
  statsHeading: "Váš odkaz zatím",
  clicks: { one: "proklik", few: "prokliky", many: "prokliku", other: "prokliků" },
  signups: { one: "registrace", few: "registrace", many: "registrace", other: "registrací" },
  customers: { one: "platící zákazník", few: "platící zákazníci", many: "platícího zákazníka", other: "platících zákazníků" },
  liveNote: "Aktualizuje se průběžně.",
  tabsLabel: "Partnerský program",
  tabInvite: "Pozvat",
  tabReferrals: "Doporučení klienti",
  tabEarnings: "Odměny",
  tabDiscounts: "Slevy",
  inviteCodeLabel: "Váš kód pozvánky",
  copyCode: "Kopírovat kód",
  codeCopied: "Kód pozvánky je zkopírován do schránky.",
  inviteHeading: "Pošlete svůj kód příteli",
  channelLegend: "Poslat přes",
  channelEmail: "E-mail",
  channelSms: "SMS",
  emailLabel: "E-mail vašeho přítele",
  phoneLabel: "Mobilní číslo vašeho přítele",
  phoneHint: "V mezinárodním tvaru, například +420601234567.",
  sendInvite: "Pozvat",
  inviteSent: (recipient) => `Pozvánka odeslána: ${recipient}.`,
  inviteRecentlyInvited: "Tento člověk byl pozván v posledních 7 dnech, další pozvánka nebyla odeslána.",
  inviteTooMany: "Dnešní pozvánky jste už vyčerpali. Zkuste to zítra.",
  inviteInvalid: "Zkontrolujte adresu nebo číslo.",
  referralsCount: {
    one: "# doporučený klient",
    few: "# doporučení klienti",
    many: "# doporučeného klienta",
    other: "# doporučených klientů",
  },
  referralsEmpty: "Zatím žádní doporučení klienti.",
  columnClient: "ID klienta",
  columnName: "Název",
  columnActivated: "Od",
  columnHow: "Jak",
  sourceLink: "Odkaz",
  sourceCode: "Kód",
  settlementNext: (day) => `Čekající provize bude vyúčtována ${day}.`,
  commissionRateNow: (customers, rate) => `Tato polovina měsíce: ${customers}, při vyúčtování nyní ${rate}.`,
  activeCustomers: { one: "# aktivní zákazník", few: "# aktivní zákazníci", many: "# aktivního zákazníka", other: "# aktivních zákazníků" },
  commissionNextTier: (rate, customers) => `Další sazba ${rate}: alespoň ${customers}.`,
  commissionIndividualRate: (rate) => `Vaše individuální sazba: ${rate}.`,
  earningsEmpty: "Zatím žádné odměny.",
  pending: "Čeká na vyúčtování",
  available: "K výběru",
  reserved: "Vyplácí se",
  creditGranted: "Připsaný kredit",
  withdraw: (amount) => `Vybrat ${amount}`,
  withdrawBelowThreshold: (threshold) => `Výběr je možný, až zůstatek k výběru přesáhne ${threshold}.`,
  withdrawOpen: (amount) => `Výběr ${amount} se vyplácí.`,
  withdrawRequested: (amount) => `Výběr ${amount} je zadán.`,
  withdrawContractMissing: "Nejdřív je potřeba podepsaná partnerská smlouva: vyžádejte si ji na podpoře.",
  discountTableHeading: "Sleva podle počtu doporučených klientů",
  columnReferredClients: "Doporučení klienti",
  columnDiscount: "Sleva",
  columnValidity: "Platnost",
  columnBonus: "Bonus",
  months: { one: "# měsíc", few: "# měsíce", many: "# měsíce", other: "# měsíců" },
  discountsCurrent: "Vaše slevy",
  discountsNone: "Zatím žádná sleva.",
  discountsHistory: "Historie slev",
  discountRole: (role) => (role === "referee" ? "Jako doporučený klient" : "Za doporučené klienty"),
  discountStatus: (status) => ({ scheduled: "Naplánovaná", active: "Platí", ended: "Skončila" })[status] ?? status,
  discountKind: (kind) =>
    ({
      scheduled: "Naplánována",
      activated: "Aktivována",
      raised_and_extended: "Navýšena a prodloužena",
      ended: "Skončila",
      bonus_granted: "Bonus přidělen",
    })[kind] ?? kind,
  discountUntil: (day) => `do ${day}`,
  discountFrom: (day) => `od ${day}`,
  tabLevel: "Partnerská úroveň",
  levelCurrent: (name, rate) => `Vaše úroveň: ${name}, sleva ${rate} na služby, které platíte.`,
  levelNone: "Zatím nemáte partnerskou úroveň.",
  levelNext: (name, day) => `Od ${day}: ${name}.`,
  levelNoneName: "bez úrovně",
  activeServices: {
    one: "# aktivní služba, kterou platíte",
    few: "# aktivní služby, které platíte",
    many: "# aktivní služby, které platíte",
    other: "# aktivních služeb, které platíte",
  },
  levelMeasuredOn: (day) => `Sečteno ${day}.`,
  levelUpNeeds: { one: "od # aktivní služby", few: "od # aktivních služeb", many: "od # aktivní služby", other: "od # aktivních služeb" },
  levelUpNext: (name, needs) => `Další úroveň: ${name}, ${needs}.`,
  paidRevenue: (amount) => `${amount} zaplaceno za 12 měsíců`,
  levelTop: "Máte nejvyšší úroveň programu.",
  levelNextVerification: (day) => `Další ověření: ${day}.`,
  loading: "Načítání…",
  failed: "Něco se pokazilo.",
  referralsNewest: {
    one: "Poslední # doporučený klient",
    few: "Poslední # doporučení klienti",
    many: "Posledních # doporučeného klienta",
    other: "Posledních # doporučených klientů",
  },
  referralsMore: "Zobrazit další",
  retry: "Zkusit znovu",
  sessionEnded: "Relace této stránky skončila. Načtěte stránku znovu, abyste viděli svůj partnerský program.",
};

export const catalogs: Readonly<Record<Locale, Messages>> = { en, fr, ru, hu, cs };

/** The texts for a BCP 47 tag: its language's, or English. */
export function messagesFor(tag: string): Messages {
  const language = tag.toLowerCase().split("-")[0] as Locale;
  return catalogs[language] ?? en;
}

/** The form of `forms` for `count` under the locale's plural rules, with `#` replaced by the formatted count. */
export function plural(tag: string, count: number, forms: PluralForms): string {
  const category = new Intl.PluralRules(tag).select(count);
  const form = forms[category] ?? forms.other;
  return form.replace("#", new Intl.NumberFormat(tag).format(count));
}

/** The noun of `forms` for `count` alone (the number is shown apart, larger). */
export function pluralNoun(tag: string, count: number, forms: PluralForms): string {
  return (forms[new Intl.PluralRules(tag).select(count)] ?? forms.other).replace("#", "").trim();
}

/**
 * An amount of integer minor units in its currency, in the locale (never added across currencies). The minor digits
 * are the ledger's (ISO 4217 as `Intl` knows it in English: shared/domain/statement-csv.ts `minorDigitsOf`), whatever
 * the locale would round a currency to, so the widget and the statements read the same minor units the same way.
 */
export function formatMoney(tag: string, amountMinor: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(tag, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amountMinor / 10 ** digits,
  );
}

/** A rate in basis points as a percentage ("20 %", "20%"). */
export function formatRate(tag: string, rateBps: number): string {
  return new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 2 }).format(rateBps / 10_000);
}

/** An instant's day in the operator's time zone, in the locale's medium style. */
export function formatDate(tag: string, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone }).format(new Date(instant));
}

/** A calendar day (`YYYY-MM-DD`) as the locale writes it. */
export function formatDay(tag: string, day: string): string {
  return new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
