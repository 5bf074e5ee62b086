/**
 * Sickness-benefit follow-up (sygedagpengeloven chapter 6): the case flow on a citizen's
 * current sygedagpenge period, and its deadlines from the engine (engine.ts) under the
 * municipality's versioned rule set. Each event that meets a deadline stores the due date and
 * rule version it met, so a rule change moves only deadlines not yet met.
 *
 * The GP certificate and the mulighedserklæring are held by law (their policy rules carry the
 * legal basis), not by consent; the citizen is shown which basis applies.
 */
import { sql } from 'kysely';
import { audit } from '../../platform/audit.js';
import {
  type AuthedContext,
  type Grant,
  hasRole,
  type Tx,
  tenantTx,
} from '../../platform/context.js';
import { addDays, danishToday, daysBetween } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, ruleFor } from '../../platform/policy.js';
import { citizenScope, loadCitizenFor } from '../citizens/citizens.service.js';
import {
  type CaseFacts,
  type Category,
  computeSteps,
  conversationDeadline,
  deadlineAfter,
  openDeadline,
  type RuleParameters,
  type RuleSet,
  ruleSetOn,
  type Step,
} from './engine.js';
import * as repo from './followup.repo.js';
import {
  type CitizenLanguage,
  conversationReminder,
  conversationSms,
  enqueue,
  informationFormReminder,
  informationFormSms,
} from './reminders.js';

const noPeriod = () =>
  notFound({
    da: 'Borgeren har ikke et sygedagpengeforløb.',
    en: 'The citizen has no sickness benefit period.',
  });

const met = (dueDate: string | null, ruleVersion: number | null) =>
  dueDate === null && ruleVersion === null ? null : { dueDate, ruleVersion };

export function factsOf(
  period: repo.PeriodRow,
  c: repo.CaseRow | undefined,
  form: repo.FormRow | undefined,
  gp: repo.GpRow | undefined,
  convs: repo.ConversationRow[],
  reassessment: repo.ReassessmentRow | undefined,
): CaseFacts {
  return {
    firstAbsenceDay: c?.first_absence_day ?? period.start_date,
    periodEndDate: period.end_date,
    expectedBackWithin8Weeks: c?.expected_back_within_8_weeks ?? null,
    fastTrackRequestedOn: c?.fast_track_requested_on ?? null,
    standby: c?.standby ?? false,
    category: c?.category ?? null,
    informationForm: form
      ? {
          sentOn: form.sent_on,
          answeredOn: form.answered_on,
          met: met(form.met_due_date, form.met_rule_version),
        }
      : null,
    gpCertificate: gp
      ? {
          requestedOn: gp.requested_on,
          deadline: gp.deadline,
          deadlineRuleVersion: gp.deadline_rule_version,
          receivedOn: gp.received_on,
          met: met(gp.met_due_date, gp.met_rule_version),
        }
      : null,
    conversations: convs.map((k) => ({
      heldOn: k.held_on,
      met: met(k.met_due_date, k.met_rule_version),
    })),
    reassessment: reassessment
      ? {
          decidedOn: reassessment.decided_on,
          met: met(reassessment.met_due_date, reassessment.met_rule_version),
        }
      : null,
  };
}

/**
 * The steps of many open periods under the rules in force today: for the deadlines list, the
 * task list and anything else that needs the statutory deadlines (one engine for all).
 */
export async function stepsForPeriods(
  tx: Tx,
  municipalityCode: string,
  periods: repo.PeriodRow[],
  today = danishToday(),
) {
  if (periods.length === 0) return new Map<string, Step[]>();
  const rules = ruleSetOn(await repo.ruleSets(tx, municipalityCode), today);
  const f = await repo.bulkFacts(
    tx,
    periods.map((p) => p.id),
  );
  return new Map(
    periods.map((p) => [
      p.id,
      computeSteps(
        factsOf(
          p,
          f.cases.get(p.id),
          f.forms.get(p.id),
          f.gps.get(p.id),
          f.conversations.get(p.id) ?? [],
          f.reassessments.get(p.id),
        ),
        rules,
        today,
      ),
    ]),
  );
}

/**
 * The steps of the open sickness-benefit periods of a caseworker's citizens (all of the
 * municipality: null), as the deadlines page counts them (the staff's daily list).
 */
