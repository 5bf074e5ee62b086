import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { RequireAuth } from './routes/RequireAuth';
import { StartPage } from './routes/StartPage';

/**
 * Each area of the app is its own chunk, loaded when a route of it is first opened: the
 * citizen on a phone does not download the evaluation charts (Observable Plot), the import
 * page or administration. Login, the start page and the frame load with the app.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError standalone />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { path: '/login', element: <LoginPage /> },
          {
            path: '/velkommen',
            lazy: page(() => import('./routes/operator/WelcomePage'), 'WelcomePage'),
          },
          {
            path: '/tilbud/:municipalityCode',
            lazy: page(() => import('./routes/catalogue/CataloguePages'), 'PublicCataloguePage'),
          },
          {
            path: '/tilbud/:municipalityCode/:id',
            lazy: page(() => import('./routes/catalogue/CataloguePages'), 'PublicOfferPage'),
          },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <StartPage /> },
              {
                path: '/mit/adgangslog',
                lazy: page(() => import('./routes/audit/AccessLogPage'), 'AccessLogPage'),
              },
              { path: '/admin', lazy: page(() => import('./routes/admin/AdminPage'), 'AdminPage') },
              {
                path: '/drift',
                lazy: page(() => import('./routes/operator/OperatorPage'), 'OperatorPage'),
              },
              {
                path: '/planer',
                lazy: page(() => import('./routes/plans/PlansIndexPage'), 'PlansIndexPage'),
              },
              {
                path: '/planer/:citizenId',
                lazy: page(() => import('./routes/plans/PlanPage'), 'PlanPage'),
              },
              {
                path: '/planer/:citizenId/import',
                lazy: page(() => import('./routes/plans/PlanImportPage'), 'PlanImportPage'),
              },
              {
                path: '/mit',
                lazy: page(() => import('./routes/portal/PortalPage'), 'PortalPage'),
              },
              {
                path: '/mit/fuldmagt',
                lazy: page(() => import('./routes/portal/ProxiesPage'), 'ProxiesPage'),
              },
              {
                path: '/mit/hold',
                lazy: page(() => import('./routes/portal/OpenCoursesPage'), 'OpenCoursesPage'),
              },
              {
                path: '/borgere/:id/beskeder',
                lazy: page(
                  () => import('./routes/messages/CitizenMessagesPage'),
                  'CitizenMessagesPage',
                ),
              },
              {
                path: '/opgaver',
                lazy: page(() => import('./routes/tasks/TasksPage'), 'TasksPage'),
              },
              {
                path: '/fhir-eksport',
                lazy: page(() => import('./routes/fhir/FhirExportPage'), 'FhirExportPage'),
              },
              {
                path: '/udbakke',
                lazy: page(() => import('./routes/workflow/OutboxPage'), 'OutboxPage'),
              },
              {
                path: '/frister',
                lazy: page(() => import('./routes/workflow/DeadlinesPage'), 'DeadlinesPage'),
              },
              {
                path: '/moeder',
                lazy: page(() => import('./routes/meetings/MeetingsPage'), 'MeetingsPage'),
              },
              {
                path: '/moeder/nyt',
                lazy: page(() => import('./routes/meetings/NewMeetingPage'), 'NewMeetingPage'),
              },
              {
                path: '/moeder/:id',
                lazy: page(() => import('./routes/meetings/MeetingsPage'), 'MeetingPage'),
              },
              {
                path: '/henvisninger',
                lazy: page(
                  () => import('./routes/referrals/ReferralInboxPage'),
                  'ReferralInboxPage',
                ),
              },
              {
                path: '/henvisninger/:id',
                lazy: page(() => import('./routes/referrals/ReferralPage'), 'ReferralPage'),
              },
              {
                path: '/borgere/:id/henvisning',
                lazy: page(() => import('./routes/referrals/NewReferralPage'), 'NewReferralPage'),
              },
              {
                path: '/borgere/:id/samtykke',
                lazy: page(() => import('./routes/consents/ConsentPage'), 'ConsentPage'),
              },
              {
                path: '/hold',
                lazy: page(() => import('./routes/courses/CourseListPage'), 'CourseListPage'),
              },
              {
                path: '/hold/nyt',
                lazy: page(() => import('./routes/courses/NewCoursePage'), 'NewCoursePage'),
              },
              {
                path: '/hold/:id',
                lazy: page(() => import('./routes/courses/CoursePage'), 'CoursePage'),
              },
              {
                path: '/hold/:id/gange/:sessionId',
                lazy: page(() => import('./routes/courses/AttendancePage'), 'AttendancePage'),
              },
              {
                path: '/mit/feedback',
                lazy: page(() => import('./routes/feedback/FeedbackPages'), 'MyFeedbackPage'),
              },
              {
                path: '/feedback',
                lazy: page(() => import('./routes/feedback/FeedbackPages'), 'FeedbackListPage'),
              },
              {
                path: '/feedback/:id',
                lazy: page(() => import('./routes/feedback/FeedbackPages'), 'FeedbackCoursePage'),
              },
              {
                path: '/gruppesamtaler',
                lazy: page(
                  () => import('./routes/practices/GroupSessionsPage'),
                  'GroupSessionsPage',
                ),
              },
              {
                path: '/laegemoeder',
                lazy: page(() => import('./routes/practices/GpMeetingsPage'), 'GpMeetingsPage'),
              },
              {
                path: '/koebte-pladser',
                lazy: page(() => import('./routes/purchases/PurchasesPage'), 'PurchasesPage'),
              },
              {
                path: '/koebte-pladser/:id',
                lazy: page(() => import('./routes/purchases/PurchasesPage'), 'PurchasePage'),
              },
              {
                path: '/laegemoeder/:id',
                lazy: page(() => import('./routes/practices/GpMeetingsPage'), 'GpMeetingPage'),
              },
              {
                path: '/borgere/:id/brobygning',
                lazy: page(
                  () => import('./routes/practices/BridgeFollowUpPage'),
                  'BridgeFollowUpPage',
                ),
              },
              {
                path: '/hold/:id/deltagere/:enrolmentId/resultat',
                lazy: page(() => import('./routes/courses/OutcomePage'), 'OutcomePage'),
              },
            ],
          },
          {
            element: <RequireAuth />,
            children: [
              {
                path: '/tilbud',
                lazy: page(() => import('./routes/catalogue/CataloguePages'), 'CataloguePage'),
              },
              {
                path: '/tilbud/ny',
                lazy: page(() => import('./routes/catalogue/CataloguePages'), 'OfferEditorPage'),
              },
              {
                path: '/tilbud/huller',
                lazy: page(() => import('./routes/health/GapsPage'), 'GapsPage'),
              },
              {
                path: '/tilbud/vis/:id',
                lazy: page(() => import('./routes/catalogue/CataloguePages'), 'OfferPage'),
              },
              {
                path: '/tilbud/vis/:id/rediger',
                lazy: page(() => import('./routes/catalogue/CataloguePages'), 'OfferEditorPage'),
              },
              {
                path: '/borgere/:id/sundhedsprofil',
                lazy: page(
                  () => import('./routes/health/HealthProfilePage'),
                  'StaffHealthProfilePage',
                ),
              },
              {
                path: '/mit/sundhedsprofil',
                lazy: page(
                  () => import('./routes/health/HealthProfilePage'),
                  'MyHealthProfilePage',
                ),
              },
              {
                path: '/borgere/:id/sundhedstest',
                lazy: page(() => import('./routes/health/HealthTestsPage'), 'StaffHealthTestsPage'),
              },
              {
                path: '/mit/sundhedstest',
                lazy: page(() => import('./routes/health/HealthTestsPage'), 'MyHealthTestsPage'),
              },
              {
                path: '/borgere',
                lazy: page(() => import('./routes/workflow/CitizenListPage'), 'CitizenListPage'),
              },
              {
                path: '/borgere/ny',
                lazy: page(() => import('./routes/workflow/CitizenFormPage'), 'NewCitizenPage'),
              },
              {
                path: '/borgere/:id',
                lazy: page(() => import('./routes/workflow/CitizenPage'), 'CitizenPage'),
              },
              {
                path: '/borgere/:id/adgangslog',
                lazy: page(
                  () => import('./routes/audit/CitizenAccessLogPage'),
                  'CitizenAccessLogPage',
                ),
              },
              {
                path: '/borgere/:id/fastholdelse',
                lazy: page(
                  () => import('./routes/continuation/ContinuationPage'),
                  'ContinuationPage',
                ),
              },
              {
                path: '/borgere/:id/rediger',
                lazy: page(() => import('./routes/workflow/CitizenFormPage'), 'EditCitizenPage'),
              },
              {
                path: '/import',
                lazy: page(() => import('./routes/workflow/ImportPage'), 'ImportPage'),
              },
              {
                path: '/screening',
                lazy: page(
                  () => import('./routes/workflow/ScreeningQueuePage'),
                  'ScreeningQueuePage',
                ),
              },
              {
                path: '/screening/:periodId',
                lazy: page(
                  () => import('./routes/workflow/ScreeningFormPage'),
                  'ScreeningFormPage',
                ),
              },
              {
                path: '/tidlig-opsporing',
                lazy: page(() => import('./routes/workflow/AttentionPage'), 'AttentionPage'),
              },
              {
                path: '/risikogrupper',
                lazy: page(
                  () => import('./routes/workflow/RiskSuggestionsPage'),
                  'RiskSuggestionsPage',
                ),
              },
              {
                path: '/admin/risikoregler',
                lazy: page(() => import('./routes/workflow/RiskRulesPage'), 'RiskRulesPage'),
              },
            ],
          },
          {
            element: <RequireAuth />,
            children: [
              {
                path: '/evaluering',
                lazy: page(() => import('./routes/evaluation/EvaluationPage'), 'EvaluationPage'),
              },
              {
                path: '/evaluering/hold/:id',
                lazy: page(
                  () => import('./routes/evaluation/CourseEvaluationPage'),
                  'CourseEvaluationPage',
                ),
              },
              {
                path: '/evaluering/tilbud/:id',
                lazy: page(
                  () => import('./routes/evaluation/OfferCriteriaPage'),
                  'OfferCriteriaPage',
                ),
              },
              {
                path: '/evaluering/undersoegelser',
                lazy: page(() => import('./routes/evaluation/SurveysPage'), 'SurveysPage'),
              },
            ],
          },
          {
            path: '/undersoegelse/:municipality/:token',
            lazy: page(() => import('./routes/evaluation/PublicSurveyPage'), 'PublicSurveyPage'),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
