/**
 * The price list of a theater: ticket types in counter order, the rules that adjust them (seat type,
 * format, weekdays and time of day) and the VAT rate. Amounts are typed as decimals and sent as integer
 * minor units; the draft is checked with the contract's own schema as it is typed, and the server's
 * field errors land on the same inputs. The price grid beside it is always the server's answer
 * (`pricing.preview`, the code that prices bookings), for the saved list or the unsaved draft.
 */
import { useEffect, useMemo, useState } from 'react';
import { operations, type InputOf, type PriceList, type PricePreview } from '../../../shared/contract/index';
import { SEAT_TYPES, SHOWTIME_FORMATS, type SeatType, type ShowtimeFormat } from '../../../shared/domain/seat-types';
import { localDateOf, zonedEpoch } from '../../../shared/domain/time';
import { IconAlert, IconArrowLeft, IconArrowRight, IconClose, IconPlus, IconStar } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatDateShort, formatTime } from '../../lib/format';
import { formatMinor, formatMoney, minorDigits, parseMinor } from '../../lib/money';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import { TheaterPicker, useTheaterScope } from './theater-scope';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const SEAT_LABELS: Record<SeatType, string> = {
  standard: 'Standard',
  premium: 'Premium',
  wheelchair: 'Wheelchair',
  companion: 'Companion',
};

interface TypeRow {
  key: string;
  code: string;
  name: string;
  price: string;
  active: boolean;
  saved: boolean;
}

interface RuleRow {
  key: string;
  name: string;
  ticketType: string;
  seatType: string;
  format: string;
  days: number[];
  from: string;
  to: string;
  adjustment: string;
}

interface Draft {
  vat: string;
  types: TypeRow[];
  rules: RuleRow[];
}

type Errors = Record<string, string>;
type ListInput = Omit<InputOf<'pricing.set'>, 'theaterId'>;

let keys = 0;
const nextKey = () => `row-${(keys += 1)}`;

function minuteText(minute: number | null): string {
  if (minute === null || minute >= 1440) return '';
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function draftOf(list: PriceList): Draft {
  const digits = minorDigits(list.currency);
  return {
    vat: formatMinor(list.vatRateBasisPoints, 2).replace(/\.00$/, ''),
    types: list.ticketTypes.map((type) => ({
      key: nextKey(),
      code: type.code,
      name: type.name,
      price: formatMinor(type.basePrice, digits),
      active: type.active,
      saved: true,
    })),
    rules: list.rules.map((rule) => ({
      key: nextKey(),
      name: rule.name,
      ticketType: rule.ticketType ?? '',
      seatType: rule.seatType ?? '',
      format: rule.format ?? '',
      days: rule.days ?? [],
      from: minuteText(rule.fromMinute),
      to: minuteText(rule.toMinute),
      adjustment: formatMinor(rule.adjustment, digits),
    })),
  };
}

function minuteOf(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The draft as the contract's input, with every error at the path the contract would name. */
export function inputOf(draft: Draft, currency: string): { input: ListInput; errors: Errors } {
  const digits = minorDigits(currency);
  const errors: Errors = {};
  const vat = parseMinor(draft.vat, 2);
  if (vat === null) errors['vatRateBasisPoints'] = 'Enter a percentage such as 20 or 7.5';
  const input: ListInput = {
    vatRateBasisPoints: vat ?? 0,
    ticketTypes: draft.types.map((type, index) => {
      const price = parseMinor(type.price, digits);
      if (price === null)
        errors[`ticketTypes.${index}.basePrice`] = `Enter an amount such as ${formatMinor(1250, digits)}`;
      return { code: type.code.trim(), name: type.name, basePrice: price ?? 0, active: type.active };
    }),
    rules: draft.rules.map((rule, index) => {
      const adjustment = parseMinor(rule.adjustment, digits, { negative: true });
      if (adjustment === null)
        errors[`rules.${index}.adjustment`] =
          `Enter an amount such as ${formatMinor(250, digits)} or ${formatMinor(-200, digits)}`;
      let fromMinute = minuteOf(rule.from);
      let toMinute = minuteOf(rule.to);
      if (fromMinute !== null && toMinute === null) toMinute = 1440;
      if (toMinute !== null && fromMinute === null) fromMinute = 0;
      if (fromMinute !== null && toMinute !== null && toMinute <= fromMinute)
        errors[`rules.${index}.toMinute`] = 'Must be after the start';
      const days = rule.days.length === 0 || rule.days.length === 7 ? null : [...rule.days].sort();
      return {
        name: rule.name,
        ticketType: rule.ticketType || null,
        seatType: (rule.seatType || null) as SeatType | null,
        format: (rule.format || null) as ShowtimeFormat | null,
        days,
        fromMinute,
        toMinute,
        adjustment: adjustment ?? 0,
      };
    }),
  };
  // The contract's own schema: the same messages and paths the server would answer.
  const parsed = operations['pricing.set'].input.safeParse({ theaterId: 1, ...input });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      errors[path] ??= issue.message;
    }
  }
  return { input, errors };
}

