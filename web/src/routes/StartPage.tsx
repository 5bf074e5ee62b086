import { Link } from 'react-router';
import { type Me, type Role, useMe } from '../api/auth';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n/da';
import { TaskCounts } from './tasks/TasksPage';

interface Task {
  to: string;
  label: MessageKey;
}

const caseworkerTasks: Task[] = [
  { to: '/borgere', label: 'task.citizens' },
  { to: '/screening', label: 'task.screening' },
  { to: '/henvisninger', label: 'task.referrals' },
  { to: '/tilbud', label: 'task.catalogue' },
  { to: '/import', label: 'task.import' },
  { to: '/tidlig-opsporing', label: 'task.earlyDetection' },
];
const healthTasks: Task[] = [
  { to: '/henvisninger', label: 'task.referrals' },
  { to: '/hold', label: 'task.courses' },
  { to: '/tilbud', label: 'task.catalogue' },
];

/** Each role's main tasks; the start page shows one card per role the user holds. */
export const tasksByRole: Record<Role, Task[]> = {
  caseworker: caseworkerTasks,
  coordinating_caseworker: [...caseworkerTasks, { to: '/planer', label: 'task.plans' }],
  health_professional: healthTasks,
  provider_staff: healthTasks,
  team_member: [{ to: '/moeder', label: 'task.meetings' }],
  manager: [{ to: '/evaluering', label: 'task.evaluation' }],
  administrator: [{ to: '/admin', label: 'task.admin' }],
  citizen: [
    { to: '/mit', label: 'task.myPlan' },
    { to: '/mit/adgangslog', label: 'task.accessLog' },
    { to: '/mit/sundhedsprofil', label: 'task.healthProfile' },
  ],
};

tasksByRole.administrator.push({ to: '/admin/risikoregler', label: 'task.riskRules' });

export function StartPage() {
  const t = useT();
  useDocumentTitle(t('start.title'));
  const user = useMe().data as Me;
  return (
    <>
      <PageHeading>{t('start.welcome', { name: user.displayName })}</PageHeading>
      <p className="font-lead">{t('start.intro', { municipality: user.municipalityName })}</p>
      {user.kind === 'staff' && <TaskCounts />}
      {user.roles.length === 0 ? (
        <p>{t('start.noRoles')}</p>
      ) : (
        <div className="row role-cards">
          {user.roles.map((assignment) => {
            const headingId = `role-${assignment.role}-${assignment.organisationId ?? 'none'}`;
            return (
              <section
                key={headingId}
                className="col-12 col-md-6 col-lg-4"
                aria-labelledby={headingId}
              >
                <div className="card">
                  <div className="card-content">
                    <h2 className="card-heading" id={headingId}>
                      {t(`role.${assignment.role}`)}
                    </h2>
                    {assignment.organisationName && (
                      <p className="card-subheading">{assignment.organisationName}</p>
                    )}
                    <ul className="nobullet-list card-actions">
                      {(tasksByRole[assignment.role] ?? []).map((task) => (
                        <li key={task.to}>
                          <Link to={task.to}>{t(task.label)}</Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                </div>
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
