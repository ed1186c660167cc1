/**
 * Draws the demo cinema's film posters: one SVG per film (gradients, shapes and silhouettes under bold
 * title type), rendered to an image by headless Chromium and written to `resources/demo/posters/`.
 * The images are committed; the demo loader only reads them, so this runs only to change the artwork:
 *
 *   npx tsx scripts/generate-demo-posters.ts [--only slug,slug] [--format auto|png|webp] [--preview-dir DIR]
 *
 * `auto` (the default) keeps PNG when it is under 150 KB and writes WebP otherwise.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`) or CHROMIUM_PATH.
 * Fonts are embedded from local files only (Inter from @fontsource, Liberation and DejaVu from Debian),
 * so nothing is fetched from the network. Randomness (stars, ash, shards) is seeded per film, so a
 * re-run draws the same posters.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEMO_FILMS, type DemoFilm } from '../src/main/demo/demo-films';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'resources', 'demo', 'posters');
const W = 400;
const H = 600;
/** Rendered at 1.5x (600x900 pixels): sharp on the kiosk's large poster tiles, still small files. */
const SCALE = 1.5;
const MAX_BYTES = 150 * 1024;

// ---- fonts ------------------------------------------------------------------------------------------

interface FontFile {
  family: string;
  path: string;
  weight: string;
  style: 'normal' | 'italic';
  stretch?: string;
}

const FONT_FILES: FontFile[] = [
  {
    family: 'Inter',
    path: 'node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
    weight: '100 900',
    style: 'normal',
  },
  {
    family: 'Inter',
    path: 'node_modules/@fontsource-variable/inter/files/inter-latin-wght-italic.woff2',
    weight: '100 900',
    style: 'italic',
  },
  {
    family: 'Serif',
    path: '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
    weight: '400',
    style: 'normal',
  },
  {
    family: 'Serif',
    path: '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf',
    weight: '700',
    style: 'normal',
  },
  {
    family: 'Serif',
    path: '/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf',
    weight: '400',
    style: 'italic',
  },
  {
    family: 'Serif',
    path: '/usr/share/fonts/truetype/liberation/LiberationSerif-BoldItalic.ttf',
    weight: '700',
    style: 'italic',
  },
  {
    family: 'Narrow',
    path: '/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf',
    weight: '400',
    style: 'normal',
  },
  {
    family: 'Narrow',
    path: '/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf',
    weight: '700',
    style: 'normal',
  },
  {
    family: 'Condensed',
    path: '/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf',
    weight: '700',
    style: 'normal',
  },
  {
    family: 'Condensed',
    path: '/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf',
    weight: '400',
    style: 'normal',
  },
  {
    family: 'Gothic',
    path: '/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-Bold.ttf',
    weight: '700',
    style: 'normal',
  },
];

function fontFaces(): string {
  return FONT_FILES.map((font) => {
    const path = font.path.startsWith('/') ? font.path : join(ROOT, font.path);
    const data = readFileSync(path).toString('base64');
    const format = path.endsWith('.woff2') ? 'woff2' : 'truetype';
    return `@font-face{font-family:'${font.family}';src:url(data:font/${format};base64,${data}) format('${format}');font-weight:${font.weight};font-style:${font.style};}`;
  }).join('\n');
}

// ---- small drawing helpers ----------------------------------------------------------------------------

