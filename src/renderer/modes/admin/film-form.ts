/**
 * The "New film" form's values, their conversion to `movies.create` input and validation. Validation
 * runs the contract's own schema (the one the server parses with), so the form cannot accept what the
 * server refuses; the messages are rewritten for people, field by field.
 */
import { catalogOperations } from '../../../shared/contract/catalog';
import type { FieldError } from '../../../shared/contract/errors';
import type { InputOf } from '../../../shared/contract/index';

export interface FilmFormValues {
  title: string;
  durationMinutes: string;
  releaseDate: string;
  certificate: string;
  language: string;
  genres: string;
  trailerUrl: string;
  description: string;
}

export type FilmField = keyof FilmFormValues;
export type FilmErrors = Partial<Record<FilmField, string>>;

export const EMPTY_FILM: FilmFormValues = {
  title: '',
  durationMinutes: '',
  releaseDate: '',
  certificate: '',
  language: '',
  genres: '',
  trailerUrl: '',
  description: '',
};

export const FIELD_LABELS: Record<FilmField, string> = {
  title: 'Title',
  durationMinutes: 'Runtime',
  releaseDate: 'Release date',
  certificate: 'Certificate',
  language: 'Language',
  genres: 'Genres',
  trailerUrl: 'Trailer link',
  description: 'Synopsis',
};

const FRIENDLY: Record<FilmField, string> = {
  title: 'Enter the title, at most 200 characters.',
  durationMinutes: 'Enter the runtime in whole minutes, from 1 to 900.',
  releaseDate: 'Enter a real date, or leave it empty.',
  certificate: 'Use at most 10 characters, such as 12A or PG-13.',
  language: 'Use at most 40 characters.',
  genres: 'Up to 10 genres, separated by commas, each at most 40 characters.',
  trailerUrl: 'Enter a full web address starting with https://, or leave it empty.',
  description: 'Use at most 5,000 characters.',
};

export function splitGenres(value: string): string[] {
  return value
    .split(',')
    .map((genre) => genre.trim())
    .filter((genre) => genre !== '');
}

/** Empty optional fields are left out rather than sent as empty strings. */
export function toCreateInput(values: FilmFormValues): InputOf<'movies.create'> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const minutes = values.durationMinutes.trim();
  const genres = splitGenres(values.genres);
  return {
    title: values.title.trim(),
    // NaN for text that is not a number, so the schema reports it instead of sending 0.
    durationMinutes: minutes === '' ? Number.NaN : Number(minutes),
    releaseDate: text(values.releaseDate),
    certificate: text(values.certificate),
    language: text(values.language),
    genres: genres.length > 0 ? genres : undefined,
    trailerUrl: text(values.trailerUrl),
    description: text(values.description),
  };
}

function isFilmField(value: string): value is FilmField {
  return Object.hasOwn(EMPTY_FILM, value);
}

export function validateFilm(values: FilmFormValues): FilmErrors {
  const result = catalogOperations['movies.create'].input.safeParse(toCreateInput(values));
  if (result.success) return {};
  const errors: FilmErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (isFilmField(field) && !errors[field]) errors[field] = FRIENDLY[field];
  }
  return errors;
}

/**
 * The server's `details.fields` onto the inputs: its messages are fragments ("must not be empty"), so
 * they get the field's label in front. Errors on fields the form does not have come back separately.
 */
export function serverFieldErrors(fields: readonly FieldError[]): { errors: FilmErrors; other: string[] } {
  const errors: FilmErrors = {};
  const other: string[] = [];
  for (const { path, message } of fields) {
    const field = path.split('.')[0] ?? '';
    if (isFilmField(field)) {
      const sentence = /^[a-z]/.test(message) ? `${FIELD_LABELS[field]} ${message}` : message;
      errors[field] ??= sentence.endsWith('.') ? sentence : `${sentence}.`;
    } else {
      other.push(path ? `${path}: ${message}` : message);
    }
  }
  return { errors, other };
}
