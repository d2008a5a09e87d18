using Engine.Cli.Run;
using Engine.Metrics;

namespace Engine.Tests.Cli.Run;

public sealed class HistogramStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-hist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveThenLoad_KeepsEveryPercentileCountAndOverflow()
    {
        var h = new Histogram(1, 60_000_000_000, 3);
        for (long v = 1; v <= 100_000; v += 7)
        {
            h.RecordValue(v * 13);
        }

        h.RecordValueWithCount(5_000_000, 3);
        h.RecordValue(90_000_000_000); // above the trackable range: counted as overflow
        var empty = new Histogram(1, 1000, 2);
        string path = Path.Combine(_dir, HistogramStore.FileName);

        HistogramStore.Save(path, [("a", h), ("empty", empty)]);
        var loaded = HistogramStore.Load(path);

        Assert.Equal(["a", "empty"], loaded.Select(s => s.Name));
        Histogram back = loaded[0].Histogram;
        Assert.Equal(h.TotalCount, back.TotalCount);
        Assert.Equal(h.OverflowCount, back.OverflowCount);
        Assert.Equal(h.MinValue, back.MinValue);
        Assert.Equal(h.MaxValue, back.MaxValue);
        foreach (double p in new[] { 0.0, 1, 25, 50, 90, 99, 99.9, 99.99, 100 })
        {
            Assert.Equal(h.ValueAtPercentile(p), back.ValueAtPercentile(p));
        }

        Assert.Equal(0, loaded[1].Histogram.TotalCount);
        Assert.Equal(1000, loaded[1].Histogram.HighestTrackableValue);
    }

    [Fact]
    public void Load_NotAHistogramFile_IsBadInput()
    {
        string path = Path.Combine(_dir, "x.json");
        File.WriteAllText(path, """{"series":[{"name":1}]}""");

        Assert.Throws<InvalidDataException>(() => HistogramStore.Load(path));
    }
}
