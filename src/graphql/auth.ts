import { createHash, timingSafeEqual } from 'node:crypto';
import type { Caller } from './context';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The caller named by an `Authorization: Bearer <key>` header, or null. Keys are compared
 * as fixed-length digests in constant time, so timing tells nothing about a key.
 */
export function callerFromHeader(
  header: string | undefined,
  apiKeys: ReadonlyMap<string, string>,
): Caller | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return null;
  const given = digest(match[1]!);
  for (const [key, name] of apiKeys) {
    if (timingSafeEqual(given, digest(key))) return { name };
  }
  return null;
}
