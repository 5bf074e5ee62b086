/**
 * The sickness-benefit follow-up on the caseworker's citizen page (loaded as its own chunk when
 * the page shows it): the statutory steps with due dates and status, and forms to send the
 * information form, request and record the GP certificate, record a conversation, fast track,
 * standby, the mulighedserklæring and the week-22 reassessment. What may be done comes from the
 * server's allowedActions; deadlines come from the server's rules engine, never from the page.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import {
  decideReassessment,
  type FollowUp,
  type FollowUpDetails,
  getFollowUpDetails,
  type LegalBasis,
  receiveGpCertificate,
  recordConversation,
  requestGpCertificate,
  saveFitnessStatement,
  sendInformationForm,
  updateFollowUpCase,
} from '../../api/followup';
import { danishDate } from '../../api/workflow';
import { ScrollRegion } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField, InputField, SelectField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { useLanguage, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const today = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());

const statusClass: Record<string, string> = {
  open: 'badge-info',
  done: 'badge-success',
  overdue: 'badge-error',
  not_required: '',
};

export function FollowUpSection({ id }: { id: string }) {
  const t = useT();
  const { language } = useLanguage();
  const client = useQueryClient();
  const summary = useQuery({
    queryKey: ['follow-up', id],
    queryFn: () => api<FollowUp>(`/api/citizens/${id}/follow-up`),
    retry: false,
  });
  const details = useQuery({
    queryKey: ['follow-up-details', id],
    queryFn: () => getFollowUpDetails(id),
    enabled: summary.isSuccess,
  });
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: ({ run }: { run: () => Promise<FollowUpDetails>; label: string }) => run(),
    onSuccess: (d, v) => {
      client.setQueryData(['follow-up-details', id], d);
      client.setQueryData(['follow-up', id], d.followUp);
      void client.invalidateQueries({ queryKey: ['timeline', id] });
      setDone(v.label);
    },
  });

  // No sickness-benefit period (404) or no access: the section is not shown.
  if (summary.isError) return null;
  if (summary.isPending) return <Loading />;
  const f = summary.data;
  const d = details.data;
  const mayUpdate = d?.allowedActions.includes('followup.update') ?? false;
  const mayGp = d?.allowedActions.includes('followup.gp_certificate') ?? false;
  const mayFitness = d?.allowedActions.includes('followup.fitness_statement') ?? false;
  const run = (label: string, fn: () => Promise<FollowUpDetails>) => {
    setDone(null);
    change.mutate({ run: fn, label });
  };

  return (
    <section aria-labelledby="followup-heading" data-testid="follow-up">
      <h2 id="followup-heading">{t('followup.title')}</h2>
      <p>
        {t('followup.firstAbsenceDay')}: <strong>{danishDate(f.firstAbsenceDay)}</strong>
        {f.category !== null && (
          <>
            {' · '}
            {t('followup.category')}: <strong>{t(`followup.category.${f.category}`)}</strong>
          </>
        )}
        {d?.standby && (
          <>
            {' · '}
            <span className="badge badge-warning">{t('followup.standby')}</span>
          </>
        )}
      </p>
      <ScrollRegion label={t('followup.steps')}>
        <table className="table" data-testid="follow-up-steps">
          <caption className="sr-only">{t('followup.steps')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('followup.step')}</th>
              <th scope="col">{t('followup.due')}</th>
              <th scope="col">{t('followup.status')}</th>
              <th scope="col">{t('followup.doneAt')}</th>
            </tr>
          </thead>
          <tbody>
            {f.steps.map((s) => (
              <tr key={`${s.kind}-${s.dueDate ?? ''}-${s.doneAt ?? ''}`}>
                <td>{t(`followup.kind.${s.kind}`)}</td>
                <td>{s.dueDate ? danishDate(s.dueDate) : '–'}</td>
                <td>
                  <span className={`badge ${statusClass[s.status] ?? ''}`.trim()}>
                    {t(`followup.status.${s.status}`)}
                  </span>
                </td>
                <td>{s.doneAt ? danishDate(s.doneAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {d && <p className="form-hint">{t('followup.ruleVersion', { version: d.ruleVersion })}</p>}
      {done && (
        <p role="status" className="alert alert-success">
          {t('followup.saved', { what: done })}
        </p>
      )}
      <ErrorAlert error={change.error} />
      {d && (
        <>
          <InformationFormPart d={d} />
          {mayUpdate && !d.informationForm?.answeredOn && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => run(t('followup.form.send'), () => sendInformationForm(id))}
            >
              {d.informationForm ? t('followup.form.resend') : t('followup.form.send')}
            </button>
          )}
          {mayUpdate && (
            <CaseForm
              d={d}
              onSave={(b) => run(t('followup.case.save'), () => updateFollowUpCase(id, b))}
            />
          )}
          {mayGp && (
            <GpPart
              d={d}
              language={language}
              onRequest={(b) => run(t('followup.gp.request'), () => requestGpCertificate(id, b))}
              onReceived={(b) => run(t('followup.gp.received'), () => receiveGpCertificate(id, b))}
            />
          )}
          <ConversationsPart d={d} />
          {mayUpdate && !d.standby && (
            <ConversationForm
              onSave={(b) => run(t('followup.conversation.save'), () => recordConversation(id, b))}
            />
          )}
          {mayFitness && (
            <FitnessPart
              d={d}
              language={language}
              onSave={(b) => run(t('followup.fitness.save'), () => saveFitnessStatement(id, b))}
            />
          )}
          {mayUpdate && (
            <ReassessmentPart
              d={d}
              onSave={(b) => run(t('followup.reassessment.save'), () => decideReassessment(id, b))}
            />
          )}
        </>
      )}
    </section>
  );
}

/** A message key under `followup.`, without the prefix: `f` and `o` take only these. */
type FollowUpKey<K = MessageKey> = K extends `followup.${infer Rest}` ? Rest : never;

