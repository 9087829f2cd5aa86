// Finding a service in the catalogue by what a citizen types: "驾照补办", "护照丢了", "车牌", "passport".
//
// Forty-odd services make a page a phone scrolls for 20,000 pixels; the guide (/services) and the apply
// page (/me/apply) both take `?q=` and show only what matches, grouped as before. Chinese is typed without
// spaces and in everyday words, so a query is cut into keywords — the everyday words below, each standing
// for the catalogue's own terms (驾照 → 驾驶证, 丢了 → 遗失/补领 …), and what is left between them — and a
// service matches when every keyword, in one of its forms, is in its name or summary, in either
// language. Services whose name alone matches come first; otherwise the catalogue's order is kept.
import { z } from 'zod';
import { msg } from '@/lib/i18n/problem';
import { SERVICE_CATEGORIES, type ServiceCategory, type ServiceDefinition } from './catalog';

export const CATALOGUE_QUERY_MAX_LENGTH = 40;

/**
 * Words people use, each group's members standing for one another. Every group is checked to find at
 * least one service of the code catalogue (catalogue-search.test.ts), so a renamed service cannot leave
 * a group that finds nothing.
 */
export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  ['驾照', '驾驶证', '驾驶人'],
  ['车牌', '号牌', '牌照'],
  ['户口本', '户口簿'],
  ['补办', '补领', '补发', '补证', '遗失', '丢失', '丢了', '掉了'],
  ['换证', '换领', '换发', '到期', '期满'],
  ['违章', '违法', '罚单', '罚款', '扣分'],
  ['年检', '年审', '检验'],
  ['结婚', '夫妻', '配偶', '投靠'],
  ['新生儿', '出生', '宝宝'],
  ['上户口', '落户', '出生登记'],
  ['迁户口', '户口迁移', '迁入', '准迁'],
  ['去世', '死亡', '过世'],
  ['当兵', '入伍', '参军'],
  ['改名', '变更姓名', '改名字'],
  ['香港', '澳门', '港澳'],
  ['台湾', '赴台'],
  ['买车', '新车', '注册登记'],
  ['卖车', '过户', '转移登记'],
  ['licence', 'license'],
];

/** Words that ask rather than name ("我想办理…的"): they separate keywords and are not looked for. */
const STOP_WORDS = ['怎么', '如何', '怎样', '哪里', '在哪', '办理', '申请', '我要', '我想', '需要', '可以', '的', '了', '吗', '呢', '啊', '我', '想', '要'];

const GROUP_OF = new Map<string, readonly string[]>();
for (const group of SEARCH_SYNONYMS) for (const word of group) GROUP_OF.set(normaliseSearchText(word), group.map(normaliseSearchText));
// Longest first, so 户口迁移 is one keyword, not 户口 + 迁移.
const VOCABULARY = [...GROUP_OF.keys()].sort((a, b) => b.length - a.length);

/** Full-width to half-width, lower case, one space between words: what both the query and the text are compared as. */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const HAN = /\p{Script=Han}/u;
// Punctuation and symbols separate keywords as spaces do.
const SEPARATORS = /[\s\p{P}\p{S}]+/u;

/** The query's keywords, each as the list of forms any one of which must appear. Empty for an empty query. */
export function searchKeywords(query: string): string[][] {
  const keywords: string[][] = [];
  for (const segment of normaliseSearchText(query).split(SEPARATORS)) {
    if (!segment) continue;
    if (!HAN.test(segment)) {
      // Latin words and digits: as written, or with the other spelling ("license").
      const group = GROUP_OF.get(segment);
      keywords.push(group ? [...group] : [segment]);
      continue;
    }
    const found: string[][] = [];
    let rest = '';
    const keepRest = () => {
      // Between everyday words, two characters or more are a word of their own; one (了, 的, 办) is not.
      if ([...rest].length >= 2) found.push([rest]);
      rest = '';
    };
    for (let at = 0; at < segment.length; ) {
      const word = VOCABULARY.find((w) => segment.startsWith(w, at));
      const stop = word ? undefined : STOP_WORDS.find((w) => segment.startsWith(w, at));
      if (word) {
        keepRest();
        found.push([...GROUP_OF.get(word)!]);
        at += word.length;
      } else if (stop) {
        keepRest();
        at += stop.length;
      } else {
        rest += segment[at];
        at += 1;
      }
    }
    keepRest();
    // A segment with no word in it ("车") is looked for as typed.
    keywords.push(...(found.length > 0 ? found : [[segment]]));
  }
  return keywords;
}

// Name and summary only: the materials (居民身份证, 户口簿 …) are asked for by half the catalogue, and a
// search for 身份证 is for the ID-card services, not for everything that needs one shown.
type Haystack = { name: string; text: string };
const haystacks = new WeakMap<ServiceDefinition, Haystack>();

function haystackOf(service: ServiceDefinition): Haystack {
  let haystack = haystacks.get(service);
  if (haystack === undefined) {
    const name = normaliseSearchText(`${service.nameZh}\n${service.nameEn}`);
    haystack = { name, text: `${name}\n${normaliseSearchText(`${service.summaryZh}\n${service.summaryEn}`)}` };
    haystacks.set(service, haystack);
  }
  return haystack;
}

const hasEvery = (text: string, keywords: string[][]) => keywords.every((forms) => forms.some((form) => text.includes(form)));

/**
 * The services matching every keyword of the query: those whose name alone matches first, then those
 * whose summary completes it, each in the order given. All of them for an empty query.
 */
export function searchCatalogue<S extends ServiceDefinition>(services: readonly S[], query: string): S[] {
  const keywords = searchKeywords(query);
  if (keywords.length === 0) return [...services];
  const byName: S[] = [];
  const bySummary: S[] = [];
  for (const service of services) {
    const { name, text } = haystackOf(service);
    if (hasEvery(name, keywords)) byName.push(service);
    else if (hasEvery(text, keywords)) bySummary.push(service);
  }
  return [...byName, ...bySummary];
}

// `?q=` as the URL brings it: a repeated parameter takes the first; longer than the limit is refused
// with a message rather than cut, so the reader sees why nothing was filtered.
const catalogueParamsSchema = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => normaliseSearchText((Array.isArray(value) ? value[0] : value) ?? '')),
});

/** `query` is what to search for ('' for everything); `typed` what the search box shows again. */
export type CatalogueQuery = { query: string; typed: string; problem?: string };

export function parseCatalogueQuery(params: Record<string, string | string[] | undefined>): CatalogueQuery {
  const { q } = catalogueParamsSchema.parse(params);
  if ([...q].length > CATALOGUE_QUERY_MAX_LENGTH) return { query: '', typed: q, problem: msg('problems.services.search.tooLong', { max: CATALOGUE_QUERY_MAX_LENGTH }) };
  return { query: q, typed: q };
}

/** The services by category, in the guide's order, leaving out a category with none (after a search). */
export function groupByCategory<S extends ServiceDefinition>(services: readonly S[]): { category: ServiceCategory; services: S[] }[] {
  return SERVICE_CATEGORIES.map((category) => ({ category, services: services.filter((s) => s.category === category) })).filter((g) => g.services.length > 0);
}