export async function stepsForPeriodsOf(
  tx: Tx,
  municipalityCode: string,
  caseworkerId: string | null,
  today = danishToday(),
): Promise<Step[]> {
  const periods = await repo.openSicknessPeriods(tx, caseworkerId);
  const steps = await stepsForPeriods(tx, municipalityCode, periods, today);
  return periods.flatMap((p) => steps.get(p.id) ?? []);
}

/** The rule set in force today for the municipality (for other modules' deadlines). */
export async function rulesInForce(tx: Tx, municipalityCode: string, today = danishToday()) {
  return ruleSetOn(await repo.ruleSets(tx, municipalityCode), today);
}

interface Loaded {
  period: repo.PeriodRow;
  caseRow: repo.CaseRow | undefined;
  form: repo.FormRow | undefined;
  gp: repo.GpRow | undefined;
  conversations: repo.ConversationRow[];
  fitness: repo.FitnessRow | undefined;
  reassessment: repo.ReassessmentRow | undefined;
  rules: RuleSet;
  steps: Step[];
  today: string;
}

async function load(tx: Tx, m: string, citizenId: string): Promise<Loaded> {
  const period = await repo.currentSicknessPeriod(tx, citizenId);
  if (!period) throw noPeriod();
  const today = danishToday();
  const [caseRow, form, gp, conversations, fitness, reassessment, sets] = [
    await repo.findCase(tx, period.id),
    await repo.findForm(tx, period.id),
    await repo.findGp(tx, period.id),
    await repo.conversations(tx, period.id),
    await repo.findFitness(tx, period.id),
    await repo.findReassessment(tx, period.id),
    await repo.ruleSets(tx, m),
  ];
  const rules = ruleSetOn(sets, today);
  const steps = computeSteps(
    factsOf(period, caseRow, form, gp, conversations, reassessment),
    rules,
    today,
  );
  return { period, caseRow, form, gp, conversations, fitness, reassessment, rules, steps, today };
}

function summary(l: Loaded) {
  const category = l.caseRow?.category ?? null;
  return {
    benefitPeriodId: l.period.id,
    firstAbsenceDay: l.caseRow?.first_absence_day ?? l.period.start_date,
    category,
    steps: l.steps,
  };
}

const legalBasisOf = (action: string) => {
  const basis = ruleFor(action)?.legalBasis;
  return basis
    ? { basis: 'law' as const, reference: basis }
    : { basis: 'consent' as const, reference: null };
};

const ACTIONS = [
  'followup.update',
  'followup.gp_certificate',
  'followup.fitness_statement',
] as const;

function details(ctx: AuthedContext, l: Loaded, citizen: Parameters<typeof citizenScope>[0]) {
  return {
    followUp: summary(l),
    ruleVersion: l.rules.version,
    periodEndDate: l.period.end_date,
    expectedBackWithin8Weeks: l.caseRow?.expected_back_within_8_weeks ?? null,
    expectedDurationWeeks: l.caseRow?.expected_duration_weeks ?? null,
    fastTrackRequestedOn: l.caseRow?.fast_track_requested_on ?? null,
    fastTrackRequestedBy: l.caseRow?.fast_track_requested_by ?? null,
    standby: l.caseRow?.standby ?? false,
    informationForm: l.form
      ? {
          sentOn: l.form.sent_on,
          answeredOn: l.form.answered_on,
          workAbility: l.form.work_ability,
          expectedDuration: l.form.expected_duration,
          canStillDo: l.form.can_still_do,
        }
      : null,
    gpCertificate: l.gp
      ? {
          requestedOn: l.gp.requested_on,
          deadline:
            l.steps.find((s) => s.kind === 'gp_certificate')?.dueDate ?? l.gp.deadline ?? null,
          receivedOn: l.gp.received_on,
          ...legalBasisOf('followup.gp_certificate'),
        }
      : null,
    fitnessStatement: {
      part1On: l.fitness?.part1_on ?? null,
      part2On: l.fitness?.part2_on ?? null,
      ...legalBasisOf('followup.fitness_statement'),
    },
    conversations: l.conversations.map((c) => ({
      id: c.id,
      heldOn: c.held_on,
      form: c.form,
      category: c.category,
      nextDate: c.next_date,
      metDueDate: c.met_due_date,
    })),
    reassessment: l.reassessment
      ? {
          decidedOn: l.reassessment.decided_on,
          decision: l.reassessment.decision,
          extensionGround: l.reassessment.extension_ground,
        }
      : null,
    legalBases: [
      { document: 'gp_certificate' as const, ...legalBasisOf('followup.gp_certificate') },
      { document: 'fitness_statement' as const, ...legalBasisOf('followup.fitness_statement') },
    ],
    allowedActions: allowedActions(ctx.actor, ACTIONS, citizenScope(citizen)),
  };
}

