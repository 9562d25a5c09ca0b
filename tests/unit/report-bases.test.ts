import { describe, expect, it } from "vitest";
import { CHANNELS } from "@/lib/reference/codes";
import { ASKS_DETAILS, ASKS_FORM, channelsWhere, INBOUND } from "@/lib/reports/describe";
import { SELF_SERVICE_BASE } from "@/lib/reports/figures";

// The channels a base names (docs/method.md, "Every percentage shows its base"): the exceptions are
// taken from the set the sentence starts with, so "alle indgående kanaler undtagen …" never lists an
// outbound channel.

describe("the channels of a base, in words", () => {
  it("self-service rate: every inbound channel but web visits, which have no type", () => {
    expect(SELF_SERVICE_BASE.channels).toBe("alle indgående kanaler undtagen Besøg på hjemmeside (ind)");
  });

  it("names only exceptions within the set it starts with", () => {
    expect(channelsWhere(INBOUND, "alle indgående kanaler", INBOUND)).toBe("alle indgående kanaler");
    const inbound = channelsWhere(ASKS_FORM, "alle indgående kanaler", INBOUND);
    expect(inbound).toBe("alle indgående kanaler undtagen Telefon (ind), Besøg på hjemmeside (ind)");
    expect(inbound).not.toMatch(/\(ud\)|og ud\)/);
  });

  it("over all channels: both directions of a channel together", () => {
    expect(channelsWhere(ASKS_FORM)).toBe("alle kanaler undtagen Telefon (ind og ud), Besøg på hjemmeside (ind)");
    expect(channelsWhere(ASKS_DETAILS)).toBe("alle kanaler undtagen Besøg på hjemmeside (ind)");
    expect(channelsWhere(() => true)).toBe("alle kanaler");
    expect(CHANNELS.filter((c) => !c.asksForm).map((c) => c.code)).toEqual(["TLFIND", "TLFUD", "WEB"]);
  });
});
