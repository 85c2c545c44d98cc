import { Alert, List } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { FieldIssue, TierlineError } from '@shared/ipc/errors'
import { fieldLabel } from '@shared/tiers/field-labels'

/**
 * Why main refused a tier or calendar draft, above its form: each field issue in the form's words
 * (an issue about no particular field reads as its message alone), or the error's own message
 * when it names no fields. A conflict is orange: the draft is fine, the stored copy moved on.
 */
export function SaveProblemAlert(props: {
  readonly problem: TierlineError
  readonly issues: readonly FieldIssue[]
  readonly title: string
}) {
  return (
    <Alert
      color={props.problem.code === 'conflict' ? 'orange' : 'red'}
      icon={<IconAlertTriangle />}
      title={props.title}
      role="alert"
    >
      {props.issues.length === 0 ? (
        props.problem.message
      ) : (
        <List size="sm">
          {props.issues.map((issue) => (
            <List.Item key={`${issue.field}-${issue.message}`}>
              {issue.field === '' ? issue.message : `${fieldLabel(issue.field)}: ${issue.message}`}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  )
}
