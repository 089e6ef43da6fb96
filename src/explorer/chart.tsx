/**
 * Chart.js in a Preact component: the chart is made once per canvas and its data replaced
 * on each render (no animation, so live updates do not flicker). Only the parts the pages
 * use are registered, which keeps the bundle small.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartData,
  type ChartType,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2"];

export function ChartView(props: {
  type: ChartType;
  data: ChartData;
  label: string;
  stacked?: boolean;
  step?: boolean;
  horizontal?: boolean;
}): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: props.type,
      data: props.data,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: props.horizontal ? "y" : "x",
        plugins: { legend: { display: (props.data.datasets?.length ?? 0) > 1 } },
        scales: { x: { stacked: props.stacked }, y: { stacked: props.stacked, beginAtZero: true } },
        elements: { line: { stepped: props.step ?? false } },
      },
    });
    return () => chart.current?.destroy();
  }, [props.type]);
  useEffect(() => {
    if (!chart.current) return;
    chart.current.data = props.data;
    chart.current.update("none");
  }, [props.data]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}
