/**
 * Anonymous needs surveys (Rødovre asked unemployed citizens what they wanted before designing
 * its course). A manager creates a short survey and shares a public link; respondents answer
 * without logging in; the manager sees aggregated answers only, with counts of 1–4 suppressed
 * and nothing at all below five responses. The questions are a questionnaire definition and the
 * answers anonymous responses on the questionnaire engine (#6), validated by it.
 */
import { randomBytes } from 'node:crypto';
import type { SurveyAnswer, SurveyInput, SurveyResults } from '@helhed/shared/evaluation';
import { audit } from '../../platform/audit.js';
import { type AuthedContext, type RequestContext, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import {
  type Answers,
  normalizeAnswers,
  pruneHidden,
  questionsOf,
  validateAnswers,
} from '../questionnaires/questionnaires.service.js';
import { published, suppress, suppressCount } from './stats/suppression.js';
import * as repo from './surveys.repo.js';

export const publicPath = (m: string, token: string) => `/undersoegelse/${m}/${token}`;
export const publicUrl = (base: string, m: string, token: string) =>
  `${base.replace(/\/+$/, '')}${publicPath(m, token)}`;

function present(row: repo.SurveyRow) {
  return {
    id: row.id,
    title: row.title,
    intro: row.intro,
    status: row.status,
    publicPath: publicPath(row.municipality_code, row.public_token),
    responses: suppressCount(row.responses),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function validate(input: SurveyInput) {
  const errors = input.questions.flatMap((q, i) => {
    if ((q.kind === 'single' || q.kind === 'multiple') && (q.options?.length ?? 0) < 2)
      return [
        {
          in: 'body' as const,
          pointer: `/questions/${i}/options`,
          message: 'Giv mindst to svarmuligheder',
        },
      ];
    if (q.kind === 'scale' && (q.scaleMin ?? 1) >= (q.scaleMax ?? 5))
      return [
        {
          in: 'body' as const,
          pointer: `/questions/${i}/scaleMax`,
          message: 'Skalaens maksimum skal være større end minimum',
        },
      ];
    return [];
  });
  if (errors.length)
    throw new AppError(
      'validation',
      { da: 'Spørgeskemaet er ikke gyldigt.', en: 'The survey is not valid.' },
      { errors },
    );
}

export async function createSurvey(ctx: AuthedContext, input: SurveyInput) {
  validate(input);
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const grant = authorize(ctx.actor, 'evaluation.survey.manage', {
      municipalityCode: ctx.actor.municipalityCode,
    });
    const id = await repo.createSurvey(
      tx,
      ctx.actor.municipalityCode,
      randomBytes(12).toString('base64url'),
      input,
      ctx.actor.userId,
    );
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'evaluation.survey.manage',
      resourceType: 'needs_survey',
      resourceId: id,
      grant,
    });
    return present((await repo.getSurvey(tx, ctx.actor.municipalityCode, id))!);
  });
}

export async function listSurveys(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    authorize(ctx.actor, 'evaluation.survey.manage', {
      municipalityCode: ctx.actor.municipalityCode,
    });
    return (await repo.listSurveys(tx, ctx.actor.municipalityCode)).map(present);
  });
}

export async function closeSurvey(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.getSurvey(tx, ctx.actor.municipalityCode, id);
    if (!row) throw notFound();
    const grant = authorize(ctx.actor, 'evaluation.survey.manage', {
      municipalityCode: row.municipality_code,
    });
    await repo.setStatus(tx, row.municipality_code, row.id, 'closed');
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'evaluation.survey.manage',
      resourceType: 'needs_survey',
      resourceId: id,
      grant,
    });
    return present((await repo.getSurvey(tx, row.municipality_code, id))!);
  });
}

/**
 * The survey's public link as a QR code (SVG) for posters and handouts. The link holds the
 * municipality and the survey's token, nothing about a respondent; the QR library is loaded on
 * first use, so it costs nothing at start. Handing out the link is audited like closing.
 */
