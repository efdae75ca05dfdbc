/** The widget's pure parts: share URLs, plural forms and formats per locale, and every text in every language. */
import { describe, expect, it } from "vitest";
import { catalogs, formatMoney, locales, messagesFor, plural, pluralNoun } from "../../widget/src/i18n.ts";
import { shareChannels, shareUrl } from "../../widget/src/share.ts";

const link = "https://go.example.com/r/2SHBYXMNK4QR";

describe("share links", () => {
  it("share the link on each channel with the text, percent-encoded", () => {
    const urls = Object.fromEntries(shareChannels.map((channel) => [channel, shareUrl(channel, link, "Join me & save", "An invitation")]));
    expect(urls).toEqual({
      facebook: "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fgo.example.com%2Fr%2F2SHBYXMNK4QR",
      x: "https://x.com/intent/tweet?text=Join%20me%20%26%20save&url=https%3A%2F%2Fgo.example.com%2Fr%2F2SHBYXMNK4QR",
      linkedin: "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fgo.example.com%2Fr%2F2SHBYXMNK4QR",
      whatsapp: "https://wa.me/?text=Join%20me%20%26%20save%20https%3A%2F%2Fgo.example.com%2Fr%2F2SHBYXMNK4QR",
      telegram: "https://t.me/share/url?url=https%3A%2F%2Fgo.example.com%2Fr%2F2SHBYXMNK4QR&text=Join%20me%20%26%20save",
      email: "mailto:?subject=An%20invitation&body=Join%20me%20%26%20save%0D%0A%0D%0Ahttps%3A%2F%2Fgo.example.com%2Fr%2F2SHBYXMNK4QR",
    });
    // Each decodes back to the link itself.
    for (const url of Object.values(urls)) expect(decodeURIComponent(url)).toContain(link);
  });
});

describe("plural forms", () => {
  it("follow Czech's one / few / many / other", () => {
    const clicks = catalogs.cs.clicks;
    expect([1, 2, 4, 5, 0, 1.5, 22].map((count) => `${count} ${pluralNoun("cs", count, clicks)}`)).toEqual([
      "1 proklik",
      "2 prokliky",
      "4 prokliky",
      "5 prokliků",
      "0 prokliků",
      "1.5 prokliku",
      "22 prokliků",
    ]);
    expect(plural("cs", 3, catalogs.cs.months)).toBe("3 měsíce");
    expect([1, 3, 50].map((count) => plural("cs", count, catalogs.cs.activeServices))).toEqual([
      "1 aktivní služba, kterou platíte",
      "3 aktivní služby, které platíte",
      "50 aktivních služeb, které platíte",
    ]);
    expect([1, 50].map((count) => plural("cs", count, catalogs.cs.levelUpNeeds))).toEqual([
      "od 1 aktivní služby",
      "od 50 aktivních služeb",
    ]);
    expect([1, 2, 25].map((count) => plural("cs", count, catalogs.cs.activeCustomers))).toEqual([
      "1 aktivní zákazník",
      "2 aktivní zákazníci",
      "25 aktivních zákazníků",
    ]);
    expect([50, 200].map((count) => plural("cs", count, catalogs.cs.referralsNewest))).toEqual([
      "Posledních 50 doporučených klientů",
      "Posledních 200 doporučených klientů",
    ]);
    expect(plural("cs", 12, catalogs.cs.months)).toBe("12 měsíců");
  });

  it("follow Russian's one / few / many, 21 like 1 and 11 like 5", () => {
    const clicks = catalogs.ru.clicks;
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => pluralNoun("ru", count, clicks))).toEqual([
      "переход",
      "перехода",
      "переходов",
      "переходов",
      "переход",
      "перехода",
      "переходов",
    ]);
    expect(plural("ru", 3, catalogs.ru.months)).toBe("3 месяца");
    expect([1, 2, 50, 21].map((count) => plural("ru", count, catalogs.ru.activeServices))).toEqual([
      "1 активная услуга, которую вы оплачиваете",
      "2 активные услуги, которые вы оплачиваете",
      "50 активных услуг, которые вы оплачиваете",
      "21 активная услуга, которую вы оплачиваете",
    ]);
    expect(plural("ru", 50, catalogs.ru.referralsNewest)).toBe("Последние 50 приведённых клиентов");
    expect([1, 3, 25, 21].map((count) => plural("ru", count, catalogs.ru.activeCustomers))).toEqual([
      "1 активный клиент",
      "3 активных клиента",
      "25 активных клиентов",
      "21 активный клиент",
    ]);
    expect(plural("ru", 12, catalogs.ru.months)).toBe("12 месяцев");
  });

  it("make French 0 and 1 singular, English only 1", () => {
    expect([0, 1, 2].map((count) => pluralNoun("fr", count, catalogs.fr.customers))).toEqual([
      "client payant",
      "client payant",
      "clients payants",
    ]);
    expect([0, 1, 2].map((count) => pluralNoun("en", count, catalogs.en.customers))).toEqual([
      "paying customers",
      "paying customer",
      "paying customers",
    ]);
    expect(plural("hu", 5, catalogs.hu.referralsCount)).toBe("5 ajánlott ügyfél");
  });
});

describe("formats and catalogs", () => {
  it("writes amounts of minor units in the locale, each currency's own digits", () => {
    expect(formatMoney("en", 10001, "EUR")).toBe("€100.01");
    expect(formatMoney("cs", 123456, "CZK")).toBe("1\u00a0234,56\u00a0Kč");
    // The ledger's minor digits (Intl's, in English: HUF has none there), not the locale's: the statements read them alike.
    expect(formatMoney("hu", 150000, "HUF")).toMatch(/^150\s000\sFt$/);
    expect(formatMoney("ru", 250050, "RUB")).toMatch(/^2\s500,50\s₽$/);
    expect(formatMoney("en", 1500, "JPY")).toBe("¥1,500");
  });

  it("has every text in every language, and English for the others", () => {
    const keys = Object.keys(catalogs.en).sort();
    for (const locale of locales) expect(Object.keys(catalogs[locale]).sort(), locale).toEqual(keys);
    expect(messagesFor("cs-CZ")).toBe(catalogs.cs);
    expect(messagesFor("de")).toBe(catalogs.en);
  });
});
