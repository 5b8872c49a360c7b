import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  GraphQLError,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Without a tracer provider (tracing off) its spans are no-ops. */
const tracer = trace.getTracer('creative-cities-graph/graphql');

/**
 * Execution by graphql-jit instead of graphql-js, measured in bench/README.md ("graphql-jit"):
 * our resolvers are property reads of one query's answer, so on a large answer graphql-js's
 * generic executor — a walk over every field of every object — costs about as much again as
 * Neo4j; graphql-jit compiles each operation once into a function that does that walk
 * directly. Apollo still parses, validates (armor's limits included), runs the plugins and
 * formats errors. Apollo Server takes another executor only through its gateway interface,
 * hence the shape of this object; the schema never changes at run time.
 */
export function jitExecution(schema: GraphQLSchema): GatewayInterface {
  // Apollo's document cache hands out the same DocumentNode for the same query text, so a
  // compiled operation lives as long as its parsed document does.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined) => {
    let operations = compiled.get(document);
    if (!operations) {
      operations = new Map();
      compiled.set(document, operations);
    }
    let operation = operations.get(operationName ?? '');
    if (!operation) {
      // Built-in scalars and enums go out as the read path made them (strings, numbers,
      // booleans, enum names: src/translate decodes them so) instead of through graphql-js's
      // serializers: jit's serializer call per leaf allocates its error locations and path
      // eagerly, a quarter of a large list's garbage (bench/README.md, "Where we stand").
      const result = compileQuery(schema, document, operationName, {
        disableLeafSerialization: true,
      });
      if (!isCompiledQuery(result)) return result;
      operation = result;
      operations.set(operationName ?? '', operation);
    }
    return operation;
  };

  const execute: GatewayExecutor = async ({ document, operation, request, context }) => {
    // Variables are checked by graphql-js as its own execution would: its errors name their
    // variable's definition, from which Apollo answers BAD_USER_INPUT (HTTP 400).
    const variables = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      request.variables ?? {},
    );
    if (variables.errors) return { errors: variables.errors };
    const compiledOperation = compiledFor(document, operation.name?.value);
    if (!isCompiledQuery(compiledOperation)) return compiledOperation;
    return asGraphQLErrors(
      await compiledOperation.query(undefined, context, request.variables ?? {}),
    );
  };

  // OpenTelemetry's GraphQL instrumentation (src/tracing.ts) sees graphql-js's parse and
  // validation but not this execution: its span is made here, named and described as that
  // instrumentation names them, and active meanwhile so that the Neo4j queries lie under it.
  const executor: GatewayExecutor = (request) =>
    tracer.startActiveSpan(
      'graphql.execute',
      {
        attributes: {
          'graphql.operation.type': request.operation.operation,
          'graphql.operation.name': request.operation.name?.value ?? '',
        },
      },
      async (span) => {
        try {
          const result = await execute(request);
          if (result.errors) span.setStatus({ code: SpanStatusCode.ERROR });
          return result;
        } finally {
          span.end();
        }
      },
    );

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}

/**
 * graphql-jit's errors are not quite graphql-js's: their `message` is read-only (graphql-armor
 * rewrites messages in production to hide field suggestions) and an error without extensions
 * has `undefined` there (Apollo's formatting expects an object). Each becomes a graphql-js
 * GraphQLError with the same message, path, locations, cause and extensions.
 */
function asGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  return {
    ...result,
    errors: result.errors.map((error) =>
      Object.assign(
        new GraphQLError(error.message, {
          path: error.path,
          originalError: error.originalError,
          extensions: error.extensions ?? {},
        }),
        // graphql-jit's errors know their locations but not the AST nodes they come from.
        { locations: error.locations },
      ),
    ),
  };
}
