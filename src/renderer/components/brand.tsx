/** The Marquee mark: an amber sign with a row of bulbs, and the wordmark beside it. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="7" fill="var(--color-accent)" />
      <g fill="var(--color-accent-ink)" opacity="0.45">
        {[7, 11.5, 16, 20.5, 25].map((x) => (
          <circle key={x} cx={x} cy="5.5" r="1.25" />
        ))}
      </g>
      <path d="M7.5 25V10.5h3.6l4.9 7.1 4.9-7.1h3.6V25h-3.5v-8.9L16 22.3l-5-6.2V25z" fill="var(--color-accent-ink)" />
    </svg>
  );
}

export function Brand({ label, size = 28 }: { label?: string; size?: number }) {
  return (
    <span className="brand">
      <BrandMark size={size} />
      <span className="brand__name">Marquee</span>
      {label ? <span className="brand__label">{label}</span> : null}
    </span>
  );
}
