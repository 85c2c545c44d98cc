import {
  Button,
  Card,
  ColorInput,
  FileButton,
  Group,
  Image,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import type { ProposalSettings } from '@shared/library/proposal-settings'
import { LOGO_MAX_BYTES, type Branding } from '@shared/model/workspace-settings'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { ConfirmButton } from '../../components/ConfirmButton'
import { issuesByField } from '../library/library-format'
import { SaveProblemAlert } from '../tiers/SaveProblemAlert'
import classes from './ProposalsSection.module.css'
import { SectionState } from './SectionState'

/** Settings → Proposals: the approval threshold and the branding exported proposals carry. */
export function ProposalsSection() {
  const settings = useInvoke('proposalSettings.get')
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="proposals-settings-title">
      <Title order={3} mb="md" id="proposals-settings-title">
        Proposals
      </Title>
      <SectionState query={settings}>
        {(current) => <ProposalSettingsForm current={current} />}
      </SectionState>
    </Card>
  )
}

/** Shares are stored 0–1 and shown as percentages with up to two decimals. */
const toPercent = (share: number) => Math.round(share * 10_000) / 100

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}

function ProposalSettingsForm({ current }: { readonly current: ProposalSettings }) {
  // The stored version the edits build on (a save's `baseUpdatedAt`).
  const [base, setBase] = useState(current)
  const [percent, setPercent] = useState<number | string>(toPercent(current.approvalThresholdShare))
  const [branding, setBranding] = useState<Branding>(current.branding)
  const [logoProblem, setLogoProblem] = useState<string | null>(null)
  const save = useMutate('proposalSettings.save')
  const errors = issuesByField(save.error)
  const thresholdShare = typeof percent === 'number' ? percent / 100 : Number.NaN
  const dirty =
    thresholdShare !== base.approvalThresholdShare ||
    JSON.stringify(branding) !== JSON.stringify(base.branding)
  const reset = (to: ProposalSettings) => {
    setBase(to)
    setPercent(toPercent(to.approvalThresholdShare))
    setBranding(to.branding)
    setLogoProblem(null)
  }
  // A newer stored version: our own save's keeps what was edited while it ran (a logo picked
  // just after Enter submitted the form was lost when the form was rebuilt from it); someone
  // else's replaces the form unless it holds edits, which its save then reports as a conflict.
  // (Adjusted while rendering, as React advises for state that follows a prop.)
  if (current.updatedAt !== base.updatedAt) {
    if (save.data?.updatedAt === current.updatedAt) setBase(current)
    else if (!dirty) reset(current)
  }
  const logoMessage = logoProblem ?? errors.get('branding.logoDataUrl')
  const setBrand = <K extends keyof Branding>(key: K, value: Branding[K]) =>
    setBranding((was) => ({ ...was, [key]: value }))

  const pickLogo = async (file: File | null) => {
    if (file === null) return
    setLogoProblem(null)
    if (!['image/png', 'image/jpeg'].includes(file.type)) {
      setLogoProblem(`“${file.name}” is not a PNG or JPEG image.`)
      return
    }
    if (file.size > LOGO_MAX_BYTES) {
      setLogoProblem(
        `“${file.name}” is ${Math.ceil(file.size / 1024)} KB; the logo may be at most ${LOGO_MAX_BYTES / 1024} KB.`,
      )
      return
    }
    try {
      setBrand('logoDataUrl', await readAsDataUrl(file))
    } catch (error) {
      setLogoProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate(
          {
            approvalThresholdShare: thresholdShare,
            branding,
            baseUpdatedAt: base.updatedAt,
          },
          {
            onSuccess: () =>
              notifications.show({ color: 'teal', message: 'Proposal settings saved.' }),
          },
        )
      }}
    >
      <Stack gap="lg">
        {save.error !== null && errors.size === 0 && (
          <SaveProblemAlert problem={save.error} issues={[]} title="Not saved" />
        )}
        <NumberInput
          label="Approval threshold"
          description={
            current.canEditThreshold
              ? 'A proposal with a discount above this needs a manager’s approval.'
              : 'A proposal with a discount above this needs a manager’s approval. Only a manager or an admin can change it.'
          }
          suffix=" %"
          min={0}
          max={100}
          step={0.5}
          decimalScale={2}
          value={percent}
          onChange={setPercent}
          disabled={!current.canEditThreshold}
          error={errors.get('approvalThresholdShare')}
          maw={260}
        />
        <Stack gap="sm">
          <Title order={4}>Branding of exported proposals</Title>
          <TextInput
            label="Company name"
            required
            maxLength={120}
            value={branding.companyName}
            error={errors.get('branding.companyName')}
            onChange={(event) => setBrand('companyName', event.currentTarget.value)}
            maw={420}
          />
          <Group align="flex-start">
            <ColorInput
              label="Primary colour"
              format="hex"
              value={branding.primaryColour}
              error={errors.get('branding.primaryColour')}
              onChange={(value) => setBrand('primaryColour', value)}
              eyeDropperButtonProps={{ 'aria-label': 'Pick the primary colour from the screen' }}
              w={200}
            />
            <ColorInput
              label="Accent colour"
              format="hex"
              value={branding.accentColour}
              error={errors.get('branding.accentColour')}
              onChange={(value) => setBrand('accentColour', value)}
              eyeDropperButtonProps={{ 'aria-label': 'Pick the accent colour from the screen' }}
              w={200}
            />
          </Group>
          <Stack gap={6}>
            <Text fw={500} size="sm">
              Logo
            </Text>
            <Text size="xs" c="dimmed">
              PNG or JPEG, at most {LOGO_MAX_BYTES / 1024} KB; shown on the cover of exported
              proposals.
            </Text>
            <Group align="center" gap="md">
              <div className={classes.logoPreview} aria-label="Logo preview" role="img">
                {branding.logoDataUrl === null ? (
                  <Text size="xs" c="dimmed">
                    No logo
                  </Text>
                ) : (
                  <Image src={branding.logoDataUrl} alt="" fit="contain" h={56} w="auto" />
                )}
              </div>
              <FileButton onChange={(file) => void pickLogo(file)} accept="image/png,image/jpeg">
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconUpload size={16} />}>
                    {branding.logoDataUrl === null ? 'Upload logo' : 'Replace logo'}
                  </Button>
                )}
              </FileButton>
              <ConfirmButton
                variant="subtle"
                color="red"
                disabled={branding.logoDataUrl === null}
                question="Remove the logo? It is gone once you save."
                confirmLabel="Remove"
                onConfirm={() => setBrand('logoDataUrl', null)}
              >
                Remove logo
              </ConfirmButton>
            </Group>
            {logoMessage !== undefined && (
              <Text size="sm" c="red" role="alert">
                {logoMessage}
              </Text>
            )}
          </Stack>
        </Stack>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {current.updatedByName === null ? null : `Last changed by ${current.updatedByName}.`}
          </Text>
          <Group gap="sm">
            <ConfirmButton
              variant="default"
              disabled={!dirty}
              question="Throw away your unsaved changes to these settings?"
              confirmLabel="Discard"
              onConfirm={() => {
                reset(current)
                save.reset()
              }}
            >
              Discard changes
            </ConfirmButton>
            <Button type="submit" disabled={!dirty} loading={save.isPending}>
              Save proposal settings
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  )
}
