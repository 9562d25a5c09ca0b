import { describe, expect, it } from "vitest";
import {
  addIsoWeeks,
  consecutiveIsoWeeks,
  formatDanishDate,
  formatIsoWeek,
  formatIsoWeekWithYear,
  instantAt,
  isoWeekOf,
  isoWeekOfLocalDate,
  localDateOnly,
  mondayOfIsoWeek,
  parseIsoDate,
  toIsoDateString,
  weeksInIsoYear,
} from "@/lib/counting/iso-week";

const utc = (iso: string) => new Date(iso);
const day = (y: number, m: number, d: number) => isoWeekOfLocalDate({ year: y, month: m, day: d });

describe("isoWeekOfLocalDate", () => {
  it("finds ordinary weeks", () => {
    expect(day(2026, 10, 23)).toEqual({ isoYear: 2026, isoWeek: 43 });
    expect(day(2013, 10, 21)).toEqual({ isoYear: 2013, isoWeek: 43 });
    expect(day(2015, 4, 27)).toEqual({ isoYear: 2015, isoWeek: 18 });
  });

  it("handles year boundaries", () => {
    expect(day(2024, 12, 30)).toEqual({ isoYear: 2025, isoWeek: 1 });
    expect(day(2027, 1, 1)).toEqual({ isoYear: 2026, isoWeek: 53 });
    expect(day(2027, 1, 3)).toEqual({ isoYear: 2026, isoWeek: 53 });
    expect(day(2027, 1, 4)).toEqual({ isoYear: 2027, isoWeek: 1 });
    expect(day(2021, 1, 3)).toEqual({ isoYear: 2020, isoWeek: 53 });
    expect(day(2023, 1, 1)).toEqual({ isoYear: 2022, isoWeek: 52 });
  });

  it("knows week 53", () => {
    expect(day(2020, 12, 31)).toEqual({ isoYear: 2020, isoWeek: 53 });
    expect(day(2026, 12, 31)).toEqual({ isoYear: 2026, isoWeek: 53 });
  });
});

describe("weeksInIsoYear", () => {
  it("is 53 only in long years", () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2015)).toBe(53);
    expect(weeksInIsoYear(2021)).toBe(52);
    expect(weeksInIsoYear(2024)).toBe(52);
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(weeksInIsoYear(2027)).toBe(52);
  });
});

describe("mondayOfIsoWeek", () => {
  it("returns a date-only Monday", () => {
    expect(toIsoDateString(mondayOfIsoWeek(2011, 43))).toBe("2011-10-24");
    expect(toIsoDateString(mondayOfIsoWeek(2013, 43))).toBe("2013-10-21");
    expect(toIsoDateString(mondayOfIsoWeek(2015, 18))).toBe("2015-04-27");
    expect(toIsoDateString(mondayOfIsoWeek(2025, 1))).toBe("2024-12-30");
    expect(toIsoDateString(mondayOfIsoWeek(2026, 53))).toBe("2026-12-28");
    expect(toIsoDateString(mondayOfIsoWeek(2020, 53))).toBe("2020-12-28");
    expect(mondayOfIsoWeek(2026, 43).getUTCHours()).toBe(0);
  });

  it("round-trips with isoWeekOf for every week of several years", () => {
    for (const year of [2019, 2020, 2024, 2026, 2027]) {
      for (let week = 1; week <= weeksInIsoYear(year); week++) {
        const monday = mondayOfIsoWeek(year, week);
        expect(monday.getUTCDay()).toBe(1);
        expect(isoWeekOf(monday, "UTC")).toEqual({ isoYear: year, isoWeek: week });
      }
    }
  });
});

