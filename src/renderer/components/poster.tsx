/**
 * A film poster, or a generated one when the film has none (or its image fails to load): a colour field
 * drawn from the title, so the same film always gets the same colours, with the title set in type.
 */
import { useState } from 'react';
import { cssVars } from '../lib/css';

export function titleHue(title: string): number {
  // FNV-1a: a stable, well-spread hash; the hue only needs to look random, not be secure.
  let hash = 0x811c9dc5;
  for (let index = 0; index < title.length; index += 1) {
    hash ^= title.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

function initials(title: string): string {
  const words = title
    .replace(/^(the|a|an)\s+/i, '')
    .split(/\s+/)
    .filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0] ?? '')
    .join('')
    .toUpperCase();
}

interface PosterProps {
  title: string;
  posterUrl: string | null;
  /** "card" shows the title on a generated poster; "thumb" shows initials (too small for a title). */
  variant?: 'card' | 'thumb';
  eyebrow?: string | null;
  className?: string;
  /** Lazy for long lists (admin); eager where every poster is on screen at once (kiosk). */
  loading?: 'lazy' | 'eager';
}

export function Poster({ title, posterUrl, variant = 'card', eyebrow, className, loading = 'lazy' }: PosterProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const classes = ['poster', `poster--${variant}`, className].filter(Boolean).join(' ');

  if (posterUrl && failedUrl !== posterUrl) {
    return (
      <div className={classes}>
        <img
          className="poster__image"
          src={posterUrl}
          alt=""
          loading={loading}
          decoding="async"
          draggable={false}
          onError={() => setFailedUrl(posterUrl)}
        />
      </div>
    );
  }

  return (
    <div
      className={`${classes} poster--generated`}
      style={cssVars({ '--poster-hue': titleHue(title) })}
      aria-hidden="true"
    >
      {variant === 'thumb' ? (
        <span className="poster__initials">{initials(title)}</span>
      ) : (
        <>
          <span className="poster__beam" />
          {eyebrow ? <span className="poster__eyebrow">{eyebrow}</span> : null}
          <span className="poster__title">{title}</span>
        </>
      )}
    </div>
  );
}