export async function surveyQrSvg(ctx: AuthedContext, id: string): Promise<string> {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.getSurvey(tx, ctx.actor.municipalityCode, id);
    if (!row) throw notFound();
    const grant = authorize(ctx.actor, 'evaluation.survey.manage', {
      municipalityCode: row.municipality_code,
    });
    const url = publicUrl(ctx.config.publicUrl, row.municipality_code, row.public_token);
    const { renderSVG } = await import('uqr');
    const svg = renderSVG(url, { ecc: 'M', border: 4, pixelSize: 8 });
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'evaluation.survey.manage',
      resourceType: 'needs_survey',
      resourceId: row.id,
      grant,
      details: { qr: true },
    });
    // A title makes the image's text available to screen readers opening the file itself.
    return svg.replace(
      /^<svg([^>]*)>/,
      `<svg$1 role="img" aria-label="QR-kode"><title>QR-kode til ${escapeXml(url)}</title>`,
    );
  });
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function surveyResults(ctx: AuthedContext, id: string): Promise<SurveyResults> {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.getSurvey(tx, ctx.actor.municipalityCode, id);
    if (!row) throw notFound();
    const grant = authorize(ctx.actor, 'evaluation.survey.results', {
      municipalityCode: row.municipality_code,
    });
    const qs = repo.questions(await repo.definition(tx, row));
    const answers = await repo.responses(tx, row);
    const n = answers.length;
    const enough = n >= 5;
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'evaluation.survey.results',
      resourceType: 'dashboard',
      resourceId: `survey:${row.id}`,
      grant,
    });
    return {
      id: row.id,
      title: row.title,
      responses: suppressCount(n),
      enough,
      questions: qs.map((q) => {
        const values = answers
          .map((a) => a[String(q.position)])
          .filter((v) => v !== undefined && v !== null && v !== '');
        const base = {
          position: q.position,
          kind: q.kind,
          text: q.text,
          table: null,
          mean: null,
          texts: [] as string[],
        };
        if (!enough) return base;
        if (q.kind === 'text') {
          const texts = values
            .map((v) => String(v).trim())
            .filter(Boolean)
            .sort((a, b) => a.localeCompare(b, 'da'));
          return { ...base, texts: texts.length >= 5 ? texts : [] };
        }
        if (q.kind === 'multiple') {
          // Chosen / not chosen per option, so "not chosen" cannot give a small count away.
          const cells = q.options.map((o) => {
            const chosen = values.filter((v) => Array.isArray(v) && v.includes(o)).length;
            return [chosen, values.length - chosen];
          });
          return {
            ...base,
            table: {
              key: `q${q.position}`,
              ...published(
                suppress({
                  rows: q.options,
                  columns: ['chosen', 'not_chosen'],
                  cells,
                  rowTotals: true,
                  columnTotals: false,
                }),
              ),
            },
          };
        }
        const labels =
          q.kind === 'scale'
            ? Array.from({ length: (q.scale_max ?? 5) - (q.scale_min ?? 1) + 1 }, (_, i) =>
                String((q.scale_min ?? 1) + i),
              )
            : q.options;
        const cells = labels.map((l) => [values.filter((v) => String(v) === l).length]);
        const nums = values.map(Number).filter((v) => Number.isFinite(v));
        return {
          ...base,
          table: {
            key: `q${q.position}`,
            ...published(
              suppress({
                rows: labels,
                columns: ['count'],
                cells,
                rowTotals: false,
                columnTotals: true,
              }),
            ),
          },
          mean:
            q.kind === 'scale' && nums.length >= 5
              ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100
              : null,
        };
      }),
    };
  });
}

const badMunicipality = (m: string) => !/^[0-9]{3}$/.test(m);

export async function publicSurvey(ctx: RequestContext, m: string, token: string) {
  if (badMunicipality(m)) throw notFound();
  return tenantTx(ctx, m, async (tx) => {
    const row = await repo.getSurveyByToken(tx, m, token);
    if (row?.status !== 'open') throw notFound();
    const qs = repo.questions(await repo.definition(tx, row));
    return {
      title: row.title,
      intro: row.intro,
      municipalityName: (await repo.municipalityName(tx, m)) ?? '',
      questions: qs.map((q) => ({
        position: q.position,
        kind: q.kind,
        text: q.text,
        options: q.options,
        ...(q.kind === 'scale' ? { scaleMin: q.scale_min ?? 1, scaleMax: q.scale_max ?? 5 } : {}),
        required: q.required,
      })),
    };
  });
}

export async function answerSurvey(
  ctx: RequestContext,
  m: string,
  token: string,
  body: SurveyAnswer,
) {
  if (badMunicipality(m)) throw notFound();
  return tenantTx(ctx, m, async (tx) => {
    const row = await repo.getSurveyByToken(tx, m, token);
    if (row?.status !== 'open') throw notFound();
    const def = await repo.definition(tx, row);
    const byId = new Map(questionsOf(def).map((q) => [q.id, q]));
    const given: Answers = {};
    for (const [key, value] of Object.entries(body.answers)) {
      // An empty answer is no answer; a lone string for a multiple choice is one choice (the
      // schema's union may have coerced it); the engine normalizes the rest and validates.
      const v = typeof value === 'string' ? value.trim() : value;
      if (v === '' || (Array.isArray(v) && v.length === 0)) continue;
      given[key] = byId.get(key)?.type === 'multiple' && typeof v === 'string' ? [v] : v;
    }
    const answers = normalizeAnswers(def, given);
    const errors = validateAnswers(def, answers, { complete: true });
    if (errors.length)
      throw new AppError(
        'validation',
        { da: 'Svarene er ikke gyldige.', en: 'The answers are not valid.' },
        { errors: errors.map((e) => ({ in: 'body' as const, ...e })) },
      );
    await repo.insertResponse(tx, row, pruneHidden(def, answers));
  });
}
