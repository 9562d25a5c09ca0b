import { describe, expect, it } from "vitest";
import {
  calendarFromArrays,
  type CountingCalendar,
  countingWeekFlagger,
  inCountingWeek,
  isoWeeksBetween,
} from "@/lib/counting/in-counting-week";
import { parseIsoDate } from "@/lib/counting/iso-week";

// The one counting-week rule: the Copenhagen date decides, never the UTC date.

const at = (iso: string) => new Date(iso);
const weeks = (...keys: number[]): CountingCalendar => ({ weekKeys: new Set(keys), periods: [] });
const period = (from: string, to: string): CountingCalendar => ({
  weekKeys: new Set(),
  periods: [{ startsOn: parseIsoDate(from), endsOn: parseIsoDate(to) }],
});

describe("inCountingWeek around midnight (UTC date ≠ Copenhagen date)", () => {
  const week43 = weeks(202643); // Monday 19 – Sunday 25 October 2026

  it("counts the first local hours of a counted week, whose UTC date is the Sunday before", () => {
    expect(inCountingWeek(at("2026-10-18T22:30:00Z"), week43)).toBe(true); // Mon 19 Oct 00:30 CEST
    expect(inCountingWeek(at("2026-10-18T21:59:59Z"), week43)).toBe(false); // Sun 18 Oct 23:59:59 CEST
  });

  it("leaves out the first local hours after the week, whose UTC date is still inside it", () => {
    expect(inCountingWeek(at("2026-10-25T22:59:00Z"), week43)).toBe(true); // Sun 25 Oct 23:59 CET
    expect(inCountingWeek(at("2026-10-25T23:30:00Z"), week43)).toBe(false); // Mon 26 Oct 00:30 CET, week 44
  });

  it("compares a local period with the Copenhagen date, both ends included", () => {
    const march = period("2026-03-02", "2026-03-06");
    expect(inCountingWeek(at("2026-03-01T23:15:00Z"), march)).toBe(true); // Mon 2 Mar 00:15 CET
    expect(inCountingWeek(at("2026-03-01T22:59:00Z"), march)).toBe(false); // Sun 1 Mar 23:59 CET
    expect(inCountingWeek(at("2026-03-06T22:45:00Z"), march)).toBe(true); // Fri 6 Mar 23:45 CET
    expect(inCountingWeek(at("2026-03-06T23:10:00Z"), march)).toBe(false); // Sat 7 Mar 00:10 CET
  });
});

describe("inCountingWeek across daylight-saving changes", () => {
  it("spring forward (29 March 2026): the last hour of week 13 and the first of week 14", () => {
    const week13 = weeks(202613);
    expect(inCountingWeek(at("2026-03-29T00:30:00Z"), week13)).toBe(true); // 01:30 CET, before the change
    expect(inCountingWeek(at("2026-03-29T01:30:00Z"), week13)).toBe(true); // 03:30 CEST, after it
    expect(inCountingWeek(at("2026-03-29T21:59:00Z"), week13)).toBe(true); // Sun 23:59 CEST
    expect(inCountingWeek(at("2026-03-29T22:00:00Z"), week13)).toBe(false); // Mon 30 Mar 00:00 CEST
    expect(inCountingWeek(at("2026-03-29T22:00:00Z"), weeks(202614))).toBe(true);
  });

  it("fall back (25 October 2026): both 02:30s are Sunday, midnight moves to 23:00 UTC", () => {
    const sunday = period("2026-10-25", "2026-10-25");
    expect(inCountingWeek(at("2026-10-25T00:30:00Z"), sunday)).toBe(true); // 02:30 CEST
    expect(inCountingWeek(at("2026-10-25T01:30:00Z"), sunday)).toBe(true); // 02:30 CET
    expect(inCountingWeek(at("2026-10-24T22:00:00Z"), sunday)).toBe(true); // Sun 00:00 CEST
    expect(inCountingWeek(at("2026-10-24T21:59:00Z"), sunday)).toBe(false); // Sat 23:59 CEST
    expect(inCountingWeek(at("2026-10-25T22:59:00Z"), sunday)).toBe(true); // Sun 23:59 CET
    expect(inCountingWeek(at("2026-10-25T23:00:00Z"), sunday)).toBe(false); // Mon 00:00 CET
  });
});

describe("inCountingWeek in ISO week 53", () => {
  const week53 = weeks(202653); // Monday 28 December 2026 – Sunday 3 January 2027

  it("counts the days of week 53 in both calendar years", () => {
    expect(inCountingWeek(at("2026-12-27T23:30:00Z"), week53)).toBe(true); // Mon 28 Dec 00:30
    expect(inCountingWeek(at("2026-12-31T23:30:00Z"), week53)).toBe(true); // Fri 1 Jan 2027 00:30
    expect(inCountingWeek(at("2027-01-03T22:59:00Z"), week53)).toBe(true); // Sun 3 Jan 23:59
  });

  it("leaves out the days around it", () => {
    expect(inCountingWeek(at("2026-12-27T22:59:00Z"), week53)).toBe(false); // Sun 27 Dec 23:59, week 52
    expect(inCountingWeek(at("2027-01-03T23:00:00Z"), week53)).toBe(false); // Mon 4 Jan 00:00, week 1 of 2027
    expect(inCountingWeek(at("2027-01-03T23:00:00Z"), weeks(202701))).toBe(true);
    // Week 53 of 2026 is not week 1 of 2027, nor week 53 of a year without one.
    expect(inCountingWeek(at("2027-01-01T10:00:00Z"), weeks(202701))).toBe(false);
  });
});

describe("countingWeekFlagger", () => {
  it("answers as inCountingWeek every 7½ minutes over both DST changes and a year's end", () => {
    const calendar: CountingCalendar = {
      weekKeys: new Set([202613, 202653]),
      periods: [{ startsOn: parseIsoDate("2026-10-25"), endsOn: parseIsoDate("2026-10-26") }],
    };
    const flag = countingWeekFlagger(calendar);
    let checked = 0;
    for (const [from, to] of [
      ["2026-03-27T00:00:00Z", "2026-04-01T00:00:00Z"],
      ["2026-10-23T00:00:00Z", "2026-10-28T00:00:00Z"],
      ["2026-12-26T00:00:00Z", "2027-01-06T00:00:00Z"],
    ]) {
      for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 60_000 + 30_000) {
        expect(flag(new Date(t)), new Date(t).toISOString()).toBe(inCountingWeek(new Date(t), calendar));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });
});

describe("the calendar's shapes", () => {
  it("reads registration_facts() arrays", () => {
    const calendar = calendarFromArrays([202643], ["2026-03-02"], ["2026-03-06"]);
    expect(inCountingWeek(at("2026-10-18T22:30:00Z"), calendar)).toBe(true);
    expect(inCountingWeek(at("2026-03-01T23:15:00Z"), calendar)).toBe(true);
    expect(inCountingWeek(at("2026-03-07T12:00:00Z"), calendar)).toBe(false);
  });

  it("lists the ISO weeks of a period, across a year's end", () => {
    expect(isoWeeksBetween(parseIsoDate("2026-12-27"), parseIsoDate("2027-01-05"))).toEqual([
      { isoYear: 2026, isoWeek: 52 },
      { isoYear: 2026, isoWeek: 53 },
      { isoYear: 2027, isoWeek: 1 },
    ]);
  });
});
