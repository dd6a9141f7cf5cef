/** The latest of some instants (at least one). */
export function latestInstant(first: Date, ...rest: Date[]): Date {
  return new Date(Math.max(first.getTime(), ...rest.map((d) => d.getTime())));
}
