import { z } from 'zod';
import { id, listInput, localDate, noContent, op, page, requiredText, text, timestamp } from './_prelude';

export const MOVIE_STATUSES = ['active', 'archived'] as const;
export const POSTER_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const POSTER_MAX_BYTES = 5 * 1024 * 1024;

export const movie = z.object({
  id: z.number().int(),
  title: z.string(),
  durationMinutes: z.number().int(),
  description: z.string().nullable(),
  releaseDate: z.string().nullable(),
  genres: z.array(z.string()),
  language: z.string().nullable(),
  certificate: z.string().nullable(),
  trailerUrl: z.string().nullable(),
  status: z.enum(MOVIE_STATUSES),
  posterUrl: z.string().nullable().describe('Relative URL of the poster image, or null'),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Movie = z.infer<typeof movie>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500);

const movieFields = {
  title: requiredText(200),
  durationMinutes: z.number().int('must be a whole number of minutes').min(1).max(900),
  description: text(5000).nullable(),
  releaseDate: localDate.nullable(),
  genres: z.array(requiredText(40)).max(10),
  language: requiredText(40).nullable(),
  certificate: requiredText(10).nullable(),
  trailerUrl: httpUrl.nullable(),
};

export const catalogOperations = {
  /** The programme's films, newest first; archived ones only when asked for. */
  'movies.list': op({
    summary: 'List films',
    tag: 'Movies',
    input: listInput.extend({
      status: z.enum([...MOVIE_STATUSES, 'all']).default('active'),
      q: z.string().trim().max(100).optional().describe('Search in titles'),
    }),
    output: page(movie),
    access: 'public',
    rest: { method: 'GET', path: '/movies' },
  }),
  'movies.get': op({
    summary: 'Get a film',
    tag: 'Movies',
    input: z.object({ movieId: id }),
    output: movie,
    access: 'public',
    rest: { method: 'GET', path: '/movies/{movieId}' },
  }),
  /** Add a film to the catalog (the replaced app's POST /api/movies/). */
  'movies.create': op({
    summary: 'Create a film',
    tag: 'Movies',
    input: z.object({
      title: movieFields.title,
      durationMinutes: movieFields.durationMinutes,
      description: movieFields.description.optional(),
      releaseDate: movieFields.releaseDate.optional(),
      genres: movieFields.genres.optional(),
      language: movieFields.language.optional(),
      certificate: movieFields.certificate.optional(),
      trailerUrl: movieFields.trailerUrl.optional(),
    }),
    output: movie,
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/movies', status: 201 },
  }),
  /** Change a film; the duration cannot change while future showtimes use the film. */
  'movies.update': op({
    summary: 'Update a film',
    tag: 'Movies',
    input: z.object({
      movieId: id,
      title: movieFields.title.optional(),
      durationMinutes: movieFields.durationMinutes.optional(),
      description: movieFields.description.optional(),
      releaseDate: movieFields.releaseDate.optional(),
      genres: movieFields.genres.optional(),
      language: movieFields.language.optional(),
      certificate: movieFields.certificate.optional(),
      trailerUrl: movieFields.trailerUrl.optional(),
      status: z.enum(MOVIE_STATUSES).optional(),
    }),
    output: movie,
    access: ['admin', 'manager'],
    rest: { method: 'PATCH', path: '/movies/{movieId}' },
  }),
  /** Remove a film: deleted when never scheduled, archived when only past showtimes used it, refused (409) with future ones. */
  'movies.delete': op({
    summary: 'Delete or archive a film',
    tag: 'Movies',
    input: z.object({ movieId: id }),
    output: noContent,
    access: ['admin', 'manager'],
    rest: { method: 'DELETE', path: '/movies/{movieId}', status: 204 },
  }),
  /**
   * Upload a poster (PNG, JPEG or WebP, at most 5 MiB; the bytes must match the type). Over REST the body
   * is the raw image with its Content-Type; over RPC and IPC it is base64 in `data`.
   */
  'movies.setPoster': op({
    summary: 'Upload a film poster',
    tag: 'Movies',
    input: z.object({
      movieId: id,
      contentType: z.enum(POSTER_TYPES),
      data: z
        .string()
        .max(Math.ceil((POSTER_MAX_BYTES * 4) / 3) + 4)
        .describe('Base64 image bytes'),
    }),
    output: movie,
    access: ['admin', 'manager'],
  }),
};
