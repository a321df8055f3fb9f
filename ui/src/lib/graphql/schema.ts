/**
 * A fetched schema as the editor and the schema browser read it: built from the cached
 * introspection JSON with graphql-js, its named types listed and searched, each type's fields,
 * arguments, values and descriptions laid out. Loaded with the GraphQL editor, never in the
 * main chunk.
 */
import {
  buildClientSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

/** The schema in `introspection` (an introspection answer's `data`), or why it cannot be built. */
export function toSchema(introspection: string): GraphQLSchema | Error {
  try {
    return buildClientSchema(JSON.parse(introspection) as IntrospectionQuery);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export type TypeKind = 'object' | 'interface' | 'union' | 'enum' | 'input' | 'scalar';

/** A field, argument or input field: its type as written (`[Country!]!`) and the named type. */
export interface FieldView {
  name: string;
  type: string;
  typeName: string;
  description: string | null;
  args: FieldView[];
  deprecation: string | null;
}

export interface TypeView {
  name: string;
  kind: TypeKind;
  description: string | null;
  /** Fields of an object, interface or input type. */
  fields: FieldView[];
  /** Values of an enum. */
  values: { name: string; description: string | null }[];
  /** Members of a union. */
  members: string[];
}

function kindOf(type: GraphQLNamedType): TypeKind {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return 'scalar';
}

function field(f: GraphQLField<unknown, unknown> | GraphQLArgument | GraphQLInputField): FieldView {
  return {
    name: f.name,
    type: String(f.type),
    typeName: getNamedType(f.type).name,
    description: f.description ?? null,
    args: 'args' in f ? f.args.map(field) : [],
    deprecation: f.deprecationReason ?? null,
  };
}

/** Type `name` of `schema`, laid out; `null` when there is none. */
export function typeView(schema: GraphQLSchema, name: string): TypeView | null {
  const type = schema.getType(name);
  if (!type) return null;
  const hasFields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type);
  return {
    name: type.name,
    kind: kindOf(type),
    description: type.description ?? null,
    fields: hasFields ? Object.values(type.getFields()).map(field) : [],
    values: isEnumType(type)
      ? type.getValues().map((v) => ({ name: v.name, description: v.description ?? null }))
      : [],
    members: isUnionType(type) ? type.getTypes().map((t) => t.name) : [],
  };
}

/** The root operation types present, in order: Query, Mutation, Subscription. */
export function rootNames(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
    .filter((t) => t != null)
    .map((t) => t.name);
}

/**
 * The named types to list for `search` (case-insensitive, matching a type's name or
 * description, or one of its fields' names): the roots first, then the rest by name;
 * introspection's own `__` types left out.
 */
export function listTypes(schema: GraphQLSchema, search = ''): { name: string; kind: TypeKind }[] {
  const wanted = search.trim().toLowerCase();
  const roots = rootNames(schema);
  const matches = (type: GraphQLNamedType) => {
    if (!wanted) return true;
    if (type.name.toLowerCase().includes(wanted)) return true;
    if (type.description?.toLowerCase().includes(wanted)) return true;
    const hasFields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type);
    return hasFields && Object.keys(type.getFields()).some((f) => f.toLowerCase().includes(wanted));
  };
  const rank = (name: string) => {
    const at = roots.indexOf(name);
    return at === -1 ? roots.length : at;
  };
  return Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__') && matches(t))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
    .map((t) => ({ name: t.name, kind: kindOf(t) }));
}
