import { z } from 'zod'
import {
  accountListInput,
  accountRefInput,
  accountTicketsInput,
  type AccountDetail,
  type AccountFilterOptions,
  type AccountPage,
  type TicketPage,
} from '../accounts/account-queries'
import {
  activityRefInput,
  addNoteInput,
  logCheckInInput,
  timelineInput,
  updateActivityInput,
} from '../activities/activity-inputs'
import type { DeletedActivity, TimelinePage } from '../activities/timeline'
import type { AppInfo } from '../app/app-info'
import {
  slaAccountInput,
  slaReplayInput,
  slaTicketInput,
  type AccountReplay,
  type AccountSla,
  type TicketSla,
} from '../sla/sla-queries'
import type { AlertsRefreshResult } from '../alerts/refresh-result'
import { driftAuditInput, type DriftList } from '../audit/audit-queries'
import { eligibilityListInput, type EligibilityList } from '../eligibility/eligibility-queries'
import { healthAccountInput, type AccountHealthView } from '../health/health-queries'
import { ledgerAccountInput, type AccountLedgerView } from '../ledger/ledger-queries'
import { logLedgerUsageInput } from '../ledger/ledger-log'
import type { LedgerEntry } from '../model/ledger'
import { kpiPortfolioInput, type PortfolioKpis } from '../kpi/kpi-queries'
import {
  alertRefInput,
  alertsListInput,
  snoozeAlertInput,
  type AlertInbox,
  type InboxCount,
} from '../alerts/inbox'
import type { Alert } from '../model/alert'
import { portfolioExportInput, type PortfolioExportResult } from '../portfolio/portfolio-export'
import { portfolioListInput, type PortfolioResult } from '../portfolio/portfolio-query'
import {
  renameViewInput,
  saveViewInput,
  shareViewInput,
  viewRefInput,
  viewsListInput,
  type ViewSummary,
} from '../portfolio/view-inputs'
import type { Activity } from '../model/activity'
import { switchUserInput, type CurrentUser, type SessionUsers } from '../session/current-user'
import type { Proposal } from '../model/proposal'
import {
  proposalArchiveInput,
  proposalDiffInput,
  proposalListInput,
  proposalPreviewInput,
  proposalRefInput,
  proposalRestoreInput,
  proposalSaveInput,
  proposalSetStatusInput,
  proposalStartInput,
  type ProposalDetail,
  type ProposalDiff,
  type ProposalList,
  type ProposalPreview,
  type ProposalSaveResult,
  type ProposalVersionList,
} from '../proposals/proposal-queries'
import { collectionNames, type CollectionName as ModelCollectionName } from '../model/registry'
import { settingsPatchSchema, type Settings } from '../settings/settings'
import {
  syncResolveConflictInput,
  syncSignInInput,
  syncSignOutInput,
  type SyncConflictItem,
  type SyncState,
} from '../sync/sync-state'
import {
  createWorkspaceInput,
  deleteWorkspaceInput,
  renameWorkspaceInput,
  restoreWorkspaceInput,
  workspaceRefInput,
  type BackupInfo,
  type WorkspaceListItem,
  type WorkspaceProgressEvent,
} from '../workspace/workspace'
import type { WorkspaceSummary } from '../app/app-info'
import {
  caseStudyListInput,
  caseStudyRefInput,
  caseStudyRestoreInput,
  caseStudySaveInput,
  type CaseStudyListItem,
} from '../library/case-study-queries'
import { proposalSettingsSaveInput, type ProposalSettings } from '../library/proposal-settings'
import {
  storyTemplateResetInput,
  storyTemplateSaveInput,
  type StoryTemplateItem,
} from '../library/story-template-queries'
import type { CaseStudy } from '../model/case-study'
import type { StoryTemplate } from '../model/story-template'
import type { Calendar } from '../model/calendar'
import {
  calendarPreviewInput,
  calendarSaveInput,
  tierCompareInput,
  tierDraftInput,
  tierRefInput,
  tierSaveInput,
  type CalendarListItem,
  type TierCatalogue,
  type TierComparison,
  type TierHistory,
  type TierSaveResult,
  type WeekPreview,
} from '../tiers/tier-queries'
import type { ReadableDiffEntry } from '../tiers/tier-diff-text'
import {
  proposalExportInput,
  type ProposalExportProgress,
  type ProposalExportResult,
} from '../proposals/document/export-input'

