/**
 * The health profile (sundhedsprofil) as a questionnaire definition, in Danish. Odense's
 * health conversation: for each of six themes the citizen's own view, readiness to change and
 * whether they want help; self-rated health; WHO-5; Copenhagen's wish cards (Ønskekort).
 * Changing any text means a new version: stored responses keep the version they answered.
 */
import type { Question, QuestionnaireDefinition, Section } from '../questionnaires/engine.js';

export const HEALTH_PROFILE_KEY = 'health_profile';

export const themes = [
  { code: 'kost', label: 'Kost' },
  { code: 'rygning', label: 'Rygning' },
  { code: 'alkohol', label: 'Alkohol' },
  { code: 'motion', label: 'Motion' },
  { code: 'misbrug', label: 'Misbrug' },
  { code: 'psykisk_helbred', label: 'Psykisk helbred' },
] as const;
export type Theme = (typeof themes)[number]['code'];
export const themeCodes = themes.map((t) => t.code) as Theme[];
export const themeLabel = (code: string) =>
  themes.find((t) => t.code === code)?.label.toLowerCase() ?? code;

export const readinessOptions = [
  { value: 'not_ready', label: 'Ikke klar til forandring' },
  { value: 'thinking', label: 'Overvejer en forandring' },
  { value: 'ready', label: 'Klar til at gå i gang' },
  { value: 'acting', label: 'Er allerede i gang' },
];

const viewPrompt: Record<Theme, string> = {
  kost: 'Hvordan ser du selv på din kost og dine madvaner?',
  rygning: 'Hvordan ser du selv på din rygning?',
  alkohol: 'Hvordan ser du selv på dit forbrug af alkohol?',
  motion: 'Hvordan ser du selv på, hvor meget du bevæger dig?',
  misbrug: 'Hvordan ser du selv på dit forbrug af rusmidler (fx hash, piller)?',
  psykisk_helbred: 'Hvordan har du det psykisk, fx med stress, angst eller nedtrykthed?',
};

function themeSection(code: Theme, label: string): Section {
  const questions: Question[] = [
    { id: `${code}_view`, type: 'text', multiline: true, maxLength: 2000, label: viewPrompt[code] },
    {
      id: `${code}_readiness`,
      type: 'single',
      required: true,
      label: `Hvor klar er du til at ændre noget ved ${label.toLowerCase()}?`,
      options: readinessOptions,
    },
    {
      id: `${code}_wants_help`,
      type: 'single',
      required: true,
      label: `Ønsker du hjælp eller et tilbud om ${label.toLowerCase()}?`,
      options: [
        { value: 'yes', label: 'Ja' },
        { value: 'no', label: 'Nej' },
      ],
    },
    {
      id: `${code}_help_note`,
      type: 'text',
      maxLength: 1000,
      label: 'Hvilken slags hjælp vil du helst have?',
      showIf: { question: `${code}_wants_help`, in: ['yes'] },
    },
  ];
  return { id: code, title: label, questions };
}

export const selfRatedHealthOptions = [
  { value: 'excellent', label: 'Fremragende' },
  { value: 'very_good', label: 'Vældig godt' },
  { value: 'good', label: 'Godt' },
  { value: 'fair', label: 'Mindre godt' },
  { value: 'poor', label: 'Dårligt' },
];

const who5Labels = [
  { value: '5', label: 'Hele tiden' },
  { value: '4', label: 'Det meste af tiden' },
  { value: '3', label: 'Lidt mere end halvdelen af tiden' },
  { value: '2', label: 'Lidt mindre end halvdelen af tiden' },
  { value: '1', label: 'Lidt af tiden' },
  { value: '0', label: 'På intet tidspunkt' },
];
const who5Texts = [
  'I de sidste to uger har jeg været glad og i godt humør',
  'I de sidste to uger har jeg følt mig rolig og afslappet',
  'I de sidste to uger har jeg følt mig aktiv og energisk',
  'I de sidste to uger er jeg vågnet frisk og udhvilet',
  'I de sidste to uger har min dagligdag været fyldt med ting, der interesserer mig',
];

export const wishCards = [
  { value: 'job', label: 'Komme i arbejde eller uddannelse' },
  { value: 'energi', label: 'Mere energi i hverdagen' },
  { value: 'soevn', label: 'Sove bedre' },
  { value: 'faellesskab', label: 'Være en del af et fællesskab' },
  { value: 'ro', label: 'Mere ro i hovedet' },
  { value: 'smerter', label: 'Færre smerter' },
  { value: 'form', label: 'Komme i bedre form' },
  { value: 'mad', label: 'Spise sundere' },
  { value: 'roegfri', label: 'Blive røgfri' },
  { value: 'familie', label: 'Mere overskud til familien' },
];

export const healthProfileDefinition: QuestionnaireDefinition = {
  key: HEALTH_PROFILE_KEY,
  version: 1,
  title: 'Sundhedsprofil',
  intro:
    'Samtalen handler om det, du selv synes er vigtigt. Du bestemmer, hvad du vil arbejde med.',
  sections: [
    ...themes.map((t) => themeSection(t.code, t.label)),
    {
      id: 'self_rated',
      title: 'Selvvurderet helbred',
      questions: [
        {
          id: 'self_rated_health',
          type: 'single',
          required: true,
          label: 'Hvordan synes du, dit helbred er alt i alt?',
          options: selfRatedHealthOptions,
        },
      ],
    },
    {
      id: 'who5',
      title: 'Trivsel (WHO-5)',
      intro: 'Hvordan har du haft det i de sidste to uger? Vælg det svar, der passer bedst.',
      questions: who5Texts.map((label, i) => ({
        id: `who5_${i + 1}`,
        type: 'scale' as const,
        min: 0,
        max: 5,
        required: true,
        label,
        labels: who5Labels,
      })),
    },
    {
      id: 'wishes',
      title: 'Ønskekort',
      intro: 'Hvad er vigtigt for dig, og hvad ønsker du dig?',
      questions: [
        {
          id: 'wish_matters',
          type: 'text',
          multiline: true,
          maxLength: 2000,
          label: 'Hvad er vigtigt for dig lige nu?',
        },
        {
          id: 'wish_cards',
          type: 'multiple',
          max: 5,
          label: 'Vælg op til fem ønskekort',
          options: wishCards,
        },
      ],
    },
  ],
};

/** 1 = excellent .. 5 = poor, as health_profile_fact stores it. */
export function selfRatedHealthValue(answer: unknown): number | null {
  const i = selfRatedHealthOptions.findIndex((o) => o.value === answer);
  return i < 0 ? null : i + 1;
}
