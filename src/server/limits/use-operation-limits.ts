import { getOperationAST, type DocumentNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { SchemaLimits } from '../../graphql/context';
import { aliasFold } from './aliases';
import { costFold } from './cost';
import { depthFold } from './depth';
import { foldOperation, FragmentsTooDeep, type SelectionFold } from './fold-selections';
import { formatCount, limitError } from './limit-error';

export type OperationLimits = Pick<
  SchemaLimits,
  'maxDepth' | 'maxCost' | 'maxAliases' | 'maxNesting' | 'defaultPageSize' | 'maxPageSize' | 'assumedListSize'
>;

/**
 * Refuses the operation about to run when it is too deep (QUERY_TOO_DEEP),
 * too costly (QUERY_TOO_COMPLEX) or has too many aliases (TOO_MANY_ALIASES),
 * every limit it breaks at once, with HTTP 400.
 *
 * Runs in `onValidate` before graphql-js validation, so nothing a refused
 * document would cost (validation recurses through fragments; execution and
 * the database come after) is spent on it. A validation rule would not do:
 * rules do not see variables, which page sizes may come from, and Yoga
 * caches validation results per document. Throwing here skips that cache.
 */
export function useOperationLimits(limits: OperationLimits): Plugin {
  return {
    onValidate({ params: { schema, documentAST }, context }) {
      const operation = getOperationAST(documentAST, context.params?.operationName);
      if (!operation) return; // Yoga refuses it after parsing: "Could not determine what operation to execute."
      const problems = operationLimitErrors(schema, documentAST, operation, context.params?.variables ?? {}, limits);
      if (problems.length === 1) throw problems[0];
      if (problems.length > 1) throw new AggregateError(problems, problems.map((p) => p.message).join(' '));
    },
  };
}

/** Every limit `operation` breaks, as client-facing errors (none when it is within them). */
export function operationLimitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  limits: OperationLimits,
): GraphQLError[] {
  const measure = <T>(fold: SelectionFold<T>) => foldOperation(schema, document, operation, fold, limits.maxNesting);
  let depth: number;
  try {
    depth = measure(depthFold);
  } catch (error) {
    if (!(error instanceof FragmentsTooDeep)) throw error;
    return [limitError(
      'QUERY_TOO_DEEP',
      `Fragment spreads nest (a fragment spreading a fragment spreading ...) more than ${limits.maxNesting} levels deep, the most accepted; spread the fragments side by side instead.`,
      400,
      { maxNesting: limits.maxNesting },
    )];
  }
  const cost = measure(costFold(document, operation, variables, limits));
  const aliases = measure(aliasFold);
  const problems: GraphQLError[] = [];
  if (depth > limits.maxDepth) {
    problems.push(limitError(
      'QUERY_TOO_DEEP',
      `The query nests fields ${depth} levels deep but at most ${limits.maxDepth} are accepted ({ a { b } } is 2 deep); split it into several queries.`,
      400,
      { depth, maxDepth: limits.maxDepth },
    ));
  }
  if (cost > limits.maxCost) {
    problems.push(limitError(
      'QUERY_TOO_COMPLEX',
      `The query's estimated cost is ${formatCount(cost)} but at most ${formatCount(limits.maxCost)} is accepted; ask for smaller pages (first, last, limit) or fewer nested lists (README, "Limits", has the cost model).`,
      400,
      { cost, maxCost: limits.maxCost },
    ));
  }
  if (aliases > limits.maxAliases) {
    problems.push(limitError(
      'TOO_MANY_ALIASES',
      `The query uses ${formatCount(aliases)} aliases but at most ${formatCount(limits.maxAliases)} are accepted; split it into several queries.`,
      400,
      { aliases, maxAliases: limits.maxAliases },
    ));
  }
  return problems;
}
