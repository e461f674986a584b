// Bar charts with Chart.js (vendored UMD build, loaded before the modules as `Chart`).
// A chart is a picture of a table shown next to it; screen readers get the table.

// Okabe-Ito colours: distinguishable with colour-blindness, 3:1 or more on white.
const PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"];

export function barChart({ labels, datasets, title, horizontal = false }) {
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", `${title}. The same numbers are in the table below.`);
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const chart = new window.Chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: datasets.map((d, i) => ({ ...d, backgroundColor: PALETTE[i % PALETTE.length] })),
    },
    options: {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: still ? false : { duration: 250 },
      plugins: {
        title: { display: true, text: title, color: "#1b1f24" },
        legend: { display: datasets.length > 1, labels: { color: "#1b1f24" } },
      },
      scales: {
        x: { ticks: { color: "#1b1f24" }, beginAtZero: true },
        y: { ticks: { color: "#1b1f24", precision: 0 }, beginAtZero: true },
      },
    },
  });
  const wrap = document.createElement("div");
  wrap.className = "chart";
  wrap.append(canvas);
  return { node: wrap, chart };
}
