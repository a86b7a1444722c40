import { lazy, Suspense, type ReactNode } from 'react'
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router'
import { FullPageSpin } from '../components/FullPageSpin'
import { AppLayout } from './AppLayout'
import { RequireAuth } from './RequireAuth'
import { RequireRole } from './RequireRole'

// One chunk per page: antd components load with the page that uses them.
const LoginPage = lazy(() => import('../features/auth/components/LoginPage'))
const SetupPage = lazy(() => import('../features/auth/components/SetupPage'))
const CustomersPage = lazy(() => import('../features/customers/components/CustomersPage'))
const DeletedCustomersPage = lazy(() => import('../features/customers/components/DeletedCustomersPage'))
const CustomerDetailPage = lazy(() => import('../features/customers/components/CustomerDetailPage'))
const ContactsPage = lazy(() => import('../features/contacts/components/ContactsPage'))
const LeadsPage = lazy(() => import('../features/leads/components/LeadsPage'))
const LeadDetailPage = lazy(() => import('../features/leads/components/LeadDetailPage'))
const LeadRoutingPage = lazy(() => import('../features/leads/components/LeadRoutingPage'))
const OpportunitiesPage = lazy(() => import('../features/opportunities/components/OpportunitiesPage'))
const OpportunityBoardPage = lazy(() => import('../features/opportunities/components/OpportunityBoardPage'))
const OpportunityDetailPage = lazy(() => import('../features/opportunities/components/OpportunityDetailPage'))
const MyTasksPage = lazy(() => import('../features/activities/components/MyTasksPage'))
const PipelineStagesPage = lazy(() => import('../features/pipeline-stages/components/PipelineStagesPage'))
const UsersPage = lazy(() => import('../features/users/components/UsersPage'))
const TeamsPage = lazy(() => import('../features/teams/components/TeamsPage'))
const AuditLogPage = lazy(() => import('../features/audit/components/AuditLogPage'))
const ProfilePage = lazy(() => import('../features/settings/components/ProfilePage'))
const ApiTokensPage = lazy(() => import('../features/api-tokens/components/ApiTokensPage'))
const NotFoundPage = lazy(() => import('./NotFoundPage'))

const page = (node: ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>

const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  { path: '/setup', element: page(<SetupPage />) },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/customers" replace /> },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/deleted', element: <DeletedCustomersPage /> },
      { path: 'customers/:id', element: <CustomerDetailPage /> },
      // The contact drawer opens over the list: same page element, so the list keeps its state.
      { path: 'contacts', element: <ContactsPage />, children: [{ path: ':id', element: null }] },
      { path: 'leads', element: <LeadsPage /> },
      { path: 'leads/:id', element: <LeadDetailPage /> },
      { path: 'opportunities', element: <OpportunitiesPage /> },
      { path: 'opportunities/board', element: <OpportunityBoardPage /> },
      { path: 'opportunities/:id', element: <OpportunityDetailPage /> },
      { path: 'tasks', element: <MyTasksPage /> },
      { path: 'pipeline-stages', element: <RequireRole roles={['admin']}><PipelineStagesPage /></RequireRole> },
      { path: 'lead-routing', element: <RequireRole roles={['admin']}><LeadRoutingPage /></RequireRole> },
      { path: 'users', element: <RequireRole roles={['admin']}><UsersPage /></RequireRole> },
      { path: 'teams', element: <RequireRole roles={['admin']}><TeamsPage /></RequireRole> },
      { path: 'audit', element: <RequireRole roles={['admin', 'manager']}><AuditLogPage /></RequireRole> },
      { path: 'settings', element: <Navigate to="/settings/profile" replace /> },
      { path: 'settings/profile', element: <ProfilePage /> },
      { path: 'settings/tokens', element: <ApiTokensPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])

export function AppRouter() {
  return <RouterProvider router={router} />
}