/**
 * The section's fields in one line each: `f(id, key, value, set)` gives a field's props with the
 * label `followup.<key>`, and `o(values, key)` the options labelled `followup.<key(value)>`; both
 * are checked against the message keys, so a missing text is a type error, not a raw key.
 */
function useFollowUpFields() {
  const t = useT();
  const f = (id: string, key: FollowUpKey, value: string, onChange: (v: string) => void) => ({
    id,
    label: t(`followup.${key}`),
    value,
    onChange,
  });
  const o = <const V extends string>(values: readonly V[], key: (value: V) => FollowUpKey) =>
    values.map((value) => ({ value, label: t(`followup.${key(value)}`) }));
  return { f, o };
}

function InformationFormPart({ d }: { d: FollowUpDetails }) {
  const t = useT();
  const form = d.informationForm;
  return (
    <>
      <h3>{t('followup.form.title')}</h3>
      {!form ? (
        <p>{t('followup.form.notSent')}</p>
      ) : !form.answeredOn ? (
        <p>{t('followup.form.sentOn', { date: danishDate(form.sentOn) })}</p>
      ) : (
        <dl data-testid="information-form-answers">
          <dt>{t('followup.form.workAbility')}</dt>
          <dd>{form.workAbility}</dd>
          <dt>{t('followup.form.expectedDuration')}</dt>
          <dd>{form.expectedDuration}</dd>
          <dt>{t('followup.form.canStillDo')}</dt>
          <dd>{form.canStillDo}</dd>
          <dt>{t('followup.form.answeredOn')}</dt>
          <dd>{danishDate(form.answeredOn)}</dd>
        </dl>
      )}
    </>
  );
}

