/**
 * Continuation after a job or education (fastholdelse, DOMAIN.md §13): lifestyle change outlasts
 * the job centre's involvement. The caseworker records the job start (the open benefit periods
 * end, active health courses continue under the health centre, follow-ups at 3, 6 and 12 months
 * are planned), anyone working with the citizen can record a bridge to an association, and the
 * follow-ups' owner marks them done. What is offered comes from the server's allowedActions:
 * the page's own for the citizen, and each follow-up's own (a follow-up belongs to the
 * organisation that owns it).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  addBridge,
  type Continuation,
  type FollowUp,
  getContinuation,
  type JobStartReason,
  type JobStartResult,
  markFollowUpDone,
  recordJobStart,
} from '../../api/continuation';
import { daDate, daDateTime } from '../../api/plans';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  ChoiceGroup,
  DateField,
  fieldError,
  SelectField,
  TextareaField,
} from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { type Translate, useT } from '../../i18n';

const reasons: JobStartReason[] = ['job', 'education'];
const isReason = (v: string | null): v is JobStartReason => v === 'job' || v === 'education';
const reasonLabel = (t: Translate, r: JobStartReason) => t(`continuation.reason.${r}`);

export function ContinuationPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['continuation', id], queryFn: () => getContinuation(id) });
  useDocumentTitle(
    q.data ? t('continuation.title', { name: q.data.citizenName }) : t('continuation.titlePlain'),
  );
  if (!q.data) return <PageState query={q}>{() => null}</PageState>;
  const c = q.data;
  return (
    <>
      <nav aria-label={t('continuation.breadcrumb')} className="breadcrumbs">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__list-item">
            <Link to={`/borgere/${id}`} className="breadcrumbs__link">
              {c.citizenName}
            </Link>
          </li>
          <li className="breadcrumbs__list-item" aria-current="page">
            {t('continuation.titlePlain')}
          </li>
        </ol>
      </nav>
      <PageHeading>{t('continuation.title', { name: c.citizenName })}</PageHeading>
      <p className="font-lead">{t('continuation.lead')}</p>
      {c.allowedActions.includes('continuation.job_start') && (
        <JobStartSection citizenId={id} name={c.citizenName} />
      )}
      <FollowUpsSection citizenId={id} followUps={c.followUps} />
      <OwnerChangesSection changes={c.ownerChanges} />
      <BridgesSection citizenId={id} data={c} />
    </>
  );
}

function JobStartSection({ citizenId, name }: { citizenId: string; name: string }) {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const [params] = useSearchParams();
  // Coming from the benefit period the caseworker just ended: its date and reason.
  const [reason, setReason] = useState<JobStartReason>(
    isReason(params.get('aarsag')) ? (params.get('aarsag') as JobStartReason) : 'job',
  );
  const [endDate, setEndDate] = useState(params.get('slut') ?? '');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<JobStartResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  const save = useMutation({
    mutationFn: () => recordJobStart(citizenId, { reason, endDate }),
    onSuccess: async (r) => {
      setConfirming(false);
      setResult(r);
      await client.invalidateQueries({ queryKey: ['continuation', citizenId] });
      await client.invalidateQueries({ queryKey: ['periods', citizenId] });
    },
    onError: () => setConfirming(false),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!endDate);
    setResult(null);
    if (endDate) {
      save.reset();
      setConfirming(true);
    }
  };
  return (
    <section aria-labelledby={`${id}-h`} className="mt-6">
      <h2 id={`${id}-h`}>{t('continuation.jobStart.heading')}</h2>
      <p>{t('continuation.jobStart.intro')}</p>
      {result && (
        <div
          ref={resultRef}
          tabIndex={-1}
          role="status"
          className="alert alert-success"
          data-testid="job-start-result"
        >
          <div className="alert-body">
            <p className="alert-heading">{t('continuation.jobStart.saved')}</p>
            <p className="alert-text">
              {t('continuation.jobStart.summary', {
                periods: result.endedPeriods,
                continued: result.continued.length,
                followUps: result.followUps.length,
              })}
            </p>
          </div>
        </div>
      )}
      <ErrorAlert error={save.error} heading={t('continuation.jobStart.failed')} />
      {missing && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">{t('continuation.jobStart.missingDate')}</p>
          </div>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <ChoiceGroup
          type="radio"
          name={`${id}-reason`}
          idPrefix={`${id}-reason`}
          legend={t('continuation.jobStart.reason')}
          options={reasons.map((r) => ({ value: r, label: reasonLabel(t, r) }))}
          value={reason}
          onChange={setReason}
        />
        <DateField
          id={`${id}-date`}
          label={t('continuation.jobStart.date')}
          hint={t('continuation.jobStart.dateHint')}
          required
          invalid={missing}
          error={fieldError(save.error, 'endDate')}
          value={endDate}
          onChange={setEndDate}
        />
        {!confirming && (
          <button type="submit" className="button button-primary">
            {t('continuation.jobStart.submit')}
          </button>
        )}
      </form>
      {confirming && (
        <ConfirmDialog
          testId="job-start-confirm"
          confirmLabel={t('continuation.jobStart.yes')}
          cancelLabel={t('continuation.jobStart.back')}
          pending={save.isPending}
          onConfirm={() => save.mutate()}
          onCancel={() => setConfirming(false)}
        >
          {t('continuation.jobStart.confirm', {
            name,
            reason: reasonLabel(t, reason).toLowerCase(),
            date: daDate(endDate),
          })}
        </ConfirmDialog>
      )}
    </section>
  );
}

function FollowUpsSection({ citizenId, followUps }: { citizenId: string; followUps: FollowUp[] }) {
  const t = useT();
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const done = useMutation({
    mutationFn: (f: FollowUp) => markFollowUpDone(f.id),
    onSuccess: async (_r, f) => {
      setNotice(t('continuation.followUps.doneNotice', { months: f.months }));
      await client.invalidateQueries({ queryKey: ['continuation', citizenId] });
    },
  });
  const status = (f: FollowUp) =>
    f.doneAt
      ? t('continuation.followUps.doneAt', { date: daDate(f.doneAt) })
      : t('continuation.followUps.open');
  return (
    <section aria-labelledby="follow-ups-h" className="mt-8">
      <h2 id="follow-ups-h">{t('continuation.followUps.heading')}</h2>
      <div aria-live="polite">
        {notice && (
          <p className="alert alert-success" role="status">
            {notice}
          </p>
        )}
      </div>
      <ErrorAlert error={done.error} heading={t('continuation.followUps.failed')} />
      <DataTable
        caption={t('continuation.followUps.heading')}
        testId="follow-ups"
        rows={followUps}
        rowKey={(f) => f.id}
        empty={t('continuation.followUps.empty')}
        columns={[
          {
            key: 'months',
            header: t('continuation.followUps.when'),
            cell: (f) => t('continuation.followUps.months', { months: f.months }),
            rowHeader: true,
          },
          { key: 'due', header: t('continuation.followUps.due'), cell: (f) => daDate(f.dueDate) },
          { key: 'owner', header: t('continuation.followUps.owner'), cell: (f) => f.ownerName },
          { key: 'status', header: t('continuation.followUps.status'), cell: status },
          followUps.some((f) => f.allowedActions.includes('continuation.follow_up')) && {
            key: 'action',
            header: t('continuation.followUps.action'),
            hideHeader: true,
            cell: (f) =>
              !f.doneAt &&
              f.allowedActions.includes('continuation.follow_up') && (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={done.isPending}
                  onClick={() => {
                    setNotice(null);
                    done.mutate(f);
                  }}
                >
                  {t('continuation.followUps.markDone', { months: f.months })}
                </button>
              ),
          },
        ]}
      />
      {followUps.length > 0 &&
        followUps.every((f) => !f.allowedActions.includes('continuation.follow_up')) && (
          <p className="form-hint">{t('continuation.followUps.ownerOnly')}</p>
        )}
    </section>
  );
}

function OwnerChangesSection({ changes }: { changes: Continuation['ownerChanges'] }) {
  const t = useT();
  return (
    <section aria-labelledby="owner-changes-h" className="mt-8">
      <h2 id="owner-changes-h">{t('continuation.owner.heading')}</h2>
      <DataTable
        caption={t('continuation.owner.heading')}
        testId="owner-changes"
        rows={changes}
        rowKey={(c) => c.id}
        empty={t('continuation.owner.empty')}
        columns={[
          {
            key: 'when',
            header: t('continuation.owner.when'),
            cell: (c) => daDateTime(c.changedAt),
          },
          { key: 'from', header: t('continuation.owner.from'), cell: (c) => c.fromName ?? '–' },
          { key: 'to', header: t('continuation.owner.to'), cell: (c) => c.toName },
          { key: 'reason', header: t('continuation.owner.reason'), cell: (c) => c.reason },
        ]}
      />
    </section>
  );
}

function BridgesSection({ citizenId, data }: { citizenId: string; data: Continuation }) {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const [offerId, setOfferId] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => addBridge(citizenId, { offerId, note: note.trim() || undefined }),
    onSuccess: (next) => {
      client.setQueryData(['continuation', citizenId], next);
      setOfferId('');
      setNote('');
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!offerId);
    if (offerId) save.mutate();
  };
  const mayBridge = data.allowedActions.includes('continuation.bridge');
  return (
    <section aria-labelledby="bridges-h" className="mt-8">
      <h2 id="bridges-h">{t('continuation.bridges.heading')}</h2>
      <DataTable
        caption={t('continuation.bridges.heading')}
        testId="bridges"
        rows={data.bridges}
        rowKey={(b) => b.id}
        empty={t('continuation.bridges.empty')}
        columns={[
          {
            key: 'offer',
            header: t('continuation.bridges.offer'),
            cell: (b) => <Link to={`/tilbud/vis/${b.offerId}`}>{b.offerTitle}</Link>,
            rowHeader: true,
          },
          { key: 'note', header: t('continuation.bridges.note'), cell: (b) => b.note || '–' },
          {
            key: 'when',
            header: t('continuation.bridges.when'),
            cell: (b) => daDate(b.createdAt),
          },
        ]}
      />
      {mayBridge &&
        (data.associations.length === 0 ? (
          <p>{t('continuation.bridges.noAssociations')}</p>
        ) : (
          <form onSubmit={onSubmit} noValidate className="mt-6" aria-labelledby={`${id}-h`}>
            <h3 id={`${id}-h`}>{t('continuation.bridges.add')}</h3>
            {save.isSuccess && (
              <p className="alert alert-success" role="status">
                {t('continuation.bridges.saved')}
              </p>
            )}
            <ErrorAlert error={save.error} heading={t('continuation.bridges.failed')} />
            <SelectField
              id={`${id}-offer`}
              label={t('continuation.bridges.offer')}
              placeholder={t('continuation.bridges.choose')}
              required
              error={
                missing && !offerId
                  ? t('continuation.bridges.missing')
                  : fieldError(save.error, 'offerId')
              }
              options={data.associations.map((a) => ({
                value: a.id,
                label: `${a.title} (${a.providerName})`,
              }))}
              value={offerId}
              onChange={setOfferId}
            />
            <TextareaField
              id={`${id}-note`}
              label={t('continuation.bridges.note')}
              hint={t('continuation.bridges.noteHint')}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={setNote}
            />
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('continuation.bridges.submit')}
            </button>
          </form>
        ))}
    </section>
  );
}
