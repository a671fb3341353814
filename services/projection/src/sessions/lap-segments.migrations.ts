import { type Migration } from '@slipstream/clickhouse';

/** Mini-sector statuses of each lap (OpenF1's segments_sector_1..3); empty for laps projected before. */
export const lapSegmentsMigrations: Migration[] = [
  {
    version: 207,
    name: 'session_laps: mini-sector statuses',
    statements: [
      `ALTER TABLE session_laps
        ADD COLUMN IF NOT EXISTS segments_sector_1 Array(UInt16),
        ADD COLUMN IF NOT EXISTS segments_sector_2 Array(UInt16),
        ADD COLUMN IF NOT EXISTS segments_sector_3 Array(UInt16)`,
    ],
  },
];
