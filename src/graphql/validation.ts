import { z } from 'zod';
import { id } from '../validation';

// The resolvers validate with the same helper and id rule as the curation service.
export { id, parseArgs } from '../validation';

/** The arguments of the API's reads (the writes' are the curation service's, src/curation/inputs.ts). */
export const searchArgs = z.object({
  text: z.string().max(200, 'at most 200 characters'),
  first: z.number().int().min(1, 'at least 1').max(50, 'at most 50'),
});
export const neighbourhoodArgs = z.object({
  id,
  depth: z.number().int().min(1, 'at least 1').max(3, 'at most 3'),
  limit: z.number().int().min(1, 'at least 1').max(500, 'at most 500'),
});
export const connectionArgs = z.object({
  fromId: id,
  toId: id,
  maxHops: z.number().int().min(1, 'at least 1').max(10, 'at most 10'),
});

export const changesArgs = z.object({
  entityId: id.nullish(),
  first: z.number().int().min(1, 'at least 1').max(200, 'at most 200'),
});

/** Connections page with opaque cursors that encode an offset, as the Neo4j GraphQL Library does. */
export const MAX_PAGE = 100;
export const pageArgs = z.object({
  first: z.number().int().min(0, 'at least 0').max(MAX_PAGE, `at most ${MAX_PAGE}`),
  after: z
    .string()
    .nullish()
    .transform((cursor, ctx) => {
      if (cursor == null) return 0;
      const offset = decodeCursor(cursor);
      if (offset === null) {
        ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave out' });
        return z.NEVER;
      }
      return offset + 1;
    }),
});

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}
