import { applyDecorators, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';

import { DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET } from './history-query-parser';
import { type ColumnType, type FilterValueSpec, type HistoryRoute } from './history-route';

const COLUMN_SCHEMAS: Record<ColumnType, Record<string, unknown>> = {
  int: { type: 'integer' },
  number: { type: 'number' },
  string: { type: 'string' },
  bool: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  'string[]': { type: 'array', items: { type: 'string' } },
  'object[]': { type: 'array', items: { type: 'object' } },
};

function valueSchema(spec: FilterValueSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'integer':
      return { type: 'integer', minimum: spec.min, maximum: spec.max };
    case 'ref':
      return { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64})*$' };
    case 'choice':
      return { type: 'string', enum: Object.keys(spec.choices) };
  }
}

/**
 * A GET route of the history API, documented from its definition: each filter a described query
 * parameter, plus `limit`, `offset` and `format`, and the page envelope with the row schema.
 */
export function HistoryRouteDoc(route: HistoryRoute): MethodDecorator {
  const row = {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(route.columns).map(([name, type]) => [
        name,
        { ...COLUMN_SCHEMAS[type], nullable: true },
      ]),
    ),
  };
  return applyDecorators(
    Get(route.path),
    ApiOperation({
      summary: route.summary,
      description: [
        route.description,
        'Every parameter is optional. Unknown parameters and malformed values are refused with 400 naming the ' +
          'parameter. JSON pages carry `total` and `next`; `format=csv` (or `Accept: text/csv`) returns CSV ' +
          'with `X-Total-Count` and a `Link: <…>; rel="next"` header.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    }),
    ...route.filters.map((filter) =>
      ApiQuery({
        name: filter.name,
        required: false,
        description: filter.description,
        schema: { ...valueSchema(filter.value), ...(filter.default ? { default: filter.default } : {}) },
      }),
    ),
    ApiQuery({
      name: 'limit',
      required: false,
      description: `Rows per page, 1–${MAX_LIMIT}.`,
      schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    }),
    ApiQuery({
      name: 'offset',
      required: false,
      description: 'Rows to skip (follow `next` rather than computing it).',
      schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
    }),
    ApiQuery({
      name: 'format',
      required: false,
      description: '`json` (default) or `csv`; overrides the Accept header.',
      schema: { type: 'string', enum: ['json', 'csv'] },
    }),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      description: 'One page of matching rows',
      schema: {
        type: 'object',
        properties: {
          total: { type: 'integer', description: 'Rows matching the filters, over all pages' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
          next: {
            type: 'string',
            nullable: true,
            description: 'Path and query of the next page; null on the last',
          },
          data: { type: 'array', items: row },
        },
      },
    }),
    ApiBadRequestResponse({
      description: 'Unknown parameter or malformed value; each named in `errors[].parameter`',
    }),
  );
}