async function auditFollowUp(
  tx: Tx,
  ctx: AuthedContext,
  a: {
    action: 'read' | 'create' | 'update';
    policyAction: string;
    resourceType: string;
    citizenId: string;
    periodId: string;
    grant: Grant;
    details?: Record<string, unknown>;
  },
) {
  await audit(tx, ctx, {
    action: a.action,
    policyAction: a.policyAction,
    resourceType: a.resourceType,
    resourceId: a.periodId,
    citizenId: a.citizenId,
    grant: a.grant,
    details: a.details,
  });
}

export async function getFollowUp(ctx: AuthedContext, citizenId: string) {
  const m = ctx.actor.municipalityCode;
  return tenantTx(ctx, m, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'followup.read');
    const l = await load(tx, m, citizenId);
    await auditFollowUp(tx, ctx, {
      action: 'read',
      policyAction: 'followup.read',
      resourceType: 'followup_case',
      citizenId,
      periodId: l.period.id,
      grant,
    });
    return summary(l);
  });
}

export async function getDetails(ctx: AuthedContext, citizenId: string) {
  const m = ctx.actor.municipalityCode;
  return tenantTx(ctx, m, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, citizenId, 'followup.read');
    const l = await load(tx, m, citizenId);
    await auditFollowUp(tx, ctx, {
      action: 'read',
      policyAction: 'followup.read',
      resourceType: 'followup_case',
      citizenId,
      periodId: l.period.id,
      grant,
    });
    return details(ctx, l, row);
  });
}

/** Runs a change to the citizen's current case (created on first use) and returns the details. */
async function change(
  ctx: AuthedContext,
  citizenId: string,
  policyAction: string,
  resourceType: string,
  work: (
    tx: Tx,
    l: Loaded,
    citizen: Parameters<typeof citizenScope>[0],
  ) => Promise<Record<string, unknown>>,
) {
  const m = ctx.actor.municipalityCode;
  return tenantTx(ctx, m, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, citizenId, policyAction);
    const before = await load(tx, m, citizenId);
    await repo.ensureCase(tx, m, before.period);
    const changed = await work(tx, before, row);
    await auditFollowUp(tx, ctx, {
      action: 'update',
      policyAction,
      resourceType,
      citizenId,
      periodId: before.period.id,
      grant,
      details: changed,
    });
    return details(ctx, await load(tx, m, citizenId), row);
  });
}

type ReminderText = (
  municipalityName: string,
  citizen: CitizenLanguage,
) => { subject: string; body: string };

/**
 * A reminder to the citizen: an e-mail when they have an address and an SMS when they have a
 * phone number, both written to the outbox in this transaction (one row per channel and event).
 */
async function remind(
  tx: Tx,
  citizen: Parameters<typeof citizenScope>[0],
  dedupKey: string,
  kind: string,
  text: { email: ReminderText; sms: ReminderText },
  sendOn?: string,
) {
  if (!citizen.email && !citizen.phone) return;
  const { rows } = await sql<{ name: string }>`select name from municipality
    where code = ${citizen.municipality_code}`.execute(tx);
  const name = rows[0]?.name ?? '';
  const base = { municipalityCode: citizen.municipality_code, citizenId: citizen.id, kind, sendOn };
  const language = {
    preferredLanguage: citizen.preferred_language,
    needsInterpreter: citizen.needs_interpreter,
  };
  if (citizen.email) {
    await enqueue(tx, {
      ...base,
      channel: 'email',
      recipient: citizen.email,
      dedupKey,
      ...text.email(name, language),
    });
  }
  if (citizen.phone) {
    await enqueue(tx, {
      ...base,
      channel: 'sms',
      recipient: citizen.phone,
      dedupKey: `${dedupKey}:sms`,
      ...text.sms(name, language),
    });
  }
}

