/**
 * Sections of the provider's course page for the practice of the seed municipalities:
 * Middelfart's weekly minimum on a mandatory activation offer, and the bridge to a local club
 * at the course's end (Skive, København), and Randers' intro meeting for citizens who came by
 * themself (decision 1110).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type IntroMeetingList, practicesApi, type WeeklyRule } from '../../api/practices';
import { formatDate } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField, fieldError, InputField } from '../../components/FormField';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const hours = (n: number) => n.toLocaleString('da-DK', { maximumFractionDigits: 1 });

/** Per Monday week and participant: was the week's minimum met? */
export function WeeklyRuleSection({ courseId }: { courseId: string }) {
  const t = useT();
  const rule = useQuery({
    queryKey: ['courses', courseId, 'weekly-rule'],
    queryFn: () => practicesApi.weeklyRule(courseId),
  });
  if (!rule.data) return <PageState query={rule}>{() => null}</PageState>;
  const r = rule.data;
  if (!r.rule) return null;
  type Participant = WeeklyRule['participants'][number];
  const weekColumns = r.weeks.map((w, i) => ({
    key: w.weekStart,
    header: (
      <>
        {t('practices.weekly.week', { week: w.week })}
        <span className="d-block form-hint">
          {t('practices.weekly.required', {
            hours: hours(w.requiredHours),
            days: w.requiredDays,
          })}
        </span>
        {w.holidays.length > 0 && (
          <span className="d-block form-hint">{w.holidays.map((h) => h.name).join(', ')}</span>
        )}
      </>
    ),
    cell: (p: Participant) => {
      const week = p.weeks[i]!;
      return (
        <>
          <strong>{t(`practices.weekly.result.${week.result}` as MessageKey)}</strong>
          <span className="d-block form-hint">
            {t('practices.weekly.attended', {
              hours: hours(week.attendedHours),
              days: week.attendedDays,
            })}
          </span>
        </>
      );
    },
  }));
  return (
    <section aria-labelledby="weekly-rule">
      <h2 id="weekly-rule">{t('practices.weekly.title')}</h2>
      <p>
        {t('practices.weekly.rule', {
          hours: hours(r.rule.minHoursPerWeek),
          days: r.rule.minDaysPerWeek,
        })}
      </p>
      <p className="form-hint">{t('practices.weekly.holidayHint')}</p>
      <DataTable
        caption={t('practices.weekly.title')}
        className="table table--compact"
        empty={t('courses.detail.noParticipants')}
        rows={r.participants}
        rowKey={(p) => p.enrolmentId}
        columns={[
          {
            key: 'citizen',
            header: t('referrals.col.citizen'),
            cell: (p) => p.citizenName,
            sortValue: (p) => p.citizenName,
          },
          {
            key: 'summary',
            header: t('practices.weekly.summary'),
            cell: (p) => t('practices.weekly.counts', { met: p.weeksMet, notMet: p.weeksNotMet }),
            sortValue: (p) => p.weeksNotMet,
          },
          ...weekColumns,
        ]}
      />
    </section>
  );
}

interface BridgeForm {
  clubName: string;
  discount: string;
  firstVisit: string;
}
const emptyBridge: BridgeForm = { clubName: '', discount: '', firstVisit: '' };

