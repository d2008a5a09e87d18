using System.Globalization;
using System.Text;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Draws latency by percentile as a standalone SVG, the way the field plots it: x is 1/(1-p) on a log scale
/// labelled 50%, 90%, 99%, 99.9%, ...; y is latency on a log scale (whole decades, 10 ns to seconds), so stages of
/// tens of nanoseconds and an end-to-end line of milliseconds are all readable on one chart. One line per series,
/// each in its own colour, with a legend beside the plot; an optional dashed budget line in a colour no series uses.
/// Each series' last point (its max) sits at x = log10(count), the deepest percentile it resolves.
/// </summary>
public static class LatencyChartWriter
{
    private const double Width = 1100;
    private const double Height = 580;
    private const double Left = 90;
    private const double Right = 330; // the legend
    private const double Top = 60;
    private const double Bottom = 70;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const int TicksPerHalfDistance = 10;
    private const string BudgetColour = "#d62728";

    // Tableau 10 without its red (kept for the budget line), then black and two light tones: twelve distinct colours.
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000", "#aec7e8", "#98df8a"];

    /// <summary>The colour of series <paramref name="index"/>: distinct for every series of a chart, never the budget's red.</summary>
    public static string ColourOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < Palette.Length)
        {
            return Palette[index];
        }

        // Beyond the palette: hues a golden angle apart, lightness stepping so no two coincide.
        double hue = ((index - Palette.Length) * 137.507764) % 360;
        double lightness = 0.30 + (0.08 * ((index - Palette.Length) % 4));
        return Hsl(hue, 0.65, lightness);
    }

    public static string ToSvg(string title, IReadOnlyList<LatencySeries> series, long? budgetNanos = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        long deepestCount = series.Count == 0 ? 0 : series.Max(s => s.Histogram.TotalCount);
        int decades = Math.Clamp((int)Math.Ceiling(Math.Log10(Math.Max(deepestCount, 1))), 5, 7);
        (long lowNanos, long highNanos) = YRange(series, budgetNanos);
        var chart = new Chart(decades, Math.Log10(lowNanos), Math.Log10(highNanos));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left + (PlotWidth / 2)}\" y=\"34\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"bold\" fill=\"#222\">{Escape(title)}</text>\n");

        AppendYAxis(svg, chart);
        AppendXAxis(svg, chart);
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"plot\" x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>\n");

        if (budgetNanos is long budgetLine && budgetLine > 0)
        {
            double y = chart.Y(budgetLine);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"budget\" x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + PlotWidth}\" y2=\"{F(y)}\" stroke=\"{BudgetColour}\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"budget-label\" x=\"{Left + 8}\" y=\"{F(y - 6)}\" font-size=\"13\" fill=\"{BudgetColour}\">budget {FormatNanos(budgetLine)}</text>\n");
        }

        // Earlier series are drawn wider, so a line lying on a later one (queue under end-to-end) still shows at its edges.
        for (int i = 0; i < series.Count; i++)
        {
            if (series[i].Histogram.TotalCount > 0)
            {
                double width = series.Count == 1 ? 2.2 : 2.0 + (3.0 * (series.Count - 1 - i) / (series.Count - 1));
                svg.Append(CultureInfo.InvariantCulture,
                    $"<polyline class=\"series\" fill=\"none\" stroke=\"{ColourOf(i)}\" stroke-width=\"{F(width)}\" stroke-linejoin=\"round\" points=\"{Points(series[i].Histogram, chart)}\"/>\n");
            }
        }

        AppendLegend(svg, series);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>
    /// 1, 10, 100, ... ns, in the unit that reads best (10 ns, 1 µs, 100 ms, 1 s); other values to 3 significant digits.
    /// </summary>
    public static string FormatNanos(long nanos)
    {
        (double value, string unit) = nanos switch
        {
            < 1_000 => (nanos, "ns"),
            < 1_000_000 => (nanos / 1e3, "µs"),
            < 1_000_000_000 => (nanos / 1e6, "ms"),
            _ => (nanos / 1e9, "s"),
        };
        string format = value >= 100 ? "F0" : value >= 10 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>Whole decades of nanoseconds holding every recorded value and the budget with a decade above it: (10^a, 10^b), b &gt; a.</summary>
    internal static (long Low, long High) YRange(IReadOnlyList<LatencySeries> series, long? budgetNanos)
    {
        long min = long.MaxValue, max = 0;
        foreach (LatencySeries s in series)
        {
            if (s.Histogram.TotalCount > 0)
            {
                min = Math.Min(min, Math.Max(1, s.Histogram.MinValue));
                max = Math.Max(max, s.Histogram.MaxValue);
            }
        }

        int budgetCeiling = 0; // the budget line never lies on the plot's top edge: a decade above it stays in view
        if (budgetNanos is long budget && budget > 0)
        {
            min = Math.Min(min, budget);
            max = Math.Max(max, budget);
            budgetCeiling = (int)Math.Floor(Math.Log10(budget) + 1e-9) + 1;
        }

        if (max == 0)
        {
            return (1_000, 1_000_000); // nothing recorded: 1 µs to 1 ms
        }

        int low = (int)Math.Floor(Math.Log10(min) + 1e-9);
        int high = Math.Max(Math.Max(low + 1, budgetCeiling), (int)Math.Ceiling(Math.Log10(max) - 1e-9));
        return (Pow10(low), Pow10(Math.Min(high, 18)));
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
            points.Append(F(chart.X(lastX))).Append(',').Append(F(chart.Y(step.Value))).Append(' ');
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

    private static void AppendYAxis(StringBuilder svg, Chart chart)
    {
        int low = (int)Math.Round(chart.LogLow), high = (int)Math.Round(chart.LogHigh);
        for (int d = low; d <= high; d++)
        {
            long decade = Pow10(d);
            double py = chart.Y(decade);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{F(py)}\" x2=\"{Left + PlotWidth}\" y2=\"{F(py)}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"y-label\" x=\"{Left - 8}\" y=\"{F(py + 4)}\" text-anchor=\"end\" font-size=\"13\" fill=\"#333\">{FormatNanos(decade)}</text>\n");
            for (int m = 2; m <= 9 && d < high; m++)
            {
                double minor = chart.Y(decade * (double)m);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{Left}\" y1=\"{F(minor)}\" x2=\"{Left + PlotWidth}\" y2=\"{F(minor)}\" stroke=\"#f1f1f1\" stroke-width=\"1\"/>\n");
            }
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"24\" y=\"{Top + (PlotHeight / 2)}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#333\" transform=\"rotate(-90 24 {Top + (PlotHeight / 2)})\">Latency (log scale)</text>\n");
    }

    /// <summary>Beside the plot: each series' colour and name, and under it its p99 and max.</summary>
    private static void AppendLegend(StringBuilder svg, IReadOnlyList<LatencySeries> series)
    {
        if (series.Count == 0)
        {
            return;
        }

        double rowHeight = Math.Min(36, PlotHeight / series.Count);
        double x0 = Left + PlotWidth + 16;
        for (int i = 0; i < series.Count; i++)
        {
            Histogram h = series[i].Histogram;
            string stats = h.TotalCount == 0
                ? "(no data)"
                : $"p99 {FormatNanos(h.ValueAtPercentile(99))} · max {FormatNanos(h.MaxValue)} · {h.TotalCount.ToString("N0", CultureInfo.InvariantCulture)} timed";
            double y = Top + 12 + (i * rowHeight);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x0}\" y1=\"{F(y - 4)}\" x2=\"{x0 + 26}\" y2=\"{F(y - 4)}\" stroke=\"{ColourOf(i)}\" stroke-width=\"4\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"legend-entry\" x=\"{x0 + 34}\" y=\"{F(y)}\" font-size=\"13\" fill=\"#222\"><tspan font-weight=\"bold\">{Escape(series[i].Name)}</tspan><tspan x=\"{x0 + 34}\" dy=\"15\" font-size=\"12\" fill=\"#555\">{stats}</tspan></text>\n");
        }
    }

    private static long Pow10(int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private static string Hsl(double hue, double saturation, double lightness)
    {
        double c = (1 - Math.Abs((2 * lightness) - 1)) * saturation;
        double x = c * (1 - Math.Abs((hue / 60 % 2) - 1));
        double m = lightness - (c / 2);
        (double r, double g, double b) = hue switch
        {
            < 60 => (c, x, 0d),
            < 120 => (x, c, 0d),
            < 180 => (0d, c, x),
            < 240 => (0d, x, c),
            < 300 => (x, 0d, c),
            _ => (c, 0d, x),
        };
        return string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round((r + m) * 255):x2}{(int)Math.Round((g + m) * 255):x2}{(int)Math.Round((b + m) * 255):x2}");
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    private readonly record struct Chart(int Decades, double LogLow, double LogHigh)
    {
        public double X(double decades) => Left + (decades / Decades * PlotWidth);

        /// <summary>The y of a latency in nanoseconds, on the log axis; values below the axis sit on its floor.</summary>
        public double Y(double nanos)
        {
            double log = Math.Log10(Math.Max(nanos, 1));
            double fraction = Math.Clamp((log - LogLow) / (LogHigh - LogLow), 0, 1);
            return Top + PlotHeight - (fraction * PlotHeight);
        }
    }
}
