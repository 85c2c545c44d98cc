import { Button, Stack, Text, Title } from '@mantine/core'
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Link,
  redirect,
} from '@tanstack/react-router'
import { AccountPage } from '../features/accounts/AccountPage'
import { AccountsPage } from '../features/accounts/AccountsPage'
import { AlertsPage } from '../features/alerts/AlertsPage'
import { ProposalBuilderPage } from '../features/proposals/ProposalBuilderPage'
import { ProposalsPage } from '../features/proposals/ProposalsPage'
import { CaseStudiesPage } from '../features/library/CaseStudiesPage'
import { AboutSection } from '../features/settings/AboutSection'
import { AppearanceSection } from '../features/settings/AppearanceSection'
import { DataSection } from '../features/settings/DataSection'
import { ProposalsSection } from '../features/settings/ProposalsSection'
import { SettingsPage } from '../features/settings/SettingsPage'
import { TierPage } from '../features/tiers/TierPage'
import { TiersPage } from '../features/tiers/TiersPage'
import { WorkspacesSection } from '../features/workspaces/WorkspacesSection'
import { ErrorFallback } from './ErrorFallback'
import { Shell } from './Shell'

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
