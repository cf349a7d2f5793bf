// Routes. Hash URLs keep the portal's paths apart from the server's own
// (/api, /luis, /language, /vision) and need no server-side fallback.
import { createHashRouter, Navigate } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { AccountSettingsPage } from './pages/AccountSettingsPage.tsx';
import { LoginPage, SignupPage } from './pages/AuthPages.tsx';
import { LuisAppPage } from './luis/LuisAppPage.tsx';
import { LuisAppsPage } from './luis/LuisAppsPage.tsx';
import { VisionPage } from './vision/VisionPage.tsx';
import { LanguagePage } from './clu/LanguagePage.tsx';
import { CluProjectPage } from './clu/CluProjectPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ResourceDetailPage } from './pages/ResourceDetailPage.tsx';
import { CreateResourcePage, ResourcesPage } from './pages/ResourcesPage.tsx';

export const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  {
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/resources" replace /> },
      { path: 'account', element: <AccountSettingsPage /> },
      { path: 'resources', element: <ResourcesPage /> },
      { path: 'resources/new', element: <CreateResourcePage /> },
      { path: 'resources/:name', element: <ResourceDetailPage /> },
      { path: 'luis', element: <LuisAppsPage /> },
      { path: 'luis/:appId', element: <LuisAppPage /> },
      { path: 'luis/:appId/:section', element: <LuisAppPage /> },
      { path: 'language', element: <LanguagePage /> },
      { path: 'language/:resource/:project', element: <CluProjectPage /> },
      { path: 'vision', element: <VisionPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createHashRouter(routes);
}
