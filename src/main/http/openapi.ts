/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the dispatcher parses with, so the
 * document cannot drift from what the server accepts. JSON Schema 2020-12 is OpenAPI 3.1's dialect.
 */
import { z } from 'zod';
import { operations, type OperationName } from '../../shared/contract/index';
import { ERRORS } from '../../shared/contract/errors';
import { API_BASE } from './rest';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function pathParams(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

function errorStatuses(name: OperationName): string[] {
  const op = operations[name];
  const statuses = ['400'];
  if (op.access !== 'public') statuses.push('401', '403');
  if (op.rest && /\{/.test(op.rest.path)) statuses.push('404');
  if (op.rest?.method !== 'GET') statuses.push('409');
  return statuses;
}

export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(operations) as OperationName[]) {
    const op = operations[name];
    if (!op.rest) continue;
    const params = pathParams(op.rest.path);
    const input = op.input as unknown as z.ZodObject;
    const shape = input.shape as Record<string, z.ZodType>;
    const parameters: unknown[] = params.map((param) => ({
      name: param,
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    }));
    let requestBody: unknown;
    const reads = op.rest.method === 'GET' || op.rest.method === 'DELETE';
    if (reads) {
      for (const [key, field] of Object.entries(shape)) {
        if (params.includes(key)) continue;
        const fieldSchema = schemaOf(field, 'input');
        parameters.push({
          name: key,
          in: 'query',
          required: !field.safeParse(undefined).success,
          schema: fieldSchema,
          ...(field.description && { description: field.description }),
        });
      }
    } else {
      const body = schemaOf(op.input, 'input');
      // Path parameters are not repeated in the body (in each branch of a union, too).
      const branches = [body, ...((body.oneOf ?? body.anyOf ?? []) as JsonSchema[])];
      for (const branch of branches) {
        const properties = branch.properties as Record<string, unknown> | undefined;
        for (const param of params) delete properties?.[param];
        if (Array.isArray(branch.required))
          branch.required = (branch.required as string[]).filter((field) => !params.includes(field));
      }
      requestBody = { required: true, content: { 'application/json': { schema: body } } };
    }
    const status = String(op.rest.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]:
        status === '204'
          ? { description: 'Done' }
          : { description: 'OK', content: { 'application/json': { schema: schemaOf(op.output, 'output') } } },
    };
    for (const code of errorStatuses(name)) responses[code] = { $ref: `#/components/responses/Error${code}` };
    if (op.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', maxLength: 200 },
        description: 'Repeat the same request safely: the same key and body returns the first answer.',
      });
    }
    const path = API_BASE + op.rest.path;
    paths[path] ??= {};
    paths[path][op.rest.method.toLowerCase()] = {
      operationId: name,
      summary: op.summary,
      tags: [op.tag],
      ...(op.access === 'public' ? { security: [] } : { description: `Roles: ${op.access.join(', ')}.` }),
      ...(parameters.length > 0 && { parameters }),
      ...(requestBody !== undefined && { requestBody }),
      responses,
    };
  }

  paths[`${API_BASE}/webhooks/stripe`] = {
    post: {
      operationId: 'webhooks.stripe',
      summary: operations['webhooks.stripe'].summary,
      tags: ['Payments'],
      security: [],
      description:
        'For Stripe only: the raw event body signed in the `Stripe-Signature` header with STRIPE_WEBHOOK_SECRET (5 minutes tolerance). A bad or stale signature: 400 `invalid_signature`. Each event id counts once.',
      parameters: [{ name: 'Stripe-Signature', in: 'header', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '200': {
          description: 'Received',
          content: { 'application/json': { schema: schemaOf(operations['webhooks.stripe'].output, 'output') } },
        },
        '400': { $ref: '#/components/responses/Error400' },
        '409': { $ref: '#/components/responses/Error409' },
        '413': { $ref: '#/components/responses/Error413' },
      },
    },
  };

  paths[`${API_BASE}/bookings/{bookingId}/tickets.pdf`] = {
    get: {
      operationId: 'tickets.pdf',
      summary: 'Tickets and receipt of a booking as a PDF (counted as a print; later copies are marked REPRINT)',
      tags: ['Tickets'],
      description: 'Whoever may read the booking.',
      parameters: [
        { name: 'bookingId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        {
          name: 'format',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['a4', 'thermal80'], default: 'a4' },
        },
      ],
      responses: {
        '200': { description: 'The PDF', content: { 'application/pdf': {} } },
        '400': { $ref: '#/components/responses/Error400' },
        '401': { $ref: '#/components/responses/Error401' },
        '404': { $ref: '#/components/responses/Error404' },
        '409': { $ref: '#/components/responses/Error409' },
      },
    },
  };

  paths[`${API_BASE}/movies/{movieId}/poster`] = {
    get: {
      operationId: 'movies.getPoster',
      summary: 'Get a film poster image',
      tags: ['Movies'],
      security: [],
      parameters: [{ name: 'movieId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: {
        '200': { description: 'The image', content: { 'image/png': {}, 'image/jpeg': {}, 'image/webp': {} } },
        '404': { $ref: '#/components/responses/Error404' },
      },
    },
    put: {
      operationId: 'movies.uploadPoster',
      summary: 'Upload a film poster (raw PNG, JPEG or WebP body, at most 5 MiB)',
      tags: ['Movies'],
      description: 'Roles: admin, manager.',
      parameters: [{ name: 'movieId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      requestBody: {
        required: true,
        content: {
          'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
          'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
          'image/webp': { schema: { type: 'string', contentMediaType: 'image/webp' } },
        },
      },
      responses: {
        '200': {
          description: 'The film',
          content: { 'application/json': { schema: schemaOf(operations['movies.get'].output, 'output') } },
        },
        '400': { $ref: '#/components/responses/Error400' },
        '401': { $ref: '#/components/responses/Error401' },
        '403': { $ref: '#/components/responses/Error403' },
        '404': { $ref: '#/components/responses/Error404' },
        '413': { $ref: '#/components/responses/Error413' },
        '415': { $ref: '#/components/responses/Error415' },
      },
    },
  };

  const errorSchema = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERRORS) },
          message: { type: 'string' },
          details: { type: 'object', description: 'For validation_failed: {"fields": [{"path", "message"}]}' },
        },
      },
    },
  };
  const statuses = [...new Set(Object.values(ERRORS).map((entry) => entry.status))].sort();
  const errorResponses = Object.fromEntries(
    statuses.map((status) => [
      `Error${status}`,
      {
        description: Object.entries(ERRORS)
          .filter(([, entry]) => entry.status === status)
          .map(([code]) => code)
          .join(', '),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'Marquee box office API',
      version,
      description:
        'The programme, seat maps, holds, bookings, payments and check-in of a Marquee box office. ' +
        'JSON in and out with camelCase fields; money in integer minor units with its currency; ' +
        "timestamps ISO-8601 with an offset; dates YYYY-MM-DD in the theater's time zone. " +
        'Lists answer {"items", "nextCursor"} and take ?limit= (default 50, max 200) and ?cursor=.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token from POST /api/v1/auth/login, or an API key.',
        },
      },
      schemas: { Error: errorSchema },
      responses: errorResponses,
    },
  };
}