/** The bridge to a local club for each participant, and whether they continued there. */
export function BridgeSection({
  courseId,
  participants,
}: {
  courseId: string;
  participants: { id: string; citizenName: string; status: string }[];
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const bridges = useQuery({
    queryKey: ['courses', courseId, 'bridges'],
    queryFn: () => practicesApi.courseBridges(courseId),
  });
  const [enrolmentId, setEnrolmentId] = useState('');
  const [form, setForm] = useState<BridgeForm>(emptyBridge);
  const add = useMutation({
    mutationFn: () =>
      practicesApi.addCourseBridge(courseId, enrolmentId, {
        clubName: form.clubName,
        ...(form.discount ? { discount: form.discount } : {}),
        ...(form.firstVisit ? { firstVisit: form.firstVisit } : {}),
      }),
    onSuccess: () => {
      setForm(emptyBridge);
      setEnrolmentId('');
      return queryClient.invalidateQueries({ queryKey: ['courses', courseId, 'bridges'] });
    },
  });
  const eligible = participants.filter((p) => p.status === 'enrolled' || p.status === 'completed');
  const continuedText = (c: boolean | null) =>
    c === null
      ? t('practices.bridge.continuedUnknown')
      : c
        ? t('practices.bridge.continuedYes')
        : t('practices.bridge.continuedNo');
  return (
    <section aria-labelledby="course-bridges">
      <h2 id="course-bridges">{t('practices.bridge.title')}</h2>
      <p className="form-hint">{t('practices.bridge.intro')}</p>
      <PageState query={bridges}>
        {(rows) => (
          <DataTable
            caption={t('practices.bridge.title')}
            className="table table--compact"
            empty={t('practices.bridge.none')}
            rows={rows}
            rowKey={(b) => b.id}
            columns={[
              { key: 'citizen', header: t('referrals.col.citizen'), cell: (b) => b.citizenName },
              { key: 'club', header: t('practices.bridge.club'), cell: (b) => b.offerTitle },
              {
                key: 'discount',
                header: t('practices.bridge.discount'),
                cell: (b) => b.discount ?? '–',
              },
              {
                key: 'firstVisit',
                header: t('practices.bridge.firstVisit'),
                cell: (b) => (b.firstVisit ? formatDate(b.firstVisit) : '–'),
              },
              {
                key: 'continued',
                header: t('practices.bridge.continued'),
                cell: (b) => continuedText(b.continued),
              },
            ]}
          />
        )}
      </PageState>
      {eligible.length > 0 && (
        <form
          className="mt-5"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <h3>{t('practices.bridge.add')}</h3>
          <ErrorAlert error={add.error} />
          <div className="form-group">
            <label className="form-label" htmlFor="bridge-citizen">
              {t('referrals.col.citizen')}
            </label>
            <select
              id="bridge-citizen"
              className="form-select"
              required
              value={enrolmentId}
              onChange={(e) => setEnrolmentId(e.target.value)}
            >
              <option value="">–</option>
              {eligible.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.citizenName}
                </option>
              ))}
            </select>
          </div>
          <InputField
            id="bridge-club"
            label={t('practices.bridge.club')}
            hint={t('practices.bridge.clubHint')}
            required
            error={fieldError(add.error, 'clubName')}
            value={form.clubName}
            onChange={(clubName) => setForm({ ...form, clubName })}
          />
          <InputField
            id="bridge-discount"
            label={t('practices.bridge.discount')}
            value={form.discount}
            onChange={(discount) => setForm({ ...form, discount })}
          />
          <DateField
            id="bridge-first-visit"
            label={t('practices.bridge.firstVisit')}
            value={form.firstVisit}
            onChange={(firstVisit) => setForm({ ...form, firstVisit })}
          />
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {t('practices.bridge.save')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * Randers: citizens who asked, from Min side, to come to the offer's intro meeting. The provider
 * records who attended; that opens the citizen's own sign-up.
 */
export function IntroRequestsSection({ courseId }: { courseId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = ['courses', courseId, 'intro-meeting'];
  const list = useQuery({ queryKey: key, queryFn: () => practicesApi.introRequests(courseId) });
  const [dates, setDates] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: (citizenId: string) =>
      practicesApi.recordIntroOnCourse(courseId, citizenId, dates[citizenId] ?? ''),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  if (!list.data) return <PageState query={list}>{() => null}</PageState>;
  if (!list.data.introRequired) return null;
  type Item = IntroMeetingList['items'][number];
  return (
    <section aria-labelledby="intro-requests">
      <h2 id="intro-requests">{t('practices.introRequests.title')}</h2>
      <p>{t('practices.introRequests.intro')}</p>
      <ErrorAlert error={record.error} />
      <DataTable
        caption={t('practices.introRequests.title')}
        className="table table--compact"
        empty={t('practices.introRequests.empty')}
        rows={list.data.items}
        rowKey={(i: Item) => i.citizenId}
        columns={[
          {
            key: 'citizen',
            header: t('referrals.col.citizen'),
            cell: (i: Item) => i.citizenName,
          },
          {
            key: 'asked',
            header: t('practices.introRequests.asked'),
            cell: (i: Item) => formatDate(i.requestedAt.slice(0, 10)),
          },
          {
            key: 'attended',
            header: t('practices.introRequests.attended'),
            cell: (i: Item) =>
              i.attendedOn ? (
                formatDate(i.attendedOn)
              ) : (
                <form
                  className="d-flex flex-wrap"
                  onSubmit={(e) => {
                    e.preventDefault();
                    record.mutate(i.citizenId);
                  }}
                >
                  <DateField
                    id={`intro-${i.citizenId}`}
                    label={t('practices.introRequests.date', { name: i.citizenName })}
                    required
                    value={dates[i.citizenId] ?? ''}
                    onChange={(v) => setDates((d) => ({ ...d, [i.citizenId]: v }))}
                  />
                  <button
                    type="submit"
                    className="button button-secondary"
                    disabled={record.isPending}
                  >
                    {t('practices.introRequests.record', { name: i.citizenName })}
                  </button>
                </form>
              ),
          },
        ]}
      />
    </section>
  );
}
