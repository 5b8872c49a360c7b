// Client mistakes in variables, at any depth, are the client's: every input type of the schema,
// given a bad enum, a wrong scalar, a missing or an extra field, answers BAD_USER_INPUT (HTTP
// 400, as Apollo answers a bad top-level variable) naming the path, never an internal error.
import fs from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from 'graphql';
import { SCHEMA_PATH } from '../../src/graphql/server';
import { gql, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';

type Value = unknown;
type Fields = Record<string, Value>;

const schema = buildSchema(fs.readFileSync(SCHEMA_PATH, 'utf8'));
const auth = { authorization: `Bearer ${TEST_API_KEY}` };

/** A value the schema accepts for the type: its required fields, each with a valid value. */
function validValue(type: GraphQLInputType): Value {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [validValue(nullable.ofType)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.name;
  if (isInputObjectType(nullable)) {
    const fields: Fields = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        fields[field.name] = validValue(field.type);
      }
    }
    return fields;
  }
  return { Int: 1, Float: 1.5, Boolean: true }[nullable.name] ?? 'x';
}

/** A value of the wrong type for a scalar (an ID takes numbers, so it gets a boolean). */
function wrongScalar(name: string): Value {
  return { String: 5, ID: true, Boolean: 'yes' }[name] ?? 'not a number';
}

interface Route {
  rootType: 'Query' | 'Mutation';
  field: GraphQLField<unknown, unknown>;
  /** Argument name, then the input fields down to the type. */
  path: string[];
}

/** For each input type, the first root field argument that reaches it (directly or nested). */
function routesToInputTypes(): Map<string, Route> {
  const routes = new Map<string, Route>();
  const walk = (type: GraphQLInputType, route: Route) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || routes.has(named.name)) return;
    routes.set(named.name, route);
    for (const field of Object.values(named.getFields())) {
      walk(field.type, { ...route, path: [...route.path, field.name] });
    }
  };
  for (const rootType of ['Mutation', 'Query'] as const) {
    const root = rootType === 'Query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root!.getFields())) {
      for (const arg of field.args) walk(arg.type, { rootType, field, path: [arg.name] });
    }
  }
  return routes;
}

/** The operation calling the route's field with every argument as a variable. */
function operationOf({ rootType, field }: Route): string {
  const declared = field.args.map((arg: GraphQLArgument) => `$${arg.name}: ${String(arg.type)}`);
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  const selection = isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '';
  return `${rootType.toLowerCase()} Probe(${declared.join(', ')}) { ${field.name}(${passed.join(', ')}) ${selection} }`;
}

interface Mistake {
  name: string;
  /** Changes the type's valid value into the mistake; returns the field it is about. */
  make(type: GraphQLInputObjectType, value: Fields): string | null;
}

const mistakes: Mistake[] = [
  {
    name: 'a bad enum',
    make(type, value) {
      const field = Object.values(type.getFields()).find((f) => isEnumType(getNamedType(f.type)));
      if (!field) return null;
      value[field.name] = 'NOT_A_VALUE';
      return field.name;
    },
  },
  {
    name: 'a wrong scalar',
    make(type, value) {
      const field = Object.values(type.getFields()).find((f) => isScalarType(getNamedType(f.type)));
      if (!field) return null;
      value[field.name] = wrongScalar(getNamedType(field.type).name);
      return field.name;
    },
  },
  {
    name: 'a missing required field',
    make(type, value) {
      const field = Object.values(type.getFields()).find((f) => isNonNullType(f.type));
      if (!field) return null;
      delete value[field.name];
      return field.name;
    },
  },
  {
    name: 'an extra field',
    make(_type, value) {
      value.notAField = 1;
      return 'notAField';
    },
  },
];

/** The variables of the route's operation, with the mistake made in the type's value. */
function spoiledVariables(typeName: string, route: Route, mistake: Mistake) {
  const variables: Fields = {};
  for (const arg of route.field.args) {
    if (isNonNullType(arg.type) || arg.name === route.path[0]) {
      variables[arg.name] = validValue(arg.type);
    }
  }
  let value = variables;
  for (const step of route.path) value = value[step] as Fields;
  const field = mistake.make(schema.getType(typeName) as GraphQLInputObjectType, value);
  return field === null ? null : { variables, path: [...route.path, field].join('.') };
}

const routes = routesToInputTypes();
// every type with every mistake it can have (a type without enum fields cannot get a bad enum)
const cases = [...routes].flatMap(([typeName, route]) =>
  mistakes.flatMap((mistake) => {
    const spoiled = spoiledVariables(typeName, route, mistake);
    return spoiled ? [[typeName, mistake.name, route, spoiled] as const] : [];
  }),
);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ reset: false });
});
afterAll(async () => {
  await api?.stop();
});

it('reaches every input type of the schema', () => {
  const inputTypes = Object.values(schema.getTypeMap())
    .filter((type) => isInputObjectType(type))
    .map((type) => type.name);
  expect([...routes.keys()].sort()).toEqual(inputTypes.sort());
});

it.each(cases)(
  '%s with %s answers BAD_USER_INPUT naming its path',
  async (_type, _mistake, route, { variables, path }) => {
    const response = await gql(api.url, operationOf(route), variables, auth);
    expect(response.status).toBe(400);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions?.field).toBe(path);
  },
);

it('makes each kind of mistake in some input type', () => {
  expect(new Set(cases.map(([, mistake]) => mistake))).toEqual(
    new Set(mistakes.map((m) => m.name)),
  );
});

it('names the variable of a wrong top-level value and of a missing one', async () => {
  const wrong = await gql(api.url, 'query($first: Int) { changes(first: $first) { id } }', {
    first: 'ten',
  });
  expect(wrong.status).toBe(400);
  expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  const missing = await gql(api.url, 'query($id: ID!) { action(id: $id) { id } }', {});
  expect(missing.status).toBe(400);
  expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
});