const invalid = (pointer: string, da: string, en: string) =>
  new AppError('validation', { da, en }, { errors: [{ in: 'body', pointer, message: da }] });

function notBeforeAbsence(l: Loaded, date: string, pointer: string) {
  const first = l.caseRow?.first_absence_day ?? l.period.start_date;
  if (date < first) {
    throw invalid(
      pointer,
      'Datoen ligger før første fraværsdag.',
      'The date is before the first day of absence.',
    );
  }
}

export interface CaseInput {
  firstAbsenceDay?: string;
  expectedBackWithin8Weeks?: boolean | null;
  expectedDurationWeeks?: number | null;
  fastTrackRequestedOn?: string | null;
  fastTrackRequestedBy?: 'employer' | 'citizen' | null;
  standby?: boolean;
}

export async function updateCase(ctx: AuthedContext, citizenId: string, input: CaseInput) {
  return change(ctx, citizenId, 'followup.update', 'followup_case', async (tx, l) => {
    if (input.firstAbsenceDay && input.firstAbsenceDay > l.today) {
      throw invalid(
        '/firstAbsenceDay',
        'Første fraværsdag kan ikke ligge i fremtiden.',
        'The first day of absence cannot be in the future.',
      );
    }
    if (input.fastTrackRequestedOn)
      notBeforeAbsence(l, input.fastTrackRequestedOn, '/fastTrackRequestedOn');
    await repo.updateCase(tx, l.period.id, {
      first_absence_day: input.firstAbsenceDay,
      expected_back_within_8_weeks: input.expectedBackWithin8Weeks,
      expected_duration_weeks: input.expectedDurationWeeks,
      fast_track_requested_on: input.fastTrackRequestedOn,
      fast_track_requested_by:
        input.fastTrackRequestedOn === null ? null : input.fastTrackRequestedBy,
      standby: input.standby,
    });
    return { ...input };
  });
}

export async function sendInformationForm(
  ctx: AuthedContext,
  citizenId: string,
  input: { sentOn?: string },
) {
  return change(
    ctx,
    citizenId,
    'followup.update',
    'followup_information_form',
    async (tx, l, citizen) => {
      if (l.form?.answered_on) {
        throw new AppError('conflict', {
          da: 'Borgeren har allerede besvaret oplysningsskemaet.',
          en: 'The citizen has already answered the information form.',
        });
      }
      const sentOn = input.sentOn ?? l.today;
      await repo.sendForm(tx, ctx.actor.municipalityCode, l.period.id, sentOn);
      const due = deadlineAfter(
        sentOn,
        l.rules.parameters.informationFormDueDays,
        l.rules.parameters,
      );
      await remind(tx, citizen, `information_form:${l.period.id}:${sentOn}`, 'information_form', {
        email: (name, language) => informationFormReminder(name, due, language),
        sms: (name, language) => informationFormSms(name, due, language),
      });
      return { sentOn };
    },
  );
}

export async function requestGpCertificate(
  ctx: AuthedContext,
  citizenId: string,
  input: { requestedOn: string; deadline?: string | null },
) {
  return change(
    ctx,
    citizenId,
    'followup.gp_certificate',
    'followup_gp_certificate',
    async (tx, l) => {
      notBeforeAbsence(l, input.requestedOn, '/requestedOn');
      const min = l.rules.parameters.gpCertificateMinDays;
      const deadline = input.deadline ?? null;
      if (deadline && daysBetween(input.requestedOn, deadline) < min) {
        throw invalid(
          '/deadline',
          `Lægens frist skal være mindst ${min} dage efter anmodningen.`,
          `The GP's deadline must be at least ${min} days after the request.`,
        );
      }
      await repo.requestGp(tx, ctx.actor.municipalityCode, l.period.id, {
        requestedOn: input.requestedOn,
        deadline,
        ruleVersion: deadline ? l.rules.version : null,
      });
      return { requestedOn: input.requestedOn, deadline };
    },
  );
}

