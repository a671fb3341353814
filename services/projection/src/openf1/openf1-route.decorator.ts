import { applyDecorators, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';

import { type AttributeType, type OpenF1Endpoint } from './endpoint';

const SCHEMA_TYPES: Record<AttributeType, string> = {
  int: 'integer',
  float: 'number',
  bool: 'boolean',
  date: 'string',
  string: 'string',
};

/**
 * A GET route for an OpenF1 endpoint, documented from its definition: every attribute is a query
 * parameter (with `>`, `>=`, `<`, `<=` written into the query string, as OpenF1 does), plus `csv`.
 */
export function OpenF1Route(endpoint: OpenF1Endpoint): MethodDecorator {
  const filterable = Object.entries(endpoint.attributes).filter(
    ([name]) => !endpoint.unavailable?.includes(name) && !endpoint.arrays?.includes(name),
  );
  const rowSchema = {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(endpoint.attributes).map(([name, type]) => [
        name,
        endpoint.arrays?.includes(name)
          ? { type: 'array', items: { type: SCHEMA_TYPES[type] } }
          : endpoint.perPartArrays?.includes(name)
            ? {
                oneOf: [
                  { type: SCHEMA_TYPES[type], nullable: true },
                  { type: 'array', items: { type: SCHEMA_TYPES[type], nullable: true } },
                ],
                description: 'qualifying: one value per part (Q1, Q2, Q3)',
              }
            : {
                type: SCHEMA_TYPES[type],
                nullable: true,
                ...(type === 'date' ? { format: 'date-time' } : {}),
              },
      ]),
    ),
  };
  return applyDecorators(
    Get(endpoint.name),
    ApiOperation({
      summary: endpoint.summary,
      description:
        'OpenF1-compatible. Filter on any attribute with =, >, >=, < or <= written into the query string, ' +
        'e.g. `speed>=315` or `date>2025-10-25T21:00:00`; repeat `=` for any of several values. `csv=true` returns CSV (RFC 4180, CRLF line endings).',
    }),
    ...filterable.map(([name, type]) =>
      ApiQuery({
        name,
        required: false,
        schema: { type: SCHEMA_TYPES[type] },
        description: `${type}; =, >, >=, <, <=`,
      }),
    ),
    ApiQuery({
      name: 'csv',
      required: false,
      schema: { type: 'boolean' },
      description: 'true: CSV instead of JSON',
    }),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({ description: 'Matching rows', schema: { type: 'array', items: rowSchema } }),
    ApiBadRequestResponse({
      description: 'Unknown attribute or malformed value, named in `errors[].parameter`',
    }),
  );
}
