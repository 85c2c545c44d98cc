import { TierlineError, validationError } from '@shared/ipc/errors'
import {
  proposalSettingsSaveInput,
  thresholdEditorRoles,
  type ProposalSettings,
  type ProposalSettingsSaveInput,
} from '@shared/library/proposal-settings'
import { WORKSPACE_SETTINGS_ID, type WorkspaceSettings } from '@shared/model/workspace-settings'
import { nextUpdatedAt } from '@shared/model/updated-at'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { CurrentUserSource } from '../session/current-user'
import { checkedLibraryDocument, findLibraryDocument, userNames } from './library-documents'

/**
 * The proposal part of the workspace settings: the discount share above which a manager must
 * approve, and the branding exports carry. Branding anyone may change; the threshold only the
 * roles that approve, so a CSM cannot raise it to wave their own discount through.
 */
export function createProposalSettingsService(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly currentUser: Pick<CurrentUserSource, 'current'>
  readonly now?: () => Date
}) {
  const now = options.now ?? (() => new Date())

  async function workspace(db: TierlineDatabase) {
    const found = await findLibraryDocument(db, 'workspace', WORKSPACE_SETTINGS_ID)
    if (found === null) {
      throw new TierlineError('not-found', 'This workspace has no settings document yet.')
    }
    return found
  }

  async function view(
    db: TierlineDatabase,
    settings: WorkspaceSettings,
  ): Promise<ProposalSettings> {
    const [user, names] = await Promise.all([options.currentUser.current(), userNames(db)])
    return {
      approvalThresholdShare: settings.approvalThresholdShare,
      branding: settings.branding,
      updatedAt: settings.updatedAt,
      updatedByName: names.get(settings.updatedBy) ?? null,
      canEditThreshold: thresholdEditorRoles.includes(user.role),
    }
  }

  return {
    async get(): Promise<ProposalSettings> {
      const db = await options.rx()
      return view(db, (await workspace(db)).value)
    },

    async save(raw: ProposalSettingsSaveInput): Promise<ProposalSettings> {
      const parsed = proposalSettingsSaveInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'proposal settings')
      const input = parsed.data
      const db = await options.rx()
      const user = await options.currentUser.current()
      const { doc, value } = await workspace(db)
      if (value.updatedAt !== input.baseUpdatedAt) {
        throw new TierlineError(
          'conflict',
          'The workspace settings changed while you were editing them. Reload them and apply your change again.',
          { updatedAt: value.updatedAt },
        )
      }
      if (
        input.approvalThresholdShare !== value.approvalThresholdShare &&
        !thresholdEditorRoles.includes(user.role)
      ) {
        throw new TierlineError(
          'forbidden',
          'Only a manager or an admin can change the approval threshold.',
          { role: user.role },
        )
      }
      const next = checkedLibraryDocument<WorkspaceSettings>({
        ...value,
        approvalThresholdShare: input.approvalThresholdShare,
        branding: input.branding,
        updatedAt: nextUpdatedAt(value.updatedAt, now()),
        updatedBy: user.id,
      })
      await doc.incrementalPatch(next)
      return view(db, next)
    },
  }
}

export type ProposalSettingsService = ReturnType<typeof createProposalSettingsService>
