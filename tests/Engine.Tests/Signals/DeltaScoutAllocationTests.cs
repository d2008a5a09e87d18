using Engine.Model;
using Engine.Signals;
using Engine.Tests.Support;

namespace Engine.Tests.Signals;

public class DeltaScoutAllocationTests
{
    [Fact]
    public void OnRow_AfterWarmUp_AllocatesNothing()
    {
        AggregatedRow[] rows = SyntheticFeed.Generate(31, 12_000, coarse: true, hasClose: true);
        var d = new DeltaScoutDetector(new DeltaScoutOptions { Chop30Max = 50, Coh10Min = 0, ImbMin = 0, ImbMax = 1 });
        int peaks = 0;
        int next = 0;
        void Feed(int count)
        {
            for (int end = next + count; next < end; next++)
            {
                d.OnRow(in rows[next], out DeltaScoutEvaluation e);
                peaks += e.HasPeak ? 1 : 0;
            }
        }

        Feed(2_000); // warm-up: JIT tiers, every branch taken once
        long warm = Allocations.Measure(() => Feed(2_000));
        long bytes = Allocations.Measure(() => Feed(8_000));
        Assert.True(bytes == 0, $"{bytes} bytes over 8,000 rows (warm-up second pass: {warm})");
        Assert.True(peaks > 0);
    }
}
