import { describe, expect, it } from "vitest";
import { CHANNELS, CONTACT_TYPES, REGISTRATION_CLOSURES } from "@/lib/reference/codes";
import {
  CHANNEL_CHOICES,
  CLOSURE_CHOICES,
  CONTACT_TYPE_CHOICES,
  editDistance,
  nearestCode,
  unknownCodeMessage,
} from "@/lib/reference/nearest-code";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["", "WEB", 3],
    ["WEB", "", 3],
    ["TLFIND", "TLFIND", 0],
    ["TLFIN", "TLFIND", 1], // a letter missing
    ["TLFFIND", "TLFIND", 1], // a letter extra
    ["TLFUND", "TLFIND", 1], // a letter wrong
    ["TLFNID", "TLFIND", 1], // two neighbours swapped
    ["STARKS", "STRAKS", 1],
    ["OPRT", "OPRET", 1],
    ["EMAIL", "EMLIND", 3],
    ["FAX", "WEB", 3],
    ["KITTEN", "SITTING", 3],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("nearestCode", () => {
  it("suggests the code within two edits, ignoring case and spaces", () => {
    expect(nearestCode("TLFIN", CHANNEL_CHOICES)).toEqual({ code: "TLFIND", label: "Telefon ind" });
    expect(nearestCode(" tlfin ", CHANNEL_CHOICES)?.code).toBe("TLFIND");
    expect(nearestCode("PRSNLGUT", CHANNEL_CHOICES)?.code).toBe("PRSNLGUD");
    expect(nearestCode("DOKIND", CHANNEL_CHOICES)?.code).toBe("DOCIND");
    expect(nearestCode("STARKS", CLOSURE_CHOICES)).toEqual({ code: "STRAKS", label: "Straksafsluttet" });
    expect(nearestCode("OPRT", CONTACT_TYPE_CHOICES)).toEqual({ code: "OPRET", label: "Oprettelse af ny sag" });
  });

  it("suggests nothing beyond two edits, for a valid code, or for input shorter than the distance", () => {
    expect(nearestCode("FAX", CHANNEL_CHOICES)).toBeNull();
    expect(nearestCode("TELEFON", CHANNEL_CHOICES)).toBeNull();
    expect(nearestCode("TLFIND", CHANNEL_CHOICES)).toBeNull();
    expect(nearestCode("", CHANNEL_CHOICES)).toBeNull();
    expect(nearestCode("W", CHANNEL_CHOICES)).toBeNull(); // WEB is 2 edits away, but from one letter
    expect(nearestCode("WE", CHANNEL_CHOICES)?.code).toBe("WEB");
  });

  it("takes the earlier code on a tie (the tables' order)", () => {
    const choices = [
      { code: "ABCD", label: "første" },
      { code: "ABCE", label: "anden" },
    ];
    expect(nearestCode("ABCF", choices)?.label).toBe("første");
  });

  it("offers every code of the tables, with a Danish name", () => {
    expect(CHANNEL_CHOICES.map((c) => c.code)).toEqual(CHANNELS.map((c) => c.code));
    expect(CONTACT_TYPE_CHOICES.map((c) => c.code)).toEqual(CONTACT_TYPES.map((c) => c.code));
    expect(CLOSURE_CHOICES.map((c) => c.code)).toEqual(REGISTRATION_CLOSURES.map((c) => c.code));
    for (const choice of [...CHANNEL_CHOICES, ...CONTACT_TYPE_CHOICES, ...CLOSURE_CHOICES]) expect(choice.label).toMatch(/^[A-ZÆØÅ]/);
  });
});

describe("unknownCodeMessage", () => {
  it("names the code and, when one is near, the code meant", () => {
    expect(unknownCodeMessage("channel", "TLFIN")).toBe('Kanalen "TLFIN" findes ikke. Mente du "TLFIND" (Telefon ind)?');
    expect(unknownCodeMessage("channel", "FAX")).toBe('Kanalen "FAX" findes ikke.');
    expect(unknownCodeMessage("contactType", "vejle")).toBe(
      'Henvendelsestypen "vejle" findes ikke. Mente du "VEJL" (Generelle råd og vejledning)?',
    );
    expect(unknownCodeMessage("closure", "HOLDT")).toBe('Afslutningen "HOLDT" findes ikke. Mente du "HOLD" (Lagt til videre behandling)?');
  });
});
