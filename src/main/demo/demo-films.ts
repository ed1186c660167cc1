/**
 * The demo cinema's programme: ten fictional films. Each `slug` names its poster in
 * `resources/demo/posters/` (drawn by `scripts/generate-demo-posters.ts`). Release dates are offsets in days
 * from the day the demo loads, so the programme always looks current.
 */

export interface DemoFilm {
  slug: string;
  title: string;
  durationMinutes: number;
  description: string;
  /** Days relative to the load date (negative: already released). */
  releaseOffsetDays: number;
  genres: string[];
  language: string;
  certificate: string;
  /** Short line printed on the poster. */
  tagline: string;
  /** Invented credits for the poster's billing block. */
  director: string;
  cast: string[];
  /** How the scheduler uses the film: `event` films get the big screen and 3D/IMAX shows. */
  weight: 'event' | 'main' | 'niche' | 'family';
}

export const DEMO_FILMS: readonly DemoFilm[] = [
  {
    slug: 'the-last-lighthouse',
    title: 'The Last Lighthouse',
    durationMinutes: 118,
    description:
      'When the last keeper of a remote Hebridean lighthouse vanishes, his estranged daughter returns to the island and finds the lamp still turning every night. Nobody on the island will say who lights it.',
    releaseOffsetDays: -17,
    genres: ['Drama', 'Mystery'],
    language: 'English',
    certificate: '12A',
    tagline: 'Someone is still keeping the light.',
    director: 'Morag Ellison',
    cast: ['Iona Blake', 'Callum Reid', 'Hester Vane'],
    weight: 'main',
  },
  {
    slug: 'neon-tide',
    title: 'Neon Tide',
    durationMinutes: 132,
    description:
      'In a flooded megacity that never switches its lights off, a salvage diver pulls a memory drive from a sunken tower and becomes the most hunted person above the waterline.',
    releaseOffsetDays: -3,
    genres: ['Science Fiction', 'Thriller'],
    language: 'English',
    certificate: '15',
    tagline: 'The city drowned. The signal survived.',
    director: 'Ren Takahara',
    cast: ['Ava Okonjo', 'Luca Ferrante', 'Mina Sato'],
    weight: 'event',
  },
  {
    slug: 'paper-foxes',
    title: 'Paper Foxes',
    durationMinutes: 94,
    description:
      'Two folded-paper fox cubs come to life in a shuttered toy shop and set off across a rain-soaked town to find the girl who made them before the shop is cleared for good.',
    releaseOffsetDays: -10,
    genres: ['Animation', 'Family', 'Adventure'],
    language: 'English',
    certificate: 'U',
    tagline: 'Small folds. Big hearts.',
    director: 'Anouk Delacroix',
    cast: ['Poppy Marsh', 'Theo Kingsley', 'Bernard Oyelaran'],
    weight: 'family',
  },
  {
    slug: 'ashfall-protocol',
    title: 'Ashfall Protocol',
    durationMinutes: 146,
    description:
      'A disgraced volcanologist and a rescue pilot have six hours to evacuate an island resort when a dormant volcano wakes up and the only bridge to the mainland is sabotaged.',
    releaseOffsetDays: 0,
    genres: ['Action', 'Disaster'],
    language: 'English',
    certificate: '12A',
    tagline: 'Six hours. One way out.',
    director: 'Marcus Hale',
    cast: ['Jonah Reyes', 'Saoirse Quinlan', 'Dev Anand Rao'],
    weight: 'event',
  },
  {
    slug: 'a-quiet-orbit',
    title: 'A Quiet Orbit',
    durationMinutes: 164,
    description:
      'Alone on a research station circling Saturn, an engineer begins receiving messages from a crewmate who left eleven years ago. A slow, luminous story about distance and the people we wait for.',
    releaseOffsetDays: -24,
    genres: ['Science Fiction', 'Drama'],
    language: 'English',
    certificate: '12A',
    tagline: 'Every signal takes its time.',
    director: 'Elin Sørensen',
    cast: ['Noor Haddad', 'Gabriel Stone'],
    weight: 'main',
  },
  {
    slug: 'midnight-at-the-marigold',
    title: 'Midnight at the Marigold',
    durationMinutes: 107,
    description:
      'A jazz pianist and a hotel night manager keep meeting in the same faded Art Deco ballroom at midnight, each pretending to be someone they are not.',
    releaseOffsetDays: -6,
    genres: ['Romance', 'Comedy'],
    language: 'English',
    certificate: '12A',
    tagline: 'Every love story needs a good late shift.',
    director: 'Clara Whitcombe',
    cast: ['Felix Durand', 'Amara Lewis', 'Joan Pettigrew'],
    weight: 'main',
  },
  {
    slug: 'the-hollow-choir',
    title: 'The Hollow Choir',
    durationMinutes: 98,
    description:
      'A village choir rehearses for its first concert in forty years, in a chapel that was sealed for a reason. Every rehearsal, one more voice joins them.',
    releaseOffsetDays: -2,
    genres: ['Horror'],
    language: 'English',
    certificate: '18',
    tagline: 'Sing along. Forever.',
    director: 'Owen Pryce',
    cast: ['Harriet Lowe', 'Idris Campbell', 'Wren Ashdown'],
    weight: 'niche',
  },
  {
    slug: 'saltwater-kings',
    title: 'Saltwater Kings',
    durationMinutes: 125,
    description:
      'Three siblings sail their late grandfather’s battered schooner along the Cornish coast, following a hand-drawn map that may lead to treasure or to the truth about their family.',
    releaseOffsetDays: -31,
    genres: ['Adventure', 'Family'],
    language: 'English',
    certificate: 'PG',
    tagline: 'The sea keeps its promises.',
    director: 'Tamsin Carew',
    cast: ['Ollie Pendry', 'Grace Nnamdi', 'Alfie Trelawney'],
    weight: 'family',
  },
  {
    slug: 'glass-meridian',
    title: 'Glass Meridian',
    durationMinutes: 121,
    description:
      'A retired forger is pulled into one last job: swapping a priceless astronomical clock for a replica during the single minute its museum’s alarms reset at midnight.',
    releaseOffsetDays: -9,
    genres: ['Crime', 'Thriller'],
    language: 'English',
    certificate: '15',
    tagline: 'Sixty seconds. No second chances.',
    director: 'Victor Anselm',
    cast: ['Lena Marquardt', 'Samuel Achebe', 'Rosa Villanueva'],
    weight: 'main',
  },
  {
    slug: 'wild-summer-radio',
    title: 'Wild Summer Radio',
    durationMinutes: 112,
    description:
      'In the heatwave summer of 1996, four teenagers run a pirate radio station from a caravan on the edge of a seaside town, and for eight weeks the whole coast is listening.',
    releaseOffsetDays: 4,
    genres: ['Comedy', 'Drama', 'Music'],
    language: 'English',
    certificate: '15',
    tagline: 'Turn it up. Tune us in.',
    director: 'Kieran Mallory',
    cast: ['Maisie Holt', 'Jay Okafor', 'Bea Lindqvist', 'Tom Ashby'],
    weight: 'niche',
  },
];

/** A British multiplex's prices (pence, VAT at 20% included): ticket types, premium seats, 3D/IMAX, matinees. */
export const DEMO_PRICES = {
  vatRateBasisPoints: 2000,
  ticketTypes: [
    { code: 'adult', name: 'Adult', basePrice: 1295 },
    { code: 'child', name: 'Child', basePrice: 895 },
    { code: 'senior', name: 'Senior', basePrice: 995 },
    { code: 'student', name: 'Student', basePrice: 1045 },
  ],
  rules: [
    { name: 'Premium seat', seatType: 'premium' as const, adjustment: 300 },
    { name: '3D', format: '3D' as const, adjustment: 250 },
    { name: 'IMAX', format: 'IMAX' as const, adjustment: 500 },
    { name: 'Weekday matinee', days: [1, 2, 3, 4, 5], fromMinute: 0, toMinute: 17 * 60, adjustment: -300 },
    { name: 'Weekend evening', days: [5, 6], fromMinute: 18 * 60, toMinute: 24 * 60, adjustment: 100 },
  ],
};
