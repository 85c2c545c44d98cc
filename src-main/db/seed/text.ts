import type { Severity } from '@shared/model/enums'
import type { Rng } from './prng'

/**
 * Words for the demo book: ticket subjects per severity, the messages of a support
 * conversation, and Markdown notes. Templates with a few slots give enough variety to read as
 * real without faker calls in the hot loop (200,000 tickets in the benchmark book).
 */

const features = [
  'dashboards',
  'scheduled exports',
  'the REST API',
  'SAML single sign-on',
  'webhooks',
  'the Salesforce sync',
  'role-based permissions',
  'audit logs',
  'the mobile app',
  'embedded analytics',
  'data retention jobs',
  'the Snowflake connector',
]

const subjects: Readonly<Record<Severity, readonly string[]>> = {
  S1: [
    'Production outage: {feature} unavailable for all users',
    'All users locked out after SSO certificate rotation',
    'Data pipeline stopped — no records since {time}',
    'API returning 503 for every request',
    'Critical: {feature} corrupting records on save',
    'Checkout flow down — revenue impact',
  ],
  S2: [
    '{feature} very slow (30s+) since this morning',
    'Webhook deliveries delayed by several hours',
    'SAML login fails for a subset of users',
    'Intermittent 502s from {feature}',
    'Scheduled exports missing rows for large accounts',
    'Permissions not applied to newly invited users',
  ],
  S3: [
    'CSV export drops custom fields',
    'How do we configure {feature} for contractors?',
    'Report scheduler skips the last day of the month',
    'Question about rate limits on {feature}',
    'Timezone shown incorrectly in {feature}',
    'Bulk user import rejects valid email addresses',
    'Need help mapping fields for {feature}',
  ],
  S4: [
    'Feature request: dark mode for {feature}',
    'Typo in the invitation email template',
    'Question about invoice line items',
    'Documentation link for {feature} is broken',
    'Can we rename the default workspace?',
    'Request: export audit logs as JSON',
  ],
}

const openings = ['Hi team,', 'Hello,', 'Hi support,', 'Good morning,']

const customerFollowUps = [
  'Any update on this? The team is asking again.',
  'We tried the workaround, but the issue is back for some users.',
  'Attached the HAR file and console log from an affected browser.',
  'Here is the request id from this morning: `{ref}`.',
  'It also happens on our staging environment.',
  'Thanks — confirming this is still blocking the {team} team.',
  'Can we get someone on a call today?',
]

const agentReplies = [
  'Thanks for the details. We can reproduce it and are looking at the logs now.',
  'Could you send the request id and the time it happened (with time zone)?',
  'We have identified a likely cause in {feature} and are testing a fix.',
  'A workaround for now: re-run the job with **batch size 500**. We will follow up with the fix.',
  'Engineering has confirmed the root cause; a patch is scheduled for today’s release.',
  'Could you check whether the affected users share an IdP group?',
]

const updates = [
  'Update: engineering is still working on the fix; next update within the hour.',
  'Update: the fix is deployed to staging and passing checks.',
  'Update: we are rolling out the mitigation region by region.',
  'Update: error rates are back to normal in the EU region; monitoring the rest.',
]

const notes = [
  'Checked the logs: spikes line up with the nightly batch.',
  'Looped in the on-call engineer for a second pair of eyes.',
  'Customer is frustrated; CSM informed.',
  'Related to the known issue in the {feature} backlog.',
  'Vendor ticket opened with the cloud provider.',
]

const resolutions = [
  'Fixed in release {release}; confirmed by the customer.',
  'Configuration corrected on the customer side.',
  'Workaround provided; permanent fix tracked in the roadmap.',
  'Answered: documented behaviour, docs link shared.',
  'Root cause was an expired certificate; rotated and monitored.',
]

const teams = ['finance', 'operations', 'warehouse', 'sales', 'support', 'data']

export class TicketText {
  constructor(private readonly rng: Rng) {}

  private fill(template: string): string {
    if (!template.includes('{')) return template
    return template
      .replace('{feature}', this.rng.pick(features))
      .replace('{team}', this.rng.pick(teams))
      .replace('{time}', `${String(this.rng.int(0, 23)).padStart(2, '0')}:00 UTC`)
      .replace('{ref}', `req_${this.rng.int(100_000, 999_999)}`)
      .replace('{release}', `2026.${this.rng.int(1, 40)}`)
  }

  subject(severity: Severity): string {
    const subject = this.fill(this.rng.pick(subjects[severity]))
    return subject.charAt(0).toUpperCase() + subject.slice(1)
  }

  description(subject: string, requester: string): string {
    return `${this.rng.pick(openings)}\n\n${subject}.\n\n- Environment: production\n- Affected users: about ${this.rng.int(1, 400)}\n\nThanks,\n${requester}`
  }

  followUp(): string {
    return this.fill(this.rng.pick(customerFollowUps))
  }

  reply(requester: string): string {
    return `Hi ${requester.split(' ')[0] ?? requester},\n\n${this.fill(this.rng.pick(agentReplies))}`
  }

  update(): string {
    return this.rng.pick(updates)
  }

  note(): string {
    return this.fill(this.rng.pick(notes))
  }

  resolution(): string {
    return this.fill(this.rng.pick(resolutions))
  }
}

const noteTemplates = [
  (account: string, rng: Rng) =>
    `## Account plan — ${account}\n\n**Goals this half**\n- Expand to the ${rng.pick(teams)} team\n- Roll out ${rng.pick(features)}\n\n**Risks**\n- Budget review in Q${rng.int(1, 4)}\n- Champion changing roles`,
  (_account: string, rng: Rng) =>
    `### Stakeholder map\n\n| Person | Role | Stance |\n| --- | --- | --- |\n| Champion | Day-to-day owner | Supportive |\n| Sponsor | Budget | ${rng.pick(['Supportive', 'Neutral', 'Sceptical'])} |`,
  (_account: string, rng: Rng) =>
    `Adoption dipped in the ${rng.pick(teams)} team. Agreed to run a *lunch & learn* on ${rng.pick(features)} next month.`,
  (_account: string, rng: Rng) =>
    `Renewal prep:\n1. Confirm seat count\n2. Review support usage (${rng.int(2, 40)} tickets this quarter)\n3. Align on pricing before procurement`,
  (_account: string, rng: Rng) =>
    `Met the new ${rng.pick(['CTO', 'VP Operations', 'Head of IT'])}. Interested in **${rng.pick(features)}**; follow up with a demo.`,
]

export function noteBody(account: string, rng: Rng): string {
  return rng.pick(noteTemplates)(account, rng)
}

export function callSummary(rng: Rng): string {
  return rng.pick([
    'Walked through the open tickets and next steps.',
    'Discussed the roadmap for the next two quarters.',
    'Reviewed seat usage ahead of renewal.',
    'Post-incident call: explained root cause and prevention.',
    'Introduced the new TAM and the escalation path.',
  ])
}

export function checkInSummary(sentiment: 'positive' | 'neutral' | 'negative', rng: Rng): string {
  const lines = {
    positive: [
      'Happy with response times.',
      'Team adoption is growing.',
      'Keen to expand to another region.',
    ],
    neutral: [
      'No major issues; some feature requests.',
      'Busy quarter on their side.',
      'Waiting on budget decisions.',
    ],
    negative: [
      'Frustrated by recent incidents.',
      'Usage dropping in key teams.',
      'Evaluating alternatives.',
    ],
  } as const
  return `Sentiment **${sentiment}**. ${rng.pick(lines[sentiment])}`
}
