import { mkdir } from 'node:fs/promises'
import { loadDemoBook } from '../db/demo-loader'
import { openWorkspaceStore, type WorkspaceStore } from '../db/workspace-store'
import { changedTopic } from '@shared/ipc/contract'
import { createAccountsRepository } from './accounts/accounts-repository'
import { accountHandlers } from './accounts/handlers'
import { createAlertsRepository } from './alerts/alerts-repository'
import { alertHandlers } from './alerts/handlers'
import { portfolioHandlers } from './portfolio/handlers'
import { engineMetrics } from './portfolio/portfolio-metrics'
import { createPortfolioReadModel } from './portfolio/portfolio-read-model'
import { viewHandlers } from './views/handlers'
import { createViewsRepository } from './views/views-repository'
import { createActivityWriter } from './activities/activity-writer'
import { activityHandlers } from './activities/handlers'
import { createTimelineRepository } from './activities/timeline-repository'
import { createCurrentUserSource } from './session/current-user'
import { sessionHandlers } from './session/handlers'
import { createActingAsStore } from './session/acting-as-store'
import { createSessionSwitch } from './session/session-switch'
import { proposalHandlers } from './proposals/handlers'
import { createProposalsService } from './proposals/proposals-service'
import { createExportSource } from './proposals-export/export-source'
import { proposalExportHandlers } from './proposals-export/handlers'
import { createCalendarsRepository } from './tiers/calendars-repository'
import { tierHandlers } from './tiers/handlers'
import { createTiersRepository } from './tiers/tiers-repository'
import { appHandlers, type DesktopPort, type HostInfo } from './app/app-handlers'
import { createCaseStudiesRepository } from './library/case-studies-repository'
import { libraryHandlers } from './library/handlers'
import { createProposalSettingsService } from './library/proposal-settings-service'
import { createStoryTemplatesRepository } from './library/story-templates-repository'
import { createEventBus, type EventBus } from './events/event-bus'
import { createEngineCache, type EngineCache } from './engines/engine-cache'
import { createInProcessBookRuns } from './engines/book-runs'
import {
  createWorkerBookRuns,
  sourceEngineWorker,
  type EngineWorkerEntry,
} from './engines/worker-book-runs'
import { storeEngineHealth } from './health/stored-health'
import { createAccountData } from './account-data/account-data'
import { eligibilityHandlers } from './eligibility/handlers'
import { createEligibilityService } from './eligibility/eligibility-service'
import { healthHandlers } from './health/handlers'
import { createHealthService } from './health/health-service'
import { ledgerHandlers } from './ledger/handlers'
import { createLedgerLog } from './ledger/ledger-log'
import { ledgerLogHandlers } from './ledger/ledger-log-handlers'
import { createLedgerService } from './ledger/ledger-service'
import { auditHandlers } from './audit/handlers'
import { createAuditService } from './audit/audit-service'
import { alertsRefreshHandlers } from './alerts-refresh/handlers'
import { createAlertsRefresh } from './alerts-refresh/alerts-refresh'
import { slaHandlers } from './sla/handlers'
import { createSlaService } from './sla/sla-service'
import { kpiHandlers } from './kpi/handlers'
import { createKpiService } from './kpi/kpi-service'
import { createSyncService } from '../sync/sync-service'
import type { WorkerEntry } from '../threads/worker-entry'
import { createFileTokenStore, type TokenStore } from '../sync/token-store'
import { syncHandlers } from './sync/handlers'
import type { DemoBookOptions } from '../db/seed/options'
import { createRouter, type Router } from './ipc/router'
import { createConsoleLogger, type Logger } from './log/logger'
import { settingsHandlers } from './settings/handlers'
import { openSettingsStore, type SettingsStore } from './settings/settings-store'
import { workspaceHandlers } from './workspace/handlers'
import { createWorkspaceManager, type WorkspaceManager } from './workspace/workspace-manager'

