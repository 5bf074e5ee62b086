import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { AdminPage } from './routes/admin/AdminPage';
import { AccessLogPage } from './routes/audit/AccessLogPage';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { RequireAuth } from './routes/RequireAuth';
import { StartPage } from './routes/StartPage';

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
              { path: '/mit/adgangslog', element: <AccessLogPage /> },
              { path: '/admin', element: <AdminPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