/** Mulberry32: a tiny seeded generator, so posters are reproducible. */
function rng(seedText: string): () => number {
  let seed = 0;
  for (const char of seedText) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

function stars(random: () => number, count: number, area: { y0: number; y1: number }, color = '#fff'): string {
  let out = '';
  for (let i = 0; i < count; i += 1) {
    const r = random() < 0.9 ? 0.4 + random() * 0.7 : 1.2 + random() * 0.8;
    out += `<circle cx="${f(random() * W)}" cy="${f(area.y0 + random() * (area.y1 - area.y0))}" r="${f(r)}" fill="${color}" opacity="${f(0.25 + random() * 0.75)}"/>`;
  }
  return out;
}

/** A wave band: a sine path from x=0 to W around y, filled down to the bottom. */
function wave(y: number, amplitude: number, length: number, phase: number, fill: string, opacity = 1): string {
  let d = `M0 ${H}L0 ${f(y)}`;
  for (let x = 0; x <= W; x += 8) d += `L${x} ${f(y + Math.sin((x / length) * Math.PI * 2 + phase) * amplitude)}`;
  d += `L${W} ${H}Z`;
  return `<path d="${d}" fill="${fill}" opacity="${opacity}"/>`;
}

/** A dead tree: a trunk that forks recursively into thinner, shorter, crooked branches. */
function tree(
  random: () => number,
  x: number,
  y: number,
  angle: number,
  length: number,
  width: number,
  depth: number,
  fill: string,
): string {
  const x2 = x + Math.cos(angle) * length;
  const y2 = y + Math.sin(angle) * length;
  let out = `<line x1="${f(x)}" y1="${f(y)}" x2="${f(x2)}" y2="${f(y2)}" stroke="${fill}" stroke-width="${f(width)}" stroke-linecap="round"/>`;
  if (depth === 0) return out;
  const forks = 2 + (random() < 0.35 ? 1 : 0);
  for (let i = 0; i < forks; i += 1) {
    const turn = (i - (forks - 1) / 2) * (0.5 + random() * 0.4) + (random() - 0.5) * 0.3;
    out += tree(random, x2, y2, angle + turn, length * (0.62 + random() * 0.18), width * 0.62, depth - 1, fill);
  }
  return out;
}

interface TitleLine {
  text: string;
  y: number;
  size: number;
  /** Shrinks the font until the line fits this width (centred on x). */
  fit?: number;
  x?: number;
  anchor?: 'middle' | 'start' | 'end';
  family: string;
  weight?: number;
  style?: 'normal' | 'italic';
  spacing?: number;
  fill: string;
  /** A copy drawn underneath, offset by (dx, dy), as a hard drop shadow. */
  shadow?: { fill: string; dx: number; dy: number };
  extra?: string;
}

function titleLines(lines: TitleLine[]): string {
  return lines
    .flatMap((line) =>
      line.shadow
        ? [
            {
              ...line,
              x: (line.x ?? W / 2) + line.shadow.dx,
              y: line.y + line.shadow.dy,
              fill: line.shadow.fill,
              shadow: undefined,
            },
            line,
          ]
        : [line],
    )
    .map((line) => {
      const attrs = [
        `x="${line.x ?? W / 2}"`,
        `y="${line.y}"`,
        `text-anchor="${line.anchor ?? 'middle'}"`,
        `font-family="${line.family}"`,
        `font-size="${line.size}"`,
        `font-weight="${line.weight ?? 400}"`,
        `font-style="${line.style ?? 'normal'}"`,
        `letter-spacing="${line.spacing ?? 0}"`,
        `fill="${line.fill}"`,
        line.fit ? `data-fit="${line.fit}"` : '',
        line.extra ?? '',
      ];
      return `<text ${attrs.join(' ')}>${esc(line.text)}</text>`;
    })
    .join('');
}

const CERT_COLOURS: Record<string, string> = {
  U: '#2f9e44',
  PG: '#e8b500',
  '12A': '#f76707',
  '15': '#e64980',
  '18': '#c92a2a',
};

/** Tagline at the top; the billing block, certificate and release line at the bottom. */
function furniture(
  film: DemoFilm,
  opts: { ink: string; dim: string; taglineY?: number; billingY?: number; release: string },
): string {
  const cert = film.certificate;
  const billingY = opts.billingY ?? 560;
  const certColour = CERT_COLOURS[cert] ?? '#868e96';
  const names = film.cast.map((name) => name.toUpperCase()).join('   ');
  return `
    <text x="${W / 2}" y="${opts.taglineY ?? 38}" text-anchor="middle" font-family="Inter" font-weight="500" font-size="11" letter-spacing="3.2" fill="${opts.ink}" opacity="0.85">${esc(film.tagline.toUpperCase())}</text>
    <text x="${W / 2}" y="${billingY - 22}" text-anchor="middle" font-family="Narrow" font-weight="700" font-size="10.5" letter-spacing="1.6" fill="${opts.dim}" data-fit="340">${esc(names)}</text>
    <text x="${W / 2}" y="${billingY - 8}" text-anchor="middle" font-family="Narrow" font-size="8" letter-spacing="1.2" fill="${opts.dim}" data-fit="340">A ${esc(film.director.toUpperCase())} FILM   MUSIC BY THE MARQUEE SESSION ORCHESTRA   EDITED BY JUNE ABERNETHY   PRODUCTION DESIGN HUGO LINDQVIST</text>
    ${opts.release ? `<text x="${W / 2}" y="${billingY + 14}" text-anchor="middle" font-family="Inter" font-weight="700" font-size="12" letter-spacing="4" fill="${opts.ink}">${esc(opts.release)}</text>` : ''}
    <g transform="translate(${W - 44} ${billingY + 1})">
      <rect width="24" height="18" rx="3" fill="${certColour}"/>
      <text x="12" y="13" text-anchor="middle" font-family="Inter" font-weight="800" font-size="${cert.length > 2 ? 9 : 11}" fill="#fff">${esc(cert)}</text>
    </g>`;
}

/** A soft dark vignette and a touch of film grain over the whole poster. */
function finish(opacity = 0.55): string {
  return `
    <defs>
      <radialGradient id="vignette" cx="50%" cy="45%" r="75%">
        <stop offset="60%" stop-color="#000" stop-opacity="0"/>
        <stop offset="100%" stop-color="#000" stop-opacity="${opacity}"/>
      </radialGradient>
      <filter id="grain" x="0" y="0" width="100%" height="100%">
        <feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="7" stitchTiles="stitch"/>
        <feColorMatrix type="saturate" values="0"/>
        <feComponentTransfer><feFuncA type="table" tableValues="0 0.05"/></feComponentTransfer>
      </filter>
    </defs>
    <rect width="${W}" height="${H}" fill="url(#vignette)"/>
    <rect width="${W}" height="${H}" filter="url(#grain)"/>`;
}

// ---- the ten posters --------------------------------------------------------------------------------

type Draw = (film: DemoFilm, random: () => number) => string;

const lighthouse: Draw = (film, random) => `
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#050b1f"/><stop offset="0.55" stop-color="#0d2a4a"/><stop offset="0.78" stop-color="#1f5670"/>
    </linearGradient>
    <linearGradient id="beam" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#ffd27a" stop-opacity="0.95"/><stop offset="1" stop-color="#ffd27a" stop-opacity="0"/>
    </linearGradient>
    <linearGradient id="beam2" x1="1" y1="0" x2="0" y2="0">
      <stop offset="0" stop-color="#ffd27a" stop-opacity="0.6"/><stop offset="1" stop-color="#ffd27a" stop-opacity="0"/>
    </linearGradient>
    <radialGradient id="lamp" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#fff6d8"/><stop offset="0.3" stop-color="#ffcf6b" stop-opacity="0.9"/><stop offset="1" stop-color="#ffb347" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b2236"/><stop offset="1" stop-color="#02070f"/></linearGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#sky)"/>
  ${stars(random, 140, { y0: 0, y1: 330 })}
  <polygon points="262,236 ${W + 40},150 ${W + 40},330" fill="url(#beam)"/>
  <polygon points="262,236 -60,190 -60,262" fill="url(#beam2)"/>
  <rect y="392" width="${W}" height="${H - 392}" fill="url(#sea)"/>
  ${Array.from({ length: 26 }, (_, i) => `<rect x="${f(random() * 360)}" y="${400 + i * 7}" width="${f(20 + random() * 90)}" height="1.2" fill="#ffd27a" opacity="${f(0.08 + (26 - i) * 0.012)}"/>`).join('')}
  <path d="M150 400 L190 330 L228 318 L300 326 L338 352 L372 400 Z" fill="#03070e"/>
  <polygon points="248,330 276,330 271,250 253,250" fill="#050a14"/>
  <rect x="249" y="268" width="26" height="7" fill="#0c1a2d"/>
  <rect x="249" y="292" width="26" height="7" fill="#0c1a2d"/>
  <rect x="250" y="236" width="24" height="14" fill="#1a1206"/>
  <polygon points="248,236 276,236 262,222" fill="#050a14"/>
  <circle cx="262" cy="243" r="34" fill="url(#lamp)"/>
  ${titleLines([
    { text: 'THE LAST', y: 455, size: 22, family: 'Serif', spacing: 14, fill: '#f3e6c8', fit: 320 },
    { text: 'LIGHTHOUSE', y: 500, size: 52, family: 'Serif', weight: 700, spacing: 6, fill: '#ffd27a', fit: 360 },
  ])}
  ${furniture(film, { ink: '#f3e6c8', dim: '#9fb3c8', release: 'NOW SHOWING' })}
  ${finish(0.6)}`;

const neonTide: Draw = (film, random) => {
  const towers: string[] = [];
  const reflections: string[] = [];
  let x = -10;
  while (x < W) {
    const w = 18 + random() * 30;
    const h = 70 + random() * 170;
    const top = 360 - h;
    towers.push(`<rect x="${f(x)}" y="${f(top)}" width="${f(w)}" height="${f(h)}" fill="#12062a"/>`);
    for (let wy = top + 8; wy < 352; wy += 9) {
      for (let wx = x + 4; wx < x + w - 4; wx += 6) {
        if (random() < 0.22)
          towers.push(
            `<rect x="${f(wx)}" y="${f(wy)}" width="2.4" height="3" fill="${random() < 0.5 ? '#29e7ff' : '#ff4fd8'}" opacity="${f(0.5 + random() * 0.5)}"/>`,
          );
      }
    }
    if (random() < 0.3)
      towers.push(
        `<rect x="${f(x + w / 2 - 0.7)}" y="${f(top - 24)}" width="1.4" height="24" fill="#12062a"/><circle cx="${f(x + w / 2)}" cy="${f(top - 24)}" r="1.8" fill="#ff4f6d"/>`,
      );
    reflections.push(
      `<rect x="${f(x)}" y="360" width="${f(w)}" height="${f(h * 0.6)}" fill="#ff4fd8" opacity="0.07"/>`,
    );
    x += w + 2 + random() * 6;
  }
  return `
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#0a0320"/><stop offset="0.45" stop-color="#3b0b5c"/><stop offset="0.62" stop-color="#b5177a"/><stop offset="0.68" stop-color="#ff6a5a"/>
    </linearGradient>
    <linearGradient id="sun" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffe36e"/><stop offset="0.6" stop-color="#ff6a8a"/><stop offset="1" stop-color="#ff2fb5"/></linearGradient>
    <linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2a0a48"/><stop offset="1" stop-color="#05020f"/></linearGradient>
    <linearGradient id="title" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#6ff6ff"/><stop offset="1" stop-color="#ff5bd9"/></linearGradient>
    <clipPath id="sunclip"><rect x="0" y="0" width="${W}" height="360"/></clipPath>
    <filter id="glow" x="-20%" y="-50%" width="140%" height="200%"><feGaussianBlur stdDeviation="5" result="b"/><feMerge><feMergeNode in="b"/><feMergeNode in="SourceGraphic"/></feMerge></filter>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#sky)"/>
  ${stars(random, 60, { y0: 0, y1: 180 })}
  <g clip-path="url(#sunclip)">
    <circle cx="${W / 2}" cy="250" r="118" fill="url(#sun)"/>
    ${Array.from({ length: 7 }, (_, i) => `<rect x="0" y="${262 + i * 14}" width="${W}" height="${2 + i * 1.3}" fill="#7a1266"/>`).join('')}
  </g>
  ${towers.join('')}
  <rect y="360" width="${W}" height="${H - 360}" fill="url(#water)"/>
  ${reflections.join('')}
  ${Array.from({ length: 22 }, (_, i) => `<rect x="${f(W / 2 - 60 - random() * 60)}" y="${364 + i * 6}" width="${f(100 + random() * 80)}" height="1.5" fill="#ffb36e" opacity="${f(0.5 - i * 0.02)}"/>`).join('')}
  ${Array.from({ length: 9 }, (_, i) => `<line x1="${W / 2}" y1="360" x2="${f(W / 2 + (i - 4) * 140)}" y2="${H}" stroke="#29e7ff" stroke-width="0.8" opacity="0.35"/>`).join('')}
  ${Array.from({ length: 6 }, (_, i) => `<line x1="0" y1="${f(380 + i * i * 7)}" x2="${W}" y2="${f(380 + i * i * 7)}" stroke="#29e7ff" stroke-width="0.8" opacity="0.3"/>`).join('')}
  <g filter="url(#glow)">
  ${titleLines([
    {
      text: 'NEON',
      y: 470,
      size: 92,
      family: 'Inter',
      weight: 900,
      style: 'italic',
      spacing: 2,
      fill: 'url(#title)',
      fit: 330,
    },
    {
      text: 'TIDE',
      y: 528,
      size: 64,
      family: 'Inter',
      weight: 200,
      style: 'italic',
      spacing: 26,
      fill: '#e9f7ff',
      fit: 300,
    },
  ])}
  </g>
  ${furniture(film, { ink: '#e9f7ff', dim: '#b9a4d6', billingY: 566, release: 'ALSO IN 3D' })}
  ${finish(0.45)}`;
};

const paperFoxes: Draw = (film, random) => `
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff3dd"/><stop offset="1" stop-color="#ffd9b0"/></linearGradient>
    <linearGradient id="hill" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2a9d8f"/><stop offset="1" stop-color="#1d6f66"/></linearGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  ${Array.from({ length: 46 }, () => {
    const x = random() * W;
    const y = random() * 330;
    return `<line x1="${f(x)}" y1="${f(y)}" x2="${f(x - 5)}" y2="${f(y + 14)}" stroke="#7fb8c4" stroke-width="1.6" stroke-linecap="round" opacity="0.55"/>`;
  }).join('')}
  <circle cx="316" cy="92" r="38" fill="#ffb347" opacity="0.85"/>
  <polygon points="0,330 70,250 140,330" fill="#9fd8cb"/><polygon points="70,250 140,330 100,330" fill="#7cc3b4"/>
  <polygon points="260,330 340,230 420,330" fill="#9fd8cb"/><polygon points="340,230 420,330 370,330" fill="#7cc3b4"/>
  <rect y="330" width="${W}" height="${H - 330}" fill="url(#hill)"/>
  <g transform="translate(58 120)">
    <polygon points="150,250 236,196 248,222 170,250" fill="#f4843c"/>
    <polygon points="236,196 248,222 270,190" fill="#fff8ee"/>
    <polygon points="62,112 114,112 150,250 26,250" fill="#e76f2a"/>
    <polygon points="88,112 114,112 150,250 88,250" fill="#c85414"/>
    <polygon points="72,150 104,150 88,250" fill="#fff8ee"/>
    <polygon points="40,40 70,0 80,52" fill="#e76f2a"/>
    <polygon points="130,40 110,0 96,52" fill="#c85414"/>
    <polygon points="40,40 80,52 88,110 52,92" fill="#f4843c"/>
    <polygon points="130,40 96,52 88,110 122,92" fill="#d9621f"/>
    <polygon points="52,92 88,110 122,92 88,132" fill="#fff8ee"/>
    <polygon points="78,120 88,132 98,120" fill="#2b2d42"/>
    <circle cx="68" cy="78" r="4.5" fill="#2b2d42"/><circle cx="108" cy="78" r="4.5" fill="#2b2d42"/>
  </g>
  <g transform="translate(236 244) scale(0.52)">
    <polygon points="62,112 114,112 150,250 26,250" fill="#3d7ea6"/>
    <polygon points="88,112 114,112 150,250 88,250" fill="#2c5f80"/>
    <polygon points="150,250 200,200 216,226 166,250" fill="#5b9cc4"/>
    <polygon points="200,200 216,226 232,196" fill="#fff8ee"/>
    <polygon points="40,40 70,0 80,52" fill="#3d7ea6"/>
    <polygon points="130,40 110,0 96,52" fill="#2c5f80"/>
    <polygon points="40,40 80,52 88,110 52,92" fill="#5b9cc4"/>
    <polygon points="130,40 96,52 88,110 122,92" fill="#3d7ea6"/>
    <polygon points="52,92 88,110 122,92 88,132" fill="#fff8ee"/>
    <circle cx="68" cy="78" r="4.5" fill="#2b2d42"/><circle cx="108" cy="78" r="4.5" fill="#2b2d42"/>
  </g>
  ${titleLines([
    {
      text: 'Paper',
      y: 446,
      size: 70,
      family: 'Inter',
      weight: 900,
      spacing: -2,
      fill: '#fff8ee',
      fit: 300,
      shadow: { fill: '#12403a', dx: 3, dy: 3 },
    },
    {
      text: 'Foxes',
      y: 508,
      size: 70,
      family: 'Inter',
      weight: 900,
      spacing: -2,
      fill: '#ffb347',
      fit: 300,
      shadow: { fill: '#12403a', dx: 3, dy: 3 },
    },
  ])}
  ${furniture(film, { ink: '#fff8ee', dim: '#c9efe8', taglineY: 40, release: 'NOW SHOWING' }).replace('fill="#fff8ee" opacity="0.85"', 'fill="#1d6f66" opacity="0.9"')}
  ${finish(0.25)}`;

const ashfall: Draw = (film, random) => `
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b0404"/><stop offset="0.5" stop-color="#3a0b06"/><stop offset="0.75" stop-color="#a8260c"/></linearGradient>
    <radialGradient id="fire" cx="0.5" cy="0.62" r="0.55"><stop offset="0" stop-color="#fff1b0"/><stop offset="0.2" stop-color="#ffae2a"/><stop offset="0.5" stop-color="#e2400f" stop-opacity="0.8"/><stop offset="1" stop-color="#5a0c05" stop-opacity="0"/></radialGradient>
    <linearGradient id="metal" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="0.5" stop-color="#d6d6d6"/><stop offset="0.52" stop-color="#9a9a9a"/><stop offset="1" stop-color="#f2f2f2"/></linearGradient>
    <linearGradient id="lava" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffcf4a"/><stop offset="1" stop-color="#ff3d0a"/></linearGradient>
    <filter id="blur"><feGaussianBlur stdDeviation="9"/></filter>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#sky)"/>
  <g filter="url(#blur)">
    ${Array.from({ length: 16 }, (_, i) => `<circle cx="${f(200 + (random() - 0.5) * (40 + i * 16))}" cy="${f(250 - i * 15)}" r="${f(30 + i * 5)}" fill="#1a0a08" opacity="0.85"/>`).join('')}
  </g>
  <ellipse cx="200" cy="300" rx="190" ry="170" fill="url(#fire)"/>
  <polygon points="-20,470 150,290 178,298 200,282 222,298 250,290 420,470" fill="#120605"/>
  <path d="M186 298 Q182 340 170 372 Q162 400 148 430 L156 431 Q172 400 182 372 Q192 338 196 298 Z" fill="url(#lava)"/>
  <path d="M210 296 Q220 330 236 360 Q248 382 262 404 L268 400 Q254 378 244 356 Q228 326 216 296 Z" fill="url(#lava)" opacity="0.85"/>
  ${Array.from({ length: 140 }, () => `<circle cx="${f(random() * W)}" cy="${f(random() * 440)}" r="${f(0.6 + random() * 1.6)}" fill="${random() < 0.7 ? '#ff9a3c' : '#ffe27a'}" opacity="${f(0.3 + random() * 0.7)}"/>`).join('')}
  <rect y="470" width="${W}" height="${H - 470}" fill="#0a0303"/>
  <g fill="#0a0303">
    <rect x="0" y="430" width="150" height="6"/><rect x="230" y="430" width="170" height="6"/>
    ${[20, 60, 100, 140, 250, 290, 330, 370].map((px) => `<rect x="${px}" y="436" width="5" height="40"/>`).join('')}
    <polygon points="150,430 168,446 160,448 146,436"/><polygon points="230,430 214,450 222,452 236,436"/>
  </g>
  <g transform="translate(300 140) rotate(-8)" fill="#0a0303">
    <ellipse cx="0" cy="0" rx="16" ry="6"/><rect x="-2" y="-12" width="3" height="8"/><rect x="-30" y="-13" width="60" height="1.6"/><polygon points="12,-2 40,-3 40,1 12,3"/>
  </g>
  ${titleLines([
    { text: 'ASHFALL', y: 506, size: 76, family: 'Condensed', weight: 700, spacing: 3, fill: 'url(#metal)', fit: 350 },
    { text: 'PROTOCOL', y: 530, size: 18, family: 'Inter', weight: 600, spacing: 14, fill: '#ff8a3c', fit: 280 },
  ])}
  ${furniture(film, { ink: '#f2e6dc', dim: '#9c7f74', billingY: 570, release: 'IN CINEMAS AND IMAX' })}
  ${finish(0.55)}`;

const quietOrbit: Draw = (film, random) => `
  <defs>
    <radialGradient id="planet" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="#f2ddb0"/><stop offset="0.45" stop-color="#c79a5b"/><stop offset="0.8" stop-color="#4a3220"/><stop offset="1" stop-color="#120c08"/></radialGradient>
    <linearGradient id="ring" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#e9d7b0" stop-opacity="0"/><stop offset="0.3" stop-color="#e9d7b0" stop-opacity="0.8"/><stop offset="0.7" stop-color="#b9a27a" stop-opacity="0.7"/><stop offset="1" stop-color="#e9d7b0" stop-opacity="0"/></linearGradient>
    <linearGradient id="bands" x1="0" y1="0" x2="0" y2="1">
      ${Array.from({ length: 12 }, (_, i) => `<stop offset="${f(i / 11)}" stop-color="${i % 2 ? '#000' : '#fff'}" stop-opacity="${f(0.04 + random() * 0.08)}"/>`).join('')}
    </linearGradient>
    <clipPath id="front"><rect x="0" y="262" width="${W}" height="200"/></clipPath>
  </defs>
  <rect width="${W}" height="${H}" fill="#04050a"/>
  ${stars(random, 220, { y0: 0, y1: H }, '#dfe8ff')}
  <g transform="rotate(-14 210 262)">
    <ellipse cx="210" cy="262" rx="196" ry="40" fill="none" stroke="url(#ring)" stroke-width="13"/>
    <ellipse cx="210" cy="262" rx="168" ry="33" fill="none" stroke="url(#ring)" stroke-width="5" opacity="0.7"/>
    <circle cx="210" cy="262" r="108" fill="url(#planet)"/>
    <circle cx="210" cy="262" r="108" fill="url(#bands)"/>
    <g clip-path="url(#front)">
      <ellipse cx="210" cy="262" rx="196" ry="40" fill="none" stroke="url(#ring)" stroke-width="13"/>
      <ellipse cx="210" cy="262" rx="168" ry="33" fill="none" stroke="url(#ring)" stroke-width="5" opacity="0.7"/>
    </g>
  </g>
  <g transform="translate(86 118) rotate(20)">
    <rect x="-14" y="-1" width="28" height="2" fill="#dfe8ff"/><rect x="-3" y="-3" width="6" height="6" fill="#dfe8ff"/>
    <rect x="-22" y="-4" width="8" height="8" fill="none" stroke="#dfe8ff" stroke-width="0.8"/><rect x="14" y="-4" width="8" height="8" fill="none" stroke="#dfe8ff" stroke-width="0.8"/>
  </g>
  <circle cx="86" cy="118" r="14" fill="none" stroke="#dfe8ff" stroke-width="0.4" opacity="0.5"/>
  ${titleLines([
    { text: 'A  QUIET', y: 470, size: 20, family: 'Inter', weight: 300, spacing: 16, fill: '#dfe8ff', fit: 300 },
    { text: 'ORBIT', y: 520, size: 58, family: 'Inter', weight: 200, spacing: 26, fill: '#ffffff', fit: 330 },
  ])}
  ${furniture(film, { ink: '#dfe8ff', dim: '#7d8599', release: 'NOW SHOWING' })}
  ${finish(0.4)}`;

const marigold: Draw = (film) => `
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#06231d"/><stop offset="1" stop-color="#020b09"/></linearGradient>
    <linearGradient id="gold" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fbe3a1"/><stop offset="0.5" stop-color="#d4a441"/><stop offset="1" stop-color="#8c6420"/></linearGradient>
    <radialGradient id="bloom" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#ffd25e"/><stop offset="0.7" stop-color="#f29b13"/><stop offset="1" stop-color="#c4630a"/></radialGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  <g transform="translate(200 300)">
    ${Array.from({ length: 36 }, (_, i) => `<polygon points="0,0 -4,-420 4,-420" fill="url(#gold)" opacity="${i % 2 ? 0.12 : 0.28}" transform="rotate(${i * 10})"/>`).join('')}
    ${[230, 196, 162].map((r, i) => `<circle r="${r}" fill="none" stroke="url(#gold)" stroke-width="${i === 0 ? 2 : 1}" opacity="0.7"/>`).join('')}
    ${Array.from({ length: 24 }, (_, i) => `<ellipse cx="0" cy="-70" rx="14" ry="44" fill="url(#bloom)" opacity="0.95" transform="rotate(${i * 15})"/>`).join('')}
    ${Array.from({ length: 16 }, (_, i) => `<ellipse cx="0" cy="-44" rx="10" ry="28" fill="#e0830e" transform="rotate(${i * 22.5 + 11})"/>`).join('')}
    <circle r="26" fill="#7a3b05"/><circle r="26" fill="none" stroke="#fbe3a1" stroke-width="1.5"/>
  </g>
  <rect x="16" y="16" width="${W - 32}" height="${H - 32}" fill="none" stroke="url(#gold)" stroke-width="1.5"/>
  <rect x="22" y="22" width="${W - 44}" height="${H - 44}" fill="none" stroke="url(#gold)" stroke-width="0.6"/>
  <g fill="#020b09"><rect x="0" y="430" width="${W}" height="170"/></g>
  ${titleLines([
    { text: 'Midnight at the', y: 458, size: 30, family: 'Serif', style: 'italic', fill: '#fbe3a1', fit: 300 },
    { text: 'MARIGOLD', y: 510, size: 60, family: 'Serif', weight: 700, spacing: 9, fill: 'url(#gold)', fit: 340 },
  ])}
  ${furniture(film, { ink: '#fbe3a1', dim: '#a39372', taglineY: 48, billingY: 556, release: 'NOW SHOWING' }).replace('letter-spacing="3.2"', 'letter-spacing="2" data-fit="330"')}
  ${finish(0.35)}`;

const hollowChoir: Draw = (film, random) => {
  const figures = Array.from({ length: 7 }, (_, i) => {
    const cx = 62 + i * 46 + (random() - 0.5) * 6;
    const scale = 0.85 + (i === 3 ? 0.25 : random() * 0.1);
    return `<g transform="translate(${f(cx)} 440) scale(${f(scale)})" fill="#030605">
      <path d="M-19 0 Q-20 -60 -12 -86 Q0 -108 12 -86 Q20 -60 19 0 Z"/>
      <ellipse cx="0" cy="-84" rx="9" ry="11" fill="#0a0f0c"/>
      <ellipse cx="0" cy="-82" rx="4.5" ry="6" fill="#000"/></g>`;
  }).join('');
  return `
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b120e"/><stop offset="0.6" stop-color="#3b4a3a"/><stop offset="1" stop-color="#0b120e"/></linearGradient>
    <radialGradient id="window" cx="0.5" cy="0.6" r="0.6"><stop offset="0" stop-color="#e8f5c8"/><stop offset="0.5" stop-color="#a9c47a"/><stop offset="1" stop-color="#3b4a3a"/></radialGradient>
    <radialGradient id="halo" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#c8e29a" stop-opacity="0.5"/><stop offset="1" stop-color="#c8e29a" stop-opacity="0"/></radialGradient>
    <linearGradient id="ground" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#030605" stop-opacity="0"/><stop offset="0.3" stop-color="#030605" stop-opacity="0.85"/><stop offset="0.45" stop-color="#030605"/></linearGradient>
    <filter id="fog"><feTurbulence type="fractalNoise" baseFrequency="0.012 0.04" numOctaves="3" seed="4"/><feColorMatrix values="0 0 0 0 0.8  0 0 0 0 0.85  0 0 0 0 0.78  0 0 0 0.55 0"/></filter>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  <circle cx="200" cy="230" r="170" fill="url(#halo)"/>
  <path d="M140 400 L140 210 Q140 140 200 104 Q260 140 260 210 L260 400 Z" fill="#141c16"/>
  <path d="M168 300 L168 220 Q168 178 200 156 Q232 178 232 220 L232 300 Z" fill="url(#window)"/>
  <g stroke="#141c16" stroke-width="3"><line x1="200" y1="156" x2="200" y2="300"/><line x1="168" y1="240" x2="232" y2="240"/><circle cx="200" cy="200" r="16" fill="none"/></g>
  <rect x="196" y="60" width="8" height="50" fill="#141c16"/><rect x="186" y="72" width="28" height="6" fill="#141c16"/>
  ${tree(random, 28, 430, -1.45, 120, 13, 6, '#050907')}
  ${tree(random, 380, 430, -1.75, 130, 14, 6, '#050907')}
  <rect width="${W}" height="${H}" filter="url(#fog)" opacity="0.55"/>
  ${figures}
  <rect y="360" width="${W}" height="240" fill="url(#ground)"/>
  ${titleLines([
    { text: 'THE', y: 446, size: 16, family: 'Gothic', weight: 700, spacing: 18, fill: '#d9dccb' },
    { text: 'HOLLOW', y: 500, size: 66, family: 'Gothic', weight: 700, spacing: 8, fill: '#d9dccb', fit: 350 },
    { text: 'CHOIR', y: 534, size: 30, family: 'Gothic', weight: 700, spacing: 22, fill: '#a8161b', fit: 260 },
  ])}
  ${furniture(film, { ink: '#d9dccb', dim: '#6f7a6c', billingY: 576, release: '' })}
  ${finish(0.7)}`;
};

const saltwater: Draw = (film, random) => `
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1b4965"/><stop offset="0.45" stop-color="#5fa8d3"/><stop offset="0.72" stop-color="#ffcf99"/><stop offset="0.8" stop-color="#ff9b71"/></linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fff4d6"/><stop offset="0.6" stop-color="#ffd27a"/><stop offset="1" stop-color="#ff9b71" stop-opacity="0"/></radialGradient>
    <linearGradient id="title" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff4d6"/><stop offset="1" stop-color="#ffd27a"/></linearGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#sky)"/>
  <circle cx="200" cy="330" r="110" fill="url(#sun)"/>
  ${Array.from({ length: 7 }, () => {
    const x = 40 + random() * 320;
    const y = 80 + random() * 140;
    const s = 4 + random() * 6;
    return `<path d="M${f(x - s)} ${f(y)} Q${f(x - s / 2)} ${f(y - s / 2)} ${f(x)} ${f(y)} Q${f(x + s / 2)} ${f(y - s / 2)} ${f(x + s)} ${f(y)}" fill="none" stroke="#0b2a3c" stroke-width="1.4"/>`;
  }).join('')}
  <g transform="translate(168 186)" fill="#0b2a3c">
    <rect x="30" y="0" width="3" height="172"/><rect x="86" y="26" width="3" height="146"/>
    <path d="M34 6 Q74 70 36 150 Z"/><path d="M90 32 Q124 86 92 152 Z"/><path d="M28 14 L-24 150 L28 150 Z"/><path d="M84 40 L44 150 L84 150 Z" opacity="0.9"/>
    <path d="M-40 158 L150 158 Q138 182 110 186 L-8 186 Q-30 178 -40 158 Z"/>
    <rect x="-60" y="150" width="30" height="2" transform="rotate(-12 -30 150)"/>
  </g>
  ${wave(372, 5, 120, 0.4, '#2f7f98')}
  ${wave(396, 8, 160, 1.4, '#1f6280')}
  ${wave(424, 10, 210, 2.2, '#154a66')}
  ${wave(458, 12, 260, 0.9, '#0d3550')}
  ${wave(496, 10, 300, 2.8, '#082438')}
  ${Array.from({ length: 18 }, (_, i) => `<rect x="${f(150 + (random() - 0.5) * 120)}" y="${f(376 + i * 4)}" width="${f(24 + random() * 70)}" height="1.2" fill="#fff4d6" opacity="${f(0.55 - i * 0.025)}"/>`).join('')}
  ${titleLines([
    {
      text: 'SALTWATER',
      y: 82,
      size: 54,
      family: 'Inter',
      weight: 900,
      spacing: 1,
      fill: 'url(#title)',
      fit: 350,
      shadow: { fill: '#0b2a3c', dx: 2, dy: 2 },
    },
    { text: 'KINGS', y: 136, size: 58, family: 'Inter', weight: 900, spacing: 22, fill: '#0b2a3c', fit: 300 },
  ])}
  ${furniture(film, { ink: '#fff4d6', dim: '#8fb8cf', taglineY: 552 - 30, billingY: 566, release: 'NOW SHOWING' })}
  ${finish(0.35)}`;

const glassMeridian: Draw = (film, random) => {
  const shards = Array.from({ length: 34 }, () => {
    const cx = random() * W;
    const cy = random() * 420;
    const n = 3 + Math.floor(random() * 2);
    const pts = Array.from({ length: n }, (_, k) => {
      const a = (k / n) * Math.PI * 2 + random() * 0.8;
      const r = 10 + random() * 46;
      return `${f(cx + Math.cos(a) * r)},${f(cy + Math.sin(a) * r)}`;
    }).join(' ');
    return `<polygon points="${pts}" fill="url(#shard)" stroke="#dbe8f5" stroke-width="0.6" stroke-opacity="0.8" opacity="${f(0.25 + random() * 0.6)}"/>`;
  }).join('');
  const ticks = Array.from({ length: 60 }, (_, i) => {
    const a = (i / 60) * Math.PI * 2;
    const r1 = i % 5 === 0 ? 100 : 108;
    return `<line x1="${f(Math.cos(a) * r1)}" y1="${f(Math.sin(a) * r1)}" x2="${f(Math.cos(a) * 114)}" y2="${f(Math.sin(a) * 114)}" stroke="#dbe8f5" stroke-width="${i % 5 === 0 ? 2 : 0.8}"/>`;
  }).join('');
  const numerals = ['XII', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI']
    .map((text, i) => {
      const a = (i / 12) * Math.PI * 2 - Math.PI / 2;
      return `<text x="${f(Math.cos(a) * 84)}" y="${f(Math.sin(a) * 84 + 4)}" text-anchor="middle" font-family="Serif" font-size="11" fill="#dbe8f5">${text}</text>`;
    })
    .join('');
  return `
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0b1a2e"/><stop offset="0.5" stop-color="#1c3b5e"/><stop offset="1" stop-color="#050b14"/></linearGradient>
    <linearGradient id="shard" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e7f1ff" stop-opacity="0.55"/><stop offset="1" stop-color="#6f9cc8" stop-opacity="0.05"/></linearGradient>
    <linearGradient id="silver" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="0.55" stop-color="#b8c7d9"/><stop offset="1" stop-color="#eef4fb"/></linearGradient>
    <radialGradient id="face" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#1c3b5e" stop-opacity="0.2"/><stop offset="1" stop-color="#0b1a2e" stop-opacity="0.9"/></radialGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  <g transform="translate(200 230)">
    <circle r="122" fill="url(#face)" stroke="#dbe8f5" stroke-width="1.5"/>
    <circle r="130" fill="none" stroke="#dbe8f5" stroke-width="0.5" opacity="0.6"/>
    ${ticks}${numerals}
    <line x1="0" y1="0" x2="-4" y2="-64" stroke="#ffffff" stroke-width="5" stroke-linecap="round"/>
    <line x1="0" y1="0" x2="-10" y2="-98" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round"/>
    <line x1="0" y1="14" x2="6" y2="-104" stroke="#e03131" stroke-width="1"/>
    <circle r="5" fill="#ffffff"/>
  </g>
  ${shards}
  <path d="M40 0 L170 240 L120 420 M170 240 L330 170 L400 250 M170 240 L260 460" fill="none" stroke="#eef4fb" stroke-width="0.8" opacity="0.7"/>
  ${titleLines([
    { text: 'GLASS', y: 470, size: 70, family: 'Narrow', weight: 700, spacing: 20, fill: 'url(#silver)', fit: 340 },
    { text: 'MERIDIAN', y: 514, size: 40, family: 'Narrow', weight: 400, spacing: 16, fill: '#dbe8f5', fit: 330 },
  ])}
  ${furniture(film, { ink: '#eef4fb', dim: '#7f95ad', release: 'NOW SHOWING' })}
  ${finish(0.5)}`;
};

const wildSummer: Draw = (film, random) => {
  const dots: string[] = [];
  for (let y = 0; y < 380; y += 12) {
    for (let x = (y / 12) % 2 ? 6 : 0; x < W; x += 12) {
      const r = Math.max(0, 3.6 - (Math.hypot(x - 300, y - 120) / 300) * 3.6);
      if (r > 0.3) dots.push(`<circle cx="${x}" cy="${y}" r="${f(r)}" fill="#ff5d2a" opacity="0.55"/>`);
    }
  }
  return `
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffe14d"/><stop offset="0.6" stop-color="#ffb12e"/><stop offset="1" stop-color="#ff7b2e"/></linearGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  ${dots.join('')}
  <g transform="translate(300 156)" fill="none" stroke="#2b1b6b" stroke-linecap="round">
    ${[28, 52, 78, 106, 136].map((r, i) => `<path d="M${-r} ${-r * 0.2} A ${r} ${r} 0 0 1 ${r} ${-r * 0.2}" stroke-width="${6 - i}" opacity="${f(1 - i * 0.15)}"/>`).join('')}
  </g>
  <g fill="#2b1b6b">
    <polygon points="298,150 302,150 322,330 278,330"/>
    <g stroke="#2b1b6b" stroke-width="1.6"><line x1="296" y1="190" x2="306" y2="190"/><line x1="292" y1="230" x2="310" y2="230"/><line x1="288" y1="270" x2="314" y2="270"/><line x1="300" y1="190" x2="292" y2="230"/><line x1="300" y1="190" x2="310" y2="230"/><line x1="292" y1="230" x2="314" y2="270"/><line x1="310" y1="230" x2="288" y2="270"/></g>
    <circle cx="300" cy="148" r="6" fill="#ff2e63"/>
    <path d="M40 318 Q40 270 90 268 L230 268 Q262 268 262 300 L262 330 L40 330 Z"/>
    <rect x="66" y="284" width="40" height="22" rx="5" fill="#ffe14d"/><rect x="124" y="284" width="28" height="38" rx="3" fill="#ff7b2e"/><rect x="170" y="284" width="56" height="22" rx="5" fill="#ffe14d"/>
    <circle cx="110" cy="334" r="13"/><circle cx="110" cy="334" r="5" fill="#ffb12e"/>
    <rect x="262" y="318" width="30" height="4"/>
  </g>
  <rect y="346" width="${W}" height="${H - 346}" fill="#2b1b6b"/>
  <rect y="344" width="${W}" height="2" fill="#ff2e63"/>
  ${Array.from({ length: 40 }, (_, i) => {
    const h = 4 + Math.abs(Math.sin(i * 0.7) * 26 + (random() - 0.5) * 14);
    return `<rect x="${20 + i * 9}" y="${f(384 - h / 2)}" width="5" height="${f(h)}" rx="2" fill="#ff2e63" opacity="0.9"/>`;
  }).join('')}
  <g transform="rotate(-6 200 460)">
    ${titleLines([
      {
        text: 'WILD SUMMER',
        y: 446,
        size: 50,
        family: 'Inter',
        weight: 900,
        style: 'italic',
        spacing: -1,
        fill: '#ffe14d',
        fit: 352,
        shadow: { fill: '#ff2e63', dx: 3, dy: 3 },
      },
      {
        text: 'RADIO',
        y: 506,
        size: 72,
        family: 'Inter',
        weight: 900,
        style: 'italic',
        spacing: 10,
        fill: '#ffe14d',
        fit: 300,
        shadow: { fill: '#ff2e63', dx: 4, dy: 4 },
      },
    ])}
  </g>
  <text x="200" y="538" text-anchor="middle" font-family="Inter" font-weight="800" font-size="13" letter-spacing="6" fill="#4ee0d0">FM 96.6 · SUMMER 1996</text>
  ${furniture(film, { ink: '#fff3c4', dim: '#a99be0', taglineY: 36, billingY: 582, release: '' }).replace('fill="#fff3c4" opacity="0.85"', 'fill="#2b1b6b" opacity="0.9"')}
  ${finish(0.3)}`;
};

const ARTWORK: Record<string, Draw> = {
  'the-last-lighthouse': lighthouse,
  'neon-tide': neonTide,
  'paper-foxes': paperFoxes,
  'ashfall-protocol': ashfall,
  'a-quiet-orbit': quietOrbit,
  'midnight-at-the-marigold': marigold,
  'the-hollow-choir': hollowChoir,
  'saltwater-kings': saltwater,
  'glass-meridian': glassMeridian,
  'wild-summer-radio': wildSummer,
};

// ---- rendering ---------------------------------------------------------------------------------------

function page(svg: string, faces: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${faces}
    html,body{margin:0;padding:0;background:#000}svg{display:block}</style></head>
    <body><svg id="poster" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${svg}</svg></body></html>`;
}

interface Args {
  only: Set<string> | null;
  format: 'png' | 'webp' | 'auto';
  /** Also writes each poster as PNG here, for reviewing them in an image viewer. */
  previewDir: string | null;
}

// In-page code is kept as source text: this script type-checks against Node's types, not the DOM's.

/** Shrinks every line marked data-fit until it fits its width. */
const FIT_TEXT = `(async () => {
  await document.fonts.ready;
  for (const node of document.querySelectorAll('text[data-fit]')) {
    const max = Number(node.dataset.fit);
    let size = Number(node.getAttribute('font-size'));
    while (node.getBBox().width > max && size > 4) {
      size -= 0.5;
      node.setAttribute('font-size', String(size));
    }
  }
})()`;

/** Re-encodes a PNG (base64) as WebP through a canvas; answers a data URL. */
const TO_WEBP = `async (b64) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + b64;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  canvas.getContext('2d').drawImage(image, 0, 0);
  return canvas.toDataURL('image/webp', 0.86);
}`;

function parseArgs(argv: string[]): Args {
  let only: Set<string> | null = null;
  let previewDir: string | null = null;
  let format: 'png' | 'webp' | 'auto' = 'auto';
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--only') only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (argv[i] === '--format') {
      const value = argv[++i];
      if (value !== 'png' && value !== 'webp' && value !== 'auto') throw new Error('--format is png, webp or auto');
      format = value;
    } else if (argv[i] === '--preview-dir') previewDir = argv[++i] ?? null;
  }
  return { only, format, previewDir };
}

async function main(): Promise<void> {
  const { only, format, previewDir } = parseArgs(process.argv.slice(2));
  if (previewDir) mkdirSync(previewDir, { recursive: true });
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const faces = fontFaces();
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: W, height: H }, deviceScaleFactor: SCALE });
    const tab = await context.newPage();
    for (const film of DEMO_FILMS) {
      if (only && !only.has(film.slug)) continue;
      const draw = ARTWORK[film.slug];
      if (!draw) throw new Error(`no artwork for ${film.slug}`);
      await tab.setContent(page(draw(film, rng(film.slug)), faces));
      await tab.evaluate(FIT_TEXT);
      const png = await tab.locator('#poster').screenshot({ type: 'png' });
      if (previewDir) writeFileSync(join(previewDir, `${film.slug}.png`), png);
      let bytes: Buffer = png;
      let ext = 'png';
      if (format === 'webp' || (format === 'auto' && png.length > MAX_BYTES)) {
        const dataUrl = await tab.evaluate<string>(`(${TO_WEBP})(${JSON.stringify(png.toString('base64'))})`);
        bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
        ext = 'webp';
      }
      for (const old of readdirSync(OUT_DIR)) {
        if (old.startsWith(`${film.slug}.`)) rmSync(join(OUT_DIR, old));
      }
      writeFileSync(join(OUT_DIR, `${film.slug}.${ext}`), bytes);
      console.log(`${film.slug}.${ext}  ${(bytes.length / 1024).toFixed(0)} KB`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
