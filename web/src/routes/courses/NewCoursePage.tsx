/**
 * Plan a course of one of the organisation's group offers: start date, weeks, a weekly pattern
 * (one or more weekdays with times), place and capacity. The server plans the sessions and skips
 * Danish public holidays; the course page shows which were skipped.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { searchOffers } from '../../api/catalogue';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

interface PatternRow {
  weekday: number;
  start: string;
  end: string;
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export function NewCoursePage() {
  const t = useT();
  const id = useId();
  const navigate = useNavigate();
  useDocumentTitle(t('courses.new.title'));
  const me = useMe().data;
  const myOrganisations = [
    ...new Set(
      (me?.roles ?? [])
        // The organisations the server says may plan a course (policy 'course.create').
        .filter((r) => r.allowedActions.includes('course.create'))
        .map((r) => r.organisationId)
        .filter((o): o is string => !!o),
    ),
  ];
  const offers = useQuery({
    queryKey: ['courses', 'new', 'offers', myOrganisations],
    enabled: !!me,
    queryFn: async () => {
      const lists = await Promise.all(
        myOrganisations.map((providerId) =>
          searchOffers({ providerId, format: 'group', limit: 100, sort: 'relevance' }),
        ),
      );
      return lists.flatMap((l) => l.items);
    },
  });
  const [offerId, setOfferId] = useState('');
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState('');
  const [weeks, setWeeks] = useState('8');
  const [capacity, setCapacity] = useState('12');
  const [place, setPlace] = useState('');
  const [pattern, setPattern] = useState<PatternRow[]>([
    { weekday: 2, start: '10:00', end: '11:30' },
  ]);
  const create = useMutation({
    mutationFn: () =>
      api<{ id: string }>('/api/courses', {
        method: 'POST',
        body: {
          offerId: offerId || offers.data?.[0]?.id,
          ...(title.trim() ? { title: title.trim() } : {}),
          startDate,
          weeks: Number(weeks),
          weeklyPattern: pattern,
          ...(place.trim() ? { place: place.trim() } : {}),
          capacity: Number(capacity),
        },
      }),
    onSuccess: (course) => navigate(`/hold/${course.id}`),
  });
  const setRow = (i: number, change: Partial<PatternRow>) =>
    setPattern((rows) => rows.map((r, k) => (k === i ? { ...r, ...change } : r)));

  if (offers.isPending) return <Loading />;
  if (offers.isError) return <ErrorState error={offers.error} onRetry={() => offers.refetch()} />;
  return (
    <>
      <PageHeading>{t('courses.new.title')}</PageHeading>
      {offers.data.length === 0 ? (
        <p>{t('courses.new.noOffers')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
          noValidate
        >
          <ErrorAlert error={create.isError ? create.error : null} />
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-offer`}>
              {t('courses.new.offer')}
            </label>
            <select
              id={`${id}-offer`}
              className="form-select"
              value={offerId || offers.data[0]!.id}
              onChange={(e) => setOfferId(e.target.value)}
            >
              {offers.data.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title} ({o.providerName})
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-title`}>
              {t('courses.new.courseTitle')}
            </label>
            <span className="form-hint" id={`${id}-title-hint`}>
              {t('courses.new.courseTitleHint')}
            </span>
            <input
              id={`${id}-title`}
              className="form-input"
              value={title}
              maxLength={200}
              aria-describedby={`${id}-title-hint`}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-start`}>
              {t('courses.new.startDate')}
            </label>
            <input
              id={`${id}-start`}
              className="form-input input-width-s"
              type="date"
              required
              value={startDate}
              onChange={(e) => setStartDate(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-weeks`}>
              {t('courses.new.weeks')}
            </label>
            <input
              id={`${id}-weeks`}
              className="form-input input-width-xs"
              type="number"
              min={1}
              max={104}
              inputMode="numeric"
              value={weeks}
              onChange={(e) => setWeeks(e.target.value)}
            />
          </div>
          <fieldset className="mt-5">
            <legend className="form-label">{t('courses.new.pattern')}</legend>
            {pattern.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              <div key={i} className="d-flex flex-wrap" style={{ gap: '1rem' }}>
                <div className="form-group">
                  <label className="form-label" htmlFor={`${id}-day-${i}`}>
                    {t('courses.new.weekday', { n: i + 1 })}
                  </label>
                  <select
                    id={`${id}-day-${i}`}
                    className="form-select"
                    value={row.weekday}
                    onChange={(e) => setRow(i, { weekday: Number(e.target.value) })}
                  >
                    {weekdays.map((d) => (
                      <option key={d} value={d}>
                        {t(`courses.new.day.${d}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-group">
                  <label className="form-label" htmlFor={`${id}-from-${i}`}>
                    {t('courses.new.from', { n: i + 1 })}
                  </label>
                  <input
                    id={`${id}-from-${i}`}
                    className="form-input input-width-xs"
                    type="time"
                    value={row.start}
                    onChange={(e) => setRow(i, { start: e.target.value })}
                  />
                </div>
                <div className="form-group">
                  <label className="form-label" htmlFor={`${id}-to-${i}`}>
                    {t('courses.new.to', { n: i + 1 })}
                  </label>
                  <input
                    id={`${id}-to-${i}`}
                    className="form-input input-width-xs"
                    type="time"
                    value={row.end}
                    onChange={(e) => setRow(i, { end: e.target.value })}
                  />
                </div>
                {pattern.length > 1 && (
                  <button
                    type="button"
                    className="button button-tertiary mt-7"
                    onClick={() => setPattern((rows) => rows.filter((_, k) => k !== i))}
                  >
                    {t('courses.new.removeDay', { n: i + 1 })}
                  </button>
                )}
              </div>
            ))}
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                setPattern((rows) => [...rows, { weekday: 4, start: '10:00', end: '11:30' }])
              }
              disabled={pattern.length >= 14}
            >
              {t('courses.new.addDay')}
            </button>
          </fieldset>
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-place`}>
              {t('courses.detail.place')}
            </label>
            <input
              id={`${id}-place`}
              className="form-input"
              value={place}
              maxLength={300}
              onChange={(e) => setPlace(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-capacity`}>
              {t('courses.new.capacity')}
            </label>
            <input
              id={`${id}-capacity`}
              className="form-input input-width-xs"
              type="number"
              min={1}
              max={500}
              inputMode="numeric"
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('courses.new.submit')}
          </button>
        </form>
      )}
    </>
  );
}
