/** One operation of contract/operations.graphql, as scripts/build-graphiql.mjs reads it. */
interface ContractOperation {
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The operation exactly as written in the contract, comments and layout kept. */
  text: string;
  /** The names of its variables, without `$`. */
  variables: string[];
}

/** Replaced at build time (esbuild `define`) by the contract's operations in file order. */
declare const __CONTRACT_OPERATIONS__: ContractOperation[];
