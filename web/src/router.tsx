import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { RequireAuth } from './routes/RequireAuth';
import { StartPage } from './routes/StartPage';
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
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <StartPage /> },
              { path: '/borgere', element: <CitizenListPage /> },
              { path: '/borgere/:id', element: <CitizenPage /> },
              { path: '/import', element: <ImportPage /> },
              { path: '/screening', element: <ScreeningQueuePage /> },
              { path: '/screening/:periodId', element: <ScreeningFormPage /> },
              { path: '/tidlig-opsporing', element: <AttentionPage /> },
              { path: '/admin/risikoregler', element: <RiskRulesPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
