import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { AdminPage } from './routes/admin/AdminPage';
import { AccessLogPage } from './routes/audit/AccessLogPage';
import {
  CataloguePage,
  OfferEditorPage,
  OfferPage,
  PublicCataloguePage,
  PublicOfferPage,
} from './routes/catalogue/CataloguePages';
import { ConsentPage } from './routes/consents/ConsentPage';
import { AttendancePage } from './routes/courses/AttendancePage';
import { CourseListPage } from './routes/courses/CourseListPage';
import { CoursePage } from './routes/courses/CoursePage';
import { NewCoursePage } from './routes/courses/NewCoursePage';
import { OutcomePage } from './routes/courses/OutcomePage';
import { CourseEvaluationPage } from './routes/evaluation/CourseEvaluationPage';
import { EvaluationPage } from './routes/evaluation/EvaluationPage';
import { PublicSurveyPage } from './routes/evaluation/PublicSurveyPage';
import { SurveysPage } from './routes/evaluation/SurveysPage';
import { GapsPage } from './routes/health/GapsPage';
import { MyHealthProfilePage, StaffHealthProfilePage } from './routes/health/HealthProfilePage';
import { LoginPage } from './routes/LoginPage';
import { MeetingPage, MeetingsPage } from './routes/meetings/MeetingsPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { PlanPage } from './routes/plans/PlanPage';
import { PlansIndexPage } from './routes/plans/PlansIndexPage';
import { PortalPage } from './routes/portal/PortalPage';
import { RequireAuth } from './routes/RequireAuth';
import { NewReferralPage } from './routes/referrals/NewReferralPage';
import { ReferralInboxPage } from './routes/referrals/ReferralInboxPage';
import { ReferralPage } from './routes/referrals/ReferralPage';
import { StartPage } from './routes/StartPage';
import { TasksPage } from './routes/tasks/TasksPage';
import { AttentionPage } from './routes/workflow/AttentionPage';
import { CitizenListPage } from './routes/workflow/CitizenListPage';
import { CitizenPage } from './routes/workflow/CitizenPage';
import { ImportPage } from './routes/workflow/ImportPage';
import { RiskRulesPage } from './routes/workflow/RiskRulesPage';
import { ScreeningFormPage } from './routes/workflow/ScreeningFormPage';
import { ScreeningQueuePage } from './routes/workflow/ScreeningQueuePage';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError standalone />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { path: '/login', element: <LoginPage /> },
          { path: '/tilbud/:municipalityCode', element: <PublicCataloguePage /> },
          { path: '/tilbud/:municipalityCode/:id', element: <PublicOfferPage /> },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <StartPage /> },
              { path: '/mit/adgangslog', element: <AccessLogPage /> },
              { path: '/admin', element: <AdminPage /> },
              { path: '/planer', element: <PlansIndexPage /> },
              { path: '/planer/:citizenId', element: <PlanPage /> },
              { path: '/mit', element: <PortalPage /> },
              { path: '/opgaver', element: <TasksPage /> },
              { path: '/moeder', element: <MeetingsPage /> },
              { path: '/moeder/:id', element: <MeetingPage /> },
              { path: '/henvisninger', element: <ReferralInboxPage /> },
              { path: '/henvisninger/:id', element: <ReferralPage /> },
              { path: '/borgere/:id/henvisning', element: <NewReferralPage /> },
              { path: '/borgere/:id/samtykke', element: <ConsentPage /> },
              { path: '/hold', element: <CourseListPage /> },
              { path: '/hold/nyt', element: <NewCoursePage /> },
              { path: '/hold/:id', element: <CoursePage /> },
              { path: '/hold/:id/gange/:sessionId', element: <AttendancePage /> },
              { path: '/hold/:id/deltagere/:enrolmentId/resultat', element: <OutcomePage /> },
            ],
          },
          {
            element: <RequireAuth />,
            children: [
              { path: '/tilbud', element: <CataloguePage /> },
              { path: '/tilbud/ny', element: <OfferEditorPage /> },
              { path: '/tilbud/huller', element: <GapsPage /> },
              { path: '/tilbud/vis/:id', element: <OfferPage /> },
              { path: '/tilbud/vis/:id/rediger', element: <OfferEditorPage /> },
              { path: '/borgere/:id/sundhedsprofil', element: <StaffHealthProfilePage /> },
              { path: '/mit/sundhedsprofil', element: <MyHealthProfilePage /> },
              { path: '/borgere', element: <CitizenListPage /> },
              { path: '/borgere/:id', element: <CitizenPage /> },
              { path: '/import', element: <ImportPage /> },
              { path: '/screening', element: <ScreeningQueuePage /> },
              { path: '/screening/:periodId', element: <ScreeningFormPage /> },
              { path: '/tidlig-opsporing', element: <AttentionPage /> },
              { path: '/admin/risikoregler', element: <RiskRulesPage /> },
            ],
          },
          {
            element: <RequireAuth />,
            children: [
              { path: '/evaluering', element: <EvaluationPage /> },
              { path: '/evaluering/hold/:id', element: <CourseEvaluationPage /> },
              { path: '/evaluering/undersoegelser', element: <SurveysPage /> },
            ],
          },
          { path: '/undersoegelse/:municipality/:token', element: <PublicSurveyPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
