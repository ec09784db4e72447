/** Mutation.ingestArticle and Mutation.deleteArticle, through the store's ingest API. */
import type { ArticleInput, ExtractionResult } from '../../extraction.ts';
import type { ArticleParser } from '../../ingest/article-parser.ts';
import { InputError } from '../../ingest/errors.ts';
import { NlpError } from '../../nlp/errors.ts';
import { ExtractionTimeoutError } from '../../pipeline/errors.ts';
import { extractArticle } from '../../pipeline/extractor.ts';
import { deleteArticle, ingestExtractions } from '../../store/ingest.ts';
import { requiredText } from '../args.ts';
import type { ApiContext } from '../context.ts';
import { buildActorsByIdQuery } from '../cypher/actors.ts';
import { buildArticlesByIdQuery } from '../cypher/articles.ts';
import { buildEventsByIdQuery } from '../cypher/events.ts';
import { BadUserInputError, EngineError, NotFoundError, ServiceUnavailableError } from '../errors.ts';
import { BUSY, isBusyOrUnavailable, isUnavailableCode } from '../executor.ts';
import { toEventNode, type ActorRow, type ArticleRow, type EventRecord } from '../rows.ts';

const STATUS = { new: 'CREATED', updated: 'UPDATED', duplicate: 'UNCHANGED' } as const;

/**
 * Prepares, parses and extracts the article off the event loop; bad input (an article whose extraction outruns
 * its time budget among it) is the client's to fix, an engine failure is a coded 503.
 */
async function extractOrReject(
  input: ArticleInput,
  parser: ArticleParser,
  log: (msg: string) => void,
): Promise<ExtractionResult> {
  try {
    return await extractArticle(input, parser);
  } catch (error) {
    if (error instanceof InputError || error instanceof ExtractionTimeoutError)
      throw new BadUserInputError(error.message, { inputCode: error.code });
    if (error instanceof NlpError) {
      log(`ingestArticle: ${error.code}: ${error.message}`);
      throw new EngineError(error.code);
    }
    throw error;
  }
}

export const ingestResolvers = {
  Mutation: {
    async ingestArticle(_: unknown, args: { input: ArticleInput }, ctx: ApiContext) {
      // GraphQL gives absent fields as undefined or null; the extractor wants them absent.
      const input = Object.fromEntries(
        Object.entries(args.input).filter(([, v]) => v !== null && v !== undefined),
      ) as ArticleInput;
      const extraction = await extractOrReject(input, ctx.parser, ctx.log);
      const { results } = await ingestExtractions(ctx.driver, [extraction], { database: ctx.database });
      const result = results[0];
      if (!result || result.status === 'failed') {
        const code = result?.error?.code ?? 'WRITE_FAILED';
        if (code === 'INVALID_EXTRACTION' || code === 'TOO_MANY_EVENTS')
          throw new BadUserInputError(result?.error?.message ?? 'the article could not be stored', { inputCode: code });
        // Neo4j went away while writing: the same 503 as every other operation.
        if (isUnavailableCode(code)) throw new ServiceUnavailableError();
        // Every connection busy, or concurrent writers deadlocked past the driver's retries: retry later.
        if (isBusyOrUnavailable(result?.error)) throw new ServiceUnavailableError(BUSY);
        // Anything else is ours, not the client's: masked as "Unexpected error." and logged.
        throw new Error(`ingest failed (${code}): ${result?.error?.message ?? 'no result'}`);
      }
      const articleId = result.articleId ?? extraction.id;
      const [articles, actors, events] = await Promise.all([
        ctx.exec.read(buildArticlesByIdQuery([articleId], false)),
        ctx.exec.read(buildActorsByIdQuery(result.actorIds)),
        ctx.exec.read(buildEventsByIdQuery(result.eventIds)),
      ]);
      return {
        article: (articles[0]?.article as ArticleRow | undefined) ?? null,
        actors: actors.map((r) => r.actor as ActorRow),
        events: ((events[0]?.rows as EventRecord[] | undefined) ?? []).map(toEventNode),
        warnings: ctx.parser.warning ? [...result.warnings, ctx.parser.warning] : result.warnings,
        duplicate: result.status === 'duplicate',
        status: STATUS[result.status],
      };
    },

    async deleteArticle(_: unknown, args: { id: string }, ctx: ApiContext) {
      const id = requiredText(args.id, 'id', 500);
      const deleted = await deleteArticle(ctx.driver, id, { database: ctx.database });
      if (!deleted) throw new NotFoundError(`id: no article with id ${JSON.stringify(id)}`);
      return { id, deleted };
    },
  },
};