/**
 * Collections whose changes main announces as `changed:<collection>` events: the workspace
 * database's collections, plus the app settings file and the workspace list. Queries name the
 * collections they read, so the renderer knows exactly which cached answers to refetch.
 */
export type CollectionName = 'settings' | 'workspace' | ModelCollectionName
export const collections: readonly CollectionName[] = ['settings', 'workspace', ...collectionNames]

/** Phantom marker carrying a TypeScript type through a runtime object. */
export interface Returns<T> {
  readonly __returns?: T
}
const returns = <T>(): Returns<T> => ({})

export interface QueryDef {
  readonly kind: 'query'
  readonly input: z.ZodType
  readonly output: Returns<unknown>
  readonly reads: readonly CollectionName[]
}
export interface MutationDef {
  readonly kind: 'mutation'
  readonly input: z.ZodType
  readonly output: Returns<unknown>
}
export interface SubscriptionDef {
  readonly kind: 'subscription'
  readonly payload: Returns<unknown>
}
export type ChannelDef = QueryDef | MutationDef | SubscriptionDef

/** Payload of every `changed:<collection>` event. */
export interface ChangedEvent {
  readonly collection: CollectionName
  readonly ids?: readonly string[]
}

export interface NavigateEvent {
  readonly to: string
}

const noInput = z.undefined()

type ChangedTopics = { readonly [C in CollectionName as `changed:${C}`]: SubscriptionDef }
const changedTopics = Object.fromEntries(
  collections.map((collection) => [
    `changed:${collection}`,
    { kind: 'subscription', payload: returns<ChangedEvent>() },
  ]),
) as unknown as ChangedTopics

/**
 * The one declaration of every channel between renderer and main. Main validates inputs
 * with these schemas; the preload, the renderer hooks and the test bridge are typed from it.
 */
