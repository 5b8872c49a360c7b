import { API_KEY_HEADERS, EXAMPLE_VARIABLES } from './examples';

/** A tab as GraphiQL's `defaultTabs` takes it. */
export interface Tab {
  query: string;
  variables?: string | null;
  headers?: string | null;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

const API_KEY_NOTE = [
  '# Changes the graph: needs an API key. Open "Headers" below and replace <key>:',
  '#   {"Authorization": "Bearer <key>"}',
  '',
].join('\n');

/**
 * One tab per contract operation, in the contract's order: its text, example variables
 * (an operation with variables but no example gets each variable as null to fill in) and,
 * for mutations, a note and a headers template for the API key.
 */
export function contractTabs(operations: readonly ContractOperation[]): Tab[] {
  return operations.map((op) => {
    const mutation = op.type === 'mutation';
    const example =
      EXAMPLE_VARIABLES[op.name] ??
      (op.variables.length ? Object.fromEntries(op.variables.map((v) => [v, null])) : null);
    return {
      query: mutation ? `${API_KEY_NOTE}${op.text}` : op.text,
      variables: example ? json(example) : null,
      headers: mutation ? json(API_KEY_HEADERS) : null,
    };
  });
}
