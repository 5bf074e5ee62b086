import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatSession, referralsApi } from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const statuses = ['present', 'absent_notice', 'absent_no_notice', 'sick'] as const;

/**
 * One screen per session for the whole group, made for a tablet: large choices per person, one
 * tap for "all present", one to save.
 */
export function AttendancePage() {
  const t = useT();
  const { id = '', sessionId = '' } = useParams();
  const queryClient = useQueryClient();
  const sheet = useQuery({
    queryKey: ['courses', id, 'attendance', sessionId],
    queryFn: () => referralsApi.attendance(id, sessionId),
  });
  const course = useQuery({ queryKey: ['courses', id], queryFn: () => referralsApi.course(id) });
  const [marks, setMarks] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (sheet.data) {
      setMarks(
        Object.fromEntries(
          sheet.data.participants.filter((p) => p.status).map((p) => [p.enrolmentId, p.status!]),
        ),
      );
    }
  }, [sheet.data]);
  // A new session starts unsaved; saving replaces the sheet's data and must keep the notice.
  useEffect(() => {
    if (sessionId) setSaved(false);
  }, [sessionId]);
  const title = sheet.data
    ? t('courses.attendance.title', { date: formatSession(sheet.data.session.startsAt) })
    : t('courses.detail.attendance');
  useDocumentTitle(title);
  const save = useMutation({
    mutationFn: () =>
      referralsApi.saveAttendance(
        id,
        sessionId,
        Object.entries(marks).map(([enrolmentId, status]) => ({ enrolmentId, status })),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(['courses', id, 'attendance', sessionId], data);
      queryClient.invalidateQueries({ queryKey: ['courses', id], exact: true });
      queryClient.invalidateQueries({ queryKey: ['courses', id, 'overview'] });
      setSaved(true);
    },
  });
  if (!sheet.data) return <PageState query={sheet}>{() => null}</PageState>;
  const planned = course.data?.sessions.filter((s) => s.status === 'planned') ?? [];
  const index = planned.findIndex((s) => s.id === sessionId);
  const next = index >= 0 ? planned[index + 1] : undefined;
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="font-lead">{sheet.data.courseTitle}</p>
      {sheet.data.participants.length === 0 ? (
        <p>{t('courses.attendance.none')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <button
            type="button"
            className="button button-secondary mb-5"
            onClick={() => {
              setSaved(false);
              setMarks(
                Object.fromEntries(sheet.data.participants.map((p) => [p.enrolmentId, 'present'])),
              );
            }}
          >
            {t('courses.attendance.allPresent')}
          </button>
          {sheet.data.participants.map((p) => (
            <fieldset key={p.enrolmentId} className="attendance-row">
              <legend className="h4">{p.citizenName}</legend>
              <div className="attendance-choices">
                {statuses.map((s) => (
                  <div className="attendance-choice" key={s}>
                    <input
                      type="radio"
                      className="form-radio"
                      id={`a-${p.enrolmentId}-${s}`}
                      name={`a-${p.enrolmentId}`}
                      checked={marks[p.enrolmentId] === s}
                      onChange={() => {
                        setSaved(false);
                        setMarks({ ...marks, [p.enrolmentId]: s });
                      }}
                    />
                    <label htmlFor={`a-${p.enrolmentId}-${s}`}>
                      {t(`courses.attendance.${s}` as MessageKey)}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
          <ErrorAlert error={save.error} />
          <div role="status">
            {saved && (
              <div className="alert alert-success">
                <div className="alert-body">
                  <p className="alert-text">{t('courses.attendance.saved')}</p>
                </div>
              </div>
            )}
          </div>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('courses.attendance.save')}
          </button>
        </form>
      )}
      <p className="mt-6">
        <Link to={`/hold/${id}`}>{t('courses.attendance.back')}</Link>
        {next && (
          <>
            {' · '}
            <Link to={`/hold/${id}/gange/${next.id}`}>{t('courses.attendance.next')}</Link>
          </>
        )}
      </p>
    </>
  );
}