export interface MainServicesOptions {
  /** Root of everything Tierline stores: Electron's userData path in the app. */
  readonly dataRoot: string
  readonly host: HostInfo
  readonly desktop: DesktopPort
  /** Electron-ABI build of better-sqlite3; undefined in plain Node. */
  readonly sqliteNativeBinding?: string
  readonly log?: Logger
  /** Size and seed of the demo book a new machine starts with (tests use a small one). */
  readonly demoBook?: DemoBookOptions
  /** Where the team-sync token is kept: Electron's safeStorage in the app, a 0600 file otherwise. */
  readonly syncTokens?: TokenStore
  /**
   * The engine worker for book-wide runs: the built entry in the app; by default its source
   * (when running from source); null computes them in main.
   */
  readonly engineWorker?: EngineWorkerEntry | null
  /**
   * The worker that prepares a first sync's bulk-loaded pages (src-main/sync/first-pull/): the
   * built entry in the app; by default its source (when running from source); null: in main.
   */
  readonly syncPageWorker?: WorkerEntry | null
}

export interface MainServices {
  readonly router: Router
  readonly events: EventBus
  readonly settings: SettingsStore
  readonly workspaces: WorkspaceManager<WorkspaceStore>
  /** Engine results and inputs shared by the SLA, KPI, health, eligibility, ledger and audit services. */
  readonly engines: EngineCache
  /** Settles when the first workspace is open (or failed to open, which is logged). */
  readonly ready: Promise<void>
  close(): Promise<void>
}

/**
 * Builds every main-process service and the IPC router over them. The Electron app and the
 * end-to-end bridge both call this, so tests exercise exactly what ships.
 */