export const contract = {
  'app.info': {
    kind: 'query',
    input: noInput,
    output: returns<AppInfo>(),
    reads: ['workspace'],
  },
  'app.revealDataFolder': {
    kind: 'mutation',
    input: noInput,
    output: returns<{ readonly opened: string }>(),
  },
  'settings.get': {
    kind: 'query',
    input: noInput,
    output: returns<Settings>(),
    reads: ['settings'],
  },
  'settings.set': {
    kind: 'mutation',
    input: settingsPatchSchema,
    output: returns<Settings>(),
  },
  'workspaces.list': {
    kind: 'query',
    input: noInput,
    output: returns<readonly WorkspaceListItem[]>(),
    reads: ['workspace'],
  },
  'workspaces.create': {
    kind: 'mutation',
    input: createWorkspaceInput,
    output: returns<WorkspaceSummary>(),
  },
  'workspaces.open': {
    kind: 'mutation',
    input: workspaceRefInput,
    output: returns<WorkspaceSummary>(),
  },
  'workspaces.rename': {
    kind: 'mutation',
    input: renameWorkspaceInput,
    output: returns<WorkspaceSummary>(),
  },
  'workspaces.delete': { kind: 'mutation', input: deleteWorkspaceInput, output: returns<null>() },
  'workspaces.backup': { kind: 'mutation', input: noInput, output: returns<BackupInfo>() },
  'workspaces.backups': {
    kind: 'query',
    input: workspaceRefInput,
    output: returns<readonly BackupInfo[]>(),
    reads: ['workspace'],
  },
  'workspaces.restore': {
    kind: 'mutation',
    input: restoreWorkspaceInput,
    output: returns<{ readonly movedAside: string }>(),
  },
  'accounts.list': {
    kind: 'query',
    input: accountListInput,
    output: returns<AccountPage>(),
    reads: ['accounts', 'tiers', 'users'],
  },
  'accounts.filterOptions': {
    kind: 'query',
    input: noInput,
    output: returns<AccountFilterOptions>(),
    reads: ['tiers', 'users'],
  },
  'accounts.get': {
    kind: 'query',
    input: accountRefInput,
    output: returns<AccountDetail>(),
    reads: ['accounts', 'contacts', 'usageSnapshots', 'tickets', 'tiers', 'users'],
  },
  'tickets.listByAccount': {
    kind: 'query',
    input: accountTicketsInput,
    output: returns<TicketPage>(),
    reads: ['tickets'],
  },
  /** One ticket's SLA clocks now, under the tier version stamped on it. */
  'sla.forTicket': {
    kind: 'query',
    input: slaTicketInput,
    output: returns<TicketSla>(),
    reads: ['tickets', 'tiers', 'library', 'accounts'],
  },
  /** An account's open tickets with clocks, compliance by month and breaches. */
  'sla.forAccount': {
    kind: 'query',
    input: slaAccountInput,
    output: returns<AccountSla>(),
    reads: ['tickets', 'tiers', 'library', 'accounts'],
  },
  /** An account's tickets measured under another tier's current version. */
  'sla.replay': {
    kind: 'query',
    input: slaReplayInput,
    output: returns<AccountReplay>(),
    reads: ['tickets', 'tiers', 'library', 'accounts'],
  },
  /** The portfolio KPI header: ARR, renewals, retention, SLA and escalations by tier. */
  'kpi.portfolio': {
    kind: 'query',
    input: kpiPortfolioInput,
    output: returns<PortfolioKpis>(),
    reads: ['accounts', 'tiers', 'tickets', 'library', 'proposals', 'usageSnapshots'],
  },
  /** Who "me" is in the open workspace: the author of new notes and check-ins. */
  'session.currentUser': {
    kind: 'query',
    input: noInput,
    output: returns<CurrentUser>(),
    // `settings`: main announces an "acting as" switch as a settings change.
    reads: ['users', 'settings', 'workspace'],
  },
  /** Whom "me" can be in a local workspace (the acting-as picker), and whether switching is allowed. */
  'session.users': {
    kind: 'query',
    input: noInput,
    output: returns<SessionUsers>(),
    reads: ['users', 'settings', 'workspace'],
  },
  /** Act as another active user of this workspace; refused while signed in to team sync. */
  'session.switchUser': {
    kind: 'mutation',
    input: switchUserInput,
    output: returns<CurrentUser>(),
  },
  /** Proposals (issue 8): a draft v1 pre-filled from the account, its tier and the evidence. */
  'proposals.start': { kind: 'mutation', input: proposalStartInput, output: returns<Proposal>() },
  /** The pricing form's live totals, issues and approval check; pure over its inputs. */
  'proposals.preview': {
    kind: 'query',
    input: proposalPreviewInput,
    output: returns<ProposalPreview>(),
    reads: ['accounts', 'tiers', 'library'],
  },
  /** Writes the next version; invalid content → `validation` (nothing written), stale base → `conflict`. */
  'proposals.save': {
    kind: 'mutation',
    input: proposalSaveInput,
    output: returns<ProposalSaveResult>(),
  },
  /** Everything one proposal is: head, content, pricing, approval, comparison, history, versions. */
  'proposals.get': {
    kind: 'query',
    input: proposalRefInput,
    output: returns<ProposalDetail>(),
    // `settings`: an "acting as" switch changes the viewer and the moves they may make.
    reads: ['proposals', 'proposalVersions', 'accounts', 'tiers', 'users', 'library', 'settings'],
  },
  'proposals.list': {
    kind: 'query',
    input: proposalListInput,
    output: returns<ProposalList>(),
    reads: ['proposals', 'accounts', 'tiers', 'users'],
  },
  'proposals.versions': {
    kind: 'query',
    input: proposalRefInput,
    output: returns<ProposalVersionList>(),
    reads: ['proposals', 'proposalVersions', 'users'],
  },
  /** Readable changes between two versions of one proposal. */
  'proposals.diff': {
    kind: 'query',
    input: proposalDiffInput,
    output: returns<ProposalDiff>(),
    reads: ['proposals', 'proposalVersions', 'tiers'],
  },
  /** Writes the next version with an older version's content (never rewrites history). */
  'proposals.restore': {
    kind: 'mutation',
    input: proposalRestoreInput,
    output: returns<ProposalSaveResult>(),
  },
  /** Moves the status (state machine in shared); approve / request changes: manager or admin. */
  'proposals.setStatus': {
    kind: 'mutation',
    input: proposalSetStatusInput,
    output: returns<Proposal>(),
  },
  /** A new draft with the current version's content, owned by me. */
  'proposals.duplicate': { kind: 'mutation', input: proposalRefInput, output: returns<Proposal>() },
  /** Archive, or unarchive to undo. */
  'proposals.archive': {
    kind: 'mutation',
    input: proposalArchiveInput,
    output: returns<Proposal>(),
  },
  /** An account's notes, calls, check-ins, QBRs, ticket milestones and tier changes, newest first. */
  'activities.timeline': {
    kind: 'query',
    input: timelineInput,
    output: returns<TimelinePage>(),
    reads: ['accounts', 'activities', 'tickets', 'proposals', 'tiers', 'users'],
  },
  'activities.addNote': { kind: 'mutation', input: addNoteInput, output: returns<Activity>() },
  'activities.logCheckIn': {
    kind: 'mutation',
    input: logCheckInInput,
    output: returns<Activity>(),
  },
  'activities.update': {
    kind: 'mutation',
    input: updateActivityInput,
    output: returns<Activity>(),
  },
  'activities.delete': {
    kind: 'mutation',
    input: activityRefInput,
    output: returns<DeletedActivity>(),
  },
  /** Undo of `activities.delete`: writes the deleted document back as it was. */
  'activities.restore': {
    kind: 'mutation',
    input: activityRefInput,
    output: returns<Activity>(),
  },
  /** "Log usage": one consumption entry in the entitlement ledger, this month, by me. */
  'ledger.log': { kind: 'mutation', input: logLedgerUsageInput, output: returns<LedgerEntry>() },
  /** The current version of each tier, side by side, with how many accounts are on it. */
  'tiers.catalogue': {
    kind: 'query',
    input: noInput,
    output: returns<TierCatalogue>(),
    reads: ['tiers', 'accounts'],
  },
  /** A tier's versions, newest first, each with author, reason and a readable diff. */
  'tiers.versions': {
    kind: 'query',
    input: tierRefInput,
    output: returns<TierHistory>(),
    reads: ['tiers', 'accounts', 'users'],
  },
  'tiers.compare': {
    kind: 'query',
    input: tierCompareInput,
    output: returns<TierComparison>(),
    reads: ['tiers'],
  },
  /** A draft's readable changes against its base version; validates it, writes nothing. */
  'tiers.draftChanges': {
    kind: 'query',
    input: tierDraftInput,
    output: returns<readonly ReadableDiffEntry[]>(),
    reads: ['tiers'],
  },
  /** Writes the next version (never edits one); a stale base version is a `conflict`. */
  'tiers.save': { kind: 'mutation', input: tierSaveInput, output: returns<TierSaveResult>() },
  'calendars.list': {
    kind: 'query',
    input: noInput,
    output: returns<readonly CalendarListItem[]>(),
    reads: ['library', 'accounts'],
  },
  'calendars.save': { kind: 'mutation', input: calendarSaveInput, output: returns<Calendar>() },
  /** A draft calendar's week as the engine measures it; pure, reads nothing stored. */
  'calendars.preview': {
    kind: 'query',
    input: calendarPreviewInput,
    output: returns<WeekPreview>(),
    reads: [],
  },
  /** The portfolio table: every account matching the filters, in the view's order. */
  'portfolio.list': {
    kind: 'query',
    input: portfolioListInput,
    output: returns<PortfolioResult>(),
    reads: ['accounts', 'tiers', 'users', 'tickets', 'alerts', 'library'],
  },
  /** Writes the current view as CSV where the user chooses (main's save dialog). */
  'portfolio.exportCsv': {
    kind: 'mutation',
    input: portfolioExportInput,
    output: returns<PortfolioExportResult>(),
  },
  /** My saved views of a screen and those others shared. */
  'views.list': {
    kind: 'query',
    input: viewsListInput,
    output: returns<readonly ViewSummary[]>(),
    reads: ['library', 'users'],
  },
  'views.save': { kind: 'mutation', input: saveViewInput, output: returns<ViewSummary>() },
  'views.rename': { kind: 'mutation', input: renameViewInput, output: returns<ViewSummary>() },
  'views.share': { kind: 'mutation', input: shareViewInput, output: returns<ViewSummary>() },
  'views.delete': {
    kind: 'mutation',
    input: viewRefInput,
    output: returns<{ readonly id: string; readonly name: string }>(),
  },
  /** The case-study library, narrowed to a segment, a tier and search words. */
  'caseStudies.list': {
    kind: 'query',
    input: caseStudyListInput,
    output: returns<readonly CaseStudyListItem[]>(),
    reads: ['library', 'tiers', 'users'],
  },
  'caseStudies.save': { kind: 'mutation', input: caseStudySaveInput, output: returns<CaseStudy>() },
  /** Deletes and returns the story, for `caseStudies.restore` (undo). */
  'caseStudies.delete': {
    kind: 'mutation',
    input: caseStudyRefInput,
    output: returns<CaseStudy>(),
  },
  'caseStudies.restore': {
    kind: 'mutation',
    input: caseStudyRestoreInput,
    output: returns<CaseStudy>(),
  },
  /** One value-story template per section: the workspace's own, else the built-in default. */
  'storyTemplates.list': {
    kind: 'query',
    input: noInput,
    output: returns<readonly StoryTemplateItem[]>(),
    reads: ['library'],
  },
  'storyTemplates.save': {
    kind: 'mutation',
    input: storyTemplateSaveInput,
    output: returns<StoryTemplate>(),
  },
  'storyTemplates.reset': {
    kind: 'mutation',
    input: storyTemplateResetInput,
    output: returns<StoryTemplateItem>(),
  },
  /** Approval threshold and branding, from the workspace settings (they replicate). */
  'proposalSettings.get': {
    kind: 'query',
    input: noInput,
    output: returns<ProposalSettings>(),
    // `settings`: an "acting as" switch is announced as a settings change (canEditThreshold).
    reads: ['library', 'users', 'settings'],
  },
  'proposalSettings.save': {
    kind: 'mutation',
    input: proposalSettingsSaveInput,
    output: returns<ProposalSettings>(),
  },
  /** The alerts inbox: open alerts and those whose snooze ran out, most urgent first. */
  'alerts.list': {
    kind: 'query',
    input: alertsListInput,
    output: returns<AlertInbox>(),
    reads: ['alerts', 'accounts'],
  },
  /** The navigation badge. */
  'alerts.count': {
    kind: 'query',
    input: noInput,
    output: returns<InboxCount>(),
    reads: ['alerts'],
  },
  'alerts.snooze': { kind: 'mutation', input: snoozeAlertInput, output: returns<Alert>() },
  'alerts.done': { kind: 'mutation', input: alertRefInput, output: returns<Alert>() },
  /** Undo of done or snooze: the alert is open again. */
  'alerts.reopen': { kind: 'mutation', input: alertRefInput, output: returns<Alert>() },
  /** Long workspace work (demo loading, backup, restore) reports its progress here. */
  'workspaces.progress': { kind: 'subscription', payload: returns<WorkspaceProgressEvent>() },
  /** Main asks the renderer to show a route (application menu, second instance). */
  'app.navigate': { kind: 'subscription', payload: returns<NavigateEvent>() },
  /** Health score 0–100 with explained components, weekly history and trend (issue #5 item 5). */
  'health.forAccount': {
    kind: 'query',
    input: healthAccountInput,
    output: returns<AccountHealthView>(),
    reads: ['accounts', 'tiers', 'library', 'tickets', 'usageSnapshots', 'activities'],
  },
  /** Upgrade-eligibility signals, one account or the book (issue #5 item 6). */
  'eligibility.list': {
    kind: 'query',
    input: eligibilityListInput,
    output: returns<EligibilityList>(),
    reads: [
      'accounts',
      'tiers',
      'library',
      'tickets',
      'usageSnapshots',
      'activities',
      'ledgerEntries',
    ],
  },
  /** Entitlements consumed vs entitled per period, with over/under flags (issue #5 item 7). */
  'ledger.forAccount': {
    kind: 'query',
    input: ledgerAccountInput,
    output: returns<AccountLedgerView>(),
    reads: ['accounts', 'tiers', 'ledgerEntries', 'activities'],
  },
  /** Accounts whose terms, delivery, SLA achieved or version depart from the tier (item 8). */
  'audit.drift': {
    kind: 'query',
    input: driftAuditInput,
    output: returns<DriftList>(),
    reads: ['accounts', 'tiers', 'library', 'tickets', 'ledgerEntries', 'activities'],
  },
  /** Writes the engines' alerts and reminders into `alerts`; idempotent (also runs on its own). */
  'alerts.refresh': { kind: 'mutation', input: noInput, output: returns<AlertsRefreshResult>() },
  /** Team sync (issue #6): the header's and Settings' state; changes arrive on `sync.state`. */
  'sync.status': { kind: 'query', input: noInput, output: returns<SyncState>(), reads: [] },
  'sync.state': { kind: 'subscription', payload: returns<SyncState>() },
  /** Checks the token with the server (`/v1/me`) before anything is saved. */
  'sync.signIn': { kind: 'mutation', input: syncSignInInput, output: returns<SyncState>() },
  'sync.signOut': { kind: 'mutation', input: syncSignOutInput, output: returns<SyncState>() },
  /** Conflict copies of authored documents; refetched when `sync.state`'s count changes. */
  'sync.conflicts': {
    kind: 'query',
    input: noInput,
    output: returns<readonly SyncConflictItem[]>(),
    reads: [],
  },
  'sync.resolveConflict': {
    kind: 'mutation',
    input: syncResolveConflictInput,
    output: returns<null>(),
  },
  /** Writes the proposal's current version as PDF, DOCX or Markdown where the user chooses. */
  'proposals.export': {
    kind: 'mutation',
    input: proposalExportInput,
    output: returns<ProposalExportResult>(),
  },
  /** Progress of a running `proposals.export` (share 0–1 and the step), for the progress bar. */
  'proposals.exportProgress': {
    kind: 'subscription',
    payload: returns<ProposalExportProgress>(),
  },
  ...changedTopics,
} as const satisfies Readonly<Record<string, ChannelDef>>

