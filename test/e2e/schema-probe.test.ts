// Schema recovery in production, as clairvoyance does it: introspection is off, so it sends
// near-miss field and argument names and reads the schema back out of the error messages
// ("Did you mean …", "of type …", "argument … is required", "on field Query.city").
// In production no error message may name a type, field, argument or enum value that the
// request did not itself name.
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputField,
} from 'graphql';
import { gql, startTestApi, type TestApi } from '../support/api-server';

const schema = buildSchema(
  fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8'),
);

/** Every name the schema would give away: types, fields, arguments, input fields, enum values. */
const schemaNames = new Set<string>();
for (const type of Object.values(schema.getTypeMap())) {
  if (type.name.startsWith('__')) continue;
  schemaNames.add(type.name);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values<GraphQLField<unknown, unknown> | GraphQLInputField>(
      type.getFields(),
    )) {
      schemaNames.add(field.name);
      for (const arg of 'args' in field ? field.args : []) schemaNames.add(arg.name);
    }
  }
  if (isEnumType(type)) for (const value of type.getValues()) schemaNames.add(value.name);
}

/** A near miss of a word list entry, as a schema-recovery word list would hold one. */
const misspelt = (name: string) => `${name.slice(0, -1)}x`;

/**
 * The probes: root fields of queries and mutations misspelt, correct but without the selection
 * they need, and with misspelt or missing arguments; fields of an object type misspelt.
 */
function probes(): string[] {
  const query = schema.getQueryType()!;
  const mutation = schema.getMutationType()!;
  const requests: string[] = [];
  for (const field of Object.values(query.getFields())) {
    requests.push(`{ ${misspelt(field.name)} }`, `{ ${field.name} }`);
    for (const arg of field.args) requests.push(`{ ${field.name}(${misspelt(arg.name)}: 1) }`);
  }
  for (const field of Object.values(mutation.getFields())) {
    requests.push(`mutation { ${misspelt(field.name)} }`, `mutation { ${field.name} }`);
  }
  const city = schema.getType('City');
  if (isObjectType(city)) {
    for (const field of Object.values(city.getFields())) {
      requests.push(`{ city(id: "city/leipzig") { ${misspelt(field.name)} } }`);
    }
  }
  return requests;
}

/** The schema names an error message gives away: graphql-js quotes every name it cites
 * ("Query", "Query.city", "[City!]!", "$id"); the message's own English words are not names. */
function namesIn(message: string): string[] {
  const quoted = message.match(/"[^"]*"/g) ?? [];
  return quoted.flatMap((text) => identifiersIn(text)).filter((word) => schemaNames.has(word));
}

const identifiersIn = (text: string) => text.match(/[_A-Za-z][_0-9A-Za-z]*/g) ?? [];

let api: TestApi;
beforeAll(async () => {
  // What NODE_ENV=production configures (src/config.ts): introspection off, suggestions masked.
  api = await startTestApi({ production: true });
}, 180_000);
afterAll(async () => {
  await api?.stop();
});

describe('schema recovery from error messages in production', () => {
  it('introspection is off', async () => {
    const response = await gql(api.url, '{ __schema { types { name } } }');
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(response.data).toBeUndefined();
  });

  it('no message suggests a name (Did you mean …)', async () => {
    const messages = (await probeAll()).flatMap(({ messages }) => messages);
    expect(messages.length).toBeGreaterThan(probes().length - 1);
    expect(messages.filter((message) => /did you mean\s+"/i.test(message))).toEqual([]);
  });

  // graphql-js's validation messages name the parent type ('on type "Query"'), a field's type
  // and required arguments: src/graphql/mask-schema-names.ts masks what the request did not name
  // (37 of 247 names were recoverable before it).
  it('no error message names what the request did not name', async () => {
    const recovered = new Map<string, string>();
    for (const { request, messages } of await probeAll()) {
      const requestWords = new Set(identifiersIn(request));
      for (const message of messages) {
        for (const name of namesIn(message)) {
          if (!requestWords.has(name) && !recovered.has(name)) recovered.set(name, message);
        }
      }
    }
    console.log(
      `schema probe: ${probes().length} requests, ${recovered.size} of ${schemaNames.size} schema names recoverable`,
    );
    expect(Object.fromEntries(recovered)).toEqual({});
  });
});

/** Every probe's error messages (each probe must fail: it asks for what is not there). */
let answers: Array<{ request: string; messages: string[] }> | undefined;
async function probeAll() {
  if (answers) return answers;
  answers = [];
  for (const request of probes()) {
    const response = await gql(api.url, request);
    const messages = (response.errors ?? []).map((error) => error.message);
    expect({ request, failed: messages.length > 0 }).toEqual({ request, failed: true });
    answers.push({ request, messages });
  }
  return answers;
}
