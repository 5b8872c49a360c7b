import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';

export const CONTRACT_DIR = path.join(__dirname, '..', '..', 'contract');

/** The operations of contract/operations.graphql by name, each as its own document text. */
export function contractOperations(): Map<string, string> {
  const document = parse(fs.readFileSync(path.join(CONTRACT_DIR, 'operations.graphql'), 'utf8'));
  return new Map(
    document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
      .map((d) => [d.name!.value, print(d)]),
  );
}
