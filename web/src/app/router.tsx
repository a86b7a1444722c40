import { lazy, Suspense, type ReactNode } from 'react'
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router'
import { FullPageSpin } from '../components/FullPageSpin'
import { RequireAuth } from './RequireAuth'
import { RequireRole } from './RequireRole'

// One chunk per page: antd components load with the page that uses them. The signed-in shell
// (menu, header, search) is a chunk of its own too, so the sign-in page does not load it.
const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })))
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
const LostReasonsPage = lazy(() => import('../features/lost-reasons/components/LostReasonsPage'))
const UsersPage = lazy(() => import('../features/users/components/UsersPage'))
const TeamsPage = lazy(() => import('../features/teams/components/TeamsPage'))
const AuditLogPage = lazy(() => import('../features/audit/components/AuditLogPage'))
const ProfilePage = lazy(() => import('../features/settings/components/ProfilePage'))
const ApiTokensPage = lazy(() => import('../features/api-tokens/components/ApiTokensPage'))
const TicketsPage = lazy(() => import('../features/tickets/components/TicketsPage'))
const TicketDetailPage = lazy(() => import('../features/tickets/components/TicketDetailPage'))
const PublicTicketPage = lazy(() => import('../features/tickets/components/PublicTicketPage'))
const ServiceSettingsPage = lazy(() => import('../features/service-settings/components/ServiceSettingsPage'))
const ProductsPage = lazy(() => import('../features/products/components/ProductsPage'))
const QuotesPage = lazy(() => import('../features/quotes/components/QuotesPage'))
const QuoteDetailPage = lazy(() => import('../features/quotes/components/QuoteDetailPage'))
const OrdersPage = lazy(() => import('../features/orders/components/OrdersPage'))
const OrderDetailPage = lazy(() => import('../features/orders/components/OrderDetailPage'))
const CompanyProfilePage = lazy(() => import('../features/company/components/CompanyProfilePage'))
const ExchangeRatesPage = lazy(() => import('../features/exchange-rates/components/ExchangeRatesPage'))
const EncryptionPage = lazy(() => import('../features/encryption/components/EncryptionPage'))
const BackupsPage = lazy(() => import('../features/backups/components/BackupsPage'))
const SecuritySettingsPage = lazy(() => import('../features/security/components/SecuritySettingsPage'))
const ImportWizardPage = lazy(() => import('../features/imports/components/ImportWizardPage'))
const ImportHistoryPage = lazy(() => import('../features/imports/components/ImportHistoryPage'))
const CampaignsPage = lazy(() => import('../features/campaigns/components/CampaignsPage'))
const CampaignDetailPage = lazy(() => import('../features/campaigns/components/CampaignDetailPage'))
const MailingListsPage = lazy(() => import('../features/mailing-lists/components/MailingListsPage'))
const MailingListNewPage = lazy(() => import('../features/mailing-lists/components/MailingListNewPage'))
const MailingListDetailPage = lazy(() => import('../features/mailing-lists/components/MailingListDetailPage'))
const DashboardPage = lazy(() => import('../features/dashboard/components/DashboardPage'))
const ReportsIndexPage = lazy(() => import('../features/reports/components/ReportsIndexPage'))
const ReportPage = lazy(() => import('../features/reports/components/ReportPage'))
const NotFoundPage = lazy(() => import('./NotFoundPage'))

const page = (node: ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>

const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  { path: '/setup', element: page(<SetupPage />) },
  // The customers' service form: no sign-in, outside the app layout.
  { path: '/support/new', element: page(<PublicTicketPage />) },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense fallback={<FullPageSpin />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'reports', element: <ReportsIndexPage /> },
      { path: 'reports/:name', element: <ReportPage /> },
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
      { path: 'products', element: <ProductsPage /> },
      { path: 'quotes', element: <QuotesPage /> },
      { path: 'quotes/:id', element: <QuoteDetailPage /> },
      { path: 'orders', element: <OrdersPage /> },
      { path: 'orders/:id', element: <OrderDetailPage /> },
      { path: 'tickets', element: <TicketsPage /> },
      { path: 'tickets/:id', element: <TicketDetailPage /> },
      { path: 'service-settings', element: <RequireRole roles={['admin']}><ServiceSettingsPage /></RequireRole> },
      { path: 'pipeline-stages', element: <RequireRole roles={['admin']}><PipelineStagesPage /></RequireRole> },
      { path: 'lead-routing', element: <RequireRole roles={['admin']}><LeadRoutingPage /></RequireRole> },
      { path: 'users', element: <RequireRole roles={['admin']}><UsersPage /></RequireRole> },
      { path: 'teams', element: <RequireRole roles={['admin']}><TeamsPage /></RequireRole> },
      { path: 'audit', element: <RequireRole roles={['admin', 'manager']}><AuditLogPage /></RequireRole> },
      { path: 'settings', element: <Navigate to="/settings/profile" replace /> },
      { path: 'settings/profile', element: <ProfilePage /> },
      { path: 'settings/tokens', element: <ApiTokensPage /> },
      { path: 'settings/company', element: <RequireRole roles={['admin']}><CompanyProfilePage /></RequireRole> },
      { path: 'settings/lost-reasons', element: <RequireRole roles={['admin']}><LostReasonsPage /></RequireRole> },
      { path: 'settings/exchange-rates', element: <RequireRole roles={['admin']}><ExchangeRatesPage /></RequireRole> },
      { path: 'settings/encryption', element: <RequireRole roles={['admin']}><EncryptionPage /></RequireRole> },
      { path: 'settings/backups', element: <RequireRole roles={['admin']}><BackupsPage /></RequireRole> },
      { path: 'settings/security', element: <RequireRole roles={['admin']}><SecuritySettingsPage /></RequireRole> },
      { path: 'import', element: <ImportWizardPage /> },
      { path: 'imports', element: <ImportHistoryPage /> },
      { path: 'campaigns', element: <RequireRole roles={['admin', 'marketing', 'manager']}><CampaignsPage /></RequireRole> },
      { path: 'campaigns/:id', element: <RequireRole roles={['admin', 'marketing', 'manager']}><CampaignDetailPage /></RequireRole> },
      { path: 'mailing-lists', element: <RequireRole roles={['admin', 'marketing', 'manager']}><MailingListsPage /></RequireRole> },
      { path: 'mailing-lists/new', element: <RequireRole roles={['admin', 'marketing']}><MailingListNewPage /></RequireRole> },
      { path: 'mailing-lists/:id', element: <RequireRole roles={['admin', 'marketing', 'manager']}><MailingListDetailPage /></RequireRole> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])

export function AppRouter() {
  return <RouterProvider router={router} />
}