export function PricingPage({ me }: { me: Me }) {
  const scope = useTheaterScope(me);
  const theater = scope.theater;
  const list = useAsync(
    () => (theater ? call('pricing.get', { theaterId: theater.id }) : Promise.resolve(null)),
    [theater?.id],
  );

  if (scope.list.status === 'ready' && scope.theaters.length === 0) {
    return (
      <main className="admin__main">
        <StateMessage icon={<IconStar />} title="No theaters to price">
          Your account manages no theater yet. Ask an admin to add you to one.
        </StateMessage>
      </main>
    );
  }

  return (
    <main className="admin__main admin__main--wide">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Pricing</h1>
          <p className="page-head__lead">
            Ticket types, the rules that adjust them and VAT. Prices include VAT; the grid shows what a booking costs.
          </p>
        </div>
        <div className="page-head__controls">
          <TheaterPicker scope={scope} />
        </div>
      </div>
      {theater && list.data && list.data.theaterId === theater.id ? (
        <PriceEditor
          key={`${theater.id}`}
          saved={list.data}
          timeZone={theater.timeZone}
          onSaved={() => list.reload()}
        />
      ) : list.status === 'error' ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{errorMessage(list.error)}</span>
        </div>
      ) : null}
    </main>
  );
}

function PriceEditor({ saved, timeZone, onSaved }: { saved: PriceList; timeZone: string; onSaved: () => void }) {
  const currency = saved.currency;
  const digits = minorDigits(currency);
  const [initial, setInitial] = useState(() => draftOf(saved));
  const [draft, setDraft] = useState(initial);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const { input, errors: localErrors } = useMemo(() => inputOf(draft, currency), [draft, currency]);
  const errors = { ...localErrors, ...serverErrors };
  const valid = Object.keys(localErrors).length === 0;
  const dirty = JSON.stringify(stripKeys(draft)) !== JSON.stringify(stripKeys(initial));

  function change(next: Draft) {
    setDraft(next);
    setServerErrors({});
    setStatus(null);
  }
  const setType = (index: number, patch: Partial<TypeRow>) =>
    change({ ...draft, types: draft.types.map((type, i) => (i === index ? { ...type, ...patch } : type)) });
  const setRule = (index: number, patch: Partial<RuleRow>) =>
    change({ ...draft, rules: draft.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)) });
  const moveType = (index: number, by: number) => {
    const types = [...draft.types];
    const [moved] = types.splice(index, 1);
    if (!moved) return;
    types.splice(index + by, 0, moved);
    change({ ...draft, types });
  };

  async function save() {
    if (!valid) {
      setStatus({ kind: 'error', text: 'Some fields need attention before saving.' });
      return;
    }
    setSaving(true);
    setStatus(null);
    try {
      const result = await call('pricing.set', { theaterId: saved.theaterId, ...input });
      const next = draftOf(result);
      setInitial(next);
      setDraft(next);
      setStatus({ kind: 'success', text: 'Saved. New bookings are priced from this list.' });
      onSaved();
    } catch (caught) {
      if (isClientError(caught, 'validation_failed')) {
        setServerErrors(Object.fromEntries(caught.fieldErrors.map((field) => [field.path, field.message])));
        setStatus({ kind: 'error', text: 'The server refused some fields: see the messages beside them.' });
      } else setStatus({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setSaving(false);
    }
  }

  const fieldError = (path: string) => errors[path];
  const inputProps = (path: string, label: string) => ({
    'aria-label': label,
    'aria-invalid': fieldError(path) ? true : undefined,
    'aria-describedby': fieldError(path) ? `err-${path}` : undefined,
  });

  return (
    <div className="pricing-layout">
      <form
        className="pricing-editor"
        aria-label="Price list"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="pricing-editor__footer">
          {status ? (
            <div
              className={status.kind === 'success' ? 'alert alert--success' : 'alert'}
              role={status.kind === 'success' ? 'status' : 'alert'}
            >
              {status.kind === 'error' ? <IconAlert /> : null}
              <span>{status.text}</span>
            </div>
          ) : dirty ? (
            <span className="pricing-editor__dirty">Unsaved changes: the price grid already shows them.</span>
          ) : (
            <span className="pricing-editor__dirty">Prices as saved. Edit any field to preview a change.</span>
          )}
          <button type="button" className="btn" disabled={!dirty || saving} onClick={() => change(initial)}>
            Discard changes
          </button>
          <button type="submit" className="btn btn--primary" disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save prices'}
          </button>
        </div>
        <section className="panel" aria-labelledby="ticket-types-title">
          <div className="panel__toolbar">
            <h2 id="ticket-types-title" className="panel__title">
              Ticket types
            </h2>
            <button
              type="button"
              className="btn btn--small"
              onClick={() =>
                change({
                  ...draft,
                  types: [
                    ...draft.types,
                    { key: nextKey(), code: '', name: '', price: formatMinor(0, digits), active: true, saved: false },
                  ],
                })
              }
            >
              <IconPlus /> Add ticket type
            </button>
          </div>
          <div className="panel__scroll">
            <table className="table price-table">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Code</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="table__num">
                    Base price ({currency})
                  </th>
                  <th scope="col">Active</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.types.map((type, index) => {
                  const label = type.name || type.code || `ticket type ${index + 1}`;
                  return (
                    <tr key={type.key}>
                      <td>
                        <div className="order-buttons">
                          <button
                            type="button"
                            className="btn btn--small btn--icon order-up"
                            aria-label={`Move ${label} up`}
                            disabled={index === 0}
                            onClick={() => moveType(index, -1)}
                          >
                            <IconArrowLeft />
                          </button>
                          <button
                            type="button"
                            className="btn btn--small btn--icon order-down"
                            aria-label={`Move ${label} down`}
                            disabled={index === draft.types.length - 1}
                            onClick={() => moveType(index, 1)}
                          >
                            <IconArrowRight />
                          </button>
                        </div>
                      </td>
                      <td>
                        {type.saved ? (
                          <code className="price-table__code">{type.code}</code>
                        ) : (
                          <input
                            className="input input--compact price-table__code-input"
                            value={type.code}
                            placeholder="e.g. family"
                            onChange={(event) => setType(index, { code: event.target.value })}
                            {...inputProps(`ticketTypes.${index}.code`, `Code of ${label}`)}
                          />
                        )}
                        <ErrorText errors={errors} path={`ticketTypes.${index}.code`} />
                      </td>
                      <td>
                        <input
                          className="input input--compact"
                          value={type.name}
                          onChange={(event) => setType(index, { name: event.target.value })}
                          {...inputProps(
                            `ticketTypes.${index}.name`,
                            `Name of ${type.code || `ticket type ${index + 1}`}`,
                          )}
                        />
                        <ErrorText errors={errors} path={`ticketTypes.${index}.name`} />
                      </td>
                      <td className="table__num">
                        <input
                          className="input input--compact num money-input"
                          inputMode="decimal"
                          value={type.price}
                          onChange={(event) => setType(index, { price: event.target.value })}
                          {...inputProps(`ticketTypes.${index}.basePrice`, `Base price of ${label}`)}
                        />
                        <ErrorText errors={errors} path={`ticketTypes.${index}.basePrice`} />
                      </td>
                      <td>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={type.active}
                            onChange={(event) => setType(index, { active: event.target.checked })}
                          />
                          <span>{type.active ? 'On sale' : 'Hidden'}</span>
                        </label>
                      </td>
                      <td>
                        {type.saved ? null : (
                          <button
                            type="button"
                            className="btn btn--small btn--icon btn--ghost"
                            aria-label={`Remove ${label}`}
                            onClick={() => change({ ...draft, types: draft.types.filter((_, i) => i !== index) })}
                          >
                            <IconClose />
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="panel__note">
            Saved ticket types are hidden rather than removed, so sold tickets keep their type. The counter and kiosk
            list them in this order.
          </p>
        </section>

        <section className="panel" aria-labelledby="rules-title">
          <div className="panel__toolbar">
            <h2 id="rules-title" className="panel__title">
              Price rules
            </h2>
            <button
              type="button"
              className="btn btn--small"
              onClick={() =>
                change({
                  ...draft,
                  rules: [
                    ...draft.rules,
                    {
                      key: nextKey(),
                      name: '',
                      ticketType: '',
                      seatType: '',
                      format: '',
                      days: [],
                      from: '',
                      to: '',
                      adjustment: formatMinor(0, digits),
                    },
                  ],
                })
              }
            >
              <IconPlus /> Add rule
            </button>
          </div>
          <p className="panel__note">
            Every rule that matches a ticket is added to its base price: seat type, format, weekdays and a time of day
            (start inclusive, end exclusive). Negative amounts are discounts.
          </p>
          {draft.rules.length === 0 ? <p className="panel__note">No rules: every seat costs its base price.</p> : null}
          <ol className="rules">
            {draft.rules.map((rule, index) => {
              const label = rule.name || `rule ${index + 1}`;
              return (
                <li key={rule.key} className="rule" aria-label={label}>
                  <div className="rule__row">
                    <label className="field rule__name">
                      <span className="field__label">Name</span>
                      <input
                        className="input input--compact"
                        value={rule.name}
                        onChange={(event) => setRule(index, { name: event.target.value })}
                        {...inputProps(`rules.${index}.name`, `Name of ${label}`)}
                        aria-label={undefined}
                      />
                      <ErrorText errors={errors} path={`rules.${index}.name`} />
                    </label>
                    <label className="field">
                      <span className="field__label">Ticket type</span>
                      <select
                        className="input input--compact select"
                        value={rule.ticketType}
                        onChange={(event) => setRule(index, { ticketType: event.target.value })}
                        aria-invalid={fieldError(`rules.${index}.ticketType`) ? true : undefined}
                      >
                        <option value="">All</option>
                        {draft.types
                          .filter((type) => type.code)
                          .map((type) => (
                            <option key={type.key} value={type.code}>
                              {type.name || type.code}
                            </option>
                          ))}
                      </select>
                      <ErrorText errors={errors} path={`rules.${index}.ticketType`} />
                    </label>
                    <label className="field">
                      <span className="field__label">Seat type</span>
                      <select
                        className="input input--compact select"
                        value={rule.seatType}
                        onChange={(event) => setRule(index, { seatType: event.target.value })}
                      >
                        <option value="">All</option>
                        {SEAT_TYPES.map((seatType) => (
                          <option key={seatType} value={seatType}>
                            {SEAT_LABELS[seatType]}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="field">
                      <span className="field__label">Format</span>
                      <select
                        className="input input--compact select"
                        value={rule.format}
                        onChange={(event) => setRule(index, { format: event.target.value })}
                      >
                        <option value="">All</option>
                        {SHOWTIME_FORMATS.map((format) => (
                          <option key={format}>{format}</option>
                        ))}
                      </select>
                    </label>
                    <label className="field rule__amount">
                      <span className="field__label">Adjustment ({currency})</span>
                      <input
                        className="input input--compact num money-input"
                        inputMode="decimal"
                        value={rule.adjustment}
                        onChange={(event) => setRule(index, { adjustment: event.target.value })}
                        {...inputProps(`rules.${index}.adjustment`, `Adjustment of ${label}`)}
                        aria-label={undefined}
                      />
                      <ErrorText errors={errors} path={`rules.${index}.adjustment`} />
                    </label>
                    <button
                      type="button"
                      className="btn btn--small btn--icon btn--ghost rule__remove"
                      aria-label={`Remove ${label}`}
                      onClick={() => change({ ...draft, rules: draft.rules.filter((_, i) => i !== index) })}
                    >
                      <IconClose />
                    </button>
                  </div>
                  <div className="rule__row">
                    <fieldset className="weekday-toggles">
                      <legend className="field__label">Days {rule.days.length === 0 ? '(every day)' : ''}</legend>
                      {WEEKDAYS.map((day, dayIndex) => {
                        const value = dayIndex + 1;
                        const on = rule.days.includes(value);
                        return (
                          <label key={day} className="weekday-toggle">
                            <input
                              type="checkbox"
                              checked={on}
                              onChange={() =>
                                setRule(index, {
                                  days: on ? rule.days.filter((d) => d !== value) : [...rule.days, value],
                                })
                              }
                            />
                            <span>{day}</span>
                          </label>
                        );
                      })}
                    </fieldset>
                    <label className="field">
                      <span className="field__label">From</span>
                      <input
                        className="input input--compact num"
                        type="time"
                        value={rule.from}
                        onChange={(event) => setRule(index, { from: event.target.value })}
                      />
                    </label>
                    <label className="field">
                      <span className="field__label">Until</span>
                      <input
                        className="input input--compact num"
                        type="time"
                        value={rule.to}
                        onChange={(event) => setRule(index, { to: event.target.value })}
                        aria-invalid={fieldError(`rules.${index}.toMinute`) ? true : undefined}
                      />
                      <ErrorText errors={errors} path={`rules.${index}.toMinute`} />
                    </label>
                  </div>
                </li>
              );
            })}
          </ol>
        </section>

        <section className="panel" aria-labelledby="tax-title">
          <div className="panel__toolbar">
            <h2 id="tax-title" className="panel__title">
              Tax
            </h2>
          </div>
          <div className="tax-row">
            <label className="field field--inline">
              <span className="field__label">VAT included in prices</span>
              <span className="input-group">
                <input
                  className="input input--compact num vat-input"
                  inputMode="decimal"
                  value={draft.vat}
                  onChange={(event) => change({ ...draft, vat: event.target.value })}
                  {...inputProps('vatRateBasisPoints', 'VAT rate in percent')}
                />
                <span className="input-group__suffix">%</span>
              </span>
            </label>
            <ErrorText errors={errors} path="vatRateBasisPoints" />
            <span className="tax-row__example num">
              {(() => {
                const first = input.ticketTypes[0];
                if (!first || errors['vatRateBasisPoints']) return null;
                const price = first.basePrice;
                const tax = Math.round((price * input.vatRateBasisPoints) / (10_000 + input.vatRateBasisPoints));
                return `e.g. ${formatMoney(price, currency)} = ${formatMoney(price - tax, currency)} net + ${formatMoney(tax, currency)} VAT`;
              })()}
            </span>
          </div>
        </section>
      </form>
      <PricePreviewPanel
        theaterId={saved.theaterId}
        timeZone={timeZone}
        draft={dirty && valid ? input : null}
        savedKey={JSON.stringify(stripKeys(initial))}
      />
    </div>
  );
}

/** The message for one field path, tied to its input by `aria-describedby`. */
function ErrorText({ errors, path }: { errors: Errors; path: string }) {
  const message = errors[path];
  return message ? (
    <span className="field__error" id={`err-${path}`}>
      {message}
    </span>
  ) : null;
}

function stripKeys(draft: Draft) {
  return {
    vat: draft.vat,
    types: draft.types.map(({ key: _key, saved: _saved, ...rest }) => rest),
    rules: draft.rules.map(({ key: _key, ...rest }) => rest),
  };
}

function PricePreviewPanel({
  theaterId,
  timeZone,
  draft,
  savedKey,
}: {
  theaterId: number;
  timeZone: string;
  draft: ListInput | null;
  savedKey: string;
}) {
  const [showtimeId, setShowtimeId] = useState<number | 'custom' | null>(null);
  const [date, setDate] = useState(() => localDateOf(Date.now(), timeZone));
  const [time, setTime] = useState('19:30');
  const [format, setFormat] = useState<ShowtimeFormat>('2D');
  const upcoming = useAsync(
    () => call('showtimes.list', { theaterId, limit: 100 }).then((page) => page.items),
    [theaterId],
  );
  const chosen = showtimeId ?? upcoming.data?.[0]?.id ?? 'custom';
  const draftKey = draft ? JSON.stringify(draft) : null;
  const [debouncedDraft, setDebouncedDraft] = useState<string | null>(draftKey);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebouncedDraft(draftKey), 250);
    return () => window.clearTimeout(timer);
  }, [draftKey]);
  const validCustom = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time);
  const preview = useAsync(() => {
    const body = debouncedDraft ? { draft: JSON.parse(debouncedDraft) as ListInput } : {};
    if (chosen === 'custom') {
      if (!validCustom) return Promise.resolve(null);
      return call('pricing.preview', {
        theaterId,
        startsAt: new Date(zonedEpoch(date, time, timeZone)).toISOString(),
        format,
        ...body,
      });
    }
    return call('pricing.preview', { showtimeId: chosen, ...body });
  }, [theaterId, chosen, date, time, format, debouncedDraft, savedKey]);

  return (
    <section className="panel price-preview" aria-labelledby="price-preview-title">
      <div className="panel__toolbar">
        <h2 id="price-preview-title" className="panel__title">
          Price grid
        </h2>
        <span className={draft ? 'chip chip--draft' : 'chip'}>{draft ? 'Unsaved draft' : 'Saved prices'}</span>
      </div>
      <div className="price-preview__controls">
        <label className="field">
          <span className="field__label">Showtime</span>
          <select
            className="input input--compact select"
            value={chosen}
            onChange={(event) => setShowtimeId(event.target.value === 'custom' ? 'custom' : Number(event.target.value))}
          >
            {(upcoming.data ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {formatDateShort(item.date)} {formatTime(item.startsAt, timeZone)} · {item.movieTitle} ·{' '}
                {item.screenName} · {item.format}
              </option>
            ))}
            <option value="custom">Another date, time and format…</option>
          </select>
        </label>
        {chosen === 'custom' ? (
          <div className="price-preview__custom">
            <label className="field">
              <span className="field__label">Date</span>
              <input
                className="input input--compact num"
                type="date"
                value={date}
                onChange={(event) => setDate(event.target.value)}
              />
            </label>
            <label className="field">
              <span className="field__label">Time</span>
              <input
                className="input input--compact num"
                type="time"
                value={time}
                onChange={(event) => setTime(event.target.value)}
              />
            </label>
            <label className="field">
              <span className="field__label">Format</span>
              <select
                className="input input--compact select"
                value={format}
                onChange={(event) => setFormat(event.target.value as ShowtimeFormat)}
              >
                {SHOWTIME_FORMATS.map((item) => (
                  <option key={item}>{item}</option>
                ))}
              </select>
            </label>
          </div>
        ) : null}
      </div>
      {preview.data ? (
        <PriceGrid preview={preview.data} busy={preview.status === 'loading'} />
      ) : preview.status === 'error' ? (
        <div className="alert panel__alert" role="alert">
          <IconAlert />
          <span>{errorMessage(preview.error)}</span>
        </div>
      ) : null}
    </section>
  );
}

function PriceGrid({ preview, busy }: { preview: PricePreview; busy: boolean }) {
  return (
    <div className="price-grid" aria-busy={busy}>
      <p className="price-grid__when num">
        {formatDateShort(preview.localDate)}, {preview.localTime}, {preview.format} · VAT{' '}
        {formatMinor(preview.vatRateBasisPoints, 2).replace(/\.00$/, '')}% included. Each price shows net + VAT below
        it.
      </p>
      <div className="panel__scroll">
        <table className="table price-grid__table" aria-label="Price grid" data-testid="price-grid">
          <thead>
            <tr>
              <th scope="col">Ticket type</th>
              {preview.seatTypes.map((seatType) => (
                <th key={seatType} scope="col" className="table__num">
                  {SEAT_LABELS[seatType]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.ticketTypes.map((type) => (
              <tr key={type.code}>
                <th scope="row">{type.name}</th>
                {type.cells.map((cell) => (
                  <td
                    key={cell.seatType}
                    className="table__num price-grid__cell"
                    data-cell={`${type.code}:${cell.seatType}`}
                  >
                    <span className="price-grid__price num">{formatMoney(cell.price, preview.currency)}</span>
                    <span className="price-grid__tax num">
                      {formatMoney(cell.net, preview.currency)} + {formatMoney(cell.tax, preview.currency)}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="price-grid__rules">
        {preview.rulesApplied.length > 0
          ? `Rules for this time and format: ${preview.rulesApplied.join(', ')}.`
          : 'No rule matches this time and format.'}
      </p>
    </div>
  );
}
