/**
 * Collect tickets: the booking reference typed on an on-screen keyboard that has only the characters a
 * reference can contain (no text field to summon a system keyboard on a touch screen), or the booking's QR
 * held under the kiosk's scanner (kiosk-mode.tsx listens for it; see wedge-scanner.ts).
 */
import { IconArrowLeft, IconScan } from './kiosk-icons';
import { useI18n } from './i18n/i18n';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH } from './sale';

const LETTERS = [...REFERENCE_ALPHABET].filter((c) => /[A-Z]/.test(c));
const DIGITS = [...REFERENCE_ALPHABET].filter((c) => /[0-9]/.test(c));

export function PickupScreen({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const slots = Array.from({ length: REFERENCE_LENGTH }, (_, i) => value[i] ?? '');
  const full = value.length >= REFERENCE_LENGTH;
  return (
    <section className="k-screen" aria-labelledby="k-title">
      <h1 id="k-title" className="k-title">
        {t('pickup.title')}
      </h1>
      <p className="k-lead">{t('pickup.lead')}</p>
      <p className="k-ref-slots num" role="status" aria-label={`${t('pickup.input')}: ${value.split('').join(' ')}`}>
        {slots.map((char, index) => (
          <span key={index} className={`k-ref-slot${index === value.length ? ' k-ref-slot--next' : ''}`}>
            {char}
          </span>
        ))}
      </p>
      {error ? (
        <p className="k-notice k-notice--warning" role="alert">
          {error}
        </p>
      ) : null}
      <div className="k-keys" role="group" aria-label={t('pickup.input')}>
        {[...LETTERS, ...DIGITS].map((key) => (
          <button key={key} type="button" className="k-key num" disabled={full} onClick={() => onChange(value + key)}>
            {key}
          </button>
        ))}
        <button
          type="button"
          className="k-key k-key--wide"
          aria-label={t('pickup.delete')}
          disabled={value.length === 0}
          onClick={() => onChange(value.slice(0, -1))}
        >
          <IconArrowLeft aria-hidden="true" />
        </button>
        <button type="button" className="k-key k-key--wide" disabled={value.length === 0} onClick={() => onChange('')}>
          {t('pickup.clear')}
        </button>
      </div>
      <p className="k-scan-hint">
        <IconScan aria-hidden="true" />
        {t('pickup.scan')}
      </p>
    </section>
  );
}
