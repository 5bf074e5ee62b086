import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { formatDate, referralsApi } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
      <PageState query={courses} empty={t('courses.list.empty')}>
        {(data) => (
          <DataTable
            caption={t('courses.list.title')}
            className="table table--compact"
            rows={data}
            rowKey={(c) => c.id}
            columns={[
              {
                key: 'title',
                header: t('courses.col.title'),
                cell: (c) => (runs ? <Link to={`/hold/${c.id}`}>{c.title}</Link> : c.title),
                sortValue: (c) => c.title,
              },
              {
                key: 'offer',
                header: t('courses.col.offer'),
                cell: (c) => (
                  <>
                    {c.offerTitle}
                    <span className="d-block form-hint">{c.providerName}</span>
                  </>
                ),
              },
              {
                key: 'start',
                header: t('courses.col.start'),
                cell: (c) => formatDate(c.startDate),
                sortValue: (c) => c.startDate,
              },
              { key: 'weeks', header: t('courses.col.weeks'), cell: (c) => c.weeks },
              {
                key: 'places',
                header: t('courses.col.places'),
                cell: (c) =>
                  t('courses.places', {
                    enrolled: c.enrolled,
                    capacity: c.capacity,
                    waitlisted: c.waitlisted,
                  }),
              },
            ]}
          />
        )}
      </PageState>
    </>
  );
}
