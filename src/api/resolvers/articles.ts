/** Query.article, Query.articles, and the Article type. */
import type { GraphQLResolveInfo } from '../graphql.ts';
import { buildFulltextQuery, dateRange, decodeAfter, optionalId, pageSize, toConnection } from '../args.ts';
import type { ApiContext } from '../context.ts';
import { buildArticlesByIdQuery, buildArticlesQuery } from '../cypher/articles.ts';
import { BadUserInputError } from '../errors.ts';
import { toEventNode, type ArticleRow } from '../rows.ts';
import { selects } from '../selection.ts';

export const articleResolvers = {
  Query: {
    async article(
      _: unknown,
      args: { id: string },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ): Promise<ArticleRow | null> {
      const rows = await ctx.exec.read(buildArticlesByIdQuery([args.id], selects(info, 'text')));
      return (rows[0]?.article as ArticleRow | undefined) ?? null;
    },
    async articles(
      _: unknown,
      args: {
        search?: string | null;
        outlet?: string | null;
        from?: string | null;
        to?: string | null;
        first?: number | null;
        after?: string | null;
      },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ) {
      const first = pageSize(args.first);
      const offset = decodeAfter(args.after);
      const { from, to } = dateRange(args.from, args.to);
      if (args.search && args.search.length > 500)
        throw new BadUserInputError('search must be at most 500 characters', { field: 'search' });
      const withTotal = selects(info, 'totalCount');
      const [row] = await ctx.exec.read(
        buildArticlesQuery({
          fulltext: args.search ? buildFulltextQuery(args.search) : null,
          outlet: optionalId(args.outlet, 'outlet'),
          from,
          to,
          offset,
          limit: first + 1,
          withTotal,
        }),
      );
      return toConnection(
        (row?.rows as ArticleRow[] | undefined) ?? [],
        offset,
        first,
        withTotal ? Number(row?.totalCount ?? 0) : null,
      );
    },
  },
  Article: {
    text: (a: ArticleRow, _: unknown, ctx: ApiContext) =>
      a.text !== undefined ? a.text : ctx.loaders.articleText.load(a.id),
    actors: (a: ArticleRow, _: unknown, ctx: ApiContext) => ctx.loaders.articleActors.load(a.id),
    async events(a: ArticleRow, args: { first?: number | null }, ctx: ApiContext) {
      const first = pageSize(args.first, 'first', 50, 500);
      return (await ctx.loaders.articleEvents(first).load(a.id)).map(toEventNode);
    },
  },
};
