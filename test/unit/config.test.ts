import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('gives defaults for an empty environment (embedded Neo4j, port 4000)', () => {
    const config = loadConfig({});
    expect(config.neo4jUri).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(config.neo4jDatabase).toBe('neo4j');
    expect(config.apiKeys.size).toBe(0);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads API keys as name:key pairs', () => {
    const config = loadConfig({ API_KEYS: 'alice:alice-secret-1, bob:bob-secret-22' });
    expect(config.apiKeys.get('alice-secret-1')).toBe('alice');
    expect(config.apiKeys.get('bob-secret-22')).toBe('bob');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['NEO4J_URI', 'http://localhost:7474'],
    ['API_KEYS', 'no-colon-here'],
    ['API_KEYS', 'alice:short'],
    ['LOG_LEVEL', 'loud'],
    ['NEO4J_DATABASE', 'bad name!'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(
      new RegExp(`^Invalid configuration: ${name}: `),
    );
  });

  it('accepts neo4j:// routing URIs for clusters and Aura', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' }).neo4jUri).toBe(
      'neo4j+s://abc.databases.neo4j.io',
    );
  });
});
