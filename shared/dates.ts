// Serial dates of the 1900 date system (the one Excel, Sheets and LibreOffice share): day 0 is
// 30 Dec 1899. The one place that converts between serials and the calendar.

export const MS_PER_DAY = 86400000;
/** The instant of serial 0, as a UTC timestamp. */
export const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** The serial of a UTC timestamp (with a fraction for the time of day). */
export const serialOfTime = (time: number): number => (time - EPOCH_1900) / MS_PER_DAY;

/** The UTC calendar date of a serial, as a Date. */
export const dateOfSerial = (serial: number): Date => new Date(EPOCH_1900 + serial * MS_PER_DAY);

/** Today's serial (whole days, UTC). */
export const todaySerial = (): number => Math.floor(serialOfTime(Date.now()));

/** "2026-01-05": the ISO date of a serial, for running text. */
export const isoDate = (serial: number): string => dateOfSerial(serial).toISOString().slice(0, 10);