export async function receiveGpCertificate(
  ctx: AuthedContext,
  citizenId: string,
  input: { receivedOn: string },
) {
  return change(
    ctx,
    citizenId,
    'followup.gp_certificate',
    'followup_gp_certificate',
    async (tx, l) => {
      if (!l.gp) {
        throw new AppError('conflict', {
          da: 'Der er ikke anmodet om en lægeattest.',
          en: 'No GP certificate has been requested.',
        });
      }
      if (input.receivedOn < l.gp.requested_on) {
        throw invalid(
          '/receivedOn',
          'Attesten kan ikke være modtaget før anmodningen.',
          'Received before requested.',
        );
      }
      const d = openDeadline(l.steps, 'gp_certificate');
      await repo.receiveGp(tx, l.period.id, {
        receivedOn: input.receivedOn,
        metDueDate: d?.dueDate ?? null,
        metRuleVersion: d?.ruleVersion ?? null,
      });
      return { receivedOn: input.receivedOn };
    },
  );
}

export async function recordConversation(
  ctx: AuthedContext,
  citizenId: string,
  input: {
    heldOn: string;
    form: 'in_person' | 'phone' | 'video';
    category?: Category | null;
    nextDate?: string | null;
  },
) {
  return change(
    ctx,
    citizenId,
    'followup.update',
    'followup_conversation',
    async (tx, l, citizen) => {
      notBeforeAbsence(l, input.heldOn, '/heldOn');
      if (input.heldOn > l.today) {
        throw invalid(
          '/heldOn',
          'En samtale kan ikke registreres før den er holdt.',
          'A conversation cannot be recorded before it is held.',
        );
      }
      const last = l.conversations.at(-1);
      if (last && input.heldOn < last.held_on) {
        throw invalid(
          '/heldOn',
          'Samtalen ligger før den seneste registrerede samtale.',
          'Before the last recorded conversation.',
        );
      }
      if (input.nextDate && input.nextDate <= input.heldOn) {
        throw invalid(
          '/nextDate',
          'Næste samtale skal ligge efter denne.',
          'The next conversation must be after this one.',
        );
      }
      const d = conversationDeadline(l.steps);
      const category = input.category ?? null;
      await repo.insertConversation(tx, ctx.actor.municipalityCode, l.period.id, {
        heldOn: input.heldOn,
        form: input.form,
        category,
        nextDate: input.nextDate ?? null,
        metDueDate: d?.dueDate ?? null,
        metRuleVersion: d?.ruleVersion ?? null,
        userId: ctx.actor.userId,
      });
      if (category !== null) await repo.updateCase(tx, l.period.id, { category });
      const next = input.nextDate;
      if (next) {
        // The morning of the day before the conversation.
        await remind(
          tx,
          citizen,
          `conversation:${l.period.id}:${next}`,
          'conversation',
          {
            email: (name, language) => conversationReminder(name, next, language),
            sms: (name, language) => conversationSms(name, next, language),
          },
          addDays(next, -1),
        );
      }
      return { heldOn: input.heldOn, form: input.form, category };
    },
  );
}

export async function saveFitnessStatement(
  ctx: AuthedContext,
  citizenId: string,
  input: { part1On?: string | null; part2On?: string | null },
) {
  return change(
    ctx,
    citizenId,
    'followup.fitness_statement',
    'followup_fitness_statement',
    async (tx, l) => {
      const f = { part1On: input.part1On ?? null, part2On: input.part2On ?? null };
      await repo.saveFitness(tx, ctx.actor.municipalityCode, l.period.id, f);
      return f;
    },
  );
}

export async function decideReassessment(
  ctx: AuthedContext,
  citizenId: string,
  input: {
    decidedOn: string;
    decision: 'extension' | 'jobafklaringsforloeb';
    extensionGround?: string | null;
  },
) {
  return change(ctx, citizenId, 'followup.update', 'followup_reassessment', async (tx, l) => {
    if (l.reassessment) {
      throw new AppError('conflict', {
        da: 'Revurderingen er allerede afgjort.',
        en: 'The reassessment has already been decided.',
      });
    }
    notBeforeAbsence(l, input.decidedOn, '/decidedOn');
    const ground = input.decision === 'extension' ? (input.extensionGround ?? '').trim() : null;
    if (input.decision === 'extension' && !ground) {
      throw invalid(
        '/extensionGround',
        'Angiv lovens grund til forlængelse.',
        'Give the ground for the extension.',
      );
    }
    const d = openDeadline(l.steps, 'reassessment');
    await repo.insertReassessment(tx, ctx.actor.municipalityCode, l.period.id, {
      decidedOn: input.decidedOn,
      decision: input.decision,
      extensionGround: ground,
      metDueDate: d?.dueDate ?? null,
      metRuleVersion: d?.ruleVersion ?? null,
      userId: ctx.actor.userId,
    });
    return { decidedOn: input.decidedOn, decision: input.decision };
  });
}

