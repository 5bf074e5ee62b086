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
import { bindFields, DateField, InputField, SelectField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
  const [form, setForm] = useState({
    offerId: '',
    title: '',
    startDate: '',
    weeks: '8',
    capacity: '12',
    place: '',
  });
  const { offerId, title, startDate, weeks, capacity, place } = form;
  const field = bindFields(form, setForm);
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
  const dayOptions = weekdays.map((d) => ({
    value: String(d),
    label: t(`courses.new.day.${d}` as MessageKey),
  }));
  const setRow = (i: number, change: Partial<PatternRow>) =>
    setPattern((rows) => rows.map((r, k) => (k === i ? { ...r, ...change } : r)));

  const number = (max: number) =>
    ({
      type: 'number',
      min: 1,
      max,
      inputMode: 'numeric',
      inputClassName: 'input-width-xs',
    }) as const;
  const time = { type: 'time', inputClassName: 'input-width-xs' } as const;
  return (
    <>
      <PageHeading>{t('courses.new.title')}</PageHeading>
      <PageState query={offers} empty={t('courses.new.noOffers')}>
        {(data) => (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
            noValidate
          >
            <ErrorAlert error={create.isError ? create.error : null} />
            <SelectField
              id={`${id}-offer`}
              label={t('courses.new.offer')}
              options={data.map((o) => ({ value: o.id, label: `${o.title} (${o.providerName})` }))}
              {...field('offerId')}
              value={offerId || data[0]!.id}
            />
            <InputField
              id={`${id}-title`}
              label={t('courses.new.courseTitle')}
              hint={t('courses.new.courseTitleHint')}
              maxLength={200}
              {...field('title')}
            />
            <DateField
              id={`${id}-start`}
              label={t('courses.new.startDate')}
              required
              {...field('startDate')}
            />
            <InputField
              id={`${id}-weeks`}
              label={t('courses.new.weeks')}
              {...number(104)}
              {...field('weeks')}
            />
            <fieldset className="mt-5">
              <legend className="form-label">{t('courses.new.pattern')}</legend>
              {pattern.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <div key={i} className="d-flex flex-wrap" style={{ gap: '1rem' }}>
                  <SelectField
                    id={`${id}-day-${i}`}
                    label={t('courses.new.weekday', { n: i + 1 })}
                    options={dayOptions}
                    value={String(row.weekday)}
                    onChange={(d) => setRow(i, { weekday: Number(d) })}
                  />
                  <InputField
                    id={`${id}-from-${i}`}
                    label={t('courses.new.from', { n: i + 1 })}
                    {...time}
                    value={row.start}
                    onChange={(start) => setRow(i, { start })}
                  />
                  <InputField
                    id={`${id}-to-${i}`}
                    label={t('courses.new.to', { n: i + 1 })}
                    {...time}
                    value={row.end}
                    onChange={(end) => setRow(i, { end })}
                  />
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
            <InputField
              id={`${id}-place`}
              label={t('courses.detail.place')}
              maxLength={300}
              {...field('place')}
            />
            <InputField
              id={`${id}-capacity`}
              label={t('courses.new.capacity')}
              {...number(500)}
              {...field('capacity')}
            />
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {t('courses.new.submit')}
            </button>
          </form>
        )}
      </PageState>
    </>
  );
}
