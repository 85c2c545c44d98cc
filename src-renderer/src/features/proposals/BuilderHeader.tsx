import {
  Anchor,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { IconArrowRight } from '@tabler/icons-react'
import type { ProposalDetail } from '@shared/proposals/proposal-queries'
import type { TierCatalogueItem } from '@shared/tiers/tier-queries'
import type { FieldErrors } from '../tiers/field-errors'
import type { BuilderDraft, UpdateDraft } from './builder-draft'
import { StatusBadge } from './StatusBadge'

/**
 * Who the proposal is for and what it proposes: title, account, current → target tier, and the
 * downgrade reason a lower target needs (main says when it is missing).
 */
export function BuilderHeader(props: {
  readonly detail: ProposalDetail
  readonly draft: BuilderDraft
  readonly update: UpdateDraft
  readonly tiers: readonly TierCatalogueItem[]
  readonly errors: FieldErrors
  readonly disabled: boolean
}) {
  const { detail, draft, update, errors } = props
  const target = props.tiers.find((item) => item.tierId === draft.targetTierId)
  // Only to decide whether to show the reason field; whether one is required is main's answer.
  const lower = target !== undefined && target.current.rank < detail.currentTier.rank
  const showReason =
    lower || draft.downgradeReason !== '' || errors.at('downgradeReason') !== undefined
  return (
    <Card withBorder padding="lg" component="section" aria-label="Proposal">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Anchor href={`#/accounts/${detail.account.id}`} fw={600}>
              {detail.account.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {detail.account.segment} · {detail.account.seats} seats · renews{' '}
              {detail.account.renewalDate} · owner {detail.owner.name}
            </Text>
          </Stack>
          <StatusBadge status={detail.head.status} />
        </Group>
        <TextInput
          label="Title"
          value={draft.title}
          error={errors.at('title')}
          disabled={props.disabled}
          onChange={(event) => {
            const value = event.currentTarget.value
            update((d) => void (d.title = value))
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Current tier
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Text data-testid="current-tier">
                {detail.currentTier.name} (version {detail.currentTier.version})
              </Text>
              <IconArrowRight size={16} aria-hidden />
            </Group>
          </Stack>
          <Select
            label="Target tier"
            allowDeselect={false}
            data={props.tiers.map((item) => ({
              value: item.tierId,
              label: `${item.current.name}${item.tierId === detail.currentTier.tierId ? ' (current)' : ''}`,
            }))}
            value={draft.targetTierId}
            error={errors.at('targetTierId')}
            disabled={props.disabled}
            onChange={(tierId) => {
              const chosen = props.tiers.find((item) => item.tierId === tierId)
              if (chosen === undefined) return
              update((d) => {
                d.targetTierId = chosen.tierId
                d.targetTierVersionId = chosen.current.id
              })
            }}
          />
          <TextInput
            label="Valid until"
            type="date"
            value={draft.validUntil}
            error={errors.at('validUntil')}
            disabled={props.disabled}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((d) => void (d.validUntil = value))
            }}
          />
        </SimpleGrid>
        {showReason && (
          <Textarea
            label="Downgrade reason"
            description={
              target === undefined
                ? undefined
                : `${target.current.name} ranks below ${detail.currentTier.name}: say why the customer moves down.`
            }
            withAsterisk={lower}
            autosize
            minRows={2}
            value={draft.downgradeReason}
            error={errors.at('downgradeReason')}
            disabled={props.disabled}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((d) => void (d.downgradeReason = value))
            }}
          />
        )}
      </Stack>
    </Card>
  )
}
