// Dates in Apps Script. Sheets hands a custom function a date cell as a Date object at midnight
// in the SPREADSHEET's time zone, which need not be the script's: convert through that zone,
// read once per call, or a date can shift by a day.

import { EPOCH_1900, MS_PER_DAY } from '../../shared/dates';

export interface Zone {
  /** Wall-clock time in the zone, as if it were UTC, in milliseconds. */
  wallClock(instant: number): number;
}

export function zoneNamed(timeZone: string | undefined): Zone {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    return {
      wallClock(instant) {
        const parts: Record<string, number> = {};
        for (const p of format.formatToParts(new Date(instant))) parts[p.type] = Number(p.value);
        const ms = instant - Math.floor(instant / 1000) * 1000;
        return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + ms;
      },
    };
  } catch {
    // No such zone (or no Intl): fall back to the script's own clock.
    return {
      wallClock(instant) {
        const d = new Date(instant);
        return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
      },
    };
  }
}

export const serialFromDate = (date: Date, zone: Zone): number => (zone.wallClock(date.getTime()) - EPOCH_1900) / MS_PER_DAY;

export function dateFromSerial(serial: number, zone: Zone): Date {
  const wall = EPOCH_1900 + serial * MS_PER_DAY;
  // The instant whose wall clock reads `wall`; a second pass settles a daylight-saving switch.
  let instant = wall - (zone.wallClock(wall) - wall);
  instant = instant - (zone.wallClock(instant) - wall);
  return new Date(instant);
}
