/** One point of a trend: a day and a share between 0 and 1. */
export interface TrendPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  /** Share of devices passing, 0 to 1; null on a day without reports. */
  value: number | null;
  /** Devices reporting that day. */
  devices: number;
}

const WIDTH = 540;
const HEIGHT = 200;
const PAD_LEFT = 44;
const PAD_RIGHT = 12;
const PAD_Y = 16;
const GRID = [0, 0.5, 1];

/**
 * A line of daily shares over a period, in SVG. Days without reports break
 * the line instead of being drawn as zero, and the figures are repeated in
 * a table for readers who cannot see the chart.
 */
export function LineChart(
  { points, caption }: { points: TrendPoint[]; caption: string },
) {
  const plotWidth = WIDTH - PAD_LEFT - PAD_RIGHT;
  const plotHeight = HEIGHT - 2 * PAD_Y;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const x = (index: number) => PAD_LEFT + index * step;
  const y = (value: number) => PAD_Y + (1 - value) * plotHeight;
  if (points.every((point) => point.value === null)) {
    return <p class="muted">No reports in this period yet.</p>;
  }

  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`}
        role="img"
        aria-label={caption}
        class="line-chart"
      >
        {GRID.map((value) => (
          <g key={value}>
            <line
              x1={PAD_LEFT}
              x2={WIDTH - PAD_RIGHT}
              y1={y(value)}
              y2={y(value)}
              class="gridline"
            />
            <text
              x={PAD_LEFT - 6}
              y={y(value)}
              text-anchor="end"
              dominant-baseline="middle"
              class="chart-label"
            >
              {`${value * 100}%`}
            </text>
          </g>
        ))}
        {lineSegments(points).map((segment) => (
          <polyline
            key={segment[0]}
            class="trend-line"
            points={segment
              .map((index) => `${x(index)},${y(points[index].value ?? 0)}`)
              .join(" ")}
          />
        ))}
        {points.map((point, index) =>
          point.value === null ? null : (
            <circle
              key={point.day}
              cx={x(index)}
              cy={y(point.value)}
              r={3}
              class="trend-point"
            >
              <title>
                {`${point.day}: ${
                  Math.round(point.value * 100)
                }% of ${point.devices} devices pass`}
              </title>
            </circle>
          )
        )}
        {points.length > 0
          ? (
            <>
              <text x={PAD_LEFT} y={HEIGHT + 14} class="chart-label">
                {points[0].day}
              </text>
              <text
                x={WIDTH - PAD_RIGHT}
                y={HEIGHT + 14}
                text-anchor="end"
                class="chart-label"
              >
                {points[points.length - 1].day}
              </text>
            </>
          )
          : null}
      </svg>
      <figcaption>
        <details>
          <summary>{caption} as a table</summary>
          <TrendTable points={points} />
        </details>
      </figcaption>
    </figure>
  );
}

/** Runs of consecutive days with a value, as lists of point indexes. */
export function lineSegments(points: TrendPoint[]): number[][] {
  const segments: number[][] = [];
  let current: number[] = [];
  points.forEach((point, index) => {
    if (point.value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else {
      current.push(index);
    }
  });
  if (current.length > 0) segments.push(current);
  return segments;
}

function TrendTable({ points }: { points: TrendPoint[] }) {
  return (
    <table class="compact">
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col" class="num">Devices passing</th>
          <th scope="col" class="num">Devices reporting</th>
        </tr>
      </thead>
      <tbody>
        {points.filter((point) => point.value !== null).map((point) => (
          <tr key={point.day}>
            <th scope="row">{point.day}</th>
            <td class="num">{`${Math.round((point.value ?? 0) * 100)}%`}</td>
            <td class="num">{point.devices}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
