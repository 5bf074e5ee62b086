/**
 * The citizen's benefit periods (ydelsesforløb) on the citizen page: the list, and for
 * caseworkers a form to add a period and a two-step way to end an open one (end date and
 * reason, then a confirmation). The server refuses overlaps and end dates before the start;
 * its message is shown as it is.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  type BenefitPeriod,
  type BenefitType,
  benefitTypes,
  createPeriod,
  danishDate,
  type EndReason,
  endPeriod,
  endReasons,
  getPeriods,
} from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
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

/** After a change: the list, and what follows from it on the page (risk group, timeline). */
function useRefreshCitizen(citizenId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      ['periods', 'risk', 'timeline'].map((key) =>
        client.invalidateQueries({ queryKey: [key, citizenId] }),
      ),
    );
}

/** mayAdd / mayEnd: the citizen's allowedActions from the server ('benefit.create', 'benefit.end'). */
export function Periods({ id, mayAdd, mayEnd }: { id: string; mayAdd: boolean; mayEnd: boolean }) {
  const t = useT();
  const q = useQuery({ queryKey: ['periods', id], queryFn: () => getPeriods(id) });
  const [ending, setEnding] = useState<BenefitPeriod | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const endedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (ended) endedRef.current?.focus();
  }, [ended]);

  return (
    <section aria-labelledby="periods-heading">
      <h2 id="periods-heading">{t('citizen.periods')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} />
      ) : q.data.items.length === 0 ? (
        <p>{t('citizen.periods.empty')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table" data-testid="periods">
            <thead>
              <tr>
                <th scope="col">{t('citizen.periods.type')}</th>
                <th scope="col">{t('citizen.periods.start')}</th>
                <th scope="col">{t('citizen.periods.end')}</th>
                <th scope="col">{t('citizen.periods.reason')}</th>
                {mayEnd && (
                  <th scope="col">
                    <span className="sr-only">{t('citizen.periods.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((p) => (
                <tr key={p.id}>
                  <td>{typeName(t, p)}</td>
                  <td>{danishDate(p.startDate)}</td>
                  <td>{p.endDate ? danishDate(p.endDate) : t('citizen.periods.open')}</td>
                  <td>{p.endReason ? reasonName(t, p.endReason) : ''}</td>
                  {mayEnd && (
                    <td>
                      {!p.endDate && (
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
                            {t('citizen.periods.end.which', {
                              type: typeName(t, p),
                              start: danishDate(p.startDate),
                            })}
                          </span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ended && (
        <p ref={endedRef} tabIndex={-1} role="status" className="alert alert-success">
          {ended}
        </p>
      )}
      {mayEnd && ending && (
        <EndPeriodForm
          key={ending.id}
          citizenId={id}
          period={ending}
          onCancel={() => setEnding(null)}
          onEnded={() => {
            setEnding(null);
            setEnded(t('citizen.periods.end.saved'));
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
  onEnded: () => void;
}) {
  const t = useT();
  const id = useId();
  const refresh = useRefreshCitizen(citizenId);
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [endDate, setEndDate] = useState('');
  const [endReason, setEndReason] = useState<EndReason | ''>('');
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    (step === 'form' ? headingRef : confirmRef).current?.focus();
  }, [step]);
  const end = useMutation({
    mutationFn: () => endPeriod(period.id, { endDate, endReason: endReason as EndReason }),
    onSuccess: async () => {
      await refresh();
      onEnded();
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
          {missing && (
            <div className="alert alert-error" role="alert">
              <div className="alert-body">
                <p className="alert-text">{t('citizen.periods.end.missing')}</p>
              </div>
            </div>
          )}
          <ErrorAlert
            error={end.isError ? end.error : null}
            heading={t('citizen.periods.end.failed')}
          />
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-date`}>
              {t('citizen.periods.end.date')}
            </label>
            <input
              id={`${id}-date`}
              className="form-input input-width-s"
              type="date"
              required
              aria-invalid={missing && !endDate}
              value={endDate}
              onChange={(e) => setEndDate(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-reason`}>
              {t('citizen.periods.end.reason')}
            </label>
            <select
              id={`${id}-reason`}
              className="form-select"
              required
              aria-invalid={missing && !endReason}
              value={endReason}
              onChange={(e) => setEndReason(e.target.value as EndReason | '')}
            >
              <option value="">{t('citizen.periods.end.chooseReason')}</option>
              {endReasons.map((r) => (
                <option key={r} value={r}>
                  {reasonName(t, r)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary">
            {t('citizen.periods.end.next')}
          </button>{' '}
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('citizen.periods.end.cancel')}
          </button>
        </form>
      ) : (
        <div
          ref={confirmRef}
          tabIndex={-1}
          className="alert alert-warning"
          data-testid="end-period-confirm"
        >
          <div className="alert-body">
            <p className="alert-text">
              {t('citizen.periods.end.confirm', {
                ...names,
                end: danishDate(endDate),
                reason: reasonName(t, endReason),
              })}
            </p>
            <button
              type="button"
              className="button button-primary"
              disabled={end.isPending}
              onClick={() => end.mutate()}
            >
              {t('citizen.periods.end.yes')}
            </button>{' '}
            <button
              type="button"
              className="button button-secondary"
              disabled={end.isPending}
              onClick={() => setStep('form')}
            >
              {t('citizen.periods.end.back')}
            </button>
          </div>
        </div>
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
      {missingStart && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">{t('citizen.periods.add.missingStart')}</p>
          </div>
        </div>
      )}
      <ErrorAlert
        error={add.isError ? add.error : null}
        heading={t('citizen.periods.add.failed')}
      />
      {add.isSuccess && (
        <p role="status" className="alert alert-success">
          {t('citizen.periods.add.saved')}
        </p>
      )}
      <div className="form-group">
        <label className="form-label" htmlFor={`${id}-type`}>
          {t('citizen.periods.type')}
        </label>
        <select
          id={`${id}-type`}
          className="form-select"
          value={benefitType}
          onChange={(e) => setBenefitType(e.target.value as BenefitType)}
        >
          {benefitTypes.map((b) => (
            <option key={b} value={b}>
              {t(`citizen.periods.type.${b}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor={`${id}-start`}>
          {t('citizen.periods.add.start')}
        </label>
        <input
          id={`${id}-start`}
          className="form-input input-width-s"
          type="date"
          required
          aria-invalid={missingStart}
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
        />
      </div>
      <p className="form-hint" id={`${id}-end-hint`}>
        {t('citizen.periods.add.endHint')}
      </p>
      <div className="d-flex flex-wrap" style={{ gap: '1rem' }}>
        <div className="form-group mt-0">
          <label className="form-label" htmlFor={`${id}-end`}>
            {t('citizen.periods.add.end')}
          </label>
          <input
            id={`${id}-end`}
            className="form-input input-width-s"
            type="date"
            aria-describedby={`${id}-end-hint`}
            value={endDate}
            onChange={(e) => setEndDate(e.target.value)}
          />
        </div>
        <div className="form-group mt-0">
          <label className="form-label" htmlFor={`${id}-reason`}>
            {t('citizen.periods.add.reason')}
          </label>
          <select
            id={`${id}-reason`}
            className="form-select"
            aria-describedby={`${id}-end-hint`}
            value={endReason}
            onChange={(e) => setEndReason(e.target.value as EndReason | '')}
          >
            <option value="">{t('citizen.periods.add.noReason')}</option>
            {endReasons.map((r) => (
              <option key={r} value={r}>
                {reasonName(t, r)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button button-primary mt-5" disabled={add.isPending}>
        {t('citizen.periods.add.submit')}
      </button>
    </form>
  );
}
