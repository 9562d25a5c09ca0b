import { Fragment } from "react";
import { SHORTCUT_HELP } from "@/components/registration/keys";
import { Kbd } from "@/components/ui/kbd";
import { Table, Td, Th } from "@/components/ui/table";

/** The registration screen's keys, generated from the constants its keyboard handler uses. */
export function ShortcutTable() {
  return (
    <Table caption="Genvejstaster på registreringssiden">
      <thead>
        <tr>
          <Th>Tast</Th>
          <Th>Det gør den</Th>
        </tr>
      </thead>
      <tbody data-help-shortcuts="">
        {SHORTCUT_HELP.map((row) => (
          <tr key={row.keys.join("-")}>
            <Th scope="row" className="whitespace-nowrap font-normal">
              {row.keys.map((key, i) => (
                <Fragment key={key}>
                  {i > 0 ? (row.range ? " til " : " ") : null}
                  <Kbd announce>{key}</Kbd>
                </Fragment>
              ))}
            </Th>
            <Td>
              {row.action}
              {row.single ? null : " Virker altid."}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
