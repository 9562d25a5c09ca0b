import { describe, expect, it } from "vitest";
import { pickRollup, REGISTRATIONS, type RollupDim } from "@/lib/reports/rollups";

// The navigator gives each query the smallest rollup with all the dimensions it needs.
const pick = (...dims: RollupDim[]) => {
  const source = pickRollup(dims);
  return source === REGISTRATIONS ? "registration" : source.from.replace(/ r$/, "");
};

describe("aggregate navigator", () => {
  it("uses the rollups without municipality only when no municipality is needed", () => {
    expect(pick("channel", "type", "closure", "form")).toBe("report_rollup_national_totals");
    expect(pick("municipality", "channel", "type", "closure", "form")).toBe("report_rollup_totals");
    expect(pick("task", "channel", "type")).toBe("report_rollup_national");
    expect(pick("municipality", "task", "channel", "type")).toBe("report_rollup_task_channels");
  });

  it("adds what the filters need: units, days, hours", () => {
    expect(pick("municipality", "unit", "channel")).toBe("report_rollup_units");
    expect(pick("municipality", "day", "channel")).toBe("report_rollup_days");
    expect(pick("municipality", "unit", "day", "hour")).toBe("report_rollup_hours");
    // The hour chart and participation filtered by data source stay on the hours rollup.
    expect(pick("municipality", "unit", "hour", "source")).toBe("report_rollup_hours");
    expect(pick("municipality", "task", "closure")).toBe("report_rollup_task_answers");
  });

  it("reads the registrations when no rollup has every dimension", () => {
    expect(pick("municipality", "unit", "task", "channel")).toBe("registration");
    expect(pick("day", "task")).toBe("registration");
    expect(pick("hour", "channel")).toBe("registration");
  });
});
