import { Badge, Button, Group, Modal, Select, Stack, Text, Title } from '@mantine/core'
import { IconArrowBackUp } from '@tabler/icons-react'
import { useState } from 'react'
import type { ProposalVersionSummary } from '@shared/proposals/proposal-queries'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { Panel } from '../account/Panel'
import { SectionState } from '../settings/SectionState'
import { notifyFailure, notifySuccess } from '../workspaces/notify'
import classes from './proposals.module.css'

function Diff(props: { readonly id: string; readonly from: number; readonly to: number }) {
  const diff = useInvoke('proposals.diff', props)
  return (
    <SectionState query={diff}>
      {(result) =>
        result.changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            These versions say the same.
          </Text>
        ) : (
          <ul
            className={classes.diff}
            aria-label={`Changes from version ${result.from} to version ${result.to}`}
            data-testid="version-diff"
          >
            {result.changes.map((change) => (
              <li key={change.path}>
                <Text size="sm">{change.sentence}</Text>
              </li>
            ))}
          </ul>
        )
      }
    </SectionState>
  )
}

function Compare(props: {
  readonly id: string
  readonly versions: readonly ProposalVersionSummary[]
}) {
  const options = props.versions.map((version) => ({
    value: String(version.version),
    label: `Version ${version.version}`,
  }))
  const [from, setFrom] = useState<string | null>(options[1]?.value ?? null)
  const [to, setTo] = useState<string | null>(options[0]?.value ?? null)
  return (
    <Stack gap="sm">
      <Title order={4}>Compare two versions</Title>
      <Group>
        <Select label="From" data={options} value={from} onChange={setFrom} allowDeselect={false} />
        <Select label="To" data={options} value={to} onChange={setTo} allowDeselect={false} />
      </Group>
      {from !== null && to !== null && from !== to ? (
        <Diff id={props.id} from={Number(from)} to={Number(to)} />
      ) : (
        <Text size="sm" c="dimmed">
          Pick two different versions.
        </Text>
      )}
    </Stack>
  )
}

/**
 * Every save is a version: who saved it and when, the changes between any two, and restore,
 * which writes the old content as the next version (history is never rewritten).
 */
export function VersionsPanel(props: {
  readonly id: string
  readonly versions: readonly ProposalVersionSummary[]
  readonly currentVersion: number
  /** Unsaved edits in the builder, which a restore replaces. */
  readonly dirty: boolean
  readonly readOnly: boolean
  readonly onRestored: (version: number) => void
}) {
  const format = useFormat()
  const restore = useMutate('proposals.restore')
  const [asked, setAsked] = useState<ProposalVersionSummary | null>(null)
  return (
    <Panel title="Versions" testId="versions-panel">
      <Stack gap="md">
        <Stack gap="xs" component="ul" className={classes.plainList} aria-label="Versions">
          {props.versions.map((version) => (
            <li key={version.version} data-testid="proposal-version">
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Group gap="xs">
                    <Text fw={600}>Version {version.version}</Text>
                    {version.version === props.currentVersion && (
                      <Badge variant="light" size="sm">
                        current
                      </Badge>
                    )}
                    {version.approved && (
                      <Badge color="teal" variant="light" size="sm">
                        approved
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {version.authorName} · {format.dateTime(version.createdAt)}
                    {version.note === null || version.note === '' ? '' : ` · ${version.note}`}
                  </Text>
                </Stack>
                {version.version !== props.currentVersion && (
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconArrowBackUp size={14} />}
                    disabled={props.readOnly}
                    onClick={() => setAsked(version)}
                  >
                    Restore
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </Stack>
        {props.versions.length > 1 && <Compare id={props.id} versions={props.versions} />}
      </Stack>
      <Modal
        opened={asked !== null}
        onClose={() => setAsked(null)}
        title={asked === null ? 'Restore' : `Restore version ${asked.version}?`}
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            Its content becomes version {props.currentVersion + 1}; every version stays in the
            history.
            {props.dirty && ' Your unsaved changes in the builder are thrown away.'}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAsked(null)} data-autofocus>
              Cancel
            </Button>
            <Button
              loading={restore.isPending}
              onClick={() => {
                if (asked === null) return
                restore.mutate(
                  { id: props.id, version: asked.version, baseVersion: props.currentVersion },
                  {
                    onSuccess: (result) => {
                      setAsked(null)
                      notifySuccess(
                        `Version ${asked.version} restored`,
                        `Saved as version ${result.version.version}.`,
                      )
                      props.onRestored(result.version.version)
                    },
                    onError: notifyFailure('Not restored'),
                  },
                )
              }}
            >
              Restore as version {props.currentVersion + 1}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Panel>
  )
}
