import type { FieldIssue } from '../ipc/errors'
import { severities, slaMetrics } from '../model/enums'
import type { TierDefinition } from '../model/tier'
import { formatDuration, metricLabels } from './labels'

/**
 * Rules a tier definition must meet beyond its zod shape (which already refuses a missing
 * metric, a periodic update for S3/S4, duplicate currencies and misnumbered escalation levels).
 * Each issue names the field in the form's dotted path, so the editor can put the message
 * under the control that has to change.
 */
export function tierDefinitionIssues(definition: TierDefinition): FieldIssue[] {
  return [
    ...slaIssues(definition.sla),
    ...pauseRuleIssues(definition.pauseRules),
    ...escalationIssues(definition.escalation),
    ...listIssues(definition),
  ]
}

function slaIssues(sla: TierDefinition['sla']): FieldIssue[] {
  return severities.flatMap((severity): FieldIssue[] => {
    const targets = sla[severity]
    // "No commitment" is an explicit null per metric; a severity with none at all is a tier
    // that promises nothing for it, which is a mistake rather than a plan.
    if (slaMetrics.every((metric) => targets[metric] === null)) {
      return [
        {
          field: `sla.${severity}`,
          message: `${severity} has no SLA target: commit to at least a first response`,
        },
      ]
    }
    const first = targets.firstResponse
    const resolution = targets.resolution
    if (
      first !== null &&
      resolution !== null &&
      first.hours === resolution.hours &&
      resolution.minutes < first.minutes
    ) {
      return [
        {
          field: `sla.${severity}.resolution`,
          message: `${severity} ${metricLabels.resolution} cannot be sooner than its ${metricLabels.firstResponse} (${formatDuration(first.minutes)})`,
        },
      ]
    }
    return []
  })
}

function pauseRuleIssues(rules: TierDefinition['pauseRules']): FieldIssue[] {
  const seen = new Set<string>()
  return rules.flatMap((rule, index): FieldIssue[] => {
    const issues: FieldIssue[] = []
    if (rule.status === 'solved' || rule.status === 'closed') {
      issues.push({
        field: `pauseRules.${index}.status`,
        message: 'solved and closed tickets stop every clock already',
      })
    }
    if (seen.has(rule.status)) {
      issues.push({
        field: `pauseRules.${index}.status`,
        message: 'another pause rule already covers this status',
      })
    }
    seen.add(rule.status)
    if (new Set(rule.metrics).size !== rule.metrics.length) {
      issues.push({ field: `pauseRules.${index}.metrics`, message: 'a metric is listed twice' })
    }
    return issues
  })
}

function escalationIssues(levels: TierDefinition['escalation']): FieldIssue[] {
  return levels.flatMap((level, index): FieldIssue[] => {
    const issues: FieldIssue[] = []
    const previous = levels[index - 1]
    if (previous !== undefined && level.afterMinutes < previous.afterMinutes) {
      issues.push({
        field: `escalation.${index}.afterMinutes`,
        message: `level ${level.level} cannot be engaged before level ${previous.level} (${formatDuration(previous.afterMinutes)})`,
      })
    }
    if (new Set(level.severities).size !== level.severities.length) {
      issues.push({
        field: `escalation.${index}.severities`,
        message: 'a severity is listed twice',
      })
    }
    return issues
  })
}

function listIssues(definition: TierDefinition): FieldIssue[] {
  const issues: FieldIssue[] = []
  const channels = definition.entitlements.channels
  if (new Set(channels).size !== channels.length) {
    issues.push({ field: 'entitlements.channels', message: 'a channel is listed twice' })
  }
  const residency = definition.governance.dataPrivacy.dataResidency
  if (new Set(residency).size !== residency.length) {
    issues.push({
      field: 'governance.dataPrivacy.dataResidency',
      message: 'a region is listed twice',
    })
  } else if (residency.includes('any') && residency.length > 1) {
    issues.push({
      field: 'governance.dataPrivacy.dataResidency',
      message: '“any region” cannot be combined with named regions',
    })
  }
  return issues
}
