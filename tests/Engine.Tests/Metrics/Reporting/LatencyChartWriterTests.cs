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

        // Plot area: x 90..910, y 60..490 (960x560 canvas, margins 90/50/60/70).
        Assert.All(points, p => Assert.InRange(p.X, 90.0, 910.0));
        Assert.All(points, p => Assert.InRange(p.Y, 60.0, 490.0));
    }

    [Theory]
    [InlineData(89.919, 100, 20)] // 89.919 · 1.05 / 6 = 15.7 → step 20, top ceil(94.4 / 20) · 20
    [InlineData(1.427, 1.5, 0.5)] // 0.25 → step 0.5, top ceil(1.498 / 0.5 = 2.997) · 0.5
    [InlineData(0, 1, 0.2)]
    public void NiceScale_PicksOneTwoFiveSteps(double max, double expectedTop, double expectedStep)
    {
        (double top, double step) = LatencyChartWriter.NiceScale(max);

        Assert.Equal(expectedTop, top, precision: 9);
        Assert.Equal(expectedStep, step, precision: 9);
    }

    private static Histogram Sample(string distribution, int seed) =>
        LatencyReportTests.Record(SampleDistributions.Generate(distribution, 20_000, seed));
}
