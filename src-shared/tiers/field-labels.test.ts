import { describe, expect, it } from 'vitest'
import { fieldLabel } from './field-labels'

describe('field labels for validation messages', () => {
  it.each([
    ['definition.sla.S2', 'S2 targets'],
    ['definition.sla.S2.firstResponse.minutes', 'S2 first response, minutes'],
    ['definition.sla.S4.periodicUpdate', 'S4 periodic update'],
    ['definition.prices.1.perSeatMonthlyMinor', 'Price list 2, per seat a month'],
    ['definition.escalation.0.afterMinutes', 'Escalation level 1, engaged after'],
    ['definition.pauseRules.2.status', 'Pause rule 3, status'],
    ['definition.governance.dataPrivacy.dataResidency', 'Data residency'],
    ['reason', 'Reason'],
    ['calendar.weekly.tue.1', 'Tuesday interval 2'],
    ['calendar.weekly.wed.0.end', 'Wednesday interval 1 end'],
    ['calendar.holidays.0.closedUntil', 'Holiday 1, closed until'],
    ['calendar.timeZone', 'Time zone'],
    ['something.new', 'something.new'],
  ])('%s reads as “%s”', (field, label) => {
    expect(fieldLabel(field)).toBe(label)
  })
})
