using System.Globalization;
using System.Xml.Linq;
using Engine.Metrics;
using Engine.Metrics.Reporting;

namespace Engine.Tests.Metrics.Reporting;

public class LatencyChartWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void ToSvg_TwoSeriesAndBudget_IsWellFormedWithOneLinePerSeriesLegendAndDashedBudget()
    {
        var series = new[]
        {
            new LatencySeries("parse <fast>", Sample("lognormal", 11)),
            new LatencySeries("end-to-end", Sample("bimodal", 12)),
        };

        var svg = XDocument.Parse(LatencyChartWriter.ToSvg("Latency & more", series, budgetNanos: 700_000));

        Assert.Equal(2, svg.Descendants(Svg + "polyline").Count());
        XElement[] legend = [.. svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend-entry")];
        Assert.Equal(2, legend.Length);
        Assert.Equal(["parse <fast>", "end-to-end"], legend.Select(e => e.Elements(Svg + "tspan").First().Value));
        Assert.All(legend, e => Assert.StartsWith("p99 ", e.Elements(Svg + "tspan").Last().Value, StringComparison.Ordinal));
        XElement budget = Assert.Single(svg.Descendants(Svg + "line"), l => (string?)l.Attribute("class") == "budget");
        Assert.NotNull(budget.Attribute("stroke-dasharray"));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "Latency & more");
    }

    [Fact]
    public void ToSvg_XAxis_IsLabelledFromFiftyToFiveNinesPercent()
    {
        var svg = XDocument.Parse(LatencyChartWriter.ToSvg("x", [new LatencySeries("s", Sample("uniform", 1))]));

        string[] labels = [.. svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "x-label").Select(t => t.Value)];

        Assert.Equal(["50%", "90%", "99%", "99.9%", "99.99%", "99.999%"], labels);
    }

    [Fact]
    public void ToSvg_SeriesLine_RisesLeftToRightAndStaysInsideThePlot()
    {
        var svg = XDocument.Parse(LatencyChartWriter.ToSvg("x", [new LatencySeries("s", Sample("exponential", 2))], budgetNanos: null));

        Assert.DoesNotContain(svg.Descendants(Svg + "line"), l => (string?)l.Attribute("class") == "budget");
        (double X, double Y)[] points = [.. svg.Descendants(Svg + "polyline").Single().Attribute("points")!.Value
            .Split(' ')
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];
        Assert.True(points.Length > 20);
        for (int i = 1; i < points.Length; i++)
        {
            Assert.True(points[i].X >= points[i - 1].X, "x goes right");
            Assert.True(points[i].Y <= points[i - 1].Y, "latency goes up (svg y goes down)");
        }

        // Plot area: x 90..770, y 60..510 (1100x580 canvas, margins 90/330/60/70; the legend is right of the plot).
        Assert.All(points, p => Assert.InRange(p.X, 90.0, 770.0));
        Assert.All(points, p => Assert.InRange(p.Y, 60.0, 510.0));
    }

    [Fact]
    public void ToSvg_TenSeries_EachItsOwnColour_NoneTheBudgets()
    {
        LatencySeries[] series = [.. Enumerable.Range(0, 10).Select(i => new LatencySeries($"s{i}", Sample("lognormal", i + 1)))];

        var svg = XDocument.Parse(LatencyChartWriter.ToSvg("x", series, budgetNanos: 100_000_000));

        string[] colours = [.. svg.Descendants(Svg + "polyline").Select(p => (string)p.Attribute("stroke")!)];
        string budget = (string)svg.Descendants(Svg + "line").Single(l => (string?)l.Attribute("class") == "budget").Attribute("stroke")!;
        Assert.Equal(10, colours.Length);
        Assert.Equal(10, colours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(budget, colours, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void ColourOf_FiftySeries_AllDistinct() =>
        Assert.Equal(50, Enumerable.Range(0, 50).Select(LatencyChartWriter.ColourOf).Distinct(StringComparer.OrdinalIgnoreCase).Count());

    [Fact]
    public void ToSvg_YAxis_IsLogarithmic_EqualStepsPerDecade_FromTheFastestValueToTheBudget()
    {
        // 10 ns .. 1 µs recorded, budget 100 ms: every decade from 10 ns to 1 s (a decade above the budget), equally spaced.
        var fast = new Histogram(1, 60_000_000_000, 3);
        fast.RecordValue(10);
        fast.RecordValue(1_000);
        var svg = XDocument.Parse(LatencyChartWriter.ToSvg("x", [new LatencySeries("stage", fast)], budgetNanos: 100_000_000));

        XElement[] labels = [.. svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "y-label")];
        Assert.Equal(["10 ns", "100 ns", "1 µs", "10 µs", "100 µs", "1 ms", "10 ms", "100 ms", "1 s"], labels.Select(l => l.Value));
        double[] ys = [.. labels.Select(l => double.Parse((string)l.Attribute("y")!, CultureInfo.InvariantCulture))];
        double decade = ys[0] - ys[1];
        Assert.True(decade > 20);
        Assert.All(ys.Zip(ys.Skip(1)), p => Assert.Equal(decade, p.First - p.Second, precision: 0));

        // The budget line lies on the 100 ms gridline (labels sit 4 px below their line).
        double budgetY = double.Parse((string)svg.Descendants(Svg + "line").Single(l => (string?)l.Attribute("class") == "budget").Attribute("y1")!, CultureInfo.InvariantCulture);
        Assert.Equal(ys[^2] - 4, budgetY, precision: 0);
    }

    [Theory]
    [InlineData(10, "10 ns")]
    [InlineData(1_000, "1 µs")]
    [InlineData(41_234, "41.2 µs")]
    [InlineData(100_000_000, "100 ms")]
    [InlineData(2_050_000_000, "2.05 s")]
    public void FormatNanos_ReadableUnitThreeDigits(long nanos, string expected) =>
        Assert.Equal(expected, LatencyChartWriter.FormatNanos(nanos));

    private static Histogram Sample(string distribution, int seed) =>
        LatencyReportTests.Record(SampleDistributions.Generate(distribution, 20_000, seed));
}
