// National default channel prices (kanalpriser) in øre per contact. Only two figures are KL's:
// the 2011 estimates of about 75 kr for a personal visit and about 20 kr for digital self-service
// with automatic data transfer. Every other price is an estimate placed relative to those two
// (handling time of the channel) so cost reports show plausible magnitudes from the start.
// They are editable defaults: KL can change them nationally and a municipality can override them;
// the seed only creates a price that is missing and never overwrites one.

export const DEFAULT_CHANNEL_PRICES_ORE: Readonly<Record<string, number>> = {
  PRSNLG: 7500, // KL 2011
  PRSNLGUD: 7500, // a visit made by staff costs at least as much as one received
  TLFIND: 5000,
  TLFUD: 5000,
  EMLIND: 4500,
  EMLUD: 4000,
  PPRIND: 6500, // opened, scanned and typed in by hand
  PPRUD: 5000, // printed and posted
  DOCIND: 4000,
  DOKUD: 2500,
  SMSIND: 1500,
  SMSUD: 500,
  CHATIND: 3500,
  SOMEIND: 3500,
  SOMEUD: 3500,
  SLVBTJN: 2000, // KL 2011
  BRGDK: 2000, // counted self-service, same as SLVBTJN
  NEMREF: 2000, // self-service with automatic data transfer
  WEB: 0, // a web visit has no handling cost per contact
  MGRUD: 1000, // automated output (e.g. Doc2Mail)
  FPRNT: 1500,
  SYSIND: 1000,
  SYSECOIND: 1000,
  SYSECOUD: 1000,
  SYSMEDIND: 1000,
};
