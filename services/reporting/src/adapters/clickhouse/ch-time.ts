/** DateTime64 takes 'YYYY-MM-DD hh:mm:ss.sss' (UTC here); our events carry ISO-8601 strings. */
export const chTime = (iso: string | undefined): string =>
  iso ? new Date(iso).toISOString().replace('T', ' ').replace('Z', '') : '1970-01-01 00:00:00.000';

/** And back: ClickHouse's text form to ISO-8601 UTC. */
export const isoTime = (ch: string): string => `${ch.replace(' ', 'T')}Z`;
