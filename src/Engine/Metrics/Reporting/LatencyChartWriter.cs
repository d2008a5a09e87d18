using System.Globalization;
using System.Text;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Draws latency by percentile as a standalone SVG, the way the field plots it: x is 1/(1-p) on a log scale
/// labelled 50%, 90%, 99%, 99.9%, ...; y is linear in µs; one line per series with a legend; an optional dashed
/// budget line. Each series' last point (its max) sits at x = log10(count), the deepest percentile it resolves.
/// </summary>
public static class LatencyChartWriter
{
    private const double Width = 960;
    private const double Height = 560;
    private const double Left = 90;
    private const double Right = 50; // room for the last x label, centred on the plot edge
    private const double Top = 60;
    private const double Bottom = 70;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const int TicksPerHalfDistance = 10;
    private const string BudgetColour = "#d62728";

    // Tableau 10 without its red, which is kept for the budget line.
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string ToSvg(string title, IReadOnlyList<LatencySeries> series, long? budgetNanos = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        long deepestCount = series.Count == 0 ? 0 : series.Max(s => s.Histogram.TotalCount);
        int decades = Math.Clamp((int)Math.Ceiling(Math.Log10(Math.Max(deepestCount, 1))), 5, 7);
        double maxMicros = series.Count == 0 ? 0 : series.Max(s => s.Histogram.MaxValue) / 1000.0;
        if (budgetNanos is long budget)
        {
            maxMicros = Math.Max(maxMicros, budget / 1000.0);
        }

        (double yTop, double yStep) = NiceScale(maxMicros);
        var chart = new Chart(decades, yTop);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Width / 2}\" y=\"34\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"bold\" fill=\"#222\">{Escape(title)}</text>\n");

        AppendYAxis(svg, chart, yStep);
        AppendXAxis(svg, chart);
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>\n");

        if (budgetNanos is long budgetLine)
        {
            double y = chart.Y(budgetLine / 1000.0);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"budget\" x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + PlotWidth}\" y2=\"{F(y)}\" stroke=\"{BudgetColour}\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left + PlotWidth - 6}\" y=\"{F(y - 6)}\" text-anchor=\"end\" font-size=\"13\" fill=\"{BudgetColour}\">budget {(budgetLine / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)} µs</text>\n");
        }

        for (int i = 0; i < series.Count; i++)
        {
            if (series[i].Histogram.TotalCount > 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<polyline class=\"series\" fill=\"none\" stroke=\"{Palette[i % Palette.Length]}\" stroke-width=\"2.2\" stroke-linejoin=\"round\" points=\"{Points(series[i].Histogram, chart)}\"/>\n");
            }
        }

        AppendLegend(svg, series);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Points(Histogram histogram, Chart chart)
    {
        var points = new StringBuilder();
        double lastX = 0;
        double deepest = Math.Log10(histogram.TotalCount);
        var iterator = new PercentileIterator(histogram, TicksPerHalfDistance);
        while (iterator.MoveNext())
        {
            PercentileStep step = iterator.Current;
            double x = step.Percentile >= 100.0 ? deepest : Math.Log10(1.0 / (1.0 - (step.Percentile / 100.0)));
            lastX = Math.Max(lastX, Math.Min(x, chart.Decades));
            points.Append(F(chart.X(lastX))).Append(',').Append(F(chart.Y(step.Value / 1000.0))).Append(' ');
        }

        return points.ToString().TrimEnd();
    }

    private static void AppendXAxis(StringBuilder svg, Chart chart)
    {
        var labels = new List<(double X, string Text)> { (Math.Log10(2), "50%") };
        for (int d = 1; d <= chart.Decades; d++)
        {
            labels.Add((d, d == 1 ? "90%" : "99" + (d == 2 ? string.Empty : "." + new string('9', d - 2)) + "%"));
        }

        foreach ((double x, string text) in labels)
        {
            double px = chart.X(x);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{F(px)}\" y1=\"{Top}\" x2=\"{F(px)}\" y2=\"{Top + PlotHeight}\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"x-label\" x=\"{F(px)}\" y=\"{Top + PlotHeight + 22}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\">{text}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 18}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#333\">Percentile (log scale of 1/(1-p))</text>\n");
    }

    private static void AppendYAxis(StringBuilder svg, Chart chart, double step)
    {
        int decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9);
        for (double v = 0; v <= chart.YTop + (step / 2); v += step)
        {
            double py = chart.Y(v);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{F(py)}\" x2=\"{Left + PlotWidth}\" y2=\"{F(py)}\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"y-label\" x=\"{Left - 8}\" y=\"{F(py + 4)}\" text-anchor=\"end\" font-size=\"13\" fill=\"#333\">{v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"24\" y=\"{Top + (PlotHeight / 2)}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#333\" transform=\"rotate(-90 24 {Top + (PlotHeight / 2)})\">Latency (µs)</text>\n");
    }

    private static void AppendLegend(StringBuilder svg, IReadOnlyList<LatencySeries> series)
    {
        if (series.Count == 0)
        {
            return;
        }

        string[] stats = series.Select(s => s.Histogram.TotalCount == 0
            ? "(no data)"
            : $"p99 {LatencyTableWriter.Micros(s.Histogram.ValueAtPercentile(99))} µs · max {LatencyTableWriter.Micros(s.Histogram.MaxValue)} µs").ToArray();
        int longest = Enumerable.Range(0, series.Count).Max(i => series[i].Name.Length + 2 + stats[i].Length);
        double boxWidth = 52 + (longest * 7.4);
        double boxHeight = 12 + (series.Count * 22);
        double x0 = Left + 14;
        double y0 = Top + 14;
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"legend\" x=\"{x0}\" y=\"{y0}\" width=\"{F(boxWidth)}\" height=\"{boxHeight}\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#bbb\" rx=\"4\"/>\n");
        for (int i = 0; i < series.Count; i++)
        {
            double y = y0 + 17 + (i * 22);
            string colour = Palette[i % Palette.Length];
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x0 + 10}\" y1=\"{y}\" x2=\"{x0 + 36}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"3\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"legend-entry\" x=\"{x0 + 44}\" y=\"{y + 4}\" font-size=\"13\" fill=\"#222\"><tspan font-weight=\"bold\">{Escape(series[i].Name)}</tspan><tspan dx=\"10\">{stats[i]}</tspan></text>\n");
        }
    }

    /// <summary>Top of the y axis and its tick step: 1, 2 or 5 times a power of ten, about six ticks.</summary>
    internal static (double Top, double Step) NiceScale(double maxValue)
    {
        if (maxValue <= 0 || double.IsNaN(maxValue))
        {
            return (1, 0.2);
        }

        double raw = maxValue * 1.05 / 6;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double normalized = raw / magnitude;
        double step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
        return (Math.Ceiling(maxValue * 1.05 / step) * step, step);
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    private readonly record struct Chart(int Decades, double YTop)
    {
        public double X(double decades) => Left + (decades / Decades * PlotWidth);

        public double Y(double micros) => Top + PlotHeight - (micros / YTop * PlotHeight);
    }
}
