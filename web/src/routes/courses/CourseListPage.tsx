import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { formatDate, referralsApi } from '../../api/referrals';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

export function CourseListPage() {
  const t = useT();
  useDocumentTitle(t('courses.list.title'));
  const me = useMe().data;
  const runs = mayAttempt(me, 'course.create');
  const courses = useQuery({
    queryKey: ['courses', 'list'],
    queryFn: () => referralsApi.courses(),
  });
  return (
    <>
      <PageHeading>{t('courses.list.title')}</PageHeading>
      {runs && (
        <p>
          <Link to="/hold/nyt">{t('courses.new.link')}</Link>
        </p>
      )}
      {courses.isPending ? (
        <Loading />
      ) : courses.isError ? (
        <ErrorState error={courses.error} onRetry={() => courses.refetch()} />
      ) : courses.data.length === 0 ? (
        <p>{t('courses.list.empty')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('courses.col.title')}</th>
                <th scope="col">{t('courses.col.offer')}</th>
                <th scope="col">{t('courses.col.start')}</th>
                <th scope="col">{t('courses.col.weeks')}</th>
                <th scope="col">{t('courses.col.places')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.data.map((c) => (
                <tr key={c.id}>
                  <td>{runs ? <Link to={`/hold/${c.id}`}>{c.title}</Link> : c.title}</td>
                  <td>
                    {c.offerTitle}
                    <span className="d-block form-hint">{c.providerName}</span>
                  </td>
                  <td>{formatDate(c.startDate)}</td>
                  <td>{c.weeks}</td>
                  <td>
                    {t('courses.places', {
                      enrolled: c.enrolled,
                      capacity: c.capacity,
                      waitlisted: c.waitlisted,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