describe("isoWeekOf in Europe/Copenhagen", () => {
  it("puts 23:30 UTC on a Sunday into Monday's week", () => {
    // Sunday 25 Oct 2026, winter time (CET, +1): 23:30 UTC is 00:30 Monday.
    expect(isoWeekOf(utc("2026-10-25T23:30:00Z"))).toEqual({ isoYear: 2026, isoWeek: 44 });
    expect(isoWeekOf(utc("2026-10-25T23:30:00Z"), "UTC")).toEqual({ isoYear: 2026, isoWeek: 43 });
    expect(isoWeekOf(utc("2026-10-25T22:59:59Z"))).toEqual({ isoYear: 2026, isoWeek: 43 });
  });

  it("uses summer time (CEST, +2) in summer", () => {
    // Sunday 21 June 2026: 22:00 UTC is already Monday 00:00 in Copenhagen.
    expect(isoWeekOf(utc("2026-06-21T21:59:59Z"))).toEqual({ isoYear: 2026, isoWeek: 25 });
    expect(isoWeekOf(utc("2026-06-21T22:00:00Z"))).toEqual({ isoYear: 2026, isoWeek: 26 });
  });

  it("handles the DST switch nights", () => {
    // DST starts Sunday 29 March 2026 at 01:00 UTC; Monday begins at 22:00 UTC that Sunday.
    expect(isoWeekOf(utc("2026-03-29T21:59:00Z"))).toEqual({ isoYear: 2026, isoWeek: 13 });
    expect(isoWeekOf(utc("2026-03-29T22:00:00Z"))).toEqual({ isoYear: 2026, isoWeek: 14 });
    // DST ends Sunday 25 October 2026 at 01:00 UTC; Monday begins at 23:00 UTC.
    expect(isoWeekOf(utc("2026-10-25T22:59:00Z"))).toEqual({ isoYear: 2026, isoWeek: 43 });
    expect(isoWeekOf(utc("2026-10-25T23:00:00Z"))).toEqual({ isoYear: 2026, isoWeek: 44 });
  });

  it("crosses the year boundary by local time", () => {
    // Sunday 29 Dec 2024 23:30 UTC is Monday 30 Dec 00:30 in Copenhagen: 2025-W01.
    expect(isoWeekOf(utc("2024-12-29T23:30:00Z"))).toEqual({ isoYear: 2025, isoWeek: 1 });
    expect(isoWeekOf(utc("2024-12-29T22:30:00Z"))).toEqual({ isoYear: 2024, isoWeek: 52 });
    expect(isoWeekOf(utc("2027-01-03T22:59:00Z"))).toEqual({ isoYear: 2026, isoWeek: 53 });
    expect(isoWeekOf(utc("2027-01-03T23:00:00Z"))).toEqual({ isoYear: 2027, isoWeek: 1 });
  });

  it("gives the local date", () => {
    expect(toIsoDateString(localDateOnly(utc("2026-10-25T23:30:00Z")))).toBe("2026-10-26");
  });
});

describe("week arithmetic", () => {
  it("adds weeks across week 53", () => {
    expect(addIsoWeeks({ isoYear: 2026, isoWeek: 52 }, 1)).toEqual({ isoYear: 2026, isoWeek: 53 });
    expect(addIsoWeeks({ isoYear: 2026, isoWeek: 53 }, 1)).toEqual({ isoYear: 2027, isoWeek: 1 });
    expect(addIsoWeeks({ isoYear: 2025, isoWeek: 52 }, 1)).toEqual({ isoYear: 2026, isoWeek: 1 });
    expect(addIsoWeeks({ isoYear: 2026, isoWeek: 1 }, -1)).toEqual({ isoYear: 2025, isoWeek: 52 });
    expect(consecutiveIsoWeeks({ isoYear: 2026, isoWeek: 52 }, 3)).toEqual([
      { isoYear: 2026, isoWeek: 52 },
      { isoYear: 2026, isoWeek: 53 },
      { isoYear: 2027, isoWeek: 1 },
    ]);
  });
});

describe("instantAt", () => {
  it("converts Copenhagen wall-clock time to an instant in winter and summer", () => {
    expect(instantAt(parseIsoDate("2026-01-15"), 9, 30).toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(instantAt(parseIsoDate("2026-07-15"), 9, 30).toISOString()).toBe("2026-07-15T07:30:00.000Z");
    // The day DST starts: 09:00 is already summer time.
    expect(instantAt(parseIsoDate("2026-03-29"), 9, 0).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(instantAt(parseIsoDate("2026-03-29"), 1, 0).toISOString()).toBe("2026-03-29T00:00:00.000Z");
  });
});

describe("formatting", () => {
  it("formats weeks and Danish dates", () => {
    expect(formatIsoWeek(43)).toBe("uge 43");
    expect(formatIsoWeek({ isoYear: 2026, isoWeek: 7 })).toBe("uge 7");
    expect(formatIsoWeekWithYear({ isoYear: 2026, isoWeek: 53 })).toBe("uge 53, 2026");
    expect(formatDanishDate(parseIsoDate("2026-10-23"))).toBe("23.10.2026");
    expect(formatDanishDate(utc("2026-10-25T23:30:00Z"))).toBe("26.10.2026");
    expect(formatDanishDate(parseIsoDate("2027-01-01"))).toBe("01.01.2027");
  });

  it("rejects impossible dates", () => {
    expect(() => parseIsoDate("2026-02-30")).toThrow();
    expect(() => parseIsoDate("23.10.2026")).toThrow();
  });
});
