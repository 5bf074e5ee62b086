import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import {
  CataloguePage,
  OfferEditorPage,
  OfferPage,
  PublicCataloguePage,
  PublicOfferPage,
} from './routes/catalogue/CataloguePages';
import { GapsPage } from './routes/health/GapsPage';
import { MyHealthProfilePage, StaffHealthProfilePage } from './routes/health/HealthProfilePage';
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
          { path: '/tilbud/:municipalityCode', element: <PublicCataloguePage /> },
          { path: '/tilbud/:municipalityCode/:id', element: <PublicOfferPage /> },
          {
            element: <RequireAuth />,
            children: [{ index: true, element: <StartPage /> }],
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
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
