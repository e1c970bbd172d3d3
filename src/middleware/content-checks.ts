import { defineMiddleware } from 'astro:middleware';
import { checkCollection } from '../content-checks';
import { contentDir } from '../content-dir';
import { problemsError } from '../plugins/build-error';

/**
 * Under `astro dev` only (see `src/integrations/content-checks.ts`): runs the collection checks
 * before every page, so a frontmatter mistake made while the server runs shows in the browser's
 * error overlay instead of the last good page. Only files whose bytes changed since the last
 * request are checked again (`checkCollection`); reading them all is a few milliseconds per page
 * at 12 articles, a few hundred at 1,000.
 */
export const onRequest = defineMiddleware((_context, next) => {
  const problems = checkCollection(contentDir);
  if (problems.length > 0) throw problemsError(problems);
  return next();
});
