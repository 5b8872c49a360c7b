import { z } from 'zod';
import { BadInputError } from './errors';

/** Checks arguments against a zod schema; the first problem becomes a BadInputError naming its path. */
export function parseArgs<T extends z.ZodType>(schema: T, args: unknown): z.output<T> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new BadInputError(issue.path.join('.'), issue.message);
}

export const id = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
