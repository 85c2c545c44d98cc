import { Button, Stack, Text, Title } from '@mantine/core'
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  redirect,
} from '@tanstack/react-router'
import { AccountsPage } from '../features/accounts/AccountsPage'
import { ErrorFallback } from './ErrorFallback'
import { Shell } from './Shell'

// The portfolio is the first screen and is in the main bundle; every other screen loads when it
// is first opened, so Chromium parses and compiles a third of the code before the first rows.
const AccountPage = lazyRouteComponent(
  () => import('../features/accounts/AccountPage'),
  'AccountPage',
)
const AlertsPage = lazyRouteComponent(() => import('../features/alerts/AlertsPage'), 'AlertsPage')
const ProposalBuilderPage = lazyRouteComponent(
  () => import('../features/proposals/ProposalBuilderPage'),
  'ProposalBuilderPage',
)
const ProposalsPage = lazyRouteComponent(
  () => import('../features/proposals/ProposalsPage'),
  'ProposalsPage',
)
const CaseStudiesPage = lazyRouteComponent(
  () => import('../features/library/CaseStudiesPage'),
  'CaseStudiesPage',
)
const AboutSection = lazyRouteComponent(
  () => import('../features/settings/AboutSection'),
  'AboutSection',
)
const AppearanceSection = lazyRouteComponent(
  () => import('../features/settings/AppearanceSection'),
  'AppearanceSection',
)
const DataSection = lazyRouteComponent(
  () => import('../features/settings/DataSection'),
  'DataSection',
)
const ProposalsSection = lazyRouteComponent(
  () => import('../features/settings/ProposalsSection'),
  'ProposalsSection',
)
const SettingsPage = lazyRouteComponent(
  () => import('../features/settings/SettingsPage'),
  'SettingsPage',
)
const TierPage = lazyRouteComponent(() => import('../features/tiers/TierPage'), 'TierPage')
const TiersPage = lazyRouteComponent(() => import('../features/tiers/TiersPage'), 'TiersPage')
const WorkspacesSection = lazyRouteComponent(
  () => import('../features/workspaces/WorkspacesSection'),
  'WorkspacesSection',
)

function NotFound() {
  return (
    <Stack p="xl" align="flex-start">
      <Title order={2}>Nothing here</Title>
      <Text c="dimmed">This screen does not exist in this version of Tierline.</Text>
      <Button component={Link} to="/">
        Back to the start
      </Button>
    </Stack>
  )
}

const rootRoute = createRootRoute({
  component: Shell,
  notFoundComponent: NotFound,
  errorComponent: ({ error, reset }) => <ErrorFallback error={error} resetErrorBoundary={reset} />,
})

// The portfolio (AccountsPage) is where a CSM starts the day.
const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/accounts' })
  },
})
const accountsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'accounts',
  component: AccountsPage,
})
const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'accounts/$accountId',
  component: function AccountRoute() {
    const { accountId } = accountRoute.useParams()
    return <AccountPage key={accountId} accountId={accountId} />
  },
})

const tiersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'tiers',
  component: TiersPage,
})
const tierRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'tiers/$tierId',
  component: function TierRoute() {
    const { tierId } = tierRoute.useParams()
    return <TierPage key={tierId} tierId={tierId} />
  },
})

const alertsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'alerts',
  component: AlertsPage,
})

const proposalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'proposals',
  component: ProposalsPage,
})
const proposalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'proposals/$proposalId',
  component: function ProposalRoute() {
    const { proposalId } = proposalRoute.useParams()
    return <ProposalBuilderPage key={proposalId} proposalId={proposalId} />
  },
})

const caseStudiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'case-studies',
  component: CaseStudiesPage,
})

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'settings',
  component: SettingsPage,
})
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/appearance' })
  },
})
const appearanceRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'appearance',
  component: AppearanceSection,
})
const workspacesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'workspaces',
  component: WorkspacesSection,
})
const proposalSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'proposals',
  component: ProposalsSection,
})
const dataRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'data',
  component: DataSection,
})
const aboutRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'about',
  component: AboutSection,
})

const routeTree = rootRoute.addChildren([
  indexRoute,
  accountsRoute,
  accountRoute,
  alertsRoute,
  proposalsRoute,
  proposalRoute,
  caseStudiesRoute,
  tiersRoute,
  tierRoute,
  settingsRoute.addChildren([
    settingsIndexRoute,
    appearanceRoute,
    proposalSettingsRoute,
    workspacesRoute,
    dataRoute,
    aboutRoute,
  ]),
])

/** Hash history: the app is one document on a custom protocol, so paths never reach the disk. */
export const router = createRouter({ routeTree, history: createHashHistory() })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
