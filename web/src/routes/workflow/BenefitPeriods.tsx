/**
 * The citizen's benefit periods (ydelsesforløb) on the citizen page: the list, and for
 * caseworkers a form to add a period and a two-step way to end an open one (end date and
 * reason, then a confirmation). The server refuses overlaps and end dates before the start;
 * its message is shown as it is.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ComponentProps, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { continuationPath } from '../../api/continuation';
import {
  type BenefitPeriod,
  type BenefitType,
  benefitTypes,
  createPeriod,
  danishDate,
  type EndReason,
  endPeriod,
  endReasons,
  overviewKey,
} from '../../api/workflow';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField, SelectField } from '../../components/FormField';
import { type Translate, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const typeName = (t: Translate, p: Pick<BenefitPeriod, 'benefitType' | 'benefitTypeName'>) =>
  (benefitTypes as readonly string[]).includes(p.benefitType)
    ? t(`citizen.periods.type.${p.benefitType}` as MessageKey)
    : p.benefitTypeName;

const reasonName = (t: Translate, reason: string) =>
  (endReasons as readonly string[]).includes(reason)
    ? t(`citizen.periods.reason.${reason}` as MessageKey)
    : reason;

/** What the user left out, said before anything is sent. */
function Missing({ show, text }: { show: boolean; text: string }) {
  if (!show) return null;
  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-body">
        <p className="alert-text">{text}</p>
      </div>
    </div>
  );
}

function ReasonField(props: Omit<ComponentProps<typeof SelectField<EndReason | ''>>, 'options'>) {
  const t = useT();
  const options = endReasons.map((r) => ({ value: r, label: reasonName(t, r) }));
  return <SelectField {...props} options={options} />;
}

/**
 * After a change: the overview the list comes from (current benefit, weeks, the list itself), and
 * what follows from it in the sections opened below (risk suggestion, follow-up, timeline).
 */
function useRefreshCitizen(citizenId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [
        overviewKey(citizenId),
        ...['risk', 'follow-up', 'follow-up-details', 'timeline'].map((k) => [k, citizenId]),
      ].map((key) => client.invalidateQueries({ queryKey: key })),
    );
}

/**
 * periods: the citizen's benefit periods from the overview (the page's one request).
 * mayAdd / mayEnd: the citizen's allowedActions from the server ('benefit.create', 'benefit.end').
 */
export function Periods({
  id,
  periods,
  mayAdd,
  mayEnd,
}: {
  id: string;
  periods: BenefitPeriod[];
  mayAdd: boolean;
  mayEnd: boolean;
}) {
  const t = useT();
  const [ending, setEnding] = useState<BenefitPeriod | null>(null);
  const [ended, setEnded] = useState<{ endDate: string; endReason: EndReason } | null>(null);
  const endedRef = useRef<HTMLDivElement>(null);
  // A period ended with a job or an education leads on to continuation (fastholdelse): the
  // health courses go on under the health centre and the follow-ups are planned there.
  const mayContinue = mayAttempt(useMe().data, 'continuation.job_start');
  useEffect(() => {
    if (ended) endedRef.current?.focus();
  }, [ended]);

  const endButton = (p: BenefitPeriod) =>
    !p.endDate && (
      <button
        type="button"
        className="button button-secondary button-small"
        aria-expanded={ending?.id === p.id}
        onClick={() => {
          setEnded(null);
          setEnding(p);
        }}
      >
        {t('citizen.periods.end.open')}
        <span className="sr-only">
          {' '}
          {t('citizen.periods.end.which', { type: typeName(t, p), start: danishDate(p.startDate) })}
        </span>
      </button>
    );
  return (
    <section aria-labelledby="periods-heading">
      <h2 id="periods-heading">{t('citizen.periods')}</h2>
      {periods.length === 0 ? (
        <p>{t('citizen.periods.empty')}</p>
      ) : (
        <DataTable
          caption={t('citizen.periods')}
          className="table"
          testId="periods"
          rows={periods}
          rowKey={(p) => p.id}
          columns={[
            { key: 'type', header: t('citizen.periods.type'), cell: (p) => typeName(t, p) },
            {
              key: 'start',
              header: t('citizen.periods.start'),
              cell: (p) => danishDate(p.startDate),
            },
            {
              key: 'end',
              header: t('citizen.periods.end'),
              cell: (p) => (p.endDate ? danishDate(p.endDate) : t('citizen.periods.open')),
            },
            {
              key: 'reason',
              header: t('citizen.periods.reason'),
              cell: (p) => (p.endReason ? reasonName(t, p.endReason) : ''),
            },
            mayEnd && {
              key: 'actions',
              header: t('citizen.periods.actions'),
              hideHeader: true,
              cell: endButton,
            },
          ]}
        />
      )}
      {ended && (
        <div
          ref={endedRef}
          tabIndex={-1}
          role="status"
          className="alert alert-success"
          data-testid="period-ended"
        >
          <div className="alert-body">
            <p className="alert-text">{t('citizen.periods.end.saved')}</p>
            {mayContinue && (ended.endReason === 'job' || ended.endReason === 'education') && (
              <p className="alert-text">
                <Link
                  to={continuationPath(id, { endDate: ended.endDate, reason: ended.endReason })}
                >
                  {t('citizen.periods.end.continue', {
                    reason: reasonName(t, ended.endReason).toLowerCase(),
                  })}
                </Link>
              </p>
            )}
          </div>
        </div>
      )}
      {mayEnd && ending && (
        <EndPeriodForm
          key={ending.id}
          citizenId={id}
          period={ending}
          onCancel={() => setEnding(null)}
          onEnded={(done) => {
            setEnding(null);
            setEnded(done);
          }}
        />
      )}
      {mayAdd && <AddPeriodForm citizenId={id} />}
    </section>
  );
}

