import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { CourseEvaluationPage } from './routes/evaluation/CourseEvaluationPage';
import { EvaluationPage } from './routes/evaluation/EvaluationPage';
import { PublicSurveyPage } from './routes/evaluation/PublicSurveyPage';
import { SurveysPage } from './routes/evaluation/SurveysPage';
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
            children: [{ index: true, element: <StartPage /> }],
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
