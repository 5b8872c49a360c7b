import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { findAnswer, storeAnswer } from '../curation/idempotency';
import { ConflictError } from '../errors';
import type { Context } from './context';
import { formatError } from './format-error';

/**
 * `Idempotency-Key` on a mutation: a retry with the same key and the same request gets the
 * first answer again, without running the mutation a second time; the same key with another
 * request is refused with CONFLICT. Keys are per API key holder; only answers without errors
 * are kept (a refused write may be retried once its cause is fixed).
 */
export function idempotencyPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get('idempotency-key');
      if (!key) return;
      let toStore: { by: string; hash: string } | null = null;
      return {
        async responseForOperation({ operation, contextValue: ctx }) {
          if (operation.operation !== 'mutation' || !ctx.caller) return null;
          const hash = createHash('sha256')
            .update(JSON.stringify([request.query, request.operationName, request.variables]))
            .digest('hex');
          const stored = await findAnswer(ctx.db, key, ctx.caller.name);
          if (!stored) {
            toStore = { by: ctx.caller.name, hash };
            return null;
          }
          if (stored.hash !== hash) return conflict(key);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: JSON.parse(stored.response) },
          };
        },
        async willSendResponse({ response, contextValue: ctx }) {
          if (!toStore || response.body.kind !== 'single' || response.body.singleResult.errors) {
            return;
          }
          await storeAnswer(ctx.db, key, toStore.by, {
            hash: toStore.hash,
            response: JSON.stringify(response.body.singleResult),
          });
        },
      };
    },
  };
}

/**
 * The refusal of a reused key, as a domain error: the plugin answers before execution, where
 * Apollo does not call formatError, so it is called here.
 */
function conflict(key: string): GraphQLResponse {
  const error = new ConflictError(`Idempotency-Key '${key}' was used for another request.`);
  return {
    http: { status: undefined, headers: new HeaderMap() },
    body: {
      kind: 'single',
      singleResult: {
        errors: [formatError({ message: error.message }, error)],
      },
    },
  };
}
