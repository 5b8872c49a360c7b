// The graph model: entity kinds and relationships, described once (docs/architecture.md).
export * from './entities';
export * from './relationships';
export * from './provenance';
