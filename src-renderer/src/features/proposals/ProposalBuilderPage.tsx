import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { IconAlertTriangle, IconArrowLeft, IconDeviceFloppy, IconLock } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useMemo, useState } from 'react'
import type { ProposalDetail } from '@shared/proposals/proposal-queries'
import type { TierCatalogueItem } from '@shared/tiers/tier-queries'
import { useInvoke, useInvokeKeepingPrevious, useMutate } from '../../app/ipc-hooks'
import { SectionState } from '../settings/SectionState'
import { DiscardButton } from '../tiers/DiscardButton'
import { fieldErrors, issuesOf } from '../tiers/field-errors'
import { SaveProblemAlert } from '../tiers/SaveProblemAlert'
import { notifySuccess } from '../workspaces/notify'
import { BuilderHeader } from './BuilderHeader'
import {
  builderDraftOf,
  contentIssue,
  readDraft,
  type BuilderDraft,
  type UpdateDraft,
} from './builder-draft'
import { ComparisonPanel } from './ComparisonPanel'
import { EvidencePanel } from './EvidencePanel'
import { ExportPanel } from './ExportPanel'
import { PricingPanel, type UpdatePricing } from './PricingPanel'
import { ApprovalBanner, StatusPanel } from './StatusPanel'
import { UnsavedChangesGuard } from './UnsavedChangesGuard'
import { ValueStoryPanel } from './ValueStoryPanel'
import { VersionsPanel } from './VersionsPanel'

/**
 * One proposal: the next version's content as a form, main's live pricing and approval check
 * of it, and the saved proposal's comparison, versions, status and exports.
 */
