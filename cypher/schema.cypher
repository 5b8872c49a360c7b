// Constraints and indexes of the Creative Cities graph (docs/graph-model.md).
// Every statement is idempotent (IF NOT EXISTS); src/ingest/schema.ts runs them one by one,
// split at the semicolons that end a line.

// Ids are unique on :Entity and every label of the model: src/ingest/schema.ts makes those
// constraints from src/model. What is not in the model:
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;

// Filters of the API's lists.
CREATE INDEX meeting_year IF NOT EXISTS FOR (n:Meeting) ON (n.year);
CREATE INDEX meeting_status IF NOT EXISTS FOR (n:Meeting) ON (n.status);
CREATE INDEX institution_kind IF NOT EXISTS FOR (n:Institution) ON (n.kind);
CREATE INDEX action_kind IF NOT EXISTS FOR (n:Action) ON (n.kind);

// The history: an entity's changes (Query.changes(entityId:)), and all changes newest first.
CREATE INDEX change_entity IF NOT EXISTS FOR (n:Change) ON (n.entityId);
CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at);

// Search over names, descriptions and statements, German and English. The standard-folding
// analyzer lower-cases and folds accents, so "Gdansk" finds "Gdańsk" and "pecs" finds "Pécs".
CREATE FULLTEXT INDEX entitySearch IF NOT EXISTS
FOR (n:Entity|Statement)
ON EACH [n.name, n.nameDe, n.description, n.descriptionDe, n.text, n.textEn]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } };
