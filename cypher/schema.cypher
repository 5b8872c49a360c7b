// Constraints and indexes of the Creative Cities graph (docs/graph-model.md).
// Every statement is idempotent (IF NOT EXISTS); src/ingest/schema.ts runs them one by one,
// split at the semicolons that end a line.

// Ids are unique: on :Entity (what the loader MERGEs on) and on every label looked up by id.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT action_id IF NOT EXISTS FOR (n:Action) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT field_of_action_id IF NOT EXISTS FOR (n:FieldOfAction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
// Curation: creations of one label take turns on their lock node (src/curation/writes.ts),
// which concurrent MERGEs must not make twice; an Idempotency-Key's first answer, once per key.
CREATE CONSTRAINT creation_lock_id IF NOT EXISTS FOR (n:CreationLock) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (n:Idempotency) REQUIRE (n.key, n.by) IS UNIQUE;

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