export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const log = options.log ?? createConsoleLogger('main')
  await mkdir(options.dataRoot, { recursive: true })
  const events = createEventBus()
  const settings = await openSettingsStore({ dataRoot: options.dataRoot, events, log })
  const workspaces = createWorkspaceManager({
    dataRoot: options.dataRoot,
    events,
    log,
    openDatabase: (_record, file) =>
      openWorkspaceStore({
        file,
        log,
        ...(options.sqliteNativeBinding === undefined
          ? {}
          : { nativeBinding: options.sqliteNativeBinding }),
        onChange: (changed) => {
          for (const collection of changed) events.publish(changedTopic(collection), { collection })
        },
      }),
    // The demo book's accounts are stored with the health engine's scores, so even the first
    // paint (before the engines' run joins the rows) shows what Account 360 will.
    populate: async ({ database }, progress) => {
      await loadDemoBook(database.rx(), options.demoBook ?? {}, progress)
      await storeEngineHealth(database.rx())
    },
    ...(options.sqliteNativeBinding === undefined
      ? {}
      : { sqliteNativeBinding: options.sqliteNativeBinding }),
  })
  // The window opens while a new machine's demo book loads; calls wait for it, and the
  // renderer shows the progress events meanwhile.
  const ready = workspaces.start().then(
    () => undefined,
    (error: unknown) => log.error('no workspace could be opened', { error: String(error) }),
  )

  // One cache for every engine service; it notices a workspace switch by the new database.
  const engines = createEngineCache({
    database: async () => (await workspaces.current()).database.rx(),
  })

  // Health, eligibility and ledger read one shared loader on top of the engine cache.
  const accountData = createAccountData(engines)
  // Book-wide runs (every ticket of the book) compute in a worker thread, off main's event loop.
  const runs = createWorkerBookRuns({
    entry:
      options.engineWorker === undefined
        ? sourceEngineWorker()
        : (options.engineWorker ?? undefined),
    workspace: async () => {
      const { database } = await workspaces.current()
      return { file: database.status().file, opening: database }
    },
    fallback: createInProcessBookRuns(engines, accountData),
    nativeBinding: options.sqliteNativeBinding,
    log,
  })
  const health = createHealthService(engines, accountData, Date.now, runs)
  const eligibility = createEligibilityService(engines, accountData, Date.now, runs)
  // The engines' alerts: written after the workspace opens and whenever their inputs change.
  const alertsRefresh = createAlertsRefresh({
    rx: async () => (await workspaces.current()).database.rx(),
    data: accountData,
    health,
    eligibility,
    log,
  })
  const stopAlertsRefresh = alertsRefresh.start(events, ready)
  const workspaceRx = async () => (await workspaces.current()).database.rx()
  const sla = createSlaService(engines)
  // "Acting as" (issue 8): a per-workspace choice of who "me" is, for local workspaces.
  const actingAs = createActingAsStore(async () => (await workspaces.current()).record.folder)
  // Ignored while signed in to team sync, where the identity is the server's: a choice made
  // offline must not write in someone else's name once synced. (`sync` is created below; this
  // only runs on calls, after it exists.)
  const currentUser = createCurrentUserSource(workspaceRx, () =>
    sync.state().account === null ? actingAs.read() : Promise.resolve(null),
  )
  const portfolio = createPortfolioReadModel({
    rx: workspaceRx,
    events,
    metrics: engineMetrics({ engines, health, eligibility, runs }),
    log,
  })
  // Team sync (issue #6): replicates the workspace it was signed in from with the team server.
  const sync = createSyncService({
    dataRoot: options.dataRoot,
    tokens: options.syncTokens ?? createFileTokenStore(options.dataRoot),
    workspace: async () => {
      const { record, database } = await workspaces.current()
      return { id: record.id, folder: record.folder, rx: database.rx() }
    },
    log,
    ...(options.syncPageWorker === undefined ? {} : { pageWorker: options.syncPageWorker }),
    onState: (state) => events.publish('sync.state', state),
  })
  const syncFailed = (error: unknown) => log.error('team sync failed', { error: String(error) })
  void ready.then(() => sync.start()).catch(syncFailed)
  const stopSyncWatch = events.subscribe((topic) => {
    if (topic === 'changed:workspace') void sync.workspaceChanged().catch(syncFailed)
  })
  const proposals = createProposalsService({
    rx: workspaceRx,
    me: currentUser,
    evidence: { eligibility, sla, health },
  })
  const router = createRouter(
    {
      ...appHandlers({
        host: options.host,
        dataRoot: options.dataRoot,
        active: workspaces.current,
        desktop: options.desktop,
      }),
      ...settingsHandlers(settings),
      ...workspaceHandlers(workspaces),
      ...slaHandlers(sla),
      ...healthHandlers(health),
      ...eligibilityHandlers(eligibility),
      ...ledgerHandlers(createLedgerService(engines, accountData)),
      ...auditHandlers(createAuditService(engines, accountData)),
      ...alertsRefreshHandlers(alertsRefresh),
      ...kpiHandlers(createKpiService(engines, Date.now, { health, runs })),
      ...accountHandlers(
        createAccountsRepository(async () => (await workspaces.current()).database.rx()),
      ),
      ...sessionHandlers(
        currentUser,
        createSessionSwitch({
          rx: workspaceRx,
          currentUser,
          actingAs,
          signedInToSync: () => sync.state().account !== null,
          announce: () => events.publish(changedTopic('settings'), { collection: 'settings' }),
        }),
      ),
      ...proposalHandlers(proposals),
      ...proposalExportHandlers({
        loadInput: createExportSource({
          getDetail: (id) => proposals['proposals.get']({ id }),
          rx: workspaceRx,
          locale: () => settings.get().locale,
        }),
        desktop: options.desktop,
        publish: (progress) => events.publish('proposals.exportProgress', progress),
      }),
      ...syncHandlers(sync),
      ...ledgerLogHandlers(createLedgerLog({ rx: workspaceRx, currentUser })),
      ...portfolioHandlers({ readModel: portfolio, desktop: options.desktop }),
      ...viewHandlers(createViewsRepository({ rx: workspaceRx, owner: currentUser })),
      ...alertHandlers(createAlertsRepository({ rx: workspaceRx, actor: currentUser })),
      ...tierHandlers(
        createTiersRepository({ rx: workspaceRx, author: currentUser }),
        createCalendarsRepository({ rx: workspaceRx, author: currentUser }),
      ),
      ...libraryHandlers({
        caseStudies: createCaseStudiesRepository({ rx: workspaceRx, currentUser }),
        storyTemplates: createStoryTemplatesRepository({ rx: workspaceRx, currentUser }),
        proposalSettings: createProposalSettingsService({ rx: workspaceRx, currentUser }),
      }),
      ...activityHandlers({
        timeline: createTimelineRepository(workspaceRx, currentUser),
        writer: createActivityWriter({ rx: workspaceRx, currentUser }),
      }),
    },
    log,
  )

  return {
    router,
    events,
    settings,
    workspaces,
    engines,
    ready,
    close: () => {
      const refreshSettled = stopAlertsRefresh()
      engines.dispose()
      stopSyncWatch()
      return refreshSettled
        .then(() => runs.close())
        .then(() => sync.close())
        .then(() => workspaces.close())
    },
  }
}
