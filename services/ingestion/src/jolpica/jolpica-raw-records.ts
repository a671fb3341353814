import { contentHash, type RawRecordInput } from '@slipstream/contracts';
import { type JolpicaResource } from '@slipstream/historical';

import { type MrDataPage } from './mr-data-page';

export interface RawRecordToPublish {
  /** `Nats-Msg-Id`: source, resource, natural key and content hash, so a re-fetch publishes nothing new. */
  messageId: string;
  record: RawRecordInput;
}

/** One RAW record per item of the page's MRData list (a Race with its Results, a Driver…), as received. */
export function jolpicaRawRecords(
  resource: JolpicaResource,
  page: MrDataPage,
  receivedAt: string,
): RawRecordToPublish[] {
  return page.items.map((item, index) => {
    const key = naturalKeyOf(resource, item);
    return {
      messageId: `jolpica:${resource}:${key}:${contentHash(item)}`,
      record: {
        source: 'jolpica',
        resource,
        key,
        receivedAt,
        meta: { url: page.url, offset: page.offset, limit: page.limit, total: page.total, index },
        payload: item,
      },
    };
  });
}

const KEY_FIELDS: Partial<Record<JolpicaResource, string>> = {
  seasons: 'season',
  circuits: 'circuitId',
  drivers: 'driverId',
  constructors: 'constructorId',
  status: 'statusId',
};

/** A season/round for race-scoped items (a page may hold part of a race: the hash tells the parts apart). */
function naturalKeyOf(resource: JolpicaResource, item: unknown): string {
  const fields = (item ?? {}) as Record<string, unknown>;
  const keyField = KEY_FIELDS[resource];
  if (keyField) return String(fields[keyField]);
  return [fields.season, fields.round].filter((part) => part !== undefined).join('/');
}