export type Contract = typeof contract
type ChannelsOfKind<K extends ChannelDef['kind']> = {
  [C in keyof Contract]: Contract[C]['kind'] extends K ? C : never
}[keyof Contract]

export type QueryChannel = ChannelsOfKind<'query'>
export type MutationChannel = ChannelsOfKind<'mutation'>
export type InvokeChannel = QueryChannel | MutationChannel
export type Topic = ChannelsOfKind<'subscription'>

type InvokeDef<C extends InvokeChannel> = Extract<Contract[C], QueryDef | MutationDef>
/** What the caller passes (before zod defaults and transforms). */
export type InputOf<C extends InvokeChannel> = z.input<InvokeDef<C>['input']>
/** What the handler receives (after validation). */
export type ParsedInputOf<C extends InvokeChannel> = z.output<InvokeDef<C>['input']>
export type OutputOf<C extends InvokeChannel> =
  InvokeDef<C>['output'] extends Returns<infer T> ? T : never
export type PayloadOf<T extends Topic> =
  Extract<Contract[T], SubscriptionDef>['payload'] extends Returns<infer P> ? P : never

/** Call arguments after the channel name: none when the channel takes no input. */
export type InputArgs<C extends InvokeChannel> =
  undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>]

export const changedTopic = (collection: CollectionName): Topic => `changed:${collection}`

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  if (typeof name !== 'string' || !Object.hasOwn(contract, name)) return false
  return contract[name as keyof Contract].kind !== 'subscription'
}

export function isTopic(name: unknown): name is Topic {
  if (typeof name !== 'string' || !Object.hasOwn(contract, name)) return false
  return contract[name as keyof Contract].kind === 'subscription'
}

/** Collections a query reads; empty for mutations. */
export function collectionsReadBy(channel: InvokeChannel): readonly CollectionName[] {
  const def: QueryDef | MutationDef = contract[channel]
  return def.kind === 'query' ? def.reads : []
}
