/**
 * A GraphQL body's variables checked against its operation's variable definitions: a missing
 * required variable, a value its type does not accept (graphql-js's own input coercion, so the
 * messages are the server's), a variable the operation does not define. Without a schema only
 * the built-in scalars (Int, Float, String, Boolean, ID) are checked. Loaded with the GraphQL
 * editor, never in the main chunk.
 */
import {
  GraphQLSchema,
  Kind,
  coerceInputValue,
  getOperationAST,
  isInputType,
  parse,
  print,
  specifiedScalarTypes,
  typeFromAST,
  type DocumentNode,
  type OperationTypeNode,
} from 'graphql';

/** One thing wrong with the variables; `variable` is the name without `$`, when one is at fault. */
export interface VariableProblem {
  variable: string | null;
  message: string;
}

/** A schema with only the built-in scalars, for checking without a fetched schema. */
let bare: GraphQLSchema | null = null;
function builtIns(): GraphQLSchema {
  bare ??= new GraphQLSchema({ types: specifiedScalarTypes });
  return bare;
}

function parsed(query: string): DocumentNode | null {
  try {
    return parse(query);
  } catch {
    return null;
  }
}

/** Whether `text` holds a `{{variable}}`, resolved only when the request is sent. */
function templated(text: unknown): boolean {
  return typeof text === 'string' && text.includes('{{');
}

/** The operation's kind (`query`, `mutation`, `subscription`), `null` when it does not parse. */
export function operationKind(
  query: string,
  operationName: string | null,
): OperationTypeNode | null {
  const document = parsed(query);
  if (!document) return null;
  return getOperationAST(document, operationName || undefined)?.operation ?? null;
}

/** What is wrong with `variablesText` for the operation of `query` (see the module notes). */
export function checkVariables(
  query: string,
  variablesText: string,
  operationName: string | null,
  schema: GraphQLSchema | null,
): VariableProblem[] {
  const document = parsed(query);
  // A query that does not parse is the query editor's to mark.
  if (!document) return [];
  const operation = getOperationAST(document, operationName || undefined);
  if (!operation) return [];
  let values: unknown = {};
  if (variablesText.trim() !== '') {
    try {
      values = JSON.parse(variablesText);
    } catch (e) {
      // `{"n": {{n}}}` becomes JSON only once sent.
      if (templated(variablesText)) return [];
      return [{ variable: null, message: `Variables are not JSON: ${(e as Error).message}` }];
    }
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return [{ variable: null, message: 'Variables must be a JSON object' }];
  }
  const given = values as Record<string, unknown>;
  const problems: VariableProblem[] = [];
  const defined = new Set<string>();
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    defined.add(name);
    const typeText = print(definition.type);
    if (!(name in given)) {
      if (definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue)
        problems.push({
          variable: name,
          message: `Missing required variable $${name} (${typeText})`,
        });
      continue;
    }
    if (templated(given[name])) continue;
    const type = typeFromAST(schema ?? builtIns(), definition.type);
    if (!type || !isInputType(type)) {
      if (schema) problems.push({ variable: name, message: `$${name}: unknown type ${typeText}` });
      continue;
    }
    coerceInputValue(given[name], type, (path, _invalid, error) => {
      const at = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
      problems.push({ variable: name, message: `$${name}${at}: ${error.message}` });
    });
  }
  for (const name of Object.keys(given)) {
    if (!defined.has(name))
      problems.push({ variable: name, message: `$${name} is not defined by the operation` });
  }
  return problems;
}
