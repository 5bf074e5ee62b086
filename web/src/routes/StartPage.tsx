import { Link } from 'react-router';
import { type Me, mayAttempt, useMe } from '../api/auth';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n/da';
import { TaskCounts } from './tasks/TasksPage';

/**
 * A way into an area. Shown when the server lists `action` among the user's allowed actions
 * (`/api/auth/me`, from the policy), never from role names, so a policy change moves the
 * start page with it. `kind` keeps the citizen's own pages (/mit) to a citizen account and
 * staff areas to staff, since a policy action such as the catalogue search serves both.
 */
interface Task {
  to: string;
  label: MessageKey;
  action: string;
  kind: Me['kind'];
}

export const tasks: Task[] = [
  { to: '/borgere', label: 'task.citizens', action: 'citizen.search', kind: 'staff' },
  { to: '/screening', label: 'task.screening', action: 'screening.queue', kind: 'staff' },
  { to: '/henvisninger', label: 'task.referrals', action: 'referral.list', kind: 'staff' },
  { to: '/hold', label: 'task.courses', action: 'course.list', kind: 'staff' },
  { to: '/feedback', label: 'task.feedback', action: 'feedback.list', kind: 'staff' },
  { to: '/tilbud', label: 'task.catalogue', action: 'catalogue.search', kind: 'staff' },
  { to: '/import', label: 'task.import', action: 'import.run', kind: 'staff' },
  {
    to: '/tidlig-opsporing',
    label: 'task.earlyDetection',
    action: 'risk.attention',
    kind: 'staff',
  },
  { to: '/planer', label: 'task.plans', action: 'plan.import', kind: 'staff' },
  { to: '/moeder', label: 'task.meetings', action: 'meeting.list', kind: 'staff' },
  {
    to: '/gruppesamtaler',
    label: 'task.groupSessions',
    action: 'health.group_session.write',
    kind: 'staff',
  },
  { to: '/laegemoeder', label: 'task.gpMeetings', action: 'gp_meeting.read', kind: 'staff' },
  { to: '/koebte-pladser', label: 'task.purchases', action: 'purchase.list', kind: 'staff' },
  {
    to: '/evaluering',
    label: 'task.evaluation',
    action: 'evaluation.dashboard.read',
    kind: 'staff',
  },
  { to: '/fhir-eksport', label: 'task.fhirExport', action: 'fhir.export', kind: 'staff' },
  { to: '/admin', label: 'task.admin', action: 'admin.users.read', kind: 'staff' },
  {
    to: '/drift',
    label: 'task.operator',
    action: 'operator.municipalities.read',
    kind: 'operator',
  },
  {
    to: '/admin/risikoregler',
    label: 'task.riskRules',
    action: 'risk.rules.write',
    kind: 'staff',
  },
  { to: '/mit', label: 'task.myPlan', action: 'portal.read', kind: 'citizen' },
  { to: '/mit/adgangslog', label: 'task.accessLog', action: 'audit.read_own', kind: 'citizen' },
  { to: '/mit/feedback', label: 'task.myFeedback', action: 'feedback.mine', kind: 'citizen' },
  {
    to: '/mit/sundhedsprofil',
    label: 'task.healthProfile',
    action: 'health.profile.read',
    kind: 'citizen',
  },
];

export function StartPage() {
  const t = useT();
  useDocumentTitle(t('start.title'));
  const user = useMe().data as Me;
  const mine = tasks.filter((task) => task.kind === user.kind && mayAttempt(user, task.action));
  return (
    <>
      <PageHeading>{t('start.welcome', { name: user.displayName })}</PageHeading>
      <p className="font-lead">{t('start.intro', { municipality: user.municipalityName })}</p>
      {user.kind === 'staff' && <TaskCounts />}
      {mine.length === 0 ? (
        <p>{t('start.noRoles')}</p>
      ) : (
        <section aria-labelledby="start-areas" className="card mt-6">
          <div className="card-content">
            <h2 className="card-heading" id="start-areas">
              {t('start.tasks')}
            </h2>
            <ul className="nobullet-list card-actions">
              {mine.map((task) => (
                <li key={task.to}>
                  <Link to={task.to}>{t(task.label)}</Link>
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}
      {user.roles.length > 0 && (
        <section aria-labelledby="start-roles" className="mt-6">
          <h2 id="start-roles" className="h3">
            {t('start.roles')}
          </h2>
          {/* Shown only: what the user is, not what the page lets them do. */}
          <ul>
            {user.roles.map((r) => (
              <li key={`${r.role}-${r.organisationId ?? 'none'}`}>
                {t(`role.${r.role}`)}
                {r.organisationName ? ` (${r.organisationName})` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
