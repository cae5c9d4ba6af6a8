// Draws the dashboard's department chart from the JSON the page embeds (no inline script: CSP).
(function () {
  "use strict";
  var holder = document.getElementById("dashboard-chart");
  var source = document.getElementById("dashboard-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colors = { on_time: "#2e7d32", late: "#f9a825", open: "#1565c0", overdue: "#c62828" };
  var chart = echarts.init(holder, null, { renderer: "canvas" });
  if (!data.departments.length) {
    chart.setOption({ title: { text: "本年度暂无督办事项", left: "center", top: "middle", textStyle: { color: "#888", fontSize: 14 } } });
  } else {
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: "category", data: data.departments, axisLabel: { interval: 0, rotate: data.departments.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "total", data: s.data, itemStyle: { color: colors[s.key] }, barMaxWidth: 36 };
      })
    });
  }
  window.addEventListener("resize", function () { chart.resize(); });
})();
