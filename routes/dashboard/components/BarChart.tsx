/** One stacked bar: a label and the count of devices in each status. */
export interface BarChartRow {
  label: string;
  /** Where the label links, such as a filtered list. */
  href?: string;
  pass: number;
  warn: number;
  fail: number;
  unknown: number;
}

const SEGMENTS = ["pass", "warn", "fail", "unknown"] as const;
const SEGMENT_LABELS = {
  pass: "pass",
  warn: "warning",
  fail: "fail",
  unknown: "unknown",
} as const;

const LABEL_WIDTH = 210;
const BAR_WIDTH = 240;
const ROW_HEIGHT = 32;
const BAR_HEIGHT = 20;
const VALUE_WIDTH = 90;

/**
 * Horizontal stacked bars of device counts by status, one per row, drawn
 * in SVG. Each bar ends with its pass share in words, and the numbers are
 * also in a table beneath, so nothing depends on telling colours apart.
 */
export function BarChart(
  { rows, caption }: { rows: BarChartRow[]; caption: string },
) {
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const height = rows.length * ROW_HEIGHT;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={caption}
        class="bar-chart"
      >
        {rows.map((row, index) => (
          <BarRow key={row.label} row={row} y={index * ROW_HEIGHT} />
        ))}
      </svg>
      <figcaption>
        <Legend />
        <details>
          <summary>{caption} as a table</summary>
          <BarTable rows={rows} />
        </details>
      </figcaption>
    </figure>
  );
}

function BarRow({ row, y }: { row: BarChartRow; y: number }) {
  const total = row.pass + row.warn + row.fail + row.unknown;
  const share = total === 0 ? null : Math.round((row.pass / total) * 100);
  let x = LABEL_WIDTH;
  const middle = y + ROW_HEIGHT / 2;

  return (
    <g>
      <text x={0} y={middle} dominant-baseline="middle" class="chart-label">
        {row.label}
      </text>
      <rect
        x={LABEL_WIDTH}
        y={middle - BAR_HEIGHT / 2}
        width={BAR_WIDTH}
        height={BAR_HEIGHT}
        class="segment-empty"
      />
      {SEGMENTS.map((segment) => {
        const count = row[segment];
        if (total === 0 || count === 0) return null;
        const width = (count / total) * BAR_WIDTH;
        const start = x;
        x += width;
        return (
          <rect
            key={segment}
            x={start}
            y={middle - BAR_HEIGHT / 2}
            width={width}
            height={BAR_HEIGHT}
            class={`segment-${segment}`}
          >
            <title>{`${row.label}: ${count} ${SEGMENT_LABELS[segment]}`}</title>
          </rect>
        );
      })}
      <text
        x={LABEL_WIDTH + BAR_WIDTH + 8}
        y={middle}
        dominant-baseline="middle"
        class="chart-value"
      >
        {share === null ? "no data" : `${share}% pass`}
      </text>
    </g>
  );
}

function Legend() {
  return (
    <ul class="legend">
      {SEGMENTS.map((segment) => (
        <li key={segment}>
          <span class={`swatch segment-${segment}`} aria-hidden="true" />
          {SEGMENT_LABELS[segment]}
        </li>
      ))}
    </ul>
  );
}

function BarTable({ rows }: { rows: BarChartRow[] }) {
  return (
    <table class="compact">
      <thead>
        <tr>
          <th scope="col">Control</th>
          {SEGMENTS.map((segment) => (
            <th scope="col" key={segment} class="num">
              {SEGMENT_LABELS[segment]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">
              {row.href ? <a href={row.href}>{row.label}</a> : row.label}
            </th>
            {SEGMENTS.map((segment) => (
              <td key={segment} class="num">{row[segment]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
