import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges, parse, validate } from 'graphql';
import { CONTRACT_DIR } from '../support/contract';

const root = path.join(__dirname, '..', '..');
const ours = buildSchema(fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8'));

describe('schema.graphql keeps the client contract', () => {
  it('is a compatible superset of contract/core.graphql', () => {
    const core = buildSchema(fs.readFileSync(path.join(CONTRACT_DIR, 'core.graphql'), 'utf8'));
    expect(findBreakingChanges(core, ours)).toEqual([]);
  });

  it('validates every operation of contract/operations.graphql', () => {
    const operations = parse(
      fs.readFileSync(path.join(CONTRACT_DIR, 'operations.graphql'), 'utf8'),
    );
    expect(operations.definitions.length).toBeGreaterThanOrEqual(11);
    expect(validate(ours, operations).map((e) => e.message)).toEqual([]);
  });

  it('would notice a breaking change', () => {
    const core = buildSchema(fs.readFileSync(path.join(CONTRACT_DIR, 'core.graphql'), 'utf8'));
    const broken = buildSchema(
      fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8').replace('year: Int!', 'year: Int'),
    );
    expect(findBreakingChanges(core, broken).length).toBeGreaterThan(0);
  });

  it('vendors the contract files unchanged when ../shared is present', () => {
    const shared = path.join(root, '..', 'shared', 'contract');
    if (!fs.existsSync(shared)) return; // a user's clone has no ../shared: the vendored copy is the contract
    for (const file of ['core.graphql', 'operations.graphql']) {
      expect(fs.readFileSync(path.join(CONTRACT_DIR, file), 'utf8')).toBe(
        fs.readFileSync(path.join(shared, file), 'utf8'),
      );
    }
  });
});
