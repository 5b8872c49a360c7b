// Constraints and indexes of the Creative Cities graph (docs/graph-model.md).
// Every statement is idempotent (IF NOT EXISTS); src/ingest/schema.ts runs them one by one,
// split at the semicolons that end a line.

// Ids are unique on :Entity and every label of the model, and every entity kind's name has a
// range index: src/ingest/schema.ts makes those from src/model. What is not in the model:
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
// Curation: creations of one label take turns on their lock node (src/curation/writes.ts),
// which concurrent MERGEs must not make twice; an Idempotency-Key's first answer, once per key.
CREATE CONSTRAINT creation_lock_id IF NOT EXISTS FOR (n:CreationLock) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (n:Idempotency) REQUIRE (n.key, n.by) IS UNIQUE;
// Retractions (src/curation/writes.ts): a relationship a curator deleted though a document states
// it, once per identity; a retracted entity is found by its id for a restore.
CREATE CONSTRAINT retracted_link_id IF NOT EXISTS FOR (n:RetractedLink) REQUIRE n.id IS UNIQUE;
CREATE INDEX retracted_id IF NOT EXISTS FOR (n:Retracted) ON (n.id);

// Filters of the API's lists.
CREATE INDEX meeting_year IF NOT EXISTS FOR (n:Meeting) ON (n.year);
CREATE INDEX meeting_status IF NOT EXISTS FOR (n:Meeting) ON (n.status);
CREATE INDEX institution_kind IF NOT EXISTS FOR (n:Institution) ON (n.kind);
CREATE INDEX action_kind IF NOT EXISTS FOR (n:Action) ON (n.kind);

// The history: an entity's changes (Query.changes(entityId:)), and all changes newest first.
CREATE INDEX change_entity IF NOT EXISTS FOR (n:Change) ON (n.entityId);
CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at);

// Search over names, aliases, descriptions, titles and statements (src/translate/search.ts):
// - searchFolded_v2 (`standard-folding`: lower case, accents folded, so "Gdansk" finds
//   "Gdańsk"; English stopwords dropped) over everything, for exact words, prefixes and typos,
//   including a statement's section (the report's headings: "Genua, Italien (2011) > Thema");
// - searchEnglish_v2 and searchGerman_v2 stem ("exhibitions" finds "exhibition",
//   "Ausstellungen" finds "Ausstellung") the texts of their language (aliases in both).
// IF NOT EXISTS keeps an existing index as it is, so an index whose definition changes gets a
// new version in its name, and the one it replaces is dropped here (entitySearch was v1).
DROP INDEX entitySearch IF EXISTS;
CREATE FULLTEXT INDEX searchFolded_v2 IF NOT EXISTS
FOR (n:Entity|Statement)
ON EACH [n.name, n.nameDe, n.aliases, n.title, n.description, n.descriptionDe, n.text, n.textEn,
  n.section]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } };
CREATE FULLTEXT INDEX searchEnglish_v2 IF NOT EXISTS
FOR (n:Entity|Statement)
ON EACH [n.name, n.aliases, n.title, n.description, n.textEn]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'english' } };
CREATE FULLTEXT INDEX searchGerman_v2 IF NOT EXISTS
FOR (n:Entity|Statement)
ON EACH [n.nameDe, n.aliases, n.descriptionDe, n.text]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'german' } };
