import fs from 'node:fs';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import {
  Kind,
  parse,
  print,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { Context } from './context';

export const OPERATIONS_PATH = path.join(__dirname, '..', '..', 'contract', 'operations.graphql');

export interface WarmUpSummary {
  /** The queries run, by name. */
  operations: string[];
  /** Errors other than the expected NOT_FOUND of the placeholder ids. */
  unexpected: Array<{ operation: string; message: string; code: unknown }>;
  ms: number;
}

/** Placeholder values for required variables; null where an operation cannot be run blind. */
function placeholder(definition: VariableDefinitionNode): unknown {
  const type = definition.type;
  if (type.kind !== Kind.NON_NULL_TYPE || type.type.kind !== Kind.NAMED_TYPE) return undefined;
  const placeholders: Record<string, unknown> = {
    ID: 'warm-up/none',
    String: 'warm up',
    Int: 1,
    Boolean: false,
  };
  return placeholders[type.type.name.value] ?? null;
}

/**
 * Runs every query of the contract's operations once, with placeholder arguments, so that
 * Neo4j has planned their Cypher before the first client asks: a deep selection's first
 * query otherwise waits 0.5–5 s for the planner. The plans
 * depend on the query text only, which depends on the selection, not on the arguments.
 * Mutations are left out.
 */
export async function warmUp(
  apollo: ApolloServer<Context>,
  contextValue: () => Context,
  operationsPath = OPERATIONS_PATH,
): Promise<WarmUpSummary> {
  const started = Date.now();
  const summary: WarmUpSummary = { operations: [], unexpected: [], ms: 0 };
  const queries = parse(fs.readFileSync(operationsPath, 'utf8')).definitions.filter(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query',
  );
  for (const query of queries) {
    const variables = Object.fromEntries(
      (query.variableDefinitions ?? []).map((d) => [d.variable.name.value, placeholder(d)]),
    );
    if (Object.values(variables).includes(null)) continue;
    const name = query.name?.value ?? '(anonymous)';
    const response = await apollo.executeOperation(
      { query: print(query), variables },
      { contextValue: contextValue() },
    );
    summary.operations.push(name);
    const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
    for (const error of errors ?? []) {
      if (error.extensions?.code === 'NOT_FOUND') continue;
      summary.unexpected.push({
        operation: name,
        message: error.message,
        code: error.extensions?.code,
      });
    }
  }
  summary.ms = Date.now() - started;
  return summary;
}
