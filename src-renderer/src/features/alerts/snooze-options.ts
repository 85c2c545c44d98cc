/** Snooze choices, as the user's clock reads them: tomorrow morning, in three days, next Monday. */
export function snoozeChoices(now: Date): { label: string; until: Date }[] {
  const at = (days: number, hour = 9) => {
    const date = new Date(now)
    date.setDate(date.getDate() + days)
    date.setHours(hour, 0, 0, 0)
    return date
  }
  // Sunday is 0: Monday is one day away; on a Monday, "next Monday" is a week away.
  const daysToMonday = (8 - now.getDay()) % 7 || 7
  return [
    { label: 'Tomorrow, 9:00', until: at(1) },
    { label: 'In 3 days', until: at(3) },
    { label: 'Next Monday, 9:00', until: at(daysToMonday) },
    { label: 'In 2 weeks', until: at(14) },
  ]
}
