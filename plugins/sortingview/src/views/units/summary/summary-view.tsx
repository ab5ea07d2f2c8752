import { useMemo } from 'react';
import type { ViewProps } from '../../view-definition.js';
import type { SummaryData } from './parse-summary.js';
import { summaryRows } from './summary-rows.js';

/** The recording and sorting at a glance: a two-column table. */
export function SummaryView({ data, width, height }: ViewProps<SummaryData>) {
  const rows = useMemo(() => summaryRows(data), [data]);
  return (
    <div style={{ width, height, overflow: 'auto', padding: 12, boxSizing: 'border-box', font: '13px system-ui' }}>
      <table style={{ borderCollapse: 'collapse' }}>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} style={{ borderBottom: '1px solid #eee' }}>
              <th
                scope="row"
                style={{ textAlign: 'left', padding: '4px 16px 4px 0', verticalAlign: 'top', whiteSpace: 'nowrap' }}
              >
                {row.label}
              </th>
              <td style={{ padding: '4px 0', wordBreak: 'break-word' }}>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
