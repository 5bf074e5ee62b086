/** Today's date in Denmark (YYYY-MM-DD): the day a caseworker or citizen means by "today". */
export function danishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}