function CaseForm({
  d,
  onSave,
}: {
  d: FollowUpDetails;
  onSave: (b: Parameters<typeof updateFollowUpCase>[1]) => void;
}) {
  const t = useT();
  const { f, o } = useFollowUpFields();
  const [expected, setExpected] = useState(
    d.expectedBackWithin8Weeks === null ? '' : String(d.expectedBackWithin8Weeks),
  );
  const [fastOn, setFastOn] = useState(d.fastTrackRequestedOn ?? '');
  const [fastBy, setFastBy] = useState(d.fastTrackRequestedBy ?? 'citizen');
  const [standby, setStandby] = useState(d.standby);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      expectedBackWithin8Weeks: expected === '' ? null : expected === 'true',
      fastTrackRequestedOn: fastOn || null,
      fastTrackRequestedBy: fastOn ? (fastBy as 'employer' | 'citizen') : null,
      standby,
    });
  };
  return (
    <form onSubmit={submit} noValidate className="mt-5">
      <h3>{t('followup.case.title')}</h3>
      <SelectField
        {...f('fu-expected', 'case.expected', expected, setExpected)}
        placeholder={t('followup.case.expected.unknown')}
        options={[
          { value: 'true', label: t('followup.case.expected.yes') },
          { value: 'false', label: t('followup.case.expected.no') },
        ]}
      />
      <DateField {...f('fu-fast', 'case.fastTrack', fastOn, setFastOn)} />
      <SelectField
        {...f('fu-fast-by', 'case.fastTrackBy', fastBy, setFastBy)}
        options={o(['citizen', 'employer'], (v) => `case.fastTrackBy.${v}`)}
      />
      <div className="form-group-checkbox">
        <input
          id="fu-standby"
          type="checkbox"
          className="form-checkbox"
          checked={standby}
          onChange={(e) => setStandby(e.target.checked)}
        />
        <label className="form-label" htmlFor="fu-standby">
          {t('followup.case.standby')}
        </label>
      </div>
      <button type="submit" className="button button-secondary mt-3">
        {t('followup.case.save')}
      </button>
    </form>
  );
}

function BasisNote({ basis, language }: { basis: LegalBasis; language: string }) {
  const t = useT();
  return (
    <p className="form-hint">
      {basis.basis === 'law'
        ? t('followup.basis.law', {
            reference: basis.reference?.[language === 'en' ? 'en' : 'da'] ?? '',
          })
        : t('followup.basis.consent')}
    </p>
  );
}

function GpPart({
  d,
  language,
  onRequest,
  onReceived,
}: {
  d: FollowUpDetails;
  language: string;
  onRequest: (b: { requestedOn: string; deadline?: string }) => void;
  onReceived: (b: { receivedOn: string }) => void;
}) {
  const t = useT();
  const { f } = useFollowUpFields();
  const [requestedOn, setRequestedOn] = useState(today());
  const [deadline, setDeadline] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const deadlineField = f('fu-gp-deadline', 'gp.deadlineLabel', deadline, setDeadline);
  const gp = d.gpCertificate;
  const basis = d.legalBases.find((b) => b.document === 'gp_certificate');
  return (
    <div className="mt-5">
      <h3>{t('followup.gp.title')}</h3>
      {basis && <BasisNote basis={basis} language={language} />}
      {gp && (
        <p>
          {t('followup.gp.requestedOn', { date: danishDate(gp.requestedOn) })}{' '}
          {gp.deadline && t('followup.gp.deadline', { date: danishDate(gp.deadline) })}{' '}
          {gp.receivedOn && t('followup.gp.receivedOn', { date: danishDate(gp.receivedOn) })}
        </p>
      )}
      {!gp?.receivedOn && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onRequest(deadline ? { requestedOn, deadline } : { requestedOn });
          }}
        >
          <DateField
            {...f('fu-gp-requested', 'gp.requestedOnLabel', requestedOn, setRequestedOn)}
          />
          <DateField {...deadlineField} describedBy="fu-gp-deadline-hint" />
          <p id="fu-gp-deadline-hint" className="form-hint">
            {t('followup.gp.deadlineHint')}
          </p>
          <button type="submit" className="button button-secondary">
            {t('followup.gp.request')}
          </button>
        </form>
      )}
      {gp && !gp.receivedOn && (
        <form
          noValidate
          className="mt-3"
          onSubmit={(e) => {
            e.preventDefault();
            onReceived({ receivedOn });
          }}
        >
          <DateField {...f('fu-gp-received', 'gp.receivedOnLabel', receivedOn, setReceivedOn)} />
          <button type="submit" className="button button-secondary">
            {t('followup.gp.received')}
          </button>
        </form>
      )}
    </div>
  );
}

