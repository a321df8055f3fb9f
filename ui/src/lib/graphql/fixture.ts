/**
 * The test schema: graphql-js's introspection answer for
 * `crates/localpost-core/tests/fixtures/graphql/schema.graphql` (see the README beside it), the
 * same fixture the core's loopback tests answer with. For specs only.
 */
import answer from '../../../../crates/localpost-core/tests/fixtures/graphql/introspection.json';

/** The answer's `data`, as the cache holds it. */
export const INTROSPECTION = JSON.stringify(answer.data);
