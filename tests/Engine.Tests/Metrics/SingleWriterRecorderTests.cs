using Engine.Metrics;
using Engine.Tests.Support;

namespace Engine.Tests.Metrics;

public class SingleWriterRecorderTests
{
    [Fact]
    public void SwapInterval_ReturnsWhatWasRecordedSinceTheLastSwap()
    {
        var recorder = new SingleWriterRecorder(1, 1_000_000, 3);
        recorder.RecordValue(10);
        recorder.RecordValue(20);

        var first = recorder.SwapInterval();
        Assert.Equal(2, first.TotalCount);
        Assert.Equal(20, first.MaxValue);

        recorder.RecordValueWithCount(30, 3);
        var second = recorder.SwapInterval();
        Assert.Equal(3, second.TotalCount);
        Assert.Equal(30, second.MinValue);

        var third = recorder.SwapInterval();
        Assert.Equal(0, third.TotalCount); // the reused histogram was reset before it went back to the writer
    }

    [Fact]
    public void Intervals_UnderConcurrentWriter_SumToEveryRecordedValueExactlyOnce()
    {
        const int ValueCount = 1_000_000;
        var recorder = new SingleWriterRecorder(1, 1_000_000, 3);
        var total = new Histogram(1, 1_000_000, 3);
        int intervals = 0;
        int finished = 0;

        var writer = new Thread(() =>
        {
            for (int i = 0; i < ValueCount; i++)
            {
                recorder.RecordValue((i % 2000) + 1); // below 2048: one value per slot
            }

            Volatile.Write(ref finished, 1);
        });
        writer.Start();

        while (Volatile.Read(ref finished) == 0)
        {
            AddInterval(recorder.SwapInterval());
        }

        writer.Join();
        AddInterval(recorder.SwapInterval()); // whatever the writer recorded after the last swap

        Assert.Equal(ValueCount, total.TotalCount);
        for (long v = 1; v <= 2000; v++)
        {
            Assert.Equal(ValueCount / 2000, total.CountAtValue(v)); // naive: each residue appears N/2000 times
        }

        void AddInterval(Histogram interval)
        {
            // A consistent snapshot: the total the writer kept equals the sum of its counts.
            long sum = 0;
            for (int i = 0; i < interval.CountsArrayLength; i++)
            {
                sum += interval.CountAtIndex(i);
            }

            Assert.Equal(interval.TotalCount, sum);
            total.Add(interval);
            intervals++;
        }
    }

    [Fact]
    public void RecordAndSwap_WarmPath_AllocateNothing()
    {
        var recorder = new SingleWriterRecorder(1, SampleDistributions.HighestTrackable, 3);
        var total = new Histogram(1, SampleDistributions.HighestTrackable, 3);

        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                recorder.RecordValue(i * 1000L);
            }

            recorder.RecordValueWithCount(5, 2);
            recorder.RecordValueWithExpectedInterval(50_000, 10_000);
            recorder.AddIntervalTo(total);
        });
        Assert.Equal(2 * (10_000 + 2 + 5), total.TotalCount);
    }
}
