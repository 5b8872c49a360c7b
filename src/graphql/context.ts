import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { Repositories } from '../repositories';

/** Who sent a request: the holder's name from API_KEYS, or null for anonymous reads. */
export interface Caller {
  name: string;
}

export interface Context {
  db: Database;
  repos: Repositories;
  caller: Caller | null;
  requestId: string;
  /** The server's logger: name the request id in what you log. */
  logger: Logger;
}
