import { type LegalSource, RULES } from './rules';

type Source = Pick<LegalSource, 'article' | 'confidence' | 'paraphrase'>;

/** A bare article string is labelled by the rule that cites it (one rule, one source). */
function sourceOf(article: string): Source {
  const found = RULES.filter((r) => r.source.article === article);
  const sources = new Set(found.map((r) => `${r.source.confidence}:${Boolean(r.source.paraphrase)}`));
  return sources.size === 1 ? found[0]!.source : { article, confidence: 'law' };
}

/**
 * The legal source's citation, labelled by what the quoted text is: the statute's own words
 * (confidence `law`: no label in Russian), the statute retold (`paraphrase`), or a secondary or
 * open source (`2nd`, `open`: commentary, news, an order read second-hand) that is not the
 * law's text. For an English reader it also says the quote is in the original Russian.
 */
export function citation(source: string | Source, lang: 'ru' | 'en'): string {
  const s = typeof source === 'string' ? sourceOf(source) : source;
  const what = s.confidence !== 'law' ? 'source' : s.paraphrase ? 'paraphrase' : 'law';
  if (lang === 'en')
    return `${s.article} (${
      what === 'law'
        ? 'the law in the original Russian'
        : what === 'paraphrase'
          ? 'the law retold, in the original Russian'
          : 'source, in the original Russian; not the text of the law'
    })`;
  if (what === 'law') return s.article;
  return `${s.article} (${what === 'paraphrase' ? 'изложение закона, не дословно' : 'изложение, не текст закона'})`;
}
