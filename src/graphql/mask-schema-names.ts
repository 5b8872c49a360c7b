import type { ApolloServerPlugin } from '@apollo/server';

/**
 * In production, error messages must not tell a stranger the schema: graphql-js's validation
 * messages quote names the request never used (`on type "Query"`, `of type "[City!]!"`,
 * `argument "actionId" of type "ID!"`), from which a tool like clairvoyance rebuilds the
 * schema with introspection off. Every quoted name the request itself does not contain becomes
 * "…"; what the client wrote stays, so the message still points at its mistake.
 */
export function maskSchemaNames<TContext extends object>(): ApolloServerPlugin<TContext> {
  const identifiers = (text: string) => text.match(/[_A-Za-z][_0-9A-Za-z]*/g) ?? [];
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const named = new Set(identifiers(request.query ?? ''));
          const mask = (message: string) =>
            message.replace(/"[^"]*"/g, (quoted) =>
              identifiers(quoted).every((word) => named.has(word)) ? quoted : '"…"',
            );
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            message: mask(error.message),
          }));
        },
      };
    },
  };
}
