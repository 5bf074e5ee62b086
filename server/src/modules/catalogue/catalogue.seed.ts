/**
 * Demo offers from the seed municipalities (../shared/DOMAIN.md), published, with next start
 * dates relative to the day the demo is seeded.
 */
import { sql } from 'kysely';
import type { DemoContext, DemoPart } from '../../db/seed/types.js';
import type { Tx } from '../../platform/context.js';

interface SeedOffer {
  title: string;
  description: string;
  by: 'provider' | 'sundhedscenter';
  themes: string[];
  targetGroups: string[];
  benefitTypes?: string[];
  referralType: 'referred' | 'open';
  format: 'group' | 'individual';
  weeks?: number;
  hoursPerWeek?: number;
  daysPerWeek?: number;
  capacity?: number;
  profession?: string;
  cost?: number;
  introMeeting?: string;
  startsInDays?: number;
  place?: string;
}

const offers: Record<string, SeedOffer[]> = {
  '840': [
    {
      title: 'Motion og afklaring, trin 1: 6 uger hos Aktiv Rebild Træning',
      description:
        'Træning 10 timer om ugen i 6 uger for sygemeldte, med fysioterapeut og samtaler om job og helbred. Efter trin 1 afklares, om du er raskmeldt, eller om du fortsætter i trin 2 i kommunens sundhedsafdeling.',
      by: 'provider',
      themes: ['motion', 'psykisk_helbred'],
      targetGroups: ['sygemeldte'],
      benefitTypes: ['sygedagpenge'],
      referralType: 'referred',
      format: 'group',
      weeks: 6,
      hoursPerWeek: 10,
      daysPerWeek: 4,
      capacity: 12,
      profession: 'Fysioterapeut',
      cost: 9500,
      startsInDays: 10,
    },
    {
      title: 'Motion og afklaring, trin 2: 6 uger i Sundhedscenter Rebild',
      description:
        'Fortsættelse for dem, der ikke er raskmeldt efter trin 1: 6 ugers træning og samtaler i kommunens sundhedsafdeling.',
      by: 'sundhedscenter',
      themes: ['motion'],
      targetGroups: ['sygemeldte'],
      benefitTypes: ['sygedagpenge'],
      referralType: 'referred',
      format: 'group',
      weeks: 6,
      hoursPerWeek: 10,
      capacity: 12,
      profession: 'Fysioterapeut',
      startsInDays: 52,
    },
    {
      title: 'Naturtræning ved stress, angst og depression',
      description:
        'To timer dagligt i 6 uger i skov og natur: gåture, let træning, åndedræt og ro. For borgere med stress, angst eller depression.',
      by: 'sundhedscenter',
      themes: ['psykisk_helbred', 'motion'],
      targetGroups: ['sygemeldte', 'ledige'],
      referralType: 'referred',
      format: 'group',
      weeks: 6,
      hoursPerWeek: 10,
      daysPerWeek: 5,
      capacity: 10,
      profession: 'Psykolog og fysioterapeut',
      startsInDays: 17,
      place: 'Rold Skov, mødested ved Skovhuset',
    },
    {
      title: 'Rygestop på hold',
      description: 'Gratis rygestopkursus med nikotinerstatning og støtte fra en rygestoprådgiver.',
      by: 'sundhedscenter',
      themes: ['rygning'],
      targetGroups: ['alle borgere'],
      referralType: 'open',
      format: 'group',
      weeks: 6,
      hoursPerWeek: 2,
      capacity: 14,
      profession: 'Rygestoprådgiver',
      startsInDays: 24,
    },
  ],
  '461': [
    {
      title: 'Sund kost i hverdagen',
      description:
        'Madlavning og kostvejledning på hold: spis sundt og billigt, planlæg dine måltider.',
      by: 'sundhedscenter',
      themes: ['kost'],
      targetGroups: ['ledige', 'sygemeldte'],
      referralType: 'open',
      format: 'group',
      weeks: 8,
      hoursPerWeek: 3,
      capacity: 12,
      profession: 'Diætist',
      startsInDays: 14,
    },
    {
      title: 'Rygestop – Odense',
      description:
        'Rygestopforløb med samtaler og nikotinerstatning. Bliv røgfri sammen med andre.',
      by: 'sundhedscenter',
      themes: ['rygning'],
      targetGroups: ['alle borgere'],
      referralType: 'open',
      format: 'group',
      weeks: 6,
      hoursPerWeek: 2,
      capacity: 15,
      profession: 'Rygestoprådgiver',
      startsInDays: 9,
    },
    {
      title: 'Alkoholsamtaler',
      description: 'Individuelle samtaler om dit forbrug af alkohol. Anonymt og uden venteliste.',
      by: 'sundhedscenter',
      themes: ['alkohol'],
      targetGroups: ['alle borgere'],
      referralType: 'open',
      format: 'individual',
      weeks: 8,
      hoursPerWeek: 1,
      profession: 'Alkoholbehandler',
      introMeeting: 'Uforpligtende første samtale, hvor du hører om forløbet.',
      startsInDays: 3,
    },
    {
      title: 'Motion i aktivering',
      description: 'Træning i hold tre gange om ugen: styrke, kondition og fællesskab.',
      by: 'provider',
      themes: ['motion'],
      targetGroups: ['ledige'],
      benefitTypes: ['kontanthjaelp_aktivitetsparat', 'kontanthjaelp_jobparat'],
      referralType: 'referred',
      format: 'group',
      weeks: 12,
      hoursPerWeek: 5,
      daysPerWeek: 3,
      capacity: 16,
      profession: 'Idrætsinstruktør',
      cost: 6000,
      startsInDays: 21,
    },
    {
      title: 'Rusmiddelrådgivning for unge og voksne',
      description: 'Samtaler og gruppeforløb om hash, piller og andre rusmidler (misbrug).',
      by: 'sundhedscenter',
      themes: ['misbrug'],
      targetGroups: ['alle borgere'],
      referralType: 'open',
      format: 'individual',
      profession: 'Socialrådgiver',
      startsInDays: 5,
    },
    {
      title: 'Mindfulness og stresshåndtering',
      description:
        'Otte ugers forløb med mindfulness og let træning for borgere med stress og angst.',
      by: 'provider',
      themes: ['psykisk_helbred'],
      targetGroups: ['sygemeldte', 'ledige'],
      referralType: 'referred',
      format: 'group',
      weeks: 8,
      hoursPerWeek: 3,
      capacity: 12,
      profession: 'Psykolog',
      cost: 4500,
      startsInDays: 30,
    },
  ],
  '159': [
    [
      'Tro på dig selv',
      'Gruppeforløb om selvværd, mestring og at tro på egne evner.',
      ['psykisk_helbred'],
      'referred',
      'group',
      'Psykolog',
    ],
    [
      'Sundt liv vejledning',
      'Individuel vejledning om kost, motion, søvn og trivsel.',
      ['kost', 'motion'],
      'open',
      'individual',
      'Sundhedskonsulent',
    ],
    [
      'Smertehåndtering',
      'Lær at leve med langvarige smerter: viden, øvelser og erfaringsudveksling.',
      ['motion', 'psykisk_helbred'],
      'referred',
      'group',
      'Fysioterapeut',
    ],
    [
      'Fysioterapeutisk træning',
      'Genoptræning og træning på hold med fysioterapeut.',
      ['motion'],
      'referred',
      'group',
      'Fysioterapeut',
    ],
    [
      'Træning i varmtvandsbassin',
      'Skånsom træning i varmt vand for borgere med smerter eller nedsat bevægelighed.',
      ['motion'],
      'open',
      'group',
      'Fysioterapeut',
    ],
    [
      'Lær at tackle',
      'Lær at tackle kroniske sygdomme, angst og depression: kursus ledet af frivillige instruktører.',
      ['psykisk_helbred'],
      'open',
      'group',
      'Instruktør',
    ],
    [
      'Rygestop',
      'Rygestopkursus på hold eller individuelt.',
      ['rygning'],
      'open',
      'group',
      'Rygestoprådgiver',
    ],
    [
      'Grupper i rusmiddelcentret',
      'Gruppeforløb om alkohol og stoffer i Rusmiddelcenter Gladsaxe.',
      ['misbrug', 'alkohol'],
      'referred',
      'group',
      'Misbrugsbehandler',
    ],
    [
      'Sundhed der er til at forstå',
      'Sundhedskursus i et enkelt sprog: kost, motion og at forstå sit helbred.',
      ['kost', 'motion'],
      'open',
      'group',
      'Sundhedskonsulent',
    ],
  ].map(([title, description, themes, referralType, format, profession], i) => ({
    title: title as string,
    description: description as string,
    by: 'sundhedscenter' as const,
    themes: themes as string[],
    targetGroups: ['ledige', 'sygemeldte'],
    referralType: referralType as 'referred' | 'open',
    format: format as 'group' | 'individual',
    weeks: 8,
    hoursPerWeek: 2,
    capacity: 12,
    profession: profession as string,
    startsInDays: 7 + i * 5,
  })),
  '175': [
    {
      title: 'Sundhedskursus for ledige i Rødovre',
      description:
        'Kursus bygget på ledige borgeres egne ønsker fra fokusgruppen: motion, sund mad og trivsel. Evalueres mod succeskriterier sat på forhånd.',
      by: 'sundhedscenter',
      themes: ['motion', 'kost', 'psykisk_helbred'],
      targetGroups: ['ledige'],
      benefitTypes: ['kontanthjaelp_aktivitetsparat', 'kontanthjaelp_jobparat'],
      referralType: 'referred',
      format: 'group',
      weeks: 10,
      hoursPerWeek: 6,
      capacity: 15,
      profession: 'Sundhedskonsulent',
      startsInDays: 20,
    },
  ],
  '860': [
    {
      title: 'Motion i Vendsyssel',
      description: 'Holdtræning for borgere i den orange og røde gruppe.',
      by: 'provider',
      themes: ['motion'],
      targetGroups: ['ledige', 'sygemeldte'],
      referralType: 'referred',
      format: 'group',
      weeks: 8,
      hoursPerWeek: 4,
      capacity: 12,
      profession: 'Fysioterapeut',
      startsInDays: 12,
    },
  ],
};

