/**
 * How the graph stores where its facts come from, beside the facts themselves: shared by the
 * loader (src/ingest), the curation service (src/curation) and the read path (src/translate).
 */

/**
 * The ids of the documents whose loads state a node or relationship (a list property on it):
 * a load removes what its document no longer states unless this still names another document
 * (or a curator made or changed it).
 */
export const DOCUMENT_IDS = 'documentIds';

/**
 * Where a property has a curated value (listed in the node's `curatedProperties`), the
 * documents' value is kept beside it as `stated:<property>`, so that both can be shown as
 * claims and a load can tell whether the document changed its value.
 */
export const STATED_VALUE_PREFIX = 'stated:';

/**
 * The label that takes the place of `Entity` and its kind on an entity a curator retracted
 * (deleted though documents state it): the read path matches kinds by label, so a retracted
 * entity is out of every read; its relationships stay for a restore.
 */
export const RETRACTED_LABEL = 'Retracted';

/**
 * A relationship a curator deleted though documents state it: a node with the relationship's
 * identity (`from|TYPE|to|key`) as its id, which the loader does not write again.
 */
export const RETRACTED_LINK_LABEL = 'RetractedLink';

/** The identity of a relationship, as a RetractedLink's id and the loader's removal name it. */
export const linkIdentity = (from: string, type: string, to: string, key?: string | null) =>
  `${from}|${type}|${to}|${key ?? ''}`;
