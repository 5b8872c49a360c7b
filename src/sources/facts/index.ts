import { DEFAULT_FACTS_PATH, factFileDocumentId } from '../../ingest/documents';
import { readYaml } from '../../ingest/annotations';
import path from 'node:path';
import type { SourcePlugin } from '../types';
import { DEFAULT_IDENTITIES_PATH, Facts, readFacts } from './read';
import { factsToGraph } from './to-graph';

/** A fact file (data/sources/*-facts.yaml: facts citing documents) as a source. */
export function factFileSource(
  factsPath = DEFAULT_FACTS_PATH,
  identitiesPath = DEFAULT_IDENTITIES_PATH,
): SourcePlugin<Facts> {
  return {
    name: `facts:${path.basename(factsPath)}`,
    documentIds: () => {
      const { documents } = readYaml(path.dirname(factsPath), path.basename(factsPath)) as {
        documents: Array<{ id: string }>;
      };
      return documents.map((document) => factFileDocumentId(document.id));
    },
    read: () => readFacts(factsPath, identitiesPath),
    toGraph: (facts, context) => ({
      ...factsToGraph(facts, context),
      // a load records one Change, of one document: the file's first is its principal one
      document: { id: factFileDocumentId(facts.documentIds[0]!), title: facts.file },
    }),
  };
}
