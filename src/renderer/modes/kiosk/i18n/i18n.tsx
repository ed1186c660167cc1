/**
 * The kiosk's language: a context with `t(key, values)` and Intl formatters for the theater's time zone and
 * currency in the current language's locale.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { CATALOGS, LOCALES, type Lang, type MessageKey } from './messages';

export interface I18n {
  lang: Lang;
  locale: string;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  money: (minor: number) => string;
  time: (iso: string) => string;
  /** A plain local date ("2026-11-28") as "Saturday 28 November". */
  dateLong: (date: string) => string;
  dateShort: (date: string) => string;
  number: (value: number) => string;
}

export function translate(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  const template = CATALOGS[lang][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function makeI18n(lang: Lang, timeZone: string, currency: string): I18n {
  const locale = LOCALES[lang];
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const plain = (date: string) => new Date(`${date}T12:00:00Z`);
  const longFormat = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  const shortFormat = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    lang,
    locale,
    t: (key, values) => translate(lang, key, values),
    // Minor units (1295 = 12.95) for every currency the demo uses; Intl knows the digits per currency.
    money: (minor) => {
      const digits = moneyFormat.resolvedOptions().maximumFractionDigits ?? 2;
      return moneyFormat.format(minor / 10 ** digits);
    },
    time: (iso) => timeFormat.format(new Date(iso)),
    dateLong: (date) => longFormat.format(plain(date)),
    dateShort: (date) => shortFormat.format(plain(date)),
    number: (value) => numberFormat.format(value),
  };
}

const I18nContext = createContext<I18n>(makeI18n('en', 'UTC', 'EUR'));

export function I18nProvider({ value, children }: { value: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useMakeI18n(lang: Lang, timeZone: string, currency: string): I18n {
  return useMemo(() => makeI18n(lang, timeZone, currency), [lang, timeZone, currency]);
}
