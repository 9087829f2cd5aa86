import { Link } from '@/components/link';
import type { Translator } from '@/lib/i18n/translate';
import { CATEGORY_LABELS, type ServiceDefinition } from '@/lib/services/catalog';
import { groupByCategory, type CatalogueQuery } from '@/lib/services/catalogue-search';

/**
 * The catalogue's search box (a plain GET form: `?q=` on the same page, no script needed) and what it
 * found. The guide (/services) and the apply page (/me/apply) share it; the matching is
 * lib/services/catalogue-search.ts.
 */
export function CatalogueSearch({ path, search, found, tr }: { path: string; search: CatalogueQuery; found: number; tr: Translator }) {
  const { t, pick } = tr;
  return (
    <>
      <form method="get" action={path} role="search" className="catalogue-search">
        <label htmlFor="catalogue-q">
          {t('services.search.label')}
          <span className="hint">{t('services.search.hint')}</span>
        </label>
        <div className="search-row">
          <input
            id="catalogue-q"
            type="search"
            name="q"
            defaultValue={search.typed}
            enterKeyHint="search"
            autoComplete="off"
            aria-invalid={search.problem ? true : undefined}
            aria-describedby={search.problem ? 'catalogue-q-error' : undefined}
          />
          <button type="submit">{t('services.search.submit')}</button>
        </div>
        {search.problem && (
          <p className="field-error" id="catalogue-q-error" data-testid="search-problem">
            {pick(search.problem)}
          </p>
        )}
      </form>
      {search.query && (
        <p role="status" className="search-result" data-testid="search-result">
          {found > 0 ? t('services.search.found', { count: found, query: search.query }) : t('services.search.none', { query: search.query })}{' '}
          <Link href={path}>{t('services.search.clear')}</Link>
        </p>
      )}
    </>
  );
}

/** Links to each category that has services on the page, with how many. */
export function CategoryNav({ services, tr }: { services: readonly ServiceDefinition[]; tr: Translator }) {
  const { t, label } = tr;
  const groups = groupByCategory(services);
  if (groups.length === 0) return null;
  return (
    <nav aria-label={t('services.categoriesNav')}>
      <ul className="tabs">
        {groups.map(({ category, services: inCategory }) => (
          <li key={category}>
            <a href={`#${category}-heading`}>{t('services.categoryCount', { name: label(CATEGORY_LABELS[category]), count: inCategory.length })}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