function ConversationsPart({ d }: { d: FollowUpDetails }) {
  const t = useT();
  return (
    <div className="mt-5">
      <h3>{t('followup.conversations')}</h3>
      {d.conversations.length === 0 ? (
        <p>{t('followup.conversations.none')}</p>
      ) : (
        <ul>
          {d.conversations.map((c) => (
            <li key={c.id}>
              {danishDate(c.heldOn)}: {t(`followup.form.${c.form}`)}
              {c.category !== null && `, ${t(`followup.category.${c.category}`)}`}
              {c.nextDate && `, ${t('followup.conversation.next')} ${danishDate(c.nextDate)}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ConversationForm({
  onSave,
}: {
  onSave: (b: {
    heldOn: string;
    form: string;
    category: number | null;
    nextDate: string | null;
  }) => void;
}) {
  const t = useT();
  const { f, o } = useFollowUpFields();
  const [heldOn, setHeldOn] = useState(today());
  const [form, setForm] = useState('in_person');
  const [category, setCategory] = useState('2');
  const [nextDate, setNextDate] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          heldOn,
          form,
          category: category ? Number(category) : null,
          nextDate: nextDate || null,
        });
      }}
    >
      <h4>{t('followup.conversation.new')}</h4>
      <DateField {...f('fu-conv-date', 'conversation.heldOn', heldOn, setHeldOn)} />
      <SelectField
        {...f('fu-conv-form', 'conversation.form', form, setForm)}
        options={o(['in_person', 'phone', 'video'], (v) => `form.${v}`)}
      />
      <SelectField
        {...f('fu-conv-category', 'category', category, setCategory)}
        options={o(['1', '2', '3'], (v) => `category.${v}`)}
      />
      <DateField {...f('fu-conv-next', 'conversation.nextLabel', nextDate, setNextDate)} />
      <button type="submit" className="button button-secondary">
        {t('followup.conversation.save')}
      </button>
    </form>
  );
}

function FitnessPart({
  d,
  language,
  onSave,
}: {
  d: FollowUpDetails;
  language: string;
  onSave: (b: { part1On: string | null; part2On: string | null }) => void;
}) {
  const t = useT();
  const { f } = useFollowUpFields();
  const [part1, setPart1] = useState(d.fitnessStatement.part1On ?? '');
  const [part2, setPart2] = useState(d.fitnessStatement.part2On ?? '');
  return (
    <form
      noValidate
      className="mt-5"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ part1On: part1 || null, part2On: part2 || null });
      }}
    >
      <h3>{t('followup.fitness.title')}</h3>
      <BasisNote basis={d.fitnessStatement} language={language} />
      <DateField {...f('fu-fit-1', 'fitness.part1', part1, setPart1)} />
      <DateField {...f('fu-fit-2', 'fitness.part2', part2, setPart2)} />
      <button type="submit" className="button button-secondary">
        {t('followup.fitness.save')}
      </button>
    </form>
  );
}

function ReassessmentPart({
  d,
  onSave,
}: {
  d: FollowUpDetails;
  onSave: (b: { decidedOn: string; decision: string; extensionGround: string | null }) => void;
}) {
  const t = useT();
  const { f, o } = useFollowUpFields();
  const [decidedOn, setDecidedOn] = useState(today());
  const [decision, setDecision] = useState('jobafklaringsforloeb');
  const [ground, setGround] = useState('');
  const r = d.reassessment;
  return (
    <div className="mt-5">
      <h3>{t('followup.reassessment.title')}</h3>
      {r ? (
        <p>
          {danishDate(r.decidedOn)}: {t(`followup.reassessment.${r.decision}`)}
          {r.extensionGround ? ` (${r.extensionGround})` : ''}
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onSave({
              decidedOn,
              decision,
              extensionGround: decision === 'extension' ? ground : null,
            });
          }}
        >
          <DateField {...f('fu-re-date', 'reassessment.decidedOn', decidedOn, setDecidedOn)} />
          <SelectField
            {...f('fu-re-decision', 'reassessment.decision', decision, setDecision)}
            options={o(['jobafklaringsforloeb', 'extension'], (v) => `reassessment.${v}`)}
          />
          {decision === 'extension' && (
            <InputField {...f('fu-re-ground', 'reassessment.ground', ground, setGround)} />
          )}
          <button type="submit" className="button button-secondary">
            {t('followup.reassessment.save')}
          </button>
        </form>
      )}
    </div>
  );
}
