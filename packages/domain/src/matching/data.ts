/**
 * Matching data: education order, court bans, synonyms and related-occupation groups. Data,
 * not code: an inspection can extend a table without touching the matcher.
 *
 * Sources. Education levels and ban codes: DOMAIN.md ("Matching input"). ОКПДТР position codes
 * (ОК 016-94, the first five digits of `code_profession`; the sixth is the control digit) are
 * listed only where we are sure of them; job-name words are the primary test, since feeds send
 * made-up, missing or outdated codes. No public ОКПДТР → ОКЗ table could be found with the search
 * tools available (docs/adr/0017-matching.md), so the ОКЗ group fallback is replaced by the small
 * curated `RELATED_GROUPS` table below.
 */

/** In increasing order (DOMAIN.md). Index = level. */
export const EDUCATION_LEVELS = [
  'Не имеет значения',
  'Основное общее',
  'Среднее',
  'Среднее профессиональное',
  'Высшее',
] as const;

export interface BanRule {
  code: string;
  /** How an officer reads it: «исключено запретом суда: водитель». */
  name_ru: string;
  /** ОКПДТР position codes (5 digits). */
  okpdtr: string[];
  /** Lower-case roots; a job name containing one (inside any word) is banned. */
  roots: string[];
  /** Root pairs that ban only together («сторож» + «оруж»). */
  together?: string[][];
}

export const BANS: readonly BanRule[] = [
  {
    code: 'driving',
    name_ru: 'водитель',
    okpdtr: ['11442', '19203'],
    roots: [
      'водител',
      'шофер',
      'шофёр',
      'машинист',
      'тракторист',
      'крановщик',
      'экскаваторщик',
      'бульдозерист',
      'грейдерист',
      'комбайнер',
      'комбайнёр',
      'мотоцикл',
      'таксист',
      'дальнобой',
      'автокурьер',
    ],
  },
  {
    code: 'children',
    name_ru: 'работа с детьми',
    okpdtr: ['20436', '27244'],
    roots: ['воспитател', 'учител', 'вожат', 'педагог', 'няня', 'гувернант', 'тренер', 'логопед', 'детск'],
  },
  {
    code: 'money',
    name_ru: 'работа с деньгами',
    okpdtr: ['20336'],
    roots: ['кассир', 'бухгалтер', 'инкассатор', 'казначе', 'операционист', 'кредитн'],
  },
  {
    code: 'security',
    name_ru: 'охрана',
    okpdtr: [],
    roots: ['охранник', 'телохранител', 'охраны', 'чоп'],
    together: [['сторож', 'оруж']],
  },
  {
    code: 'medicine',
    name_ru: 'медицина',
    okpdtr: ['24038'],
    roots: ['медсестр', 'медбрат', 'фармацевт', 'провизор', 'фельдшер', 'врач', 'акушер', 'санитар'],
    together: [['медицинск', 'сестр']],
  },
];

/** Stems (after Russian stemming) that name the same occupation: gendered and short forms. */
export const SYNONYMS: Readonly<Record<string, string>> = {
  уборщиц: 'уборщик',
  продавщиц: 'продавец',
  продавц: 'продавец',
  поварих: 'повар',
  швея: 'швейн',
  шве: 'швейн',
  доярк: 'дояр',
  упаковщиц: 'упаковщик',
  мойщиц: 'мойщик',
  посудомойщиц: 'посудомойщик',
  кладовщиц: 'кладовщик',
  сортировщиц: 'сортировщик',
  укладчиц: 'укладчик',
  комплектовщиц: 'комплектовщик',
  разнорабоч: 'подсобн',
  чернорабоч: 'подсобн',
  электрогазосварщик: 'электрогазосварщик',
};

/**
 * Base occupations that compound job names contain (электрогазосварщик ⊃ сварщик,
 * электромонтажник ⊃ монтажник): a vacancy word ending in a base also counts as that base.
 */
export const BASES: readonly string[] = [
  'сварщик',
  'монтажник',
  'слесар',
  'оператор',
  'механик',
  'кровельщик',
  'штукатур',
  'маляр',
  'плотник',
  'токар',
  'электрик',
  'грузчик',
  'мойщик',
  'уборщик',
  'укладчик',
  'сборщик',
];

/**
 * Related occupations (the ОКЗ-group fallback, curated: no public ОКПДТР → ОКЗ table was found).
 * Each group lists canonical stems; sharing a group is «родственная профессия».
 */
export const RELATED_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'уборка и благоустройство': ['уборщик', 'дворник', 'мойщик', 'посудомойщик', 'озеленител', 'садовник'],
  'погрузка и склад': [
    'грузчик',
    'подсобн',
    'кладовщик',
    'комплектовщик',
    'упаковщик',
    'сортировщик',
    'стропальщик',
    'фасовщик',
  ],
  строительство: [
    'бетонщик',
    'каменщик',
    'штукатур',
    'маляр',
    'плотник',
    'кровельщик',
    'монтажник',
    'арматурщик',
    'облицовщик',
    'плиточник',
    'укладчик',
  ],
  'металл и сварка': ['сварщик', 'электрогазосварщик', 'слесар', 'токар', 'фрезеровщик', 'сборщик'],
  'питание и торговля': ['повар', 'пекар', 'кондитер', 'продавец', 'кассир', 'официант', 'барм'],
  'швейное дело': ['швейн', 'портн', 'закройщик', 'раскройщик'],
  'сельское хозяйство': ['дояр', 'скотник', 'животновод', 'овощевод', 'полевод'],
};

/** Words that carry no occupation. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'и в во на по с со для к от до при без из или а the'.split(' '),
);