// --- The citizen's own information form (portal) ---

function ownCitizen(ctx: AuthedContext): string {
  if (!ctx.actor.citizenId) throw noPeriod();
  return ctx.actor.citizenId;
}

function presentOwnForm(l: Loaded) {
  if (!l.form) {
    throw notFound({
      da: 'Jobcentret har ikke sendt dig et oplysningsskema.',
      en: 'The job centre has not sent you an information form.',
    });
  }
  return {
    sentOn: l.form.sent_on,
    dueDate: l.steps.find((s) => s.kind === 'information_form')?.dueDate ?? null,
    answeredOn: l.form.answered_on,
    workAbility: l.form.work_ability,
    expectedDuration: l.form.expected_duration,
    canStillDo: l.form.can_still_do,
    legalBases: [
      { document: 'gp_certificate' as const, ...legalBasisOf('followup.gp_certificate') },
      { document: 'fitness_statement' as const, ...legalBasisOf('followup.fitness_statement') },
    ],
  };
}

export async function myInformationForm(ctx: AuthedContext) {
  const m = ctx.actor.municipalityCode;
  const citizenId = ownCitizen(ctx);
  return tenantTx(ctx, m, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'followup.answer_form');
    const l = await load(tx, m, citizenId);
    await auditFollowUp(tx, ctx, {
      action: 'read',
      policyAction: 'followup.answer_form',
      resourceType: 'followup_information_form',
      citizenId,
      periodId: l.period.id,
      grant,
    });
    return presentOwnForm(l);
  });
}

export async function answerMyInformationForm(
  ctx: AuthedContext,
  input: { workAbility: string; expectedDuration: string; canStillDo: string },
) {
  const m = ctx.actor.municipalityCode;
  const citizenId = ownCitizen(ctx);
  return tenantTx(ctx, m, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'followup.answer_form');
    const l = await load(tx, m, citizenId);
    if (!l.form) presentOwnForm(l);
    if (l.form?.answered_on) {
      throw new AppError('conflict', {
        da: 'Du har allerede besvaret oplysningsskemaet.',
        en: 'You have already answered the information form.',
      });
    }
    const d = openDeadline(l.steps, 'information_form');
    await repo.answerForm(tx, l.period.id, {
      answeredOn: l.today,
      workAbility: input.workAbility.trim(),
      expectedDuration: input.expectedDuration.trim(),
      canStillDo: input.canStillDo.trim(),
      metDueDate: d?.dueDate ?? null,
      metRuleVersion: d?.ruleVersion ?? null,
    });
    await auditFollowUp(tx, ctx, {
      action: 'update',
      policyAction: 'followup.answer_form',
      resourceType: 'followup_information_form',
      citizenId,
      periodId: l.period.id,
      grant,
    });
    return presentOwnForm(await load(tx, m, citizenId));
  });
}

// --- The caseworker's deadlines list ---

export type Bucket = 'overdue' | 'this_week' | 'next_week';

/** Overdue, due this week (to Sunday) and due next week (Monday to Sunday), Monday weeks. */
export function bucketOf(dueDate: string, today: string): Bucket | null {
  if (dueDate < today) return 'overdue';
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const sunday = addDays(today, 7 - weekday);
  if (dueDate <= sunday) return 'this_week';
  if (dueDate <= addDays(sunday, 7)) return 'next_week';
  return null;
}

