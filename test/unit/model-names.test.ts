// The translation's relationship types and labels come from the model (src/translate/
// model-names.ts): the walks of its filters are the model's fields, and a name the model does
// not have fails the type check (`tsc` checks the @ts-expect-error lines below).
import Cypher from '@neo4j/cypher-builder';
import { directionOf, nodeLabel, relationshipType, walkOf } from '../../src/translate/model-names';

describe('model names', () => {
  it('takes a filter walk from the model: type, direction, target', () => {
    expect(walkOf('Meeting', 'city')).toEqual({
      type: 'HELD_IN',
      direction: 'right',
      labels: 'City',
    });
    expect(walkOf('Action', 'meetings')).toEqual({
      type: 'ADDRESSED',
      direction: 'left',
      labels: 'Meeting',
    });
  });

  it('refuses a field of more than one step', () => {
    expect(() => walkOf('Institution', 'meetings')).toThrow('Institution.meetings');
  });

  it('gives one name as it is, several as any of them', () => {
    expect(relationshipType('HELD_IN')).toBe('HELD_IN');
    expect(nodeLabel('City')).toBe('City');
    const n = new Cypher.Node();
    const pattern = new Cypher.Pattern(n, { labels: nodeLabel('City', 'Institution') })
      .related({ type: relationshipType('LEADS', 'CONTRIBUTES_TO'), direction: 'right' })
      .to();
    expect(new Cypher.Match(pattern).return(n).build().cypher).toBe(
      'MATCH (this0:(City|Institution))-[:(LEADS|CONTRIBUTES_TO)]->()\nRETURN this0',
    );
    expect(directionOf({ type: 'NEXT', direction: 'in' })).toBe('left');
  });

  it('accepts only the names of the model', () => {
    const typos = () => [
      // @ts-expect-error: no such relationship type
      relationshipType('HELD_AT'),
      // @ts-expect-error: no such label
      nodeLabel('Town'),
      // @ts-expect-error: no such field of Meeting
      walkOf('Meeting', 'town'),
    ];
    expect(typos).toBeInstanceOf(Function);
  });
});
