import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * Yoga's `renderGraphiQL` option: the GraphiQL page with its scripts, styles,
 * Monaco workers (as blob URLs), fonts and icons (data URLs) inlined from
 * `@graphql-yoga/render-graphiql`, so the page works with no network; Yoga's
 * default page loads them from a CDN. The page is about 9 MB, so it is
 * rendered once and kept (rendered again only if the options change).
 *
 * The options are written into an inline <script> as JSON, which does not
 * escape `</script`: options holding it are refused rather than served as a
 * broken page.
 */
export function offlineGraphiQLRenderer(): (options: GraphiQLOptions) => string {
  let last: { key: string; page: string } | undefined;
  return (options) => {
    const key = JSON.stringify(options);
    if (last?.key !== key) {
      if (/<\/script/i.test(key)) throw new Error('GraphiQL options must not contain "</script".');
      last = { key, page: renderGraphiQL(options) };
    }
    return last.page;
  };
}
