/**
 * Randers' dialogue meetings with the GPs (seed 001: twice a year the health centre invites all
 * the municipality's GPs; the job centre's leaders take part; the practice consultant asked the
 * job centre for help with the new mulighedserklæring). The minutes and the list of what the GPs
 * asked are the municipality's shared knowledge: no citizen data, so a text that looks like a CPR
 * number is refused.
 */
import { audit } from '../../platform/audit.js';
import { type AuthedContext, orgIds, type Tx, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize } from '../../platform/policy.js';
import * as repo from './gpmeetings.repo.js';

const cprLike = /\b\d{6}-?\d{4}\b/;

/** Refuses a text that looks like it names a citizen by CPR number. */
function noCitizenData(fields: Record<string, string | null | undefined>) {
  for (const [name, value] of Object.entries(fields)) {
    if (value && cprLike.test(value)) {
      throw new AppError(
        'validation',
        {
          da: 'Dialogmøder med lægerne må ikke indeholde borgeroplysninger (et CPR-nummer).',
          en: 'Dialogue meetings with the GPs must hold no citizen data (a CPR number).',
        },
        { errors: [{ in: 'body', pointer: `/${name}`, message: 'Må ikke indeholde CPR-numre' }] },
      );
    }
  }
}

const scopeOf = (m: { municipality_code: string }) => ({ municipalityCode: m.municipality_code });

function summary(m: repo.MeetingRow) {
  return {
    id: m.id,
    heldOn: m.held_on,
    title: m.title,
    organiserName: m.organiser_name,
    nextMeetingOn: m.next_meeting_on,
    openQuestions: Number(m.open_questions),
  };
}

export async function list(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    authorize(
      ctx.actor,
      'gp_meeting.read',
      scopeOf({ municipality_code: ctx.actor.municipalityCode }),
    );
    return {
      items: (await repo.list(tx)).map(summary),
      allowedActions: allowedActions(ctx.actor, ['gp_meeting.write'], {
        municipalityCode: ctx.actor.municipalityCode,
      }),
    };
  });
}

async function detail(ctx: AuthedContext, tx: Tx, m: repo.MeetingRow) {
  return {
    ...summary(m),
    participants: m.participants,
    minutes: m.minutes,
    questions: (await repo.questions(tx, m.id)).map((q) => ({
      id: q.id,
      question: q.question,
      answer: q.answer,
      status: q.status,
    })),
    allowedActions: allowedActions(ctx.actor, ['gp_meeting.write'], scopeOf(m)),
  };
}

async function load(ctx: AuthedContext, tx: Tx, id: string, action: string) {
  const m = await repo.find(tx, id);
  if (!m) throw notFound({ da: 'Mødet findes ikke.', en: 'Meeting not found.' });
  const grant = authorize(ctx.actor, action, scopeOf(m));
  return { m, grant };
}

export async function get(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { m } = await load(ctx, tx, id, 'gp_meeting.read');
    return detail(ctx, tx, m);
  });
}

export interface MeetingInput {
  heldOn: string;
  title: string;
  participants?: string;
  minutes?: string;
  nextMeetingOn?: string | null;
}

export async function create(ctx: AuthedContext, input: MeetingInput) {
  noCitizenData({ title: input.title, participants: input.participants, minutes: input.minutes });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const grant = authorize(ctx.actor, 'gp_meeting.write', {
      municipalityCode: ctx.actor.municipalityCode,
    });
    // Randers: the health centre invites; a user outside any organisation records it for it.
    const organiserId = orgIds(ctx.actor)[0] ?? (await repo.healthCentre(tx));
    if (!organiserId) {
      throw new AppError('validation', {
        da: 'Du skal høre til en organisation for at holde et dialogmøde.',
        en: 'You must belong to an organisation to hold a dialogue meeting.',
      });
    }
    const id = await repo.insert(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      organiserId,
      heldOn: input.heldOn,
      title: input.title,
      participants: input.participants ?? '',
      minutes: input.minutes ?? '',
      nextMeetingOn: input.nextMeetingOn ?? null,
      userId: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'gp_meeting.write',
      resourceType: 'gp_meeting',
      resourceId: id,
      grant,
    });
    return detail(ctx, tx, (await repo.find(tx, id))!);
  });
}

export async function update(
  ctx: AuthedContext,
  id: string,
  patch: { participants?: string; minutes?: string; nextMeetingOn?: string | null },
) {
  noCitizenData({ participants: patch.participants, minutes: patch.minutes });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await load(ctx, tx, id, 'gp_meeting.write');
    await repo.update(tx, id, patch);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'gp_meeting.write',
      resourceType: 'gp_meeting',
      resourceId: id,
      grant,
    });
    return detail(ctx, tx, (await repo.find(tx, id))!);
  });
}

export async function addQuestion(ctx: AuthedContext, id: string, question: string) {
  noCitizenData({ question });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { m, grant } = await load(ctx, tx, id, 'gp_meeting.write');
    const qid = await repo.addQuestion(tx, m.municipality_code, id, question);
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'gp_meeting.write',
      resourceType: 'gp_meeting_question',
      resourceId: qid,
      grant,
    });
    return detail(ctx, tx, (await repo.find(tx, id))!);
  });
}

export async function answer(ctx: AuthedContext, id: string, questionId: string, text: string) {
  noCitizenData({ answer: text });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await load(ctx, tx, id, 'gp_meeting.write');
    if (!(await repo.answerQuestion(tx, id, questionId, text))) {
      throw notFound({ da: 'Spørgsmålet findes ikke.', en: 'Question not found.' });
    }
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'gp_meeting.write',
      resourceType: 'gp_meeting_question',
      resourceId: questionId,
      grant,
    });
    return detail(ctx, tx, (await repo.find(tx, id))!);
  });
}
