using System.Text;
using Engine.Cli.Journal;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Journal;

public sealed class BarsCsvWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bars-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static VolumeBar Bar() => new()
    {
        Open = Price.Parse("61712.4"), High = Price.Parse("61720"), Low = Price.Parse("61700.1"), Close = Price.Parse("61715.2"),
        Volume = Quantity.Parse("10"), BuyVolume = Quantity.Parse("3.5"), SellVolume = Quantity.Parse("6.5"), Vwap = 61710.25,
        Trades = 412, FirstTradeTimeMs = 1_723_161_256_031, LastTradeTimeMs = 1_723_161_261_000,
    };

    private static string Line(in VolumeBar bar, in IndicatorValues indicators)
    {
        var line = new Utf8LineBuffer();
        BarsCsvWriter.Format(line, in bar, in indicators);
        return Encoding.ASCII.GetString(line.Written);
    }

    [Fact]
    public void Format_WarmingUpIndicators_LeaveTheirCellsEmpty_AndTimesKeepMilliseconds()
    {
        IndicatorValues indicators = IndicatorValues.Empty;
        indicators.EmaFast = 61711.5;
        Assert.Equal(
            "2024-08-08T23:54:16.031Z,2024-08-08T23:54:21.000Z,61712.4,61720,61700.1,61715.2,10,3.5,6.5,-3,61710.25,412,61711.5,,,,,,\n",
            Line(Bar(), indicators));
    }

    [Fact]
    public void Format_WarmIndicators_AreShortestRoundTripDoubles()
    {
        var indicators = new IndicatorValues
        {
            EmaFast = 0.1 + 0.2, EmaSlow = 61700, Rsi = 55.5, BbUpper = 1e-05, BbMiddle = 2.5, BbLower = -1.25, Atr = 12.125,
        };
        string[] cells = Line(Bar(), indicators).TrimEnd('\n').Split(',');
        Assert.Equal(["0.30000000000000004", "61700.0", "55.5", "1e-05", "2.5", "-1.25", "12.125"], cells[12..]);
        Assert.Equal(0.1 + 0.2, double.Parse(cells[12], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Writer_ReopenedFile_AppendsWithoutASecondHeader()
    {
        string path = Path.Combine(_dir, "bars.csv");
        using (var w = new BarsCsvWriter(path))
        {
            w.Write(Bar(), IndicatorValues.Empty);
        }

        using (var w = new BarsCsvWriter(path))
        {
            w.Write(Bar(), IndicatorValues.Empty);
        }

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Start,End,Open,", lines[0], StringComparison.Ordinal);
        Assert.Equal(lines[1], lines[2]);
    }

    [Fact]
    public void Write_AfterWarmUp_AllocatesNothingPerBar()
    {
        using var w = new BarsCsvWriter(Path.Combine(_dir, "bars.csv"));
        VolumeBar bar = Bar();
        var indicators = new IndicatorValues { EmaFast = 1.5, EmaSlow = 2.25, Rsi = 50, BbUpper = 3, BbMiddle = 2, BbLower = 1, Atr = 0.75 };
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                bar.LastTradeTimeMs += 17;
                w.Write(in bar, in indicators);
            }
        });
    }
}