async function insert(tx: Tx, demo: DemoContext, code: string, o: SeedOffer) {
  const m = demo.municipalities.find((x) => x.code === code);
  if (!m) return;
  const org = m.orgs[o.by];
  const { rows } = await sql<{ address: string; name: string }>`
    select address, name from organisation where municipality_code = ${code} and id = ${org}`.execute(
    tx,
  );
  await sql`insert into offer (municipality_code, provider_organisation_id, title, description, themes,
      target_groups, benefit_types, referral_type, format, weeks, hours_per_week, days_per_week,
      place_name, address, capacity, profession, cost_per_participant, intro_meeting, contact,
      status, next_start)
    values (${code}, ${org}, ${o.title}, ${o.description}, ${o.themes}::text[], ${o.targetGroups}::text[],
      ${o.benefitTypes ?? []}::text[], ${o.referralType}, ${o.format}, ${o.weeks ?? null},
      ${o.hoursPerWeek ?? null}, ${o.daysPerWeek ?? null}, ${o.place ?? rows[0]?.name ?? null},
      ${rows[0]?.address ?? null}, ${o.capacity ?? null}, ${o.profession ?? null}, ${o.cost ?? null},
      ${o.introMeeting ?? null}, ${`${rows[0]?.name ?? ''}, tlf. 70 10 20 30`}, 'published',
      current_date + ${o.startsInDays ?? 14}::int)`.execute(tx);
}

export const catalogueDemo: DemoPart = {
  name: 'catalogue',
  async run(tx, demo) {
    for (const [code, list] of Object.entries(offers)) {
      for (const o of list) await insert(tx, demo, code, o);
    }
  },
};