function Builder(props: {
  readonly detail: ProposalDetail
  readonly locale: string
  readonly tiers: readonly TierCatalogueItem[]
}) {
  const { detail, locale } = props
  const [draft, setDraft] = useState<BuilderDraft>(() => builderDraftOf(detail, locale))
  const [dirty, setDirty] = useState(false)
  const [note, setNote] = useState('')
  const save = useMutate('proposals.save')
  const current = detail.head.currentVersion
  // A newer version (a restore, a save in another window, sync) replaces a clean draft; edits in
  // progress stay, and the banner below lets the user start again from it.
  if (!dirty && current > draft.baseVersion) setDraft(builderDraftOf(detail, locale))

  const update: UpdateDraft = (change) => {
    // A refused save describes the content it was given; from the next edit the preview speaks.
    if (save.error !== null) save.reset()
    setDraft((previous) => {
      const next = structuredClone(previous)
      change(next)
      return next
    })
    setDirty(true)
  }
  const updatePricing: UpdatePricing = (change) => update((d) => change(d.pricing))

  const reading = useMemo(() => readDraft(draft, locale), [draft, locale])
  const [pricing] = useDebouncedValue(reading.pricing, 250)
  const [targetTierId] = useDebouncedValue(draft.targetTierId, 250)
  const preview = useInvokeKeepingPrevious('proposals.preview', {
    accountId: detail.account.id,
    targetTierId,
    pricing,
  })
  const previewSettled =
    preview.data !== undefined &&
    !preview.isPlaceholderData &&
    !preview.isFetching &&
    targetTierId === draft.targetTierId &&
    JSON.stringify(pricing) === JSON.stringify(reading.pricing)

  const previewIssues = (preview.data?.issues ?? issuesOf(preview.error)).map((issue) =>
    contentIssue(issue, 'preview'),
  )
  const saveIssues = issuesOf(save.error).map((issue) => contentIssue(issue, 'save'))
  const issues = [...reading.issues, ...previewIssues, ...saveIssues]
  const errors = fieldErrors(issues)
  const pricingErrors = fieldErrors(issues, 'pricing.')
  const editable = !detail.readOnly && !save.isPending
  const canSave =
    dirty &&
    !detail.readOnly &&
    previewSettled &&
    reading.issues.length === 0 &&
    previewIssues.length === 0 &&
    !save.isPending

  const submit = () => {
    if (!canSave) return
    save.mutate(
      {
        id: detail.head.id,
        baseVersion: draft.baseVersion,
        content: reading.content,
        note: note.trim() === '' ? null : note,
      },
      {
        onSuccess: (result) => {
          setDraft((d) => ({ ...d, baseVersion: result.version.version }))
          setDirty(false)
          setNote('')
          notifySuccess(
            `Version ${result.version.version} saved`,
            result.head.approval.required
              ? 'It needs a manager’s approval before it can be sent.'
              : 'Ready to send.',
          )
        },
      },
    )
  }
  useHotkeys([['mod+S', submit]], [])

  const draftApproval = dirty && previewSettled ? (preview.data?.approval ?? null) : null

  return (
    <Stack gap="lg">
      <UnsavedChangesGuard dirty={dirty} what={`“${detail.head.title}”`} />
      <BuilderHeader
        detail={detail}
        draft={draft}
        update={update}
        tiers={props.tiers}
        errors={errors}
        disabled={!editable}
      />
      {detail.readOnly && (
        <Alert color="gray" icon={<IconLock />} title="This proposal is final">
          An accepted proposal is not edited. Duplicate it from the list to propose something new.
        </Alert>
      )}
      {dirty && current > draft.baseVersion && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle />}
          title={`Version ${current} was saved while you were editing`}
          role="alert"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              Your changes are based on version {draft.baseVersion}, so saving them would be
              refused.
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setDraft(builderDraftOf(detail, locale))
                setDirty(false)
                save.reset()
              }}
            >
              Start again from version {current}
            </Button>
          </Stack>
        </Alert>
      )}
      {draftApproval !== null && draftApproval.required && (
        <ApprovalBanner
          reasons={draftApproval.reasons}
          thresholdShare={preview.data?.thresholdShare ?? detail.approval.thresholdShare}
          draft
        />
      )}
      {detail.issues.length > 0 && !dirty && (
        <Alert color="red" icon={<IconAlertTriangle />} title="The saved version no longer prices">
          {detail.issues.map((issue) => issue.message).join('; ')}
        </Alert>
      )}
      <Card withBorder component="section" aria-label="Save">
        <Stack gap="sm">
          {save.error !== null && (
            <SaveProblemAlert
              problem={save.error}
              issues={saveIssues}
              title="This version was not saved"
            />
          )}
          <Group justify="space-between" align="flex-end">
            <TextInput
              label="What changed"
              description="Optional, kept with the version"
              value={note}
              disabled={!dirty || !editable}
              onChange={(event) => setNote(event.currentTarget.value)}
              w={360}
            />
            <Group gap="xs">
              <Text size="sm" c="dimmed" data-testid="save-state">
                {!dirty
                  ? `Version ${draft.baseVersion} · saved`
                  : issues.length > 0
                    ? `${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} to fix before saving`
                    : previewSettled
                      ? 'Unsaved changes'
                      : 'Checking…'}
              </Text>
              <DiscardButton
                disabled={!dirty || save.isPending}
                onDiscard={() => {
                  setDraft(builderDraftOf(detail, locale))
                  setDirty(false)
                  save.reset()
                }}
              />
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                disabled={!canSave}
                loading={save.isPending}
                onClick={submit}
                aria-keyshortcuts="Control+S Meta+S"
              >
                Save as version {current + 1}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Card>
      <EvidencePanel
        evidence={draft.evidence}
        accountId={detail.account.id}
        locale={locale}
        disabled={!editable}
        onRemove={(index) => update((d) => void d.evidence.splice(index, 1))}
      />
      <ValueStoryPanel
        detail={detail}
        valueStory={draft.valueStory}
        caseStudyIds={draft.caseStudyIds}
        targetTierId={draft.targetTierId}
        priced={previewSettled ? (preview.data?.priced ?? null) : null}
        locale={locale}
        disabled={!editable}
        onChange={(valueStory, caseStudyIds) =>
          update((d) => {
            d.valueStory = valueStory
            d.caseStudyIds = caseStudyIds
          })
        }
      />
      <PricingPanel
        form={draft.pricing}
        update={updatePricing}
        errors={pricingErrors}
        priced={preview.data?.priced ?? null}
        previewing={preview.isFetching || !previewSettled}
        addOns={preview.data?.addOns ?? detail.addOns}
        locale={locale}
        disabled={!editable}
      />
      <ComparisonPanel
        comparison={detail.comparison}
        currentTier={detail.currentTier}
        targetTier={detail.targetTier}
        locale={locale}
        stale={draft.targetTierId !== detail.content.targetTierId}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <StatusPanel detail={detail} dirty={dirty} />
        <VersionsPanel
          id={detail.head.id}
          versions={detail.versions}
          currentVersion={current}
          dirty={dirty}
          readOnly={detail.readOnly}
          onRestored={() => {
            setDirty(false)
            save.reset()
          }}
        />
      </SimpleGrid>
      <ExportPanel
        id={detail.head.id}
        dirty={dirty}
        watermarked={detail.approval.required && !detail.approval.satisfied}
      />
    </Stack>
  )
}

export function ProposalBuilderPage({ proposalId }: { readonly proposalId: string }) {
  const detail = useInvoke('proposals.get', { id: proposalId })
  const settings = useInvoke('settings.get')
  const catalogue = useInvoke('tiers.catalogue')
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/proposals" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> All proposals
        </Group>
      </Anchor>
      {/* The form's amounts are typed in the user's locale, so it waits for the settings. */}
      <SectionState query={settings}>
        {({ locale }) => (
          <SectionState query={catalogue}>
            {({ tiers }) => (
              <SectionState query={detail}>
                {(data) => <Builder detail={data} locale={locale} tiers={tiers} />}
              </SectionState>
            )}
          </SectionState>
        )}
      </SectionState>
    </Stack>
  )
}
