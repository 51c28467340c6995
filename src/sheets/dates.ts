// Dates in Apps Script. Sheets hands a custom function a date cell as a Date object at midnight
// in the SPREADSHEET's time zone, which need not be the script's: convert through that zone,
// read once per call, or a date can shift by a day.

import { EPOCH_1900, MS_PER_DAY } from '../../shared/dates';

export interface Zone {
  /** Wall-clock time in the zone, as if it were UTC, in milliseconds. */
  wallClock(instant: number): number;
}

/**
 * Date.UTC for any year: Date.UTC itself reads years 0–99 as 1900–1999, which would turn a date
 * of the year 50 into 1950 without a word. (Such a date then fails as "not a date between 1900
 * and 9999", as it should.)
 */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

export function zoneNamed(timeZone: string | undefined): Zone {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    return {
      wallClock(instant) {
        const parts: Record<string, number> = {};
        let bc = false;
        for (const p of format.formatToParts(new Date(instant))) {
          if (p.type === 'era') bc = p.value === 'BC';
          else parts[p.type] = Number(p.value);
        }
        // The year before 1 is 1 BC: year 0 of the calendar that Date and serials count in.
        if (bc) parts.year = 1 - parts.year;
        const ms = instant - Math.floor(instant / 1000) * 1000;
        return utc(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + ms;
      },
    };
  } catch {
    // No such zone (or no Intl): fall back to the script's own clock.
    return {
      wallClock(instant) {
        const d = new Date(instant);
        return utc(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
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
