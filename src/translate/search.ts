/**
 * The search query: full-text candidates from the three search indexes (cypher/schema.cypher),
 * ranked first by how their names match, then by relevance. Its parameters are the
 * SearchTerms of ./search-terms.ts, $limit and $candidates.
 */
import Cypher from '@neo4j/cypher-builder';
import { nodeLabel, relationshipType } from './model-names';
import type { Built } from './queries';
import { nodeProjection } from './projection';
import type { NodeSelection } from './selection';

/**
 * The full-text queries of a search: the index, the parameter holding the Lucene query, and
 * whether it asks the names only (then its hits hold all words in a name, maybe with typos).
 */
const INDEX_QUERIES = [
  ['searchFolded_v2', 'folded', false],
  ['searchEnglish_v2', 'stemmed', false],
  ['searchGerman_v2', 'stemmed', false],
  ['searchFolded_v2', 'foldedNames', true],
] as const;

/** What a search reads of its hits' entities and statements (null: statements are not read). */
export interface SearchSelection {
  readonly entity: NodeSelection;
  readonly statement: NodeSelection | null;
}

export interface SearchRow {
  score: number;
  entity: unknown;
  statement: unknown;
}

const param = (name: string) => new Cypher.NamedParam(name);

// The builder writes a normal form as a string ('NFD'); Cypher wants the bare keyword.
const NFD = new Cypher.Raw('NFD');

/**
 * Search: at most $limit entities out of the first $candidates matches of each index. A
 * statement hit stands for the meeting it belongs to; each entity comes once, with its best
 * relevance (and the statement that scored it, if any).
 *
 * The score orders hits by tier first: 4 a name or alias is the text, 3 a name starts with it,
 * 2 a name holds all its words, 1 a name holds them with typos, 0 the rest (descriptions,
 * statements); within a tier, a name of as many words as the text comes first (+0.5), then
 * relevance squeezed into [0, 0.5): the sum of the Lucene scores of the hit in the queries (a
 * word found exactly, by its stem and in a name counts more).
 */
export function searchQuery(selection: SearchSelection): Built<SearchRow[]> {
  const node = () => new Cypher.Node();
  const [hit, meeting, entity, statement] = [node(), node(), node(), node()];
  const variable = () => new Cypher.Variable();
  const [relevance, inNames, best, names, name, word, tier, score] = [
    variable(),
    variable(),
    variable(),
    variable(),
    variable(),
    variable(),
    variable(),
    variable(),
  ];
  const entityProjection = nodeProjection(entity, selection.entity);
  const statementProjection = selection.statement
    ? nodeProjection(statement, selection.statement)
    : null;

  const candidates = new Cypher.Union(
    ...INDEX_QUERIES.map(([index, query, namesOnly]) =>
      Cypher.db.index.fulltext
        .queryNodes(index, param(query), { limit: param('candidates') })
        .yield(['node', hit], ['score', relevance])
        .return(hit, relevance, [new Cypher.Literal(namesOnly), inNames]),
    ),
  ).all();
  const isStatement = hit.hasLabel(nodeLabel('Statement'));
  const anyName = (pattern: Cypher.Expr) => Cypher.any(name, names, Cypher.matches(name, pattern));
  const query = new Cypher.Call(candidates, [])
    .with(hit, [Cypher.sum(relevance), relevance], [Cypher.max(inNames), inNames])
    .optionalMatch(
      new Cypher.Pattern(meeting, { labels: nodeLabel('Meeting') })
        .related({ type: relationshipType('HAS_TOPIC', 'HAS_OUTCOME'), direction: 'right' })
        .to(hit),
    )
    .with(
      relevance,
      inNames,
      [new Cypher.Case().when(isStatement).then(meeting).else(hit), entity],
      [new Cypher.Case().when(isStatement).then(hit), statement],
    )
    .where(Cypher.isNotNull(entity))
    .with(entity, relevance, inNames, statement)
    .orderBy([relevance, 'DESC'])
    .with(
      entity,
      [Cypher.head(Cypher.collect(new Cypher.Map({ relevance, statement }))), best],
      [Cypher.max(inNames), inNames],
    )
    .with(
      entity,
      inNames,
      [best.property('relevance'), relevance],
      [best.property('statement'), statement],
      // Its names as the patterns of SearchTerms expect them: lower case, accents apart.
      [
        new Cypher.ListComprehension(name)
          .in(
            Cypher.plus(
              new Cypher.List([entity.property('name'), entity.property('nameDe')]),
              Cypher.coalesce(entity.property('aliases'), new Cypher.List([])),
            ),
          )
          .where(Cypher.isNotNull(name))
          .map(Cypher.normalize(Cypher.toLower(name), NFD)),
        names,
      ],
    )
    .with(entity, relevance, statement, names, [
      new Cypher.Case()
        .when(anyName(param('exactName')))
        .then(new Cypher.Literal(4))
        .when(anyName(param('namePrefix')))
        .then(new Cypher.Literal(3))
        .when(
          Cypher.any(name, names, Cypher.all(word, param('nameWords'), Cypher.matches(name, word))),
        )
        .then(new Cypher.Literal(2))
        .when(Cypher.eq(inNames, Cypher.true))
        .then(new Cypher.Literal(1))
        .else(new Cypher.Literal(0)),
      tier,
    ])
    .with(entity, statement, [
      Cypher.plus(
        Cypher.plus(
          tier,
          // a name of as many words as the text ("Ljubljana" for "Ljubljna") before a longer
          // name that holds them ("ISC meeting, Ljubljana 2011")
          new Cypher.Case()
            .when(
              Cypher.any(
                name,
                names,
                Cypher.eq(
                  Cypher.size(Cypher.split(name, new Cypher.Literal(' '))),
                  Cypher.size(param('nameWords')),
                ),
              ),
            )
            .then(new Cypher.Literal(0.5))
            .else(new Cypher.Literal(0)),
        ),
        Cypher.divide(
          relevance,
          Cypher.multiply(new Cypher.Literal(2), Cypher.plus(relevance, new Cypher.Literal(1))),
        ),
      ),
      score,
    ])
    .orderBy([score, 'DESC'], entity.property('id'))
    .limit(param('limit'))
    .return(
      [score, 'score'],
      [entityProjection.expr, 'entity'],
      [
        statementProjection
          ? new Cypher.Case().when(Cypher.isNotNull(statement)).then(statementProjection.expr)
          : Cypher.Null,
        'statement',
      ],
    );
  return {
    cypher: query.build().cypher,
    decode: (rows) =>
      rows.map((row) => ({
        score: row.score as number,
        entity: entityProjection.decode(row.entity),
        statement:
          statementProjection && row.statement !== null
            ? statementProjection.decode(row.statement)
            : null,
      })),
  };
}