export async function myDeadlines(ctx: AuthedContext) {
  const grant = authorize(ctx.actor, 'followup.deadlines');
  const m = ctx.actor.municipalityCode;
  // A coordinating caseworker sees the municipality's; a caseworker their own citizens'.
  const mine = hasRole(ctx.actor, 'coordinating_caseworker') ? null : ctx.actor.userId;
  return tenantTx(ctx, m, async (tx) => {
    const today = danishToday();
    const periods = await repo.openSicknessPeriods(tx, mine);
    const steps = await stepsForPeriods(tx, m, periods, today);
    const items = periods.flatMap((p) =>
      (steps.get(p.id) ?? []).flatMap((s) => {
        if (!s.dueDate || (s.status !== 'open' && s.status !== 'overdue')) return [];
        const bucket = bucketOf(s.dueDate, today);
        return bucket
          ? [
              {
                citizenId: p.citizen_id,
                citizenName: p.citizen_name,
                kind: s.kind,
                dueDate: s.dueDate,
                status: s.status,
                bucket,
              },
            ]
          : [];
      }),
    );
    items.sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.citizenName.localeCompare(b.citizenName),
    );
    for (const citizenId of new Set(items.map((i) => i.citizenId))) {
      await audit(tx, ctx, {
        action: 'search',
        policyAction: 'followup.deadlines',
        resourceType: 'followup_case',
        citizenId,
        grant,
      });
    }
    return { today, items };
  });
}

// --- Rules (administrator) ---

export async function listRules(ctx: AuthedContext) {
  const m = ctx.actor.municipalityCode;
  authorize(ctx.actor, 'followup.rules.read', { municipalityCode: m });
  return tenantTx(ctx, m, async (tx) => {
    const today = danishToday();
    const rows = await repo.ruleSetRows(tx, m);
    const inForce = ruleSetOn(
      rows.map((r) => ({ version: r.version, validFrom: r.valid_from, parameters: r.parameters })),
      today,
    ).version;
    return {
      inForce,
      items: rows.map((r) => ({
        version: r.version,
        validFrom: r.valid_from,
        parameters: r.parameters,
        note: r.note,
      })),
    };
  });
}

export async function changeRules(
  ctx: AuthedContext,
  input: { validFrom: string; parameters: RuleParameters; note: string },
) {
  const m = ctx.actor.municipalityCode;
  const grant = authorize(ctx.actor, 'followup.rules.change', { municipalityCode: m });
  const p = input.parameters;
  if (p.gpCertificateDays < p.gpCertificateMinDays) {
    throw invalid(
      '/parameters/gpCertificateDays',
      'Lægens normale frist kan ikke være under minimum.',
      'The normal GP deadline cannot be under the minimum.',
    );
  }
  return tenantTx(ctx, m, async (tx) => {
    const version = await repo.insertRuleSet(tx, m, { ...input, userId: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'followup.rules.change',
      resourceType: 'followup_rule_set',
      resourceId: String(version),
      grant,
      details: {
        version,
        validFrom: input.validFrom,
        parameters: input.parameters,
        note: input.note,
      },
    });
    return { version, validFrom: input.validFrom, parameters: input.parameters, note: input.note };
  });
}

// --- Timeliness (rettidighed), for the manager's evaluation dashboard ---

/**
 * The share of first conversations and of follow-ups held by their deadline, per month held and
 * per team, from the deadline each conversation met (stored with it). Counts only; the caller
 * applies the dashboard's small-cell rules and audits the read.
 */
export async function timeliness(tx: Tx, from: string, to: string) {
  return (await repo.timeliness(tx, from, to)).map((r) => ({
    month: r.month,
    team: r.team,
    kind: r.kind,
    held: r.held,
    onTime: r.on_time,
  }));
}

// --- The reminder outbox (read instead of sent where no SMTP server is configured) ---

export async function listOutbox(ctx: AuthedContext) {
  const m = ctx.actor.municipalityCode;
  const grant = authorize(ctx.actor, 'followup.outbox.read', { municipalityCode: m });
  return tenantTx(ctx, m, async (tx) => {
    const rows = await repo.outbox(tx);
    for (const citizenId of new Set(rows.flatMap((r) => (r.citizen_id ? [r.citizen_id] : [])))) {
      await audit(tx, ctx, {
        action: 'read',
        policyAction: 'followup.outbox.read',
        resourceType: 'reminder_outbox',
        citizenId,
        grant,
      });
    }
    return {
      sending: ctx.config.smtpUrl !== null,
      sendingSms: ctx.config.smsUrl !== null,
      items: rows.map((r) => ({
        id: r.id,
        channel: r.channel,
        recipient: r.recipient,
        subject: r.subject,
        body: r.body,
        kind: r.kind,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        lastError: r.last_error,
        sentAt: r.sent_at,
      })),
    };
  });
}