function EndPeriodForm({
  citizenId,
  period,
  onCancel,
  onEnded,
}: {
  citizenId: string;
  period: BenefitPeriod;
  onCancel: () => void;
  onEnded: (ended: { endDate: string; endReason: EndReason }) => void;
}) {
  const t = useT();
  const id = useId();
  const refresh = useRefreshCitizen(citizenId);
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [endDate, setEndDate] = useState('');
  const [endReason, setEndReason] = useState<EndReason | ''>('');
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The heading takes focus when the form opens and when the user goes back to it; the
  // confirmation takes focus itself.
  useEffect(() => {
    if (step === 'form') headingRef.current?.focus();
  }, [step]);
  const end = useMutation({
    mutationFn: () => endPeriod(period.id, { endDate, endReason: endReason as EndReason }),
    onSuccess: async () => {
      await refresh();
      onEnded({ endDate, endReason: endReason as EndReason });
    },
    onError: () => setStep('form'),
  });
  const names = { type: typeName(t, period), start: danishDate(period.startDate) };

  function onNext(e: FormEvent) {
    e.preventDefault();
    const incomplete = !endDate || !endReason;
    setMissing(incomplete);
    if (!incomplete) {
      end.reset();
      setStep('confirm');
    }
  }

  return (
    <section className="mt-6" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('citizen.periods.end.title', names)}
      </h3>
      {step === 'form' ? (
        <form onSubmit={onNext} noValidate>
          <Missing show={missing} text={t('citizen.periods.end.missing')} />
          <ErrorAlert
            error={end.isError ? end.error : null}
            heading={t('citizen.periods.end.failed')}
          />
          <DateField
            id={`${id}-date`}
            label={t('citizen.periods.end.date')}
            required
            invalid={missing && !endDate}
            value={endDate}
            onChange={setEndDate}
          />
          <ReasonField
            id={`${id}-reason`}
            label={t('citizen.periods.end.reason')}
            placeholder={t('citizen.periods.end.chooseReason')}
            required
            invalid={missing && !endReason}
            value={endReason}
            onChange={setEndReason}
          />
          <button type="submit" className="button button-primary">
            {t('citizen.periods.end.next')}
          </button>{' '}
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('citizen.periods.end.cancel')}
          </button>
        </form>
      ) : (
        <ConfirmDialog
          testId="end-period-confirm"
          confirmLabel={t('citizen.periods.end.yes')}
          cancelLabel={t('citizen.periods.end.back')}
          pending={end.isPending}
          onConfirm={() => end.mutate()}
          onCancel={() => setStep('form')}
        >
          {t('citizen.periods.end.confirm', {
            ...names,
            end: danishDate(endDate),
            reason: reasonName(t, endReason),
          })}
        </ConfirmDialog>
      )}
    </section>
  );
}

function AddPeriodForm({ citizenId }: { citizenId: string }) {
  const t = useT();
  const id = useId();
  const refresh = useRefreshCitizen(citizenId);
  const [benefitType, setBenefitType] = useState<BenefitType>(benefitTypes[0]);
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [endReason, setEndReason] = useState<EndReason | ''>('');
  const [missingStart, setMissingStart] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      createPeriod({
        citizenId,
        benefitType,
        startDate,
        endDate: endDate || null,
        endReason: endReason || null,
      }),
    onSuccess: async () => {
      setStartDate('');
      setEndDate('');
      setEndReason('');
      await refresh();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMissingStart(!startDate);
    if (startDate) add.mutate();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('citizen.periods.add')}</h3>
      <Missing show={missingStart} text={t('citizen.periods.add.missingStart')} />
      <ErrorAlert
        error={add.isError ? add.error : null}
        heading={t('citizen.periods.add.failed')}
      />
      {add.isSuccess && (
        <p role="status" className="alert alert-success">
          {t('citizen.periods.add.saved')}
        </p>
      )}
      <SelectField
        id={`${id}-type`}
        label={t('citizen.periods.type')}
        options={benefitTypes.map((b) => ({ value: b, label: t(`citizen.periods.type.${b}`) }))}
        value={benefitType}
        onChange={setBenefitType}
      />
      <DateField
        id={`${id}-start`}
        label={t('citizen.periods.add.start')}
        required
        invalid={missingStart}
        value={startDate}
        onChange={setStartDate}
      />
      <p className="form-hint" id={`${id}-end-hint`}>
        {t('citizen.periods.add.endHint')}
      </p>
      <div className="d-flex flex-wrap" style={{ gap: '1rem' }}>
        <DateField
          id={`${id}-end`}
          label={t('citizen.periods.add.end')}
          className="mt-0"
          describedBy={`${id}-end-hint`}
          value={endDate}
          onChange={setEndDate}
        />
        <ReasonField
          id={`${id}-reason`}
          label={t('citizen.periods.add.reason')}
          placeholder={t('citizen.periods.add.noReason')}
          className="mt-0"
          describedBy={`${id}-end-hint`}
          value={endReason}
          onChange={setEndReason}
        />
      </div>
      <button type="submit" className="button button-primary mt-5" disabled={add.isPending}>
        {t('citizen.periods.add.submit')}
      </button>
    </form>
  );
}
