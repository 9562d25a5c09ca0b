import { describe, expect, it } from "vitest";
import {
  CHANNELS,
  CLOSURES,
  CONTACT_TYPES,
  FEJL_TASK,
  channelAsksForm,
  channelByCode,
  channelLabel,
  isCaseSpecific,
  isSelfServiceChannel,
  isTransaction,
  taskLevelOfNumber,
} from "@/lib/reference/codes";
import { DEFAULT_CHANNEL_PRICES_ORE } from "@/lib/seed/prices";

const unique = (values: unknown[]) => new Set(values).size === values.length;

describe("channels", () => {
  it("has every channel of the method with unique codes and sort orders", () => {
    expect(CHANNELS).toHaveLength(25);
    expect(unique(CHANNELS.map((c) => c.code))).toBe(true);
    expect(unique(CHANNELS.map((c) => c.sortOrder))).toBe(true);
  });

  it("gives each code its direction", () => {
    const outbound = CHANNELS.filter((c) => c.direction === "OUT")
      .map((c) => c.code)
      .sort();
    expect(outbound).toEqual(["DOKUD", "EMLUD", "FPRNT", "MGRUD", "PPRUD", "PRSNLGUD", "SMSUD", "SOMEUD", "SYSECOUD", "TLFUD"].sort());
    expect(channelByCode("DOCIND")?.direction).toBe("IN");
    expect(channelByCode("WEB")?.direction).toBe("IN");
  });

  it("marks exactly SLVBTJN, BRGDK and NEMREF as self-service", () => {
    expect(
      CHANNELS.filter((c) => c.selfService)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["BRGDK", "NEMREF", "SLVBTJN"]);
    expect(isSelfServiceChannel("SLVBTJN")).toBe(true);
    expect(isSelfServiceChannel("PRSNLG")).toBe(false);
    expect(isSelfServiceChannel("UKENDT")).toBe(false);
  });

  it("asks for a form on every channel but telephone and web visits (the real 2013 export has JA on system, self-service, output and print channels)", () => {
    expect(
      CHANNELS.filter((c) => !c.asksForm)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["TLFIND", "TLFUD", "WEB"]);
    for (const code of ["SYSIND", "SYSMEDIND", "SLVBTJN", "MGRUD", "FPRNT", "PRSNLG", "EMLIND", "SMSIND", "CHATIND"])
      expect(channelAsksForm(code)).toBe(true);
    expect(channelAsksForm("UKENDT")).toBe(false);
  });

  it("counts only web visits in bulk, without type, closure or form", () => {
    expect(CHANNELS.filter((c) => c.bulk).map((c) => c.code)).toEqual(["WEB"]);
  });

  it("labels channels with their direction", () => {
    expect(channelLabel("TLFIND")).toBe("Telefon (ind)");
    expect(channelLabel("DOKUD")).toBe("Digital Post (ud)");
  });

  it("has a default price for every channel", () => {
    for (const c of CHANNELS) expect(DEFAULT_CHANNEL_PRICES_ORE[c.code]).toBeGreaterThanOrEqual(0);
    expect(DEFAULT_CHANNEL_PRICES_ORE.PRSNLG).toBe(7500);
    expect(DEFAULT_CHANNEL_PRICES_ORE.SLVBTJN).toBe(2000);
  });
});

describe("contact types and closures", () => {
  it("has the six types with unique codes", () => {
    expect(CONTACT_TYPES.map((t) => t.code)).toEqual(["OPRET", "STATUS", "INFO", "VEJL", "SLVBTJN", "FEJL"]);
  });

  it("counts only OPRET and STATUS as transactions", () => {
    expect(CONTACT_TYPES.filter((t) => isTransaction(t.code)).map((t) => t.code)).toEqual(["OPRET", "STATUS"]);
    expect(isTransaction("INFO")).toBe(false);
    expect(isTransaction(null)).toBe(false);
    expect(CONTACT_TYPES.filter((t) => isCaseSpecific(t.code)).map((t) => t.code)).toEqual(["OPRET", "STATUS", "INFO"]);
  });

  it("has the two closures", () => {
    expect(CLOSURES.map((c) => [c.code, c.label])).toEqual([
      ["STRAKS", "Straksafsluttet"],
      ["HOLD", "Lagt til videre behandling"],
    ]);
  });

  it("has the special task", () => {
    expect(FEJL_TASK).toEqual({ number: "FEJL", title: "Fejlhenvendelse" });
  });
});

describe("taskLevelOfNumber", () => {
  it("derives the level from the number format", () => {
    expect(taskLevelOfNumber("23")).toBe("HOVEDGRUPPE");
    expect(taskLevelOfNumber("23.05")).toBe("GRUPPE");
    expect(taskLevelOfNumber("23.05.10")).toBe("EMNE");
    expect(taskLevelOfNumber("29.03.99")).toBe("EMNE");
    expect(taskLevelOfNumber("FEJL")).toBeNull();
    expect(taskLevelOfNumber("23.5.10")).toBeNull();
  });
});
