// Draws the analytics page's charts with chart.js (served at /advisers/analytics/chart.umd.js) from the JSON
// block the page carries; the tables under each chart hold the same figures for screen readers and CSV.
(function drawAnalyticsCharts() {
  const source = document.getElementById('analytics-data');
  if (!source || typeof window.Chart === 'undefined') return;
  const data = JSON.parse(source.textContent);
  const Chart = window.Chart;
  const brand = '#00507a';
  const accent = '#b34700';
  const good = '#1d6b2f';
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.color = '#1a1a1a';

  function sized(canvas, rows) {
    canvas.parentElement.style.position = 'relative';
    canvas.parentElement.style.height = `${Math.max(180, 34 * rows + 70)}px`;
  }

  /** Horizontal bars: people against offerings, each on its own axis (offerings run into the hundreds). */
  function demandChart(id, rows, label) {
    const canvas = document.getElementById(id);
    if (!canvas || rows.length === 0) return;
    sized(canvas, rows.length);
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(label),
        datasets: [
          { label: data.texts.learners, data: rows.map((row) => row.learners), backgroundColor: brand, xAxisID: 'x' },
          ...(rows[0].offerings === undefined
            ? []
            : [
                {
                  label: data.texts.offerings,
                  data: rows.map((row) => row.offerings),
                  backgroundColor: accent,
                  xAxisID: 'x2',
                },
              ]),
        ],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: {
            position: 'bottom',
            beginAtZero: true,
            ticks: { precision: 0 },
            title: { display: true, text: data.texts.learners },
          },
          ...(rows[0].offerings === undefined
            ? {}
            : {
                x2: {
                  position: 'top',
                  beginAtZero: true,
                  ticks: { precision: 0 },
                  grid: { drawOnChartArea: false },
                  title: { display: true, text: data.texts.offerings },
                },
              }),
        },
      },
    });
  }

  demandChart('topics-chart', data.topics, (row) => row.topic);
  demandChart('unmet-chart', data.unmet, (row) => row.topic);
  demandChart('occupations-chart', data.occupations, (row) => (row.label ? `${row.code} ${row.label}` : row.code));
  demandChart('counties-chart', data.counties, (row) => row.county);

  const ratings = document.getElementById('ratings-chart');
  if (ratings && data.ratings.length > 0) {
    ratings.parentElement.style.position = 'relative';
    ratings.parentElement.style.height = '280px';
    new Chart(ratings, {
      data: {
        labels: data.ratings.map((row) => row.week),
        datasets: [
          {
            type: 'line',
            label: data.texts.average,
            data: data.ratings.map((row) => row.average),
            borderColor: brand,
            backgroundColor: brand,
            spanGaps: true,
            yAxisID: 'y',
          },
          {
            type: 'bar',
            label: data.texts.ratings,
            data: data.ratings.map((row) => row.ratings),
            backgroundColor: good,
            yAxisID: 'y2',
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { min: 1, max: 5, title: { display: true, text: data.texts.average } },
          y2: {
            position: 'right',
            beginAtZero: true,
            ticks: { precision: 0 },
            grid: { drawOnChartArea: false },
            title: { display: true, text: data.texts.ratings },
          },
        },
      },
    });
  }
  document.documentElement.dataset.chartsReady = 'true';
})();
